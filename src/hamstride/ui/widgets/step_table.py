"""The steps of a record, planned against done: on the summary after a run and in the history."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from hamstride.domain.result import StepResult, StepStatus
from hamstride.domain.timetext import clock

STATUS_WORDS = {StepStatus.DONE: "done", StepStatus.PARTIAL: "partly done", StepStatus.SKIPPED: "skipped",
                StepStatus.NOT_REACHED: "not reached"}


def step_rows(steps: tuple[StepResult, ...]) -> Table:
    table = Table(expand=True)
    table.add_column("step")
    table.add_column("planned")
    table.add_column("done")
    table.add_column("time", justify="right")
    table.add_column("")
    for step in steps:
        done_parts = []
        for side in step.sides:
            label = f"{side.side.value}: " if side.side is not None else ""
            done_parts.append(label + step.done_text(side))
        # Names come from files: Text, so markup in them stays literal.
        table.add_row(Text(step.name), step.planned_text(), "; ".join(done_parts), clock(step.active_seconds),
                      STATUS_WORDS[step.status])
    return table
