"""A kind the suite keeps for itself: docs/architecture.md's worked example, word for word.

It is registered only inside tests (tests/unit/test_kind_seam.py), to prove that
adding a kind changes nothing about the others.
"""

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


# --8<-- worked example
@own_values
class RpeHold(NamedTuple):
    hold: float  # seconds
    rpe: int  # the effort it should feel like, 1-10


def _values(step: Step) -> RpeHold:
    assert isinstance(step.params, RpeHold), step.params
    return step.params


class RpeHoldKind(KindBase):
    name = "rpe-hold"
    keys = ("hold", "rpe")
    week_keys = ("hold", "rpe")
    implied_by = ("rpe",)  # `rpe` says it, with or without `hold`; `hold` alone is still a plain hold
    example = "hold = 30 with rpe = 7 (a hold at an effort)"
    phase_words = {Phase.HOLD: "HOLD"}
    rep_word = "Hold"

    def read(self, fields: Fields, raw: Mapping[str, Any], *, reps: int) -> RpeHold:
        return RpeHold(fields.seconds(raw, "hold", 0.0), fields.count(raw, "rpe", 7, 10, example=7))

    def work_seconds(self, step: Step, set_number: int) -> float:
        return _values(step).hold

    def dose(self, step: Step) -> str:
        values = _values(step)
        return f"{sets_text(step)}{seconds_text(values.hold)} hold at RPE {values.rpe}{per_side(step)}"

    def planned_text(self, result: StepResult) -> str:
        return f"{recorded_sets(result)}{seconds_text(result.planned_seconds)} hold{recorded_side(result)}"

    def done_text(self, result: StepResult, side: SideResult) -> str:
        return f"{plural(side.reps_done, 'hold')}, {clock(side.active_seconds)}"

    def work(self, step: Step, set_number: int, side: Side | None, plan: WorkPlan) -> None:
        plan.rep(1, 1, [(Phase.HOLD, _values(step).hold)])


RPE_HOLD = RpeHoldKind()
# --8<--
