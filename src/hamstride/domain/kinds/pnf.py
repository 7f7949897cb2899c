"""Contract-relax (PNF) stretching: an optional first stretch, then cycles of contract, relax, stretch."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from hamstride.domain.kinds.base import (
    MAX_CYCLES,
    Fields,
    KindBase,
    WorkPlan,
    describe,
    own_values,
    per_side,
    plural,
    recorded_sets,
    recorded_side,
)
from hamstride.domain.phase import Phase
from hamstride.domain.timetext import clock

if TYPE_CHECKING:
    from hamstride.domain.model import Side, Step
    from hamstride.domain.result import SideResult, StepResult

PNF_KEYS = ("prestretch", "contract", "relax", "stretch", "cycles")


@own_values
class Pnf(NamedTuple):
    prestretch: float = 10.0
    contract: float = 6.0
    relax: float = 3.0
    stretch: float = 25.0
    cycles: int = 3

    @property
    def seconds(self) -> float:
        return self.prestretch + self.cycles * (self.contract + self.relax + self.stretch)


def pnf_of(step: Step) -> Pnf:
    assert isinstance(step.params, Pnf), step.params
    return step.params


class PnfKind(KindBase):
    name = "pnf"
    keys = ("pnf",)
    implied_by = ("pnf",)
    example = 'kind = "pnf" (contract-relax)'
    phase_words = {Phase.STRETCH: "STRETCH", Phase.CONTRACT: "CONTRACT", Phase.RELAX: "RELAX"}
    rep_word = "Cycle"

    def read(self, fields: Fields, raw: Mapping[str, Any], *, reps: int) -> Pnf | None:
        value = raw.get("pnf", {})
        if not isinstance(value, dict):
            fields.problem("pnf", f"expected a table, got {describe(value)}",
                           "write pnf = { contract = 6, relax = 3, stretch = 25, cycles = 3 }")
            return None
        fields.unknown_keys(value, PNF_KEYS, prefix="pnf.")
        defaults = Pnf()
        return Pnf(
            prestretch=fields.seconds(value, "pnf.prestretch", defaults.prestretch, allow_zero=True,
                                      label="pnf.prestretch"),
            contract=fields.seconds(value, "pnf.contract", defaults.contract, label="pnf.contract"),
            relax=fields.seconds(value, "pnf.relax", defaults.relax, allow_zero=True, label="pnf.relax"),
            stretch=fields.seconds(value, "pnf.stretch", defaults.stretch, label="pnf.stretch"),
            cycles=fields.count(value, "pnf.cycles", defaults.cycles, MAX_CYCLES, label="pnf.cycles"),
        )

    def reps_in(self, step: Step, set_number: int) -> int:
        return pnf_of(step).cycles

    def planned_reps(self, step: Step) -> int:
        return pnf_of(step).cycles

    def work_seconds(self, step: Step, set_number: int) -> float:
        return pnf_of(step).seconds

    def dose(self, step: Step) -> str:
        cycles = pnf_of(step).cycles
        return f"{cycles} cycle{'s' if cycles != 1 else ''}{per_side(step)}"

    def planned_text(self, result: StepResult) -> str:
        return f"{recorded_sets(result)}{plural(result.planned_reps, 'cycle')}{recorded_side(result)}"

    def done_text(self, result: StepResult, side: SideResult) -> str:
        cycles = f"{plural(side.reps_done, 'cycle')}, " if side.reps_done else ""
        return f"{cycles}{clock(side.active_seconds)}"

    def work(self, step: Step, set_number: int, side: Side | None, plan: WorkPlan) -> None:
        pnf = pnf_of(step)
        if pnf.prestretch > 0:
            plan.add(Phase.STRETCH, pnf.prestretch)
        for rep in range(1, pnf.cycles + 1):
            plan.rep(rep, pnf.cycles, [(Phase.CONTRACT, pnf.contract), (Phase.RELAX, pnf.relax),
                                       (Phase.STRETCH, pnf.stretch)])


PNF = PnfKind()
