"""A plain rest between steps: no get-ready, no sides, just a countdown.

It reads and times like a timed drill (a `duration`), so it is one: what
differs is that it is a break, planned as a rest, and not found from its keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hamstride.domain.kinds.base import WorkPlan
from hamstride.domain.kinds.timed import Timed, duration_of
from hamstride.domain.phase import Phase

if TYPE_CHECKING:
    from hamstride.domain.model import Side, Step


class Rest(Timed):
    name = "rest"
    implied_by = ()  # `duration` alone is a timed drill; a rest says kind = "rest"
    example = 'kind = "rest" with a duration'
    phase_words = {Phase.REST: "REST"}
    is_break = True

    def work(self, step: Step, set_number: int, side: Side | None, plan: WorkPlan) -> None:
        plan.add(Phase.REST, duration_of(step))


REST = Rest()
