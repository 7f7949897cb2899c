"""A drill for a set time: leg swings, a jog on the spot. Ends on its own."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hamstride.domain.kinds.base import Fields, KindBase, WorkPlan, per_side, seconds_text, sets_text
from hamstride.domain.phase import Phase

if TYPE_CHECKING:
    from hamstride.domain.model import Side, Step


@dataclass(frozen=True)
class Duration:
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
    implied_by: str | None = "duration"
    example = "duration = 30 (a timed drill)"
    phase_words = {Phase.WORK: "GO"}

    def read(self, fields: Fields, raw: Mapping[str, Any], *, reps: int) -> Duration | None:
        return read_duration(fields, raw)

    def work_seconds(self, step: Step, set_number: int) -> float:
        return duration_of(step)

    def dose(self, step: Step) -> str:
        return f"{sets_text(step)}{seconds_text(duration_of(step))}{per_side(step)}"

    def work(self, step: Step, set_number: int, side: Side | None, plan: WorkPlan) -> None:
        plan.add(Phase.WORK, duration_of(step))


TIMED = Timed()
