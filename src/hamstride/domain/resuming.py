"""Where a run goes on after a pause: what a runner back from the laptop expects.

Space is pressed at the laptop, two metres from the mat, so going on must give the
runner time to get back into position, and must never make them do again what they
had finished, nor count it twice:

- paused in a rep (a lowering, a hold): the rep was cut short; a get-ready, then
  that rep from its first phase (counted once, when it ends);
- paused in the gap between two holds: the hold before it was done and counted; the
  gap is a rest and goes on, like a rest between sets;
- paused in a rest, a side switch or a gap with less than a get-ready left: a whole
  get-ready before the work that follows, not the second that was left;
- paused in a get-ready: the whole get-ready again;
- paused in a self-paced set: it goes on where it was (the runner counts its reps).

The walker (domain/walker.py) asks `going_on` and does what it says.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import NamedTuple

from hamstride.domain.phase import Phase
from hamstride.domain.plan import Segment, get_ready_before
from hamstride.domain.tally import key_of

__all__ = ["GoOn", "How", "going_on", "is_rest_between_reps"]


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
    while index > 0 and _same_rep(segments[index - 1], segment):
        index -= 1
    return index


def _same_rep(earlier: Segment, segment: Segment) -> bool:
    return (not earlier.is_transition and not is_rest_between_reps(earlier) and earlier.rep == segment.rep
            and key_of(earlier) == key_of(segment))
