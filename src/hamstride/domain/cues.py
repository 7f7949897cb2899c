"""Cues: the moments the runner must hear, because they are not looking at the screen."""

import math
from collections.abc import Sequence
from enum import StrEnum
from typing import NamedTuple


class CueKind(StrEnum):
    GET_READY = "get_ready"
    COUNT = "count"  # the last seconds of a countdown: 3, 2, 1
    GO = "go"  # a timed drill or self-paced set starts
    LOWER = "lower"
    TICK = "tick"  # each second while lowering
    PAUSE = "pause"
    LIFT = "lift"
    OUT = "out"
    IN = "in"
    HOLD = "hold"
    CONTRACT = "contract"
    RELAX = "relax"
    STRETCH = "stretch"
    HALFWAY = "halfway"
    LAST_REP = "last_rep"
    REP_DONE = "rep_done"
    SET_DONE = "set_done"
    SWITCH_SIDES = "switch_sides"
    REST = "rest"
    REST_ALMOST_OVER = "rest_almost_over"
    SESSION_DONE = "session_done"


# When several cues fall due at the same instant, the ear can take one: the
# most important is played. Higher wins.
PRIORITY: dict[CueKind, int] = {
    CueKind.TICK: 0, CueKind.COUNT: 1, CueKind.HALFWAY: 2, CueKind.REP_DONE: 3,
    CueKind.REST_ALMOST_OVER: 4, CueKind.PAUSE: 5, CueKind.RELAX: 5, CueKind.LIFT: 6,
    CueKind.HOLD: 6, CueKind.OUT: 6, CueKind.IN: 6, CueKind.STRETCH: 6, CueKind.CONTRACT: 6, CueKind.GO: 6, CueKind.LOWER: 6,
    CueKind.GET_READY: 7, CueKind.LAST_REP: 7, CueKind.REST: 7, CueKind.SET_DONE: 8,
    CueKind.SWITCH_SIDES: 9, CueKind.SESSION_DONE: 10,
}

AT_END = math.inf  # an open-ended segment's end cues: due when the runner ends it


class Cue(NamedTuple):
    """A cue due `at` seconds into its segment (`number` for COUNT and TICK)."""

    kind: CueKind
    at: float
    number: int | None = None  # the count said or shown (not `count`: a tuple has a count method)


def most_important(cues: Sequence[Cue]) -> Cue | None:
    """The cue to play when several fall due together; the first of equals wins."""
    best: Cue | None = None
    for cue in cues:
        if best is None or PRIORITY[cue.kind] > PRIORITY[best.kind]:
            best = cue
    return best
