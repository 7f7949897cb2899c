"""Walk a timeline in real time: which segment is on, how long is left, which cues are due.

The walker never reads a clock by itself: it calls the one it is given. Each segment's start is derived from the
previous one's planned end, never from when a tick happened to arrive, so late ticks cannot make the session drift,
and every cue is reported exactly once. A gap in the clock longer than `max_gap` (a suspended laptop, a stopped
process) is not a late tick: the run pauses where the gap began and nothing is credited for it.

Every return to work starts with a get-ready. Where a run goes on after a pause (a rep cut short done again, a rest
or the gap between two holds going on) is the pause rules' (domain/resuming.py); the walker does what they say.
What the runner's keys do is the engine's (domain/engine.py); the walker gives it the moves.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from hamstride.domain.cues import Cue
from hamstride.domain.frames import Snapshot, cues_ahead
from hamstride.domain.landing import coming, landing, starting
from hamstride.domain.plan import Segment, SetSpan, Timeline, get_ready_before
from hamstride.domain.progress import Position, SetDone
from hamstride.domain.resuming import GoOn, How, after_rep, going_on
from hamstride.domain.run_time import Clock, RunTime
from hamstride.domain.tally import Tallies, key_of

if TYPE_CHECKING:
    from hamstride.domain.result import RunResult

__all__ = ["Clock", "LOOK_AHEAD", "RunTime", "Walker"]

LOOK_AHEAD = 4  # segments searched for the next cue


class Walker:
    """A timeline walked on a clock: the segment on, the cues due, what was done set by set."""

    def __init__(self, timeline: Timeline, clock: Clock, *, max_gap: float | None = None,
                 done: Iterable[SetDone] = (), elapsed_before: float = 0.0) -> None:
        # The plan, and what was done set by set.
        self.timeline = timeline
        self._segments, self._spans = timeline.segments, timeline.set_spans
        self.tallies = Tallies(timeline, done)
        # The run's time on its clock: started, paused, a sleep noticed, ended.
        self.time = RunTime(clock, max_gap, elapsed_before)
        # Where the walk is.
        self._index = 0  # the segment on, or the one a get-ready was put before
        self._interlude: Segment | None = None  # a get-ready put before segment _index
        self._interlude_new_set = True  # ...that starts a new attempt at its set (not a rep after a pause)
        self._segment_start = 0.0  # clock time the current segment began (pauses shifted out)
        self._next_cue = 0  # the current segment's next cue to fall due
        # What the runner did by hand: self-paced reps, and the cues their keys raised.
        self._counted = 0  # self-paced reps in the current set
        self._pending: list[Cue] = []  # cues raised by the runner's actions, reported next tick
        self._here = 0  # the outcome: the step the run is at (what lies before it was passed)
        self._finished = self._completed = False  # completed: by reaching the end; else ended early by the runner

    # -- reading -----------------------------------------------------------

    @property
    def started(self) -> bool:
        return self.time.started

    @property
    def paused(self) -> bool:
        return self.time.paused

    @property
    def finished(self) -> bool:
        return self._finished

    @property
    def current(self) -> Segment | None:
        return None if self._finished else (self._interlude or self._segments[self._index])

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
        return self.tallies.sets_done()

    def result(self) -> RunResult:
        return self.tallies.result(here=self._here, completed=self._completed, elapsed=self._elapsed(self._now()),
                                   ended_early=self._finished and not self._completed)

    # -- driving -----------------------------------------------------------

    def start(self, at: Position | int = 0) -> None:
        """Start the clock, at a step or at a set (a resumed run); the next tick reports the opening cues."""
        if self.time.started_at is not None:
            return
        now = self.time.clock()
        self.time.started_at = self.time.last_seen = now
        self._segment_start = now
        at = Position(at, 1, None) if isinstance(at, int) else at
        if not self._segments or at.step >= len(self.timeline.step_starts):
            self._finish(completed=True, now=now)
            return
        span = next((s for s in self._spans if (s.step, s.set, s.side) == (at.step, at.set, at.side)), None)
        if span is not None and self._go_on_in(self._spans.index(span), now, forward=False):
            return
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
        if self.time.started_at is not None and not self.time.paused_at:
            self._advance(now, fired)
        return self._snapshot(self._now(), tuple(fired))

    def _advance(self, now: float, fired: list[Cue]) -> None:
        self.time.last_seen = max(self.time.last_seen, now)
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
            if self._interlude is not None:  # the get-ready is over: into the work it was put before
                self._interlude = None
                self._segment_start, self._next_cue = end, 0
                if self._interlude_new_set:
                    self._set_begins(self._index)
                self._work_begins(end)
                continue
            self._complete(segment, segment.duration)
            self._enter(self._index + 1, end, now, forward=True)

    def wake_in(self) -> float | None:
        """Seconds until anything changes on its own: a cue, a segment's end, or the
        countdown's next whole second. None while nothing will (paused, open-ended, over)."""
        if not self.started or self._finished or self.time.paused_at is not None:
            return None
        segment = self.current
        assert segment is not None
        if segment.duration is None:
            return None
        local = self.time.clock() - self._segment_start
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
        if not self.started or self._finished or self.time.paused_at is not None:
            return None
        coming = self._segments[self._index:self._index + LOOK_AHEAD]
        if self._interlude is not None:
            coming = (self._interlude, *coming[:-1])
        return cues_ahead(coming, self._next_cue, self.time.clock() - self._segment_start)

    def pause(self) -> None:
        if self.started and not self._finished and self.time.paused_at is None:
            if self._notice_gap():
                return
            now = self.time.clock()
            self._advance(now, self._pending)  # cues due before the pause are still reported
            self.time.paused_at = now

    def resume(self) -> None:
        """Go on after a pause (or a sleep) where domain/resuming.py says: a rep cut short again after a
        get-ready, a rest or the gap between two holds where it was, a get-ready whole."""
        if self.time.paused_at is None:
            return
        now, paused_at = self.time.clock(), self.time.paused_at
        segment = self.current
        if segment is not None:
            self._go_on(segment, going_on(self._segments, self._index, segment, paused_at - self._segment_start),
                        now, paused_at)
        self.time.paused_total += now - paused_at
        self.time.paused_at = None
        self.time.last_seen = now
        self.time.slept = None

    def _go_on(self, segment: Segment, way: GoOn, now: float, paused_at: float) -> None:
        match way.how:
            case How.REP_AGAIN:  # the seconds of the rep cut short were worked; the rep is not a rep before its lowering
                self.tallies.worked(segment, paused_at - self._segment_start)
                if self.tallies.counted(key_of(segment), segment.rep):
                    self._got_away(now)  # ...unless its lowering was done, or it was marked lost: its fall was the rep
                    return
                self._index, self._segment_start, self._next_cue = way.at, now, 0
                self._interlude, self._interlude_new_set = get_ready_before(self._segments[way.at]), False
            case How.GET_READY_AGAIN:
                self._segment_start, self._next_cue = now, 0
            case How.GET_READY_FIRST:
                self._enter(way.at, now, now, get_ready=True)
            case How.WHERE_IT_WAS:
                self._segment_start += now - paused_at

    def toggle_pause(self) -> None:
        self.resume() if self.paused else self.pause()

    # -- the moves the runner's keys are made of -----------------------------

    def _now(self) -> float:
        return self.time.now()

    def _notice_gap(self) -> bool:
        """Pause where the clock jumped (the process stood still): nothing is credited for the gap."""
        return self.started and not self._finished and self.time.gap()

    def _live_segment(self) -> Segment | None:
        """The segment a key lands on: the walk caught up with the clock first."""
        if not self.started or self._finished:
            return None
        self._notice_gap()
        if self.time.paused_at is None:
            self._advance(self.time.clock(), self._pending)
        return self.current

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
        """The attempt at the set is cut short (n, b, q): its seconds, its reps and a self-paced set's
        count are kept."""
        if segment.is_transition:
            return
        self.tallies.worked(segment, now - self._segment_start)
        self.tallies.settle()  # a self-paced set's reps went into it as they were counted

    def _complete(self, segment: Segment, seconds: float) -> None:
        if segment.is_transition:
            return
        key = key_of(segment)
        self.tallies.worked(segment, seconds)
        attempt = self.tallies.attempt(key)
        if segment.counts_rep:
            attempt.reps += 1
        if segment.ends_set:
            attempt.complete = True
            self.tallies.settle()

    def _end_open_segment(self, segment: Segment, *, complete: bool) -> None:
        now = self._now()
        self._pending.extend(c for c in segment.cues[self._next_cue:])
        key = key_of(segment)
        self.tallies.worked(segment, now - self._segment_start)
        attempt = self.tallies.attempt(key)  # its reps went into it as they were counted
        attempt.complete = complete
        self.tallies.settle()
        self._enter(self._index + 1, now, now, forward=True)

    def _got_away(self, now: float) -> None:
        """A rep cut short by a pause once lowered, or marked lost (its fall happened), was done: on after it."""
        segment, following = self._segments[self._index], after_rep(self._segments, self._index)
        if segment.rep is not None and not self._segments[following - 1].counts_rep:  # a fall in the lowering
            self.tallies.count_to(key_of(segment), segment.rep)
        self._complete(self._segments[following - 1], 0.0)  # counted, its mark kept; a set's last ends it
        self._enter(following, now, now, get_ready=following < len(self._segments)
                    and not self._segments[following].is_transition)

    def _go_on_in(self, number: int, now: float, *, forward: bool) -> bool:
        """Set span `number` goes on where a crash or `b b` left it, or is passed over (False: it comes whole)."""
        way = landing(self._segments, self._spans, number, self.tallies, forward=forward)
        if way is None:
            return False
        self._enter(way.at, now, now, get_ready=way.get_ready)
        if way.goes_on is not None:
            self._interlude_new_set = False  # the set's attempt goes on: it is not begun again
            self.tallies.go_on(way.goes_on)
            self._counted = self.tallies.attempt(way.goes_on).reps if self._segments[way.at].open_ended else 0
        return True

    def _enter_span(self, span: SetSpan, now: float) -> None:
        """Start a set again: from its own get-ready or side switch, else from a get-ready put before it."""
        first = self._segments[span.start]
        self._enter(span.start, now, now, get_ready=not first.is_transition)

    def _enter(self, index: int, segment_start: float, now: float, *, get_ready: bool = False,
               forward: bool = False) -> None:
        """On to segment `index`; `forward`: the walk comes to it, and a set `b b` left part done goes on."""
        number = starting(self._spans, index) if forward else None
        if number is not None and self._go_on_in(number, segment_start, forward=True):
            return
        from_work = self.time.started_at is not None and self._interlude is None \
            and not self._segments[self._index].is_transition and self._index != index
        self._counted = 0
        self._next_cue = 0
        self._segment_start = segment_start
        self._interlude = None
        if index >= len(self._segments):
            self._finish(completed=True, now=segment_start)
            return
        self._index = index
        segment = self._segments[index]
        self._here = segment.step_index
        for number, span in enumerate(self._spans):
            if span.start == index or (span.work == index and get_ready):
                self._set_entered(number, segment_start)
        if get_ready:
            self._interlude, self._interlude_new_set = get_ready_before(segment), True
            return
        self._set_begins(index)
        if not segment.is_transition and not from_work:
            self._work_begins(segment_start)

    def _set_begins(self, index: int) -> None:
        """A set's work starts: a new attempt at it."""
        for span in self._spans:
            if span.work == index:
                self.tallies.begin((span.step, span.side, span.set))

    def _finish(self, *, completed: bool, now: float) -> None:
        self.tallies.settle()  # an attempt left mid-set (quit during a get-ready after a pause)
        if completed:
            self._here = len(self.timeline.session.steps)
        self._finished = True
        self._completed = completed
        self.time.ended_at = now
        self.time.paused_at = None
        self._interlude = None

    def _elapsed(self, now: float) -> float:
        return self.time.elapsed(now)

    def _upcoming(self) -> tuple[Segment | None, float]:
        """What comes next, and the planned seconds the walk will not give (domain/landing.py)."""
        if self._interlude is not None and not self._segments[self._index].is_transition:
            return self._segments[self._index], 0.0
        return coming(self.timeline, self._index, self.tallies)

    # What the engine's key policy is told (domain/engine.py); nothing here.

    def _set_entered(self, span: int, at: float) -> None:
        """Set span number `span` was entered at clock time `at`."""

    def _work_begins(self, at: float) -> None:
        """Work began at clock time `at`, after a get-ready, a rest or a side switch."""

    def _skip_offer(self, now: float) -> str:
        """A step whose rest another skip would pass over: the engine's to say."""
        return ""

    def _snapshot(self, now: float, cues: tuple[Cue, ...]) -> Snapshot:
        if self._finished or self.time.started_at is None:
            segment = None if self._finished else (self._segments[0] if self._segments else None)
            total = 0.0 if self._finished else self.timeline.total
            return Snapshot(segment=segment, local=0.0, remaining=segment.duration if segment else None,
                            elapsed=self._elapsed(now), remaining_total=total, reps_counted=0, cues=cues,
                            paused=False, started=self.started, finished=self._finished, completed=self._completed,
                            upcoming=None if self._finished else self.timeline.next_work(0))
        segment = self.current
        assert segment is not None
        local = max(0.0, now - self._segment_start)
        remaining = None if segment.duration is None else max(0.0, segment.duration - local)
        later = self.timeline.after(self._index)
        if self._interlude is not None:
            later += self._segments[self._index].estimate
        left_here = remaining if remaining is not None else max(0.0, segment.estimate - local)
        upcoming, passed = self._upcoming()
        return Snapshot(
            segment=segment, local=local, remaining=remaining, elapsed=self._elapsed(now),
            remaining_total=left_here + max(0.0, later - passed), reps_counted=self._counted,
            paused=self.time.paused_at is not None, started=True, finished=False, completed=False,
            cues=cues, upcoming=upcoming, slept=self.time.slept, skip_offer=self._skip_offer(now),
        )

