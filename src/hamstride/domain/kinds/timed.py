"""A drill for a set time: leg swings, a jog on the spot. Ends on its own."""

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
class Duration(NamedTuple):
    """How long the drill lasts, in seconds."""

    duration: float


def read_duration(fields: Fields, raw: Mapping[str, Any]) -> Duration | None:
    if "duration" not in raw:
        fields.problem("duration", "is missing", "say how long it lasts in seconds, e.g. duration = 60")
    return Duration(fields.seconds(raw, "duration", 0.0))


def duration_of(step: Step) -> float:
    assert isinstance(step.params, Duration), step.params
    return step.params.duration


class Timed(KindBase):
    name = "timed"
    keys = ("duration",)
    week_keys = ("duration",)
    implied_by: tuple[str, ...] = ("duration",)
    example = "duration = 30 (a timed drill)"
    phase_words = {Phase.WORK: "GO"}
    rep_word = "Rep"

    def read(self, fields: Fields, raw: Mapping[str, Any], *, reps: int) -> Duration | None:
        return read_duration(fields, raw)

    def work_seconds(self, step: Step, set_number: int) -> float:
        return duration_of(step)

    def dose(self, step: Step) -> str:
        return f"{sets_text(step)}{seconds_text(duration_of(step))}{per_side(step)}"

    def work(self, step: Step, set_number: int, side: Side | None, plan: WorkPlan) -> None:
        plan.add(Phase.WORK, duration_of(step))

    def planned_text(self, result: StepResult) -> str:
        if not result.planned_seconds:  # a record from before the unit was kept
            return f"{plural(result.planned_sets, 'set')}{recorded_side(result)}"
        return f"{recorded_sets(result)}{seconds_text(result.planned_seconds)}{recorded_side(result)}"

    def done_text(self, result: StepResult, side: SideResult) -> str:
        sets = f" in {plural(side.sets_done, 'set')}" if result.planned_sets > 1 else ""
        return f"{clock(side.active_seconds)}{sets}"


TIMED = Timed()
