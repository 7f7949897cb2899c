"""An isometric hold, possibly repeated with a pause between: a plank, a wall hold."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from hamstride.domain.kinds.base import (
    Fields,
    KindBase,
    WorkPlan,
    own_values,
    per_side,
    plural,
    recorded_sets,
    recorded_side,
    seconds_text,
    sets_text,
)
from hamstride.domain.phase import Phase
from hamstride.domain.timetext import clock

if TYPE_CHECKING:
    from hamstride.domain.model import Side, Step
    from hamstride.domain.result import SideResult, StepResult


@own_values
class Hold(NamedTuple):
    hold: float  # seconds of each hold
    between: float = 0.0  # pause between held reps


def _hold(step: Step) -> Hold:
    assert isinstance(step.params, Hold), step.params
    return step.params


class HoldKind(KindBase):
    name = "hold"
    keys = ("hold", "between", "reps")
    week_keys = ("hold",)
    implied_by = ("hold",)
    resting = frozenset({Phase.RELAX})  # the gap between two holds: the time shown and kept is the time held
    example = "hold = 20 (a hold)"
    # The gap is RELAX (word, "relax" cue, rest colours), not PAUSE: a paused run says PAUSED, one letter
    # away from across the room, and the gap is a rest, not work held still as a tempo's pause is.
    phase_words = {Phase.HOLD: "HOLD", Phase.RELAX: "RELAX"}
    rep_word = "Rep"

    def read(self, fields: Fields, raw: Mapping[str, Any], *, reps: int) -> Hold | None:
        if "hold" not in raw:  # kind = "hold" written without the seconds: the plan would have nothing to hold
            fields.problem("hold", "is missing", "say how long each hold lasts in seconds, e.g. hold = 30")
            return None
        return Hold(hold=fields.seconds(raw, "hold", 0.0),
                    between=fields.seconds(raw, "between", 3.0 if reps > 1 else 0.0, allow_zero=True))

    def work_seconds(self, step: Step, set_number: int) -> float:
        hold, reps = _hold(step), step.reps_in(set_number)
        return reps * hold.hold + (reps - 1) * hold.between

    def dose(self, step: Step) -> str:
        reps = f"{step.reps} x " if step.reps > 1 else ""
        return f"{sets_text(step)}{reps}{seconds_text(_hold(step).hold)} hold{per_side(step)}"

    def unit_seconds(self, step: Step) -> float:
        return _hold(step).hold

    def planned_text(self, result: StepResult) -> str:
        holds = f"{result.planned_reps} x " if result.planned_reps > 1 else ""
        length = seconds_text(result.planned_seconds) + " hold" if result.planned_seconds else "holds"
        return f"{recorded_sets(result)}{holds}{length}{recorded_side(result)}"

    def done_text(self, result: StepResult, side: SideResult) -> str:
        return f"{plural(side.reps_done, 'hold')}, {clock(side.active_seconds)}"

    def work(self, step: Step, set_number: int, side: Side | None, plan: WorkPlan) -> None:
        hold, reps = _hold(step), step.reps_in(set_number)
        for rep in range(1, reps + 1):
            plan.rep(rep, reps, [(Phase.HOLD, hold.hold)])
            if rep < reps and hold.between > 0:
                plan.add(Phase.RELAX, hold.between, rep=rep)


HOLD = HoldKind()
