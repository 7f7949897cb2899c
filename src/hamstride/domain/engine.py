"""Walk a timeline in real time: which segment is on, how long is left, which cues are due.

The engine never reads a clock by itself: it calls the one it is given. Each
segment's start is derived from the previous one's planned end, never from
when a tick happened to arrive, so late ticks cannot make the session drift,
and every cue is reported exactly once. A gap in the clock longer than
`max_gap` (a suspended laptop, a stopped process) is not a late tick: the run
pauses where the gap began and nothing is credited for it.

What the runner did is kept set by set, so ending a set early keeps its reps,
going back redoes only one set, and a resumed run starts at the set where it
stopped.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from hamstride.domain.cues import Cue, CueKind
from hamstride.domain.kinds.base import StepKind
from hamstride.domain.phase import Action
from hamstride.domain.model import Side
from hamstride.domain.plan import Phase, Segment, SetSpan, Timeline, get_ready_before
from hamstride.domain.result import Position, RunResult, SetDone, SideResult, StepResult, StepStatus

Clock = Callable[[], float]
LOOK_AHEAD = 4  # segments searched for the next cue
SAME_INSTANT = 1e-6  # cues this close together fall due in the same tick
BACK_GRACE = 3.0  # "back" within this many seconds of a set's start goes to the set before
OFFER_SECONDS = 4.0  # a second skip within this long passes over the rest of the step; later, just the rest


class Snapshot(NamedTuple):
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
    upcoming: Segment | None = None  # the next work: what "Next:" shows
    slept: float | None = None  # the clock jumped this many seconds: the run paused where it began
    skip_offer: str = ""  # a step whose rest another skip would pass over ("press n again...")

    @property
    def progress(self) -> float:
        """Fraction of the current segment done, 0 for an open one."""
        if self.segment is None:
            return 1.0
        if self.segment.duration is None:
            return 0.0
        return min(1.0, self.local / self.segment.duration)


@dataclass
class _SetTally:
    """What the runner has done of one set on one side so far."""

    reps: int = 0
    lost: set[int] = field(default_factory=set)  # rep numbers
    active: float = 0.0
    complete: bool = False  # every planned rep or second of it


class Engine:
    def __init__(self, timeline: Timeline, clock: Clock, *, max_gap: float | None = None,
                 done: Iterable[SetDone] = ()) -> None:
        self.timeline = timeline
        self._clock = clock
        self._max_gap = max_gap
        self._segments = timeline.segments
        self._spans = timeline.set_spans
        self._index = 0
        self._interlude: Segment | None = None  # a get-ready the runner's keys put before segment _index
        self._segment_start = 0.0  # clock time the current segment began (pauses shifted out)
        self._next_cue = 0
        self._started_at: float | None = None
        self._paused_at: float | None = None
        self._paused_total = 0.0
        self._last_seen = 0.0
        self._slept: float | None = None
        self._finished = False
        self._completed = False
        self._counted = 0  # self-paced reps in the current set
        self._pending: list[Cue] = []  # cues raised by the runner's actions, reported next tick
        self._sets: dict[tuple[int, Side | None, int], _SetTally] = {}
        self._reached: set[int] = set()
        self._span_entered = (-1, 0.0)  # the set span last started, and when
        self._offer_step: int | None = None  # a second skip passes over the rest of this step
        self._offer_until = 0.0  # ...while the clock is before this
        # A step's last set ended by a skip: a second skip at once (meant for "the rest of
        # the step", of which there is none) must not also pass the next step's get-ready.
        self._ready_kept_until = 0.0
        self._end_time: float | None = None
        for item in done:
            self._sets[(item.step, item.side, item.set)] = _SetTally(
                item.reps, set(item.lost), item.active, item.complete)
            self._reached.add(item.step)

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
        if self._finished:
            return None
        return self._interlude or self._segments[self._index]

    def position(self) -> Position | None:
        """The set under way or coming next: where a resumed run would start."""
        if self._finished or not self._spans:
            return None
        span = self._span_at(self._index, before=False)
        if span is None:
            return Position(self._segments[self._index].step_index, 1, None) if self._segments else None
        return Position(span.step, span.set, span.side)

    def sets_done(self) -> tuple[SetDone, ...]:
        """What was done, set by set: what a journal keeps so a run can go on from it."""
        return tuple(SetDone(step=step, side=side, set=number, reps=t.reps, lost=tuple(sorted(t.lost)),
                             active=round(t.active, 3), complete=t.complete)
                     for (step, side, number), t in sorted(self._sets.items(), key=_set_order)
                     if t.reps or t.active > 0 or t.complete)

    # -- driving -----------------------------------------------------------

    def start(self, at: Position | int = 0) -> None:
        """Start the clock, at a step or at a set (a resumed run); the next tick reports the opening cues."""
        if self._started_at is not None:
            return
        now = self._clock()
        self._started_at = self._last_seen = now
        self._segment_start = now
        if isinstance(at, int):
            at = Position(at, 1, None)
        self._reached.update(range(min(at.step, len(self.timeline.step_starts))))
        if not self._segments or at.step >= len(self.timeline.step_starts):
            self._finish(completed=True, now=now)
            return
        span = next((s for s in self._spans if (s.step, s.set, s.side) == (at.step, at.set, at.side)), None)
        if span is None or (span.set == 1 and span.start == self.timeline.step_starts[span.step]):
            self._enter(self.timeline.step_starts[max(0, at.step)], now, now)
        else:
            self._enter_span(span, now)

    def tick(self) -> Snapshot:
        """Advance to now and report the cues that fell due since the last tick."""
        now = self._now()
        self._notice_gap()
        fired = self._pending
        self._pending = []
        if self._started_at is not None and not self._paused_at:
            self._advance(now, fired)
        return self._snapshot(self._now(), tuple(fired))

    def _advance(self, now: float, fired: list[Cue]) -> None:
        self._last_seen = max(self._last_seen, now)
        while not self._finished:
            segment = self.current
            assert segment is not None
            local = now - self._segment_start
            cues = segment.cues
            while self._next_cue < len(cues) and cues[self._next_cue].at <= local:
                fired.append(cues[self._next_cue])
                self._next_cue += 1
            if segment.duration is None or local < segment.duration:
                return
            end = self._segment_start + segment.duration
            if self._interlude is not None:  # the get-ready before a set is over: into the set
                self._interlude = None
                self._segment_start, self._next_cue = end, 0
                self._set_begins(self._index)
                continue
            self._complete(segment, segment.duration)
            self._enter(self._index + 1, end, now)

    def wake_in(self) -> float | None:
        """Seconds until anything changes on its own: a cue, a segment's end, or the
        countdown's next whole second. None while nothing will (paused, open-ended, over)."""
        if not self.started or self._finished or self._paused_at is not None:
            return None
        segment = self.current
        assert segment is not None
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
        coming = self._segments[self._index:self._index + LOOK_AHEAD]
        if self._interlude is not None:
            coming = (self._interlude, *coming[:-1])
        for segment in coming:
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
            if self._notice_gap():
                return
            now = self._clock()
            self._advance(now, self._pending)  # cues due before the pause are still reported
            self._paused_at = now

    def resume(self) -> None:
        if self._paused_at is not None:
            now = self._clock()
            gap = now - self._paused_at
            self._segment_start += gap
            self._paused_total += gap
            self._paused_at = None
            self._last_seen = now
            self._slept = None

    def toggle_pause(self) -> None:
        self.resume() if self.paused else self.pause()

    def skip(self) -> None:
        """Pass a get-ready, rest or side switch; during work, end the set (what was done stays).

        Right after a set was ended that way, a second skip passes over the rest of
        its step, both sides; the snapshot's `skip_offer` says so to the runner."""
        segment = self._live_segment()
        if segment is None:
            return
        now = self._now()
        if segment.is_transition or segment.step.kind.is_break:
            if segment.phase is Phase.GET_READY and now < self._ready_kept_until:
                return
            if self._offer_step == segment.step_index and now < self._offer_until:
                self._enter(self.timeline.step_end(segment.step_index), now, now)
            elif self._interlude is not None:
                self._interlude = None
                self._segment_start, self._next_cue = now, 0
                self._set_begins(self._index)
            elif segment.phase is Phase.REST and not segment.step.kind.is_break:
                # Back from the laptop to the start position: never straight into work.
                self._enter(self._index + 1, now, now, get_ready=True)
            else:
                self._enter(self._index + 1, now, now)
            return
        span = self._span_at(self._index, before=False)
        self._end_work(segment, now)
        if span is None:
            self._enter(self._index + 1, now, now)
            return
        more = span.end < self.timeline.step_end(span.step)
        self._enter(span.end, now, now, get_ready=more and not self._segments[span.end].is_transition)
        if more:
            self._offer_step, self._offer_until = span.step, now + OFFER_SECONDS
        else:
            self._ready_kept_until = now + OFFER_SECONDS

    def back(self) -> None:
        """Back to the start of this set; when it has only just begun, to the set before,
        and from a step's first set to the step before. Sets already done stay done
        until they are done again."""
        segment = self._live_segment()
        if segment is None:
            return
        now = self._now()
        span = self._span_at(self._index, before=True)
        if span is None:  # a rest step: back to its start, or to the step before
            step = segment.step_index
            target = self.timeline.step_starts[step]
            if self._index == target and now - self._segment_start < BACK_GRACE and step > 0:
                target = self.timeline.step_starts[step - 1]
            self._enter(target, now, now)
            return
        self._end_work(segment, now)
        entered_id, entered_at = self._span_entered
        if entered_id == self._spans.index(span) and now - entered_at < BACK_GRACE:
            earlier = [s for s in self._spans if s.step == span.step and s.start < span.start]
            if earlier:
                span = earlier[-1]
            elif span.step > 0:
                first = [s for s in self._spans if s.step < span.step]
                step = first[-1].step if first else span.step - 1
                self._enter(self.timeline.step_starts[step], now, now)
                return
        self._enter_span(span, now)

    def count_rep(self) -> None:
        """The runner did one self-paced rep; the set ends itself at the planned count."""
        segment = self._live_segment()
        if segment is None or not segment.allows(Action.COUNT_REP):
            return
        self._counted += 1
        if self._counted >= segment.reps:
            self._end_open_segment(segment, complete=True)
        else:
            # The count rides on the cue so a voice can say it.
            self._pending.append(Cue(CueKind.REP_DONE, self._now() - self._segment_start, self._counted))

    def finish_set(self) -> None:
        """The runner marks a self-paced set done, whatever the count."""
        segment = self._live_segment()
        if segment is not None and segment.allows(Action.FINISH_SET):
            self._end_open_segment(segment, complete=self._counted > 0)

    def mark_lost_control(self) -> bool:
        """Flag the current rep: control was lost (a Nordic's fall no longer braked)."""
        segment = self._live_segment()
        if segment is None or segment.rep is None or not segment.allows(Action.LOST_CONTROL):
            return False
        self._set(segment).lost.add(segment.rep)
        return True

    def finish_early(self) -> None:
        if self.started and not self._finished:
            now = self._now()
            segment = self.current
            assert segment is not None
            if not segment.is_transition:
                self._end_work(segment, now)
            self._finish(completed=False, now=now)

    # -- results -----------------------------------------------------------

    def result(self) -> RunResult:
        steps = []
        for index, step in enumerate(self.timeline.session.steps):
            sides: tuple[Side | None, ...] = (Side.LEFT, Side.RIGHT) if step.sides else (None,)
            per_side = []
            status_parts = []
            for side in sides:
                sets = [self._sets.get((index, side, n)) for n in range(1, step.sets + 1)]
                done = [t for t in sets if t is not None]
                per_side.append(SideResult(
                    side=side, sets_done=sum(1 for t in done if t.complete or t.reps or t.active >= 1.0),
                    reps_done=sum(t.reps for t in done), reps_lost_control=sum(len(t.lost) for t in done),
                    active_seconds=round(sum(t.active for t in done), 3)))
                status_parts.append(sets)
            steps.append(StepResult(
                index=index, name=step.name, kind=step.kind, eccentric=step.eccentric,
                planned_sets=step.sets,
                planned_reps=step.kind.planned_reps(step),
                sides=tuple(per_side), status=self._status(index, step.kind, status_parts),
                exercise=step.exercise, main=step.main, planned_seconds=step.kind.unit_seconds(step),
            ))
        every_step_done = all(s.status is StepStatus.DONE for s in steps if not s.kind.is_break)
        return RunResult(
            session_name=self.timeline.session.name, title=self.timeline.session.title,
            completed=self._completed and every_step_done, elapsed_seconds=round(self._elapsed(self._now()), 3),
            steps=tuple(steps),
        )

    def _status(self, index: int, kind: StepKind, sides: list[list[_SetTally | None]]) -> StepStatus:
        if kind.is_break:
            return StepStatus.DONE if index in self._reached else StepStatus.NOT_REACHED
        if all(t is not None and t.complete for sets in sides for t in sets):
            return StepStatus.DONE
        if any(t is not None and (t.reps or t.active > 0 or t.complete) for sets in sides for t in sets):
            return StepStatus.PARTIAL
        if index in self._reached:
            return StepStatus.SKIPPED
        return StepStatus.NOT_REACHED

    # -- internals ---------------------------------------------------------

    def _now(self) -> float:
        if self._end_time is not None:
            return self._end_time
        return self._paused_at if self._paused_at is not None else self._clock()

    def _notice_gap(self) -> bool:
        """Pause where the clock jumped (the process stood still): nothing is credited for the gap."""
        if (self._max_gap is None or not self.started or self._finished or self._paused_at is not None):
            return False
        now = self._clock()
        if now - self._last_seen <= self._max_gap:
            return False
        self._paused_at = self._last_seen
        self._slept = now - self._last_seen
        return True

    def _live_segment(self) -> Segment | None:
        if not self.started or self._finished:
            return None
        self._notice_gap()
        if self._paused_at is None:
            self._advance(self._clock(), self._pending)
        return self.current

    def _set(self, segment: Segment) -> _SetTally:
        return self._sets.setdefault((segment.step_index, segment.side, segment.set), _SetTally())

    def _span_at(self, index: int, *, before: bool) -> SetSpan | None:
        """The set the segment belongs to; a rest belongs to the set just done (`before`)
        or to the one it leads to."""
        step = self._segments[index].step_index
        inside = [s for s in self._spans if s.step == step]
        for span in inside:
            if span.start <= index < span.end:
                return span
        if before:
            done = [s for s in inside if s.end <= index]
            return done[-1] if done else None
        coming = [s for s in inside if s.start > index]
        return coming[0] if coming else None

    def _end_work(self, segment: Segment, now: float) -> None:
        """Credit the work segment that is cut short: its seconds, and a self-paced set's count."""
        if segment.is_transition:
            return
        tally = self._set(segment)
        tally.active += max(0.0, now - self._segment_start)
        if segment.open_ended:
            tally.reps += self._counted

    def _complete(self, segment: Segment, seconds: float) -> None:
        if segment.is_transition:
            return
        tally = self._set(segment)
        tally.active += seconds
        if segment.ends_rep:
            tally.reps += 1
        if segment.ends_set:
            tally.complete = True

    def _end_open_segment(self, segment: Segment, *, complete: bool) -> None:
        now = self._now()
        self._pending.extend(c for c in segment.cues[self._next_cue:])
        self._end_work(segment, now)
        self._set(segment).complete = complete
        self._enter(self._index + 1, now, now)

    def _enter_span(self, span: SetSpan, now: float) -> None:
        """Start a set again: from its own get-ready or side switch, else from a get-ready put before it."""
        first = self._segments[span.start]
        self._enter(span.start, now, now, get_ready=not first.is_transition)

    def _enter(self, index: int, segment_start: float, now: float, *, get_ready: bool = False) -> None:
        self._counted = 0
        self._next_cue = 0
        self._segment_start = segment_start
        self._interlude = None
        if index >= len(self._segments):
            self._finish(completed=True, now=segment_start)
            return
        self._index = index
        segment = self._segments[index]
        self._reached.add(segment.step_index)
        if self._offer_step is not None and (not segment.is_transition
                                             or segment.step_index != self._offer_step):
            self._offer_step = None
        for number, span in enumerate(self._spans):
            if span.start == index or (span.work == index and get_ready):
                self._span_entered = (number, segment_start)
        if get_ready:
            self._interlude = get_ready_before(segment)
        else:
            self._set_begins(index)

    def _set_begins(self, index: int) -> None:
        """A set's work starts: done again, it replaces what was counted of it before,
        but the seconds already worked stay worked."""
        for span in self._spans:
            if span.work == index:
                old = self._sets.get((span.step, span.side, span.set))
                self._sets[(span.step, span.side, span.set)] = _SetTally(active=old.active if old else 0.0)

    def _finish(self, *, completed: bool, now: float) -> None:
        self._finished = True
        self._completed = completed
        self._end_time = now
        self._paused_at = None
        self._interlude = None

    def _elapsed(self, now: float) -> float:
        if self._started_at is None:
            return 0.0
        return now - self._started_at - self._paused_total

    def _upcoming(self) -> Segment | None:
        if self._interlude is not None and not self._segments[self._index].is_transition:
            return self._segments[self._index]
        return self.timeline.next_work(self._index)

    def _snapshot(self, now: float, cues: tuple[Cue, ...]) -> Snapshot:
        if self._finished or self._started_at is None:
            segment = None if self._finished else (self._segments[0] if self._segments else None)
            total = 0.0 if self._finished else self.timeline.total
            return Snapshot(segment=segment, local=0.0, remaining=segment.duration if segment else None,
                            elapsed=self._elapsed(now), remaining_total=total, reps_counted=0,
                            paused=False, started=self.started, finished=self._finished,
                            completed=self._completed, cues=cues,
                            upcoming=None if self._finished else self.timeline.next_work(0))
        segment = self.current
        assert segment is not None
        local = max(0.0, now - self._segment_start)
        remaining = None if segment.duration is None else max(0.0, segment.duration - local)
        later = self.timeline.after(self._index)
        if self._interlude is not None:
            later += self._segments[self._index].estimate
        left_here = remaining if remaining is not None else max(0.0, segment.estimate - local)
        offer = ""
        if self._offer_step is not None and now >= self._offer_until:
            self._offer_step = None
        if self._offer_step is not None:
            offer = self.timeline.session.steps[self._offer_step].name
        return Snapshot(
            segment=segment, local=local, remaining=remaining, elapsed=self._elapsed(now),
            remaining_total=left_here + later, reps_counted=self._counted,
            paused=self._paused_at is not None, started=True, finished=False, completed=False,
            cues=cues, upcoming=self._upcoming(), slept=self._slept, skip_offer=offer,
        )


def _set_order(item: tuple[tuple[int, Side | None, int], _SetTally]) -> tuple[int, int, str]:
    (step, side, number), _ = item
    return step, number, side.value if side else ""
