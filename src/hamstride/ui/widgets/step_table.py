"""The steps of a record, planned against done: on the summary after a run and in the history."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from hamstride.domain.result import StepResult, StepStatus
from hamstride.ui.labels import clock

STATUS_WORDS = {StepStatus.DONE: "done", StepStatus.PARTIAL: "partly done", StepStatus.SKIPPED: "skipped",
                StepStatus.NOT_REACHED: "not reached"}


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def step_rows(steps: tuple[StepResult, ...]) -> Table:
    table = Table(expand=True)
    table.add_column("step")
    table.add_column("planned")
    table.add_column("done")
    table.add_column("time", justify="right")
    table.add_column("")
    for step in steps:
        sides = len(step.sides)
        planned = f"{step.planned_sets} x {step.planned_reps}" + (" per side" if sides > 1 else "")
        done_parts = []
        for side in step.sides:
            label = f"{side.side.value}: " if side.side is not None else ""
            lost = f" ({side.reps_lost_control} lost control)" if side.reps_lost_control else ""
            done_parts.append(f"{label}{plural(side.sets_done, 'set')}, {plural(side.reps_done, 'rep')}{lost}")
        # Names come from files: Text, so markup in them stays literal.
        table.add_row(Text(step.name), planned, "; ".join(done_parts), clock(step.active_seconds),
                      STATUS_WORDS[step.status])
    return table
