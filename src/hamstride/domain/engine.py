"""What the runner's keys do to a run: skip, back, count, mark, finish early.

The clock walking is the walker's (domain/walker.py); this module holds only the
key policy: which moment a key lands on decides what it means. Keys come late
(the runner is two metres away, kneeling), so a key meant for what was just on
screen must not do harm to what came next:

- `n` in the first moments of work was meant for the get-ready, rest or side
  switch before it: it does nothing, and says why (`Refusal.JUST_BEGUN`).
- `n` that ends a set offers, for a few seconds, a second `n` that passes over
  the rest of the step; after a step's last set there is no rest of the step,
  so a second `n` then keeps the next step's get-ready (`Refusal.GET_READY_KEPT`).
- `b` goes back to the start of the set; pressed again at once, to the set
  before (from a step's first set, the step before's last set). Nothing counted
  is taken back: the reps and marks of the attempt left stay the set's, and the
  new attempt adds to them (domain/tally.py).
- `x` a moment after a set's last rep (in the rest, the get-ready or the side
  switch after it) marks that rep: its fall got away, and the runner was on
  their hands when the rep ended.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from enum import StrEnum

from hamstride.domain.cues import Cue, CueKind
from hamstride.domain.frames import Snapshot
from hamstride.domain.phase import Action, Phase
from hamstride.domain.plan import Segment, Timeline
from hamstride.domain.progress import SetDone
from hamstride.domain.resuming import is_rest_between_reps
from hamstride.domain.tally import key_of
from hamstride.domain.walker import Clock, Walker

__all__ = ["BACK_GRACE", "Clock", "Engine", "LATE_MARK", "OFFER_SECONDS", "Refusal", "Snapshot", "WORK_GUARD"]

BACK_GRACE = 3.0  # "back" within this many seconds of a set's start goes to the set before
OFFER_SECONDS = 4.0  # a second skip within this long passes over the rest of the step; later, just the rest
WORK_GUARD = 1.5  # a skip this soon after work began was meant for the get-ready before it
BURST = 1.0  # a skip this soon after a refused one is the same burst of taps: refused too
LATE_MARK = 3.0  # x this soon (run seconds) after a rep ended, outside any rep, was meant for that rep


class Refusal(StrEnum):
    """Why a key did nothing, for the screen to say."""

    JUST_BEGUN = "just-begun"  # a skip as work began: it was meant for the get-ready
    GET_READY_KEPT = "get-ready-kept"  # a second skip after a step's last set: the next get-ready stays
    DOUBLE_TAP = "double-tap"  # a second skip a moment after one that ended a set: the same tap (the
    # screen goes on offering "press n again", which says what a deliberate second press does)


class Engine(Walker):
    """A run on a clock, and what the runner's keys do to it."""

    def __init__(self, timeline: Timeline, clock: Clock, *, max_gap: float | None = None,
                 done: Iterable[SetDone] = (), elapsed_before: float = 0.0) -> None:
        # What the key policy remembers of the walk: told by the walker as it goes (set before it starts).
        self._span_entered = (-1, 0.0)  # the set span last entered, and its clock time: `b`'s grace
        self._backed_at = -math.inf  # clock time of the last `b`: one more within BACK_GRACE goes further back
        self._work_began = -math.inf  # run seconds when work last began after a get-ready: `n`'s guard
        self._refused_at = -math.inf  # the last skip refused as work began: taps right after it belong with it
        self._offer_step: int | None = None  # a second skip passes over the rest of this step
        self._offer_until = 0.0  # ...while the clock is before this
        self._set_ended_at = -math.inf  # clock time a skip last ended a set: a tap right after is the same tap
        # A step's last set ended by a skip: a second skip at once (meant for "the rest of
        # the step", of which there is none) must not also pass the next step's get-ready.
        self._ready_kept_until = 0.0
        self._last_rep: tuple[Segment, float] | None = None  # the rep segment last left, and when: a late x
        super().__init__(timeline, clock, max_gap=max_gap, done=done, elapsed_before=elapsed_before)

    def skip(self) -> Refusal | None:
        """Pass a get-ready, rest, side switch or gap between holds; during work, end the set (what was
        done stays).

        Right after a set was ended that way, a second skip passes over the rest of
        its step, both sides; the snapshot's `skip_offer` says so to the runner."""
        segment = self._live_segment()
        if segment is None:
            return None
        now = self._now()
        # The gap between two holds is a rest within the set: skipping it skips the gap, not the set.
        if segment.is_transition or segment.step.kind.is_break or is_rest_between_reps(segment):
            if self.time.clock() - self._set_ended_at < BURST:  # the runner's clock: it runs on in a pause
                # A double tap that ended a set is one tap: the rest of the step is passed over only
                # by a press the runner means, after reading "press n again".
                return Refusal.DOUBLE_TAP
            if segment.phase is Phase.GET_READY and now < self._ready_kept_until:
                return Refusal.GET_READY_KEPT
            if self._skip_offer(now):
                self._enter(self.timeline.step_end(segment.step_index), now, now, forward=True)
            elif self._interlude is not None:
                self._pass_interlude(now)
                return None
            else:
                # Back from the laptop to the start position: never straight into work.
                self._enter(self._index + 1, now, now, get_ready=self._work_follows(segment), forward=True)
            if self.current is not None and self.current.phase is Phase.GET_READY:
                # The get-ready is the way back to the mat: a tap right after this one is the same
                # burst (a double tap on a rest or SWITCH SIDES) and must not pass it too.
                self._ready_kept_until = max(self._ready_kept_until, now + BURST)
            return None
        if self._work_seconds() < WORK_GUARD or now - self._refused_at < BURST:
            # Two quick taps meant for the get-ready, the second landing just past the guard: neither
            # ends work that has barely started. A tap after a moment's pause does.
            self._refused_at = now
            return Refusal.JUST_BEGUN
        span = self._span_at(self._index, before=False)
        self._end_work(segment, now)
        self.tallies.end(key_of(segment))  # ended: passed over, as done, if the walk comes to it again
        if span is None:
            self._enter(self._index + 1, now, now, forward=True)
            return None
        more = span.end < self.timeline.step_end(span.step)
        self._enter(span.end, now, now, get_ready=more and not self._segments[span.end].is_transition, forward=True)
        if more:
            self._offer_step, self._offer_until = span.step, now + OFFER_SECONDS
            self._set_ended_at = self.time.clock()
        else:
            self._ready_kept_until = now + OFFER_SECONDS
        return None

    def back(self) -> None:
        """Back to the start of this set; pressed again at once, to the set before (from a step's first
        set, the step before's last set, on its last side). Only a second `b` goes further: one just after a
        set began by itself (a rest run out) is meant for that set, and a set done is not done again by mistake.
        The reps and marks counted so far stay counted: a new attempt adds to them."""
        segment = self._live_segment()
        if segment is None:
            return
        now = self._now()
        again, self._backed_at = now - self._backed_at < BACK_GRACE, now
        self._offer_step = None
        span = self._span_at(self._index, before=True)
        if span is None:  # a rest step: back to its start, or to the step before
            step = segment.step_index
            target = self.timeline.step_starts[step]
            if again and self._index == target and now - self._segment_start < BACK_GRACE and step > 0:
                target = self.timeline.step_starts[step - 1]
            self._enter(target, now, now)
            return
        self._end_work(segment, now)
        entered_id, entered_at = self._span_entered
        if again and entered_id == self._spans.index(span) and now - entered_at < BACK_GRACE:
            earlier = [s for s in self._spans if s.step == span.step and s.start < span.start]
            if earlier:
                span = earlier[-1]
            elif span.step > 0:
                # The set before is the step before's last (its last side's): not the whole step again.
                earlier = [s for s in self._spans if s.step < span.step]
                if not earlier:
                    self._enter(self.timeline.step_starts[span.step - 1], now, now)
                    return
                span = earlier[-1]
        self._enter_span(span, now)

    def count_rep(self) -> None:
        """The runner did one self-paced rep; the set ends itself at the planned count."""
        segment = self._live_segment()
        if segment is None or not segment.allows(Action.COUNT_REP):
            return
        self._counted += 1
        self.tallies.attempt(key_of(segment)).reps += 1  # in the set at once: the journal keeps it
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

    def mark_lost_control(self) -> Segment | None:
        """Flag the current rep: control was lost (a Nordic's fall no longer braked); outside a rep, the
        rep that ended a moment ago (LATE_MARK). The rep's segment marked, or None: no rep to mark."""
        self._live_segment()  # the walk caught up with the clock first
        segment = self.lost_control_rep()
        if segment is None or segment.rep is None:
            return None
        if segment is self.current:
            self.tallies.attempt(key_of(segment)).lost.add(segment.rep)
            return segment
        return segment if self.tallies.mark_done(key_of(segment), segment.rep) else None

    def lost_control_rep(self) -> Segment | None:
        """The rep an x would mark now: the one under way, or outside a rep the one that ended a moment ago
        (when it was counted: a rep cut short by a pause or a back is not a rep); None: no rep."""
        segment = self.current if self.started else None
        if segment is not None and segment.rep is not None and segment.allows(Action.LOST_CONTROL):
            return segment
        if segment is None or self._last_rep is None or segment.allows(Action.LOST_CONTROL):
            return None
        rep, ended = self._last_rep
        if self._elapsed(self._now()) - ended > LATE_MARK or not self.tallies.counted(key_of(rep), rep.rep):
            return None
        return rep

    def finish_early(self) -> None:
        if self.started and not self._finished:
            now = self._now()
            segment = self.current
            assert segment is not None
            self._end_work(segment, now)
            self._finish(completed=False, now=now)

    # -- internals ---------------------------------------------------------

    def _set_entered(self, span: int, at: float) -> None:
        self._span_entered = (span, at)

    def _work_begins(self, at: float) -> None:
        self._work_began = self._elapsed(at)

    def _work_seconds(self) -> float:
        """Run seconds since work last began after a get-ready, a rest or a side switch."""
        return self._elapsed(self._now()) - self._work_began

    def _pass_interlude(self, now: float) -> None:
        """A get-ready put before work is passed: the work starts now."""
        self._interlude = None
        self._segment_start, self._next_cue = now, 0
        if self._interlude_new_set:
            self._set_begins(self._index)
        self._work_begins(now)

    def _work_follows(self, segment: Segment) -> bool:
        """Skipping this transition leads straight into work: a get-ready goes before it."""
        following = self._index + 1
        if segment.phase is Phase.GET_READY or following >= len(self._segments):
            return False
        return not self._segments[following].is_transition

    def _enter(self, index: int, segment_start: float, now: float, *, get_ready: bool = False,
               forward: bool = False) -> None:
        leaving = self.current if self.started else None
        super()._enter(index, segment_start, now, get_ready=get_ready, forward=forward)
        if leaving is not None and leaving.rep is not None and leaving.allows(Action.LOST_CONTROL):
            self._last_rep = (leaving, self._elapsed(segment_start))
        elif leaving is not None and not leaving.is_transition:
            self._last_rep = None  # other work came between: an x now is not about that rep
        entered = self._segments[self._index]
        if self._offer_step is not None and (self._finished or not entered.is_transition
                                             or entered.step_index != self._offer_step):
            self._offer_step = None

    def _skip_offer(self, now: float) -> str:
        if self._offer_step is None or now >= self._offer_until:
            self._offer_step = None
            return ""
        return self.timeline.session.steps[self._offer_step].name
