"""A plain rest between steps: no get-ready, no sides, just a countdown."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from hamstride.domain.kinds.base import Fields, KindBase, WorkPlan, per_side, seconds_text, sets_text
from hamstride.domain.kinds.timed import Duration, duration_of, read_duration
from hamstride.domain.phase import Phase

if TYPE_CHECKING:
    from hamstride.domain.model import Side, Step


class Rest(KindBase):
    name = "rest"
    keys = ("duration",)
    week_keys = ("duration",)
    example = 'kind = "rest" with a duration'
    phase_words = {Phase.REST: "REST"}
    is_break = True

    def read(self, fields: Fields, raw: Mapping[str, Any], *, reps: int) -> Duration | None:
        return read_duration(fields, raw)

    def work_seconds(self, step: Step, set_number: int) -> float:
        return duration_of(step)

    def dose(self, step: Step) -> str:
        return f"{sets_text(step)}{seconds_text(duration_of(step))}{per_side(step)}"

    def work(self, step: Step, set_number: int, side: Side | None, plan: WorkPlan) -> None:
        plan.add(Phase.REST, duration_of(step))


REST = Rest()
