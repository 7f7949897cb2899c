"""What a run of a session achieved: the record the history stores.

Where a run is and what it has done set by set (what the journal keeps) is `progress`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from hamstride.domain.model import Exercise, Side

if TYPE_CHECKING:
    from hamstride.domain.kinds.base import StepKind


# A step left before a rep, hold, cycle or set was counted is work once it ran this long (tally.py's
# MIN_TIMED_SET likewise makes a second of a timed set a set): under it, `n` over the get-ready then `q`,
# a start taken back. Not more: a Nordic's first lowering, left for pain or in a fall before its rep is
# counted, has loaded the muscle, and the 48 h before the next eccentric session must run from it.
TAKEN_BACK_SECONDS = 1.0


class StepStatus(StrEnum):
    DONE = "done"  # every planned set on every side
    PARTIAL = "partial"  # some work done, not all
    SKIPPED = "skipped"  # reached and passed over with nothing done
    NOT_REACHED = "not-reached"  # the session ended before it


@dataclass(frozen=True)
class SideResult:
    """What was done of a step on one side (side None: a step without sides)."""

    side: Side | None
    sets_done: int
    reps_done: int
    reps_lost_control: int
    active_seconds: float


@dataclass(frozen=True)
class StepResult:
    """One step of a run: what was planned and what was done, side by side, as the history keeps it."""

    index: int
    name: str
    kind: StepKind
    eccentric: bool
    planned_sets: int
    planned_reps: int
    sides: tuple[SideResult, ...]
    status: StepStatus
    exercise: Exercise | None = None
    main: bool = False
    planned_seconds: float = 0.0  # one unit of the kind's work: a timed set, one hold, a PNF set

    def planned_text(self) -> str:
        return self.kind.planned_text(self)

    def done_text(self, side: SideResult) -> str:
        return self.kind.done_text(self, side)

    @property
    def reps_lost_control(self) -> int:
        return sum(s.reps_lost_control for s in self.sides)

    @property
    def reps_done(self) -> int:
        return sum(s.reps_done for s in self.sides)

    @property
    def sets_done(self) -> int:
        return sum(s.sets_done for s in self.sides)

    @property
    def eccentric_reps(self) -> int:
        return self.reps_done if self.eccentric else 0

    @property
    def worked(self) -> bool:
        """Some of its work was done: a rep, hold, cycle or set counted, or TAKEN_BACK_SECONDS of it run.
        0.2 s into a Nordic's first lowering, then q, is no session, no streak, no 48 h before the next one;
        a whole lowering left in pain is eccentric work."""
        return did_work(self.reps_done, self.sets_done, self.active_seconds)

    @property
    def active_seconds(self) -> float:
        return sum(s.active_seconds for s in self.sides)


def is_nordic(step: StepResult) -> bool:
    """A Nordic curl, or a variant of one, as the session file said (`exercise = "nordic"`)."""
    return step.exercise is Exercise.NORDIC


def did_work(reps: int, sets: int, active_seconds: float) -> bool:
    """StepResult.worked, from a step's sums (a record takes them in its one pass over its steps)."""
    return bool(reps or sets) or active_seconds >= TAKEN_BACK_SECONDS


class RunResult(NamedTuple):
    session_name: str
    title: str
    completed: bool  # reached the end; False when finished early
    elapsed_seconds: float  # wall time running, pauses excluded
    steps: tuple[StepResult, ...]
    ended_early: bool = False  # the runner ended it (q, confirmed), whatever step it was in

    @property
    def active_seconds(self) -> float:
        return sum(s.active_seconds for s in self.steps)

    @property
    def eccentric_reps(self) -> int:
        return sum(s.eccentric_reps for s in self.steps)
