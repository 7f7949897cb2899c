"""Self-paced reps: the runner counts them with Enter, or marks the set done."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from hamstride.domain.kinds.base import (
    Fields,
    KindBase,
    WorkPlan,
    own_values,
    per_side,
    reps_done,
    reps_planned,
    sets_text,
)
from hamstride.domain.phase import Action, Phase

if TYPE_CHECKING:
    from hamstride.domain.model import Side, Step
    from hamstride.domain.result import SideResult, StepResult


@own_values
class SelfPaced(NamedTuple):
    rep_seconds: float = 3.0  # an estimate of one rep, for the session's time


def _paced(step: Step) -> SelfPaced:
    assert isinstance(step.params, SelfPaced), step.params
    return step.params


def reps_dose(step: Step) -> str:
    """ "3 x 12/10/8 reps per side": the dose of counted reps."""
    reps = "/".join(str(r) for r in step.set_reps) if step.set_reps else str(step.reps)
    return f"{sets_text(step)}{reps} reps{per_side(step)}"


class Reps(KindBase):
    name = "reps"
    keys = ("rep_seconds", "reps")
    implied_by = ()
    implied_alone_by = ("reps",)  # tempo reps and held reps say reps too: theirs is the more specific key
    example = "reps = 8 alone (self-paced)"
    phase_words = {Phase.WORK: "GO"}
    rep_word = "Rep"
    needs_reps = True
    actions = frozenset({Action.COUNT_REP, Action.FINISH_SET})

    def read(self, fields: Fields, raw: Mapping[str, Any], *, reps: int) -> SelfPaced | None:
        return SelfPaced(fields.seconds(raw, "rep_seconds", 3.0))

    def work_seconds(self, step: Step, set_number: int) -> float:
        return step.reps_in(set_number) * _paced(step).rep_seconds

    def dose(self, step: Step) -> str:
        return reps_dose(step)

    def planned_text(self, result: StepResult) -> str:
        return reps_planned(result)

    def done_text(self, result: StepResult, side: SideResult) -> str:
        return reps_done(side)

    def work(self, step: Step, set_number: int, side: Side | None, plan: WorkPlan) -> None:
        plan.add(Phase.WORK, None)


REPS = Reps()
