"""Where a run is, and what it has done set by set: what the journal keeps so a run can go on.

Apart from `result` (what the run achieved, the record the history stores), which a run first
needs once a set is reached, after its first frame.
"""

from typing import NamedTuple

from hamstride.domain.model import Side


class Position(NamedTuple):
    """A set on a side: where a run is, and where a resumed run starts."""

    step: int  # 0-based
    set: int  # 1-based
    side: Side | None


class SetDone(NamedTuple):
    """What was done of one set on one side, every attempt at it added up: what the journal keeps so a
    run can go on."""

    step: int
    side: Side | None
    set: int
    reps: int
    lost: tuple[int, ...]  # the reps where control was lost, numbered on through the attempts
    active: float
    complete: bool
