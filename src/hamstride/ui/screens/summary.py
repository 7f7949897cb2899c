"""After the last step, or after quitting: what was planned and what was done."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from hamstride.core.result import RunResult, StepStatus
from hamstride.ui.labels import clock

STATUS_WORDS = {StepStatus.DONE: "done", StepStatus.PARTIAL: "partly done", StepStatus.SKIPPED: "skipped",
                StepStatus.NOT_REACHED: "not reached"}


def summary_table(result: RunResult) -> Table:
    table = Table(expand=True)
    table.add_column("step")
    table.add_column("planned")
    table.add_column("done")
    table.add_column("time", justify="right")
    table.add_column("")
    for step in result.steps:
        sides = len(step.sides)
        planned = f"{step.planned_sets} x {step.planned_reps}" + (" per side" if sides > 1 else "")
        done_parts = []
        for side in step.sides:
            label = f"{side.side.value}: " if side.side is not None else ""
            lost = f" ({side.reps_lost_control} lost control)" if side.reps_lost_control else ""
            done_parts.append(f"{label}{side.sets_done} sets, {side.reps_done} reps{lost}")
        # Names come from files: Text, so markup in them stays literal.
        table.add_row(Text(step.name), planned, "; ".join(done_parts), clock(step.active_seconds),
                      STATUS_WORDS[step.status])
    return table


class SummaryScreen(Screen[None]):
    BINDINGS = [Binding("enter,q,escape", "close", "Close", id="close-summary")]

    def __init__(self, result: RunResult) -> None:
        super().__init__()
        self.result = result

    def compose(self) -> ComposeResult:
        result = self.result
        heading = "Session complete" if result.completed else "Session ended early"
        yield Static(Text(f"{heading}: {result.title}", style="bold"), id="summary-title")
        yield Static(f"Time {clock(result.elapsed_seconds)} · active {clock(result.active_seconds)} · "
                     f"eccentric reps {result.eccentric_reps}", id="summary-totals")
        with VerticalScroll():
            yield Static(summary_table(result), id="summary-table")
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
