"""Where a run goes on after a pause: what a runner back from the laptop expects.

Space is pressed at the laptop, two metres from the mat, so going on must give the
runner time to get back into position, and must never make them do again what they
had finished, nor count it twice:

- paused in a rep (a lowering, a hold): the rep was cut short; a get-ready, then
  that rep from its first phase (counted once, when its lowering ends, or a hold
  when it ends); but a rep lowered whole (paused in its lift or top pause: the
  eccentric work was done) or marked lost (`x`: the fall got away) was done: it is
  counted, and the run goes on after it (the walker's `_got_away`), never with that
  rep again;
- paused in the gap between two holds: the hold before it was done and counted; the
  gap is a rest and goes on, like a rest between sets;
- paused in a rest, a side switch or a gap with less than a get-ready left: a whole
  get-ready before the work that follows, not the second that was left;
- paused in a get-ready: the whole get-ready again;
- paused in a self-paced set: it goes on where it was (the runner counts its reps).

A run resumed after a crash starts the set that was under way again at the rep after
the last one done (`rep_after`): the journal keeps each rep as it is done, and those
reps were done; doing them again would be reps beyond the plan, and not counting
them would hide eccentric work.

The walker (domain/walker.py) asks `going_on` and does what it says.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import NamedTuple

from hamstride.domain.phase import Phase
from hamstride.domain.plan import Segment, SetSpan, get_ready_before
from hamstride.domain.tally import Attempt, key_of

__all__ = ["GoOn", "How", "after_rep", "done_whole", "going_on", "is_rest_between_reps", "rep_after"]


class How(Enum):
    WHERE_IT_WAS = "where it was"  # the segment on goes on, its clock shifted by the pause
    GET_READY_AGAIN = "get-ready again"  # the get-ready on starts again, whole
    REP_AGAIN = "rep again"  # a get-ready, then the rep cut short from its first phase
    GET_READY_FIRST = "get-ready first"  # a get-ready before the work that follows the segment on


class GoOn(NamedTuple):
    how: How
    at: int  # the segment of the plan it goes on at (the one a get-ready is put before)


def going_on(segments: Sequence[Segment], index: int, on: Segment, local: float) -> GoOn:
    """How to go on from `on` (segment `index` of the plan, or a get-ready put before it),
    paused `local` seconds into it."""
    if on.duration is None:
        return GoOn(How.WHERE_IT_WAS, index)
    if on.phase is Phase.GET_READY:
        return GoOn(How.GET_READY_AGAIN, index)
    if not on.is_transition and not is_rest_between_reps(on):
        return GoOn(How.REP_AGAIN, first_of_rep(segments, index))
    following = index + 1
    if following < len(segments) and not segments[following].is_transition:
        ready = get_ready_before(segments[following]).duration
        if ready is not None and on.duration - local < ready:
            return GoOn(How.GET_READY_FIRST, following)
    return GoOn(How.WHERE_IT_WAS, index)


def is_rest_between_reps(segment: Segment) -> bool:
    """The gap between two holds: within the set, but after a rep that is done."""
    return segment.phase in segment.step.kind.resting


def first_of_rep(segments: Sequence[Segment], index: int) -> int:
    """Where the rep of segment `index` begins: a rep is several phases (lower, pause, lift)."""
    segment = segments[index]
    if segment.rep is None:
        return index
    while index > 0 and same_rep(segments[index - 1], segment):
        index -= 1
    return index


def after_rep(segments: Sequence[Segment], index: int) -> int:
    """The segment after the last phase of the rep of segment `index`."""
    following = index + 1
    while following < len(segments) and same_rep(segments[following], segments[index]):
        following += 1
    return following


def rep_after(segments: Sequence[Segment], span: SetSpan, done: Attempt | None) -> int | None:
    """Where a resumed run goes on in a set it left with `done` of it: the first phase of the rep after
    the last one done (a self-paced set's one segment, its count kept). None: the set starts whole,
    as nothing of it was done, all of it was, or its work has no reps (a timed drill)."""
    if done is None or done.complete or not done.done:
        return None
    if segments[span.work].open_ended:
        return span.work
    return next((i for i in range(span.work, span.end) if segments[i].rep == done.done + 1
                 and not segments[i].is_transition and not is_rest_between_reps(segments[i])), None)


def done_whole(segments: Sequence[Segment], span: SetSpan, done: Attempt | None) -> bool:
    """A set a resumed run goes on after, not in: completed, or every planned rep of it done over attempts a
    crash left unfinished (b, a redo, then the laptop died): given again, its reps were lowered twice."""
    if done is None:
        return False
    step = segments[span.work].step
    return done.complete or 0 < step.kind.reps_in(step, span.set) <= done.done


def same_rep(other: Segment, segment: Segment) -> bool:
    """Whether `other` is a phase of the rep `segment` is in."""
    return (not other.is_transition and not is_rest_between_reps(other) and other.rep == segment.rep
            and key_of(other) == key_of(segment))
