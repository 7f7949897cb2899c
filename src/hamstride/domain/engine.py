"""Walk a timeline in real time: which segment is on, how long is left, which cues are due.

The engine never reads a clock by itself: it calls the one it is given. Each
segment's start is derived from the previous one's planned end, never from
when a tick happened to arrive, so late or skipped ticks cannot make the
session drift, and every cue is reported exactly once.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from hamstride.domain.cues import Cue, CueKind
from hamstride.domain.kinds.base import Action
from hamstride.domain.model import Side
from hamstride.domain.plan import Segment, Timeline
from hamstride.domain.result import RunResult, SideResult, StepResult, StepStatus

Clock = Callable[[], float]
LOOK_AHEAD = 4  # segments searched for the next cue
SAME_INSTANT = 1e-6  # cues this close together fall due in the same tick
BACK_GRACE = 3.0  # "back" within this many seconds of a step's start goes to the step before


@dataclass(frozen=True)
class Snapshot:
    """Everything the screen needs to draw one frame, and the cues to play now."""

    segment: Segment | None  # None once the session is over
    local: float  # seconds into the segment
    remaining: float | None  # None for an open-ended segment
    elapsed: float  # session seconds run, pauses excluded
    remaining_total: float  # estimate of what is left of the session
    reps_counted: int  # self-paced reps the runner has counted in this set
    paused: bool
    started: bool
    finished: bool
    completed: bool
    cues: tuple[Cue, ...] = ()

    @property
    def progress(self) -> float:
        """Fraction of the current segment done, 0 for an open one."""
        if self.segment is None:
            return 1.0
        if self.segment.duration is None:
            return 0.0
        return min(1.0, self.local / self.segment.duration)


@dataclass
class _Tally:
    sets_done: int = 0
    reps_done: int = 0
    lost: set[tuple[int, int]] = field(default_factory=set)  # (set, rep)
    active: float = 0.0
    reached: bool = False


class Engine:
    def __init__(self, timeline: Timeline, clock: Clock) -> None:
        self.timeline = timeline
        self._clock = clock
        self._segments = timeline.segments
        self._index = 0
        self._segment_start = 0.0  # clock time the current segment began (pauses shifted out)
        self._next_cue = 0
        self._started_at: float | None = None
        self._paused_at: float | None = None
        self._paused_total = 0.0
        self._finished = False
        self._completed = False
        self._counted = 0  # self-paced reps in the current set
        self._pending: list[Cue] = []  # cues raised by the runner's actions, reported next tick
        self._tallies: dict[tuple[int, Side | None], _Tally] = {}
        self._end_time: float | None = None

    # -- reading -----------------------------------------------------------

    @property
    def started(self) -> bool:
        return self._started_at is not None

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    @property
    def finished(self) -> bool:
        return self._finished

    @property
    def current(self) -> Segment | None:
        return None if self._finished else self._segments[self._index]

    # -- driving -----------------------------------------------------------

    def start(self, at_step: int = 0) -> None:
        """Start the clock at a step (a resumed session); the next tick reports its opening cues."""
        if self._started_at is not None:
            return
        now = self._clock()
        self._started_at = now
        self._segment_start = now
        if not self._segments or at_step >= len(self.timeline.step_starts):
            self._finish(completed=True, now=now)
        else:
            self._index = self.timeline.step_starts[max(0, at_step)]
            self._tally(self._segments[self._index]).reached = True

    def tick(self) -> Snapshot:
        """Advance to now and report the cues that fell due since the last tick."""
        now = self._now()
        fired = self._pending
        self._pending = []
        if self._started_at is not None and not self._paused_at:
            self._advance(now, fired)
        return self._snapshot(now, tuple(fired))

    def _advance(self, now: float, fired: list[Cue]) -> None:
        while not self._finished:
            segment = self._segments[self._index]
            local = now - self._segment_start
            cues = segment.cues
            while self._next_cue < len(cues) and cues[self._next_cue].at <= local:
                fired.append(cues[self._next_cue])
                self._next_cue += 1
            if segment.duration is None or local < segment.duration:
                return
            self._complete(segment, segment.duration)
            self._enter(self._index + 1, self._segment_start + segment.duration, now)

    def wake_in(self) -> float | None:
        """Seconds until anything changes on its own: a cue, a segment's end, or the
        countdown's next whole second. None while nothing will (paused, open-ended, over)."""
        if not self.started or self._finished or self._paused_at is not None:
            return None
        segment = self._segments[self._index]
        if segment.duration is None:
            return None
        local = self._clock() - self._segment_start
        candidates = [segment.duration - local]
        if self._next_cue < len(segment.cues):
            candidates.append(segment.cues[self._next_cue].at - local)
        remaining = segment.duration - local
        # The countdown shows whole seconds rounded up: it changes when remaining crosses one.
        fraction = remaining - math.floor(remaining)
        if fraction > 1e-9:
            candidates.append(fraction)
        return max(0.0, min(candidates))

    def next_cues(self) -> tuple[float, tuple[Cue, ...]] | None:
        """The cues that will fall due next if nothing is pressed, and in how many seconds.

        A sound thread can wait for them and play them on the beat, before the
        screen's next frame. None while nothing is scheduled (paused, open-ended, over).
        """
        if not self.started or self._finished or self._paused_at is not None:
            return None
        local = self._clock() - self._segment_start
        offset = 0.0  # where each segment starts, from the current segment's start
        first = self._next_cue
        due: float | None = None
        found: list[Cue] = []
        for segment in self._segments[self._index:self._index + LOOK_AHEAD]:
            for cue in segment.cues[first:]:
                if math.isinf(cue.at):
                    break
                at = offset + cue.at
                if due is None:
                    due = at
                elif at - due > SAME_INSTANT:
                    return max(0.0, due - local), tuple(found)
                found.append(cue)
            if segment.duration is None:
                break
            offset += segment.duration
            if due is not None and offset - due > SAME_INSTANT:
                break
            first = 0
        if due is None:
            return None
        return max(0.0, due - local), tuple(found)

    def pause(self) -> None:
        if self.started and not self._finished and self._paused_at is None:
            now = self._clock()
            self._advance(now, self._pending)  # cues due before the pause are still reported
            self._paused_at = now

    def resume(self) -> None:
        if self._paused_at is not None:
            gap = self._clock() - self._paused_at
            self._segment_start += gap
            self._paused_total += gap
            self._paused_at = None

    def toggle_pause(self) -> None:
        self.resume() if self.paused else self.pause()

    def skip(self) -> None:
        """Skip a get-ready, rest or side switch; during work, skip the rest of the step."""
        segment = self._live_segment()
        if segment is None:
            return
        now = self._now()
        local = now - self._segment_start
        if segment.is_transition:
            target = self._index + 1
        else:
            target = self.timeline.step_end(segment.step_index)
            self._tally(segment).active += max(0.0, local)
        self._enter(target, now, now)

    def back(self) -> None:
        """Back to the start of this step, or of the previous one when this one just began."""
        segment = self._live_segment()
        if segment is None:
            return
        now = self._now()
        step = segment.step_index
        first = self.timeline.step_starts[step]
        into_step = (segment.start - self._segments[first].start) + (now - self._segment_start)
        if into_step < BACK_GRACE and step > 0:
            step -= 1
        # The step will be done again: what was counted of it so far no longer stands.
        for key in [k for k in self._tallies if k[0] >= step]:
            del self._tallies[key]
        self._enter(self.timeline.step_starts[step], now, now)

    def count_rep(self) -> None:
        """The runner did one self-paced rep; the set ends itself at the planned count."""
        segment = self._live_segment()
        if segment is None or not segment.allows(Action.COUNT_REP):
            return
        self._counted += 1
        if self._counted >= segment.reps:
            self._end_open_segment(segment)
        else:
            # The count rides on the cue so a voice can say it.
            self._pending.append(Cue(CueKind.REP_DONE, self._now() - self._segment_start, self._counted))

    def finish_set(self) -> None:
        """The runner marks a self-paced set done, whatever the count."""
        segment = self._live_segment()
        if segment is not None and segment.allows(Action.FINISH_SET):
            self._end_open_segment(segment)

    def mark_lost_control(self) -> bool:
        """Flag the current rep: control was lost (a Nordic's fall no longer braked)."""
        segment = self._live_segment()
        if segment is None or segment.rep is None or not segment.allows(Action.LOST_CONTROL):
            return False
        self._tally(segment).lost.add((segment.set, segment.rep))
        return True

    def finish_early(self) -> None:
        if self.started and not self._finished:
            now = self._now()
            segment = self._segments[self._index]
            if not segment.is_transition:
                self._tally(segment).active += max(0.0, now - self._segment_start)
            self._finish(completed=False, now=now)

    # -- results -----------------------------------------------------------

    def result(self) -> RunResult:
        steps = []
        for index, step in enumerate(self.timeline.session.steps):
            sides: tuple[Side | None, ...] = (Side.LEFT, Side.RIGHT) if step.sides else (None,)
            tallies = [self._tallies.get((index, side), _Tally()) for side in sides]
            results = tuple(SideResult(
                side=side, sets_done=t.sets_done, reps_done=t.reps_done,
                reps_lost_control=len(t.lost), active_seconds=round(t.active, 3),
            ) for side, t in zip(sides, tallies))
            steps.append(StepResult(
                index=index, name=step.name, kind=step.kind, eccentric=step.eccentric,
                planned_sets=step.sets,
                planned_reps=step.kind.planned_reps(step),
                sides=results, status=_status(step.sets, tallies), exercise=step.exercise, main=step.main,
            ))
        return RunResult(
            session_name=self.timeline.session.name, title=self.timeline.session.title,
            completed=self._completed, elapsed_seconds=round(self._elapsed(self._now()), 3),
            steps=tuple(steps),
        )

    # -- internals ---------------------------------------------------------

    def _now(self) -> float:
        if self._end_time is not None:
            return self._end_time
        return self._paused_at if self._paused_at is not None else self._clock()

    def _live_segment(self) -> Segment | None:
        if not self.started or self._finished:
            return None
        if self._paused_at is None:
            self._advance(self._clock(), self._pending)
        return None if self._finished else self._segments[self._index]

    def _tally(self, segment: Segment) -> _Tally:
        return self._tallies.setdefault((segment.step_index, segment.side), _Tally())

    def _complete(self, segment: Segment, seconds: float) -> None:
        tally = self._tally(segment)
        if not segment.is_transition:
            tally.active += seconds
        if segment.ends_rep:
            tally.reps_done += 1
        if segment.ends_set:
            tally.sets_done += 1

    def _end_open_segment(self, segment: Segment) -> None:
        now = self._now()
        local = now - self._segment_start
        self._pending.extend(c for c in segment.cues[self._next_cue:])
        tally = self._tally(segment)
        tally.active += local
        tally.reps_done += self._counted
        if self._counted > 0:
            tally.sets_done += 1
        self._enter(self._index + 1, now, now)

    def _enter(self, index: int, segment_start: float, now: float) -> None:
        self._counted = 0
        self._next_cue = 0
        self._segment_start = segment_start
        if index >= len(self._segments):
            self._finish(completed=True, now=segment_start)
            return
        self._index = index
        self._tally(self._segments[index]).reached = True

    def _finish(self, *, completed: bool, now: float) -> None:
        self._finished = True
        self._completed = completed
        self._end_time = now
        self._paused_at = None

    def _elapsed(self, now: float) -> float:
        if self._started_at is None:
            return 0.0
        return now - self._started_at - self._paused_total

    def _snapshot(self, now: float, cues: tuple[Cue, ...]) -> Snapshot:
        if self._finished or self._started_at is None:
            segment = None if self._finished else (self._segments[0] if self._segments else None)
            total = 0.0 if self._finished else self.timeline.total
            return Snapshot(segment=segment, local=0.0, remaining=segment.duration if segment else None,
                            elapsed=self._elapsed(now), remaining_total=total, reps_counted=0,
                            paused=False, started=self.started, finished=self._finished,
                            completed=self._completed, cues=cues)
        segment = self._segments[self._index]
        local = max(0.0, now - self._segment_start)
        remaining = None if segment.duration is None else max(0.0, segment.duration - local)
        later = self.timeline.after(self._index)
        left_here = remaining if remaining is not None else max(0.0, segment.estimate - local)
        return Snapshot(
            segment=segment, local=local, remaining=remaining, elapsed=self._elapsed(now),
            remaining_total=left_here + later, reps_counted=self._counted,
            paused=self._paused_at is not None, started=True, finished=False, completed=False,
            cues=cues,
        )


def _status(planned_sets: int, tallies: list[_Tally]) -> StepStatus:
    if all(t.sets_done >= planned_sets for t in tallies):
        return StepStatus.DONE
    if any(t.sets_done or t.reps_done or t.active > 0 for t in tallies):
        return StepStatus.PARTIAL
    if any(t.reached for t in tallies):
        return StepStatus.SKIPPED
    return StepStatus.NOT_REACHED
