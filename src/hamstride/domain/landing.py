"""Where the walk goes on when it comes to a set done before: passed over, or gone on in at its next rep.

`b b` takes the runner back to the set before; a crash leaves a set part done. When the walk (or a resumed
run) comes to a set again, it must give what the runner has not done, no more:

- a set left part done (by `b b`, or by a crash) goes on at the rep after its last one done (a get-ready
  first): its reps were done, and doing them again would be reps beyond the plan;
- a set whose reps are all done, over attempts, is passed over, as done; so is a set the runner ended with
  `n` (what they did of it stays; the reps they chose to skip are not given after all);
- coming forward (the runner just rested, or skipped the rest), a set passed over takes its rest with it:
  the next set of the step follows after a get-ready, never a second rest in a row.

The walker (domain/walker.py) asks `landing` where to go on, and `coming` what its "Next" line and time left
say, so the screen says what will come rather than what the plan had.
"""

from collections.abc import Sequence
from typing import NamedTuple

from hamstride.domain.plan import Segment, SetSpan, Timeline, get_ready_before
from hamstride.domain.resuming import done_whole, rep_after
from hamstride.domain.tally import SetKey, Tallies

__all__ = ["Landing", "coming", "landing", "starting"]


class Landing(NamedTuple):
    at: int  # the segment the walk goes on at (a get-ready put before it when `get_ready`)
    get_ready: bool
    goes_on: SetKey | None  # the set whose attempt goes on at its next rep (not begun again), or None


def landing(segments: Sequence[Segment], spans: Sequence[SetSpan], number: int, tallies: Tallies, *,
            forward: bool) -> Landing | None:
    """Where the walk goes on when it comes to set span `number`; None: the set comes whole.

    `forward`: the walk (or a skip) comes to it, and a set passed over takes its rest with it. Not forward
    (a run resumed after a crash), the rest after the set passed over comes first: the runner may have just
    done that set."""
    span = spans[number]
    key = (span.step, span.side, span.set)
    if done_whole(segments, span, tallies.shown(key)) or tallies.ended(key):
        later = number + 1
        if later < len(spans):
            way = landing(segments, spans, later, tallies, forward=forward)
            if way is not None:
                return way
            if forward and spans[later].step == span.step:
                start = spans[later].start
                return Landing(start, not segments[start].is_transition, None)
        after = span.end < len(segments)
        return Landing(span.end, after and not segments[span.end].is_transition, None)
    index = rep_after(segments, span, tallies.shown(key))
    return None if index is None else Landing(index, True, key)


def starting(spans: Sequence[SetSpan], index: int) -> int | None:
    """The number of the set span that starts at segment `index`, if one does."""
    return next((number for number, span in enumerate(spans) if span.start == index), None)


def coming(timeline: Timeline, index: int, tallies: Tallies) -> tuple[Segment | None, float]:
    """The work that comes after segment `index` when nothing is pressed, and the planned seconds after it the
    walk will not give (sets passed over, the reps of a set part done, less the get-ready put before it)."""
    segments = timeline.segments
    planned = index + 1
    spans = timeline.set_spans
    while planned < len(segments) and starting(spans, planned) is None and segments[planned].is_transition:
        planned += 1  # through a rest or a rest step, to the set the walk comes to
    number = starting(spans, planned)
    way = None if number is None else landing(segments, spans, number, tallies, forward=True)
    if way is None:
        return timeline.next_work(index), 0.0
    if way.at >= len(segments):
        return None, timeline.total - segments[planned].start
    passed = segments[way.at].start - segments[planned].start
    if way.get_ready:
        passed -= get_ready_before(segments[way.at]).estimate
    segment = segments[way.at]
    return (timeline.next_work(way.at) if segment.is_transition else segment), passed
