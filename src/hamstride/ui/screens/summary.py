"""After the last step, or after quitting: planned against done, the streak, and how it felt."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.validation import Integer
from textual.widgets import Button, Input, Label, Static

from hamstride.domain.record import Record
from hamstride.domain.result import StepStatus
from hamstride.ui.labels import clock
from hamstride.ui.screens.answer import answer
from hamstride.ui.widgets.key_bar import KeyBar
from hamstride.ui.widgets.step_table import step_rows


@dataclass(frozen=True)
class Feedback:
    rpe: int | None
    soreness: int | None
    note: str


def not_done(record: Record) -> str:
    """What a partial session left out, said plainly: the history and the coach count what was done (a
    step cut short keeps its reps: "not counted" beside them read as if they were lost)."""
    parts = []
    for step in record.steps:
        if step.kind.is_break or step.status is StepStatus.DONE:
            continue
        if step.status is StepStatus.PARTIAL:
            # In the kind's own words: "1 set, 1 rep of 1 x 10" read "1 of 1 sets" before, as if done.
            done = "; ".join((f"{side.side.value} " if side.side is not None else "") + step.done_text(side)
                             for side in step.sides)
            parts.append(f"{step.name}: {done}, of {step.planned_text()}")
        else:
            parts.append(f"{step.name}: " + ("skipped" if step.status is StepStatus.SKIPPED else "not reached"))
    return ("Not all done: " + "; ".join(parts)) if parts else ""


def heading(record: Record) -> str:
    """Complete; ended early (quit, in whatever step, or before some steps); or run to the end with steps
    skipped or cut short."""
    if record.completed:
        return "Session complete"
    if record.ended_early or any(step.status is StepStatus.NOT_REACHED for step in record.steps):
        return "Session ended early"
    return "Session done, some of it skipped"


class SummaryScreen(Screen[Feedback | None]):
    """Shows the record; effort, soreness and a note are optional: escape leaves, keeping what was answered."""

    BINDINGS = [
        Binding("escape", "skip", "Done", id="summary-skip"),
        Binding("ctrl+s", "save", "Save", id="summary-save"),
        # A priority binding runs as the key arrives, before the keys typed after it are
        # handed to a field: "5", Enter, "3" puts the 3 in the next field, not after the 5.
        Binding("enter", "next_field", "Next", id="summary-next", show=False, priority=True),
        # Tab and shift+tab likewise: as ordinary focus keys they reach the app after the digit typed
        # behind them has gone into the field they were leaving ("7", Tab, "3" was an effort of 73).
        Binding("tab", "next_field", "Next", id="summary-tab", show=False, priority=True),
        Binding("shift+tab", "previous_field", "Back", id="summary-back-tab", show=False, priority=True),
    ]
    NEXT_FIELD = {"rpe": "soreness", "soreness": "note"}
    PREVIOUS_FIELD = {"soreness": "rpe", "note": "soreness"}
    # Below 30 rows (60x20 is promised) the margins go and the buttons give way to the key bar's keys.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    # Under 50 columns (a phone held upright, served) the two questions stack: in one row they need 48.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (50, "-wide")]

    def __init__(self, record: Record, *, streak: str = "", warning: str = "", saved: str = "") -> None:
        super().__init__()
        self.record = record
        self.streak = streak
        self.warning = warning
        self.saved = saved

    def compose(self) -> ComposeResult:
        record = self.record
        # What the session was scrolls above the fields, which stay put: the screen itself never
        # scrolls, so focusing the first field cannot carry the title and the time out of view.
        with VerticalScroll(id="summary-body"):
            yield Static(Text(f"{heading(record)}: {record.title}", style="bold"), id="summary-title")
            yield Static(f"Time {clock(record.elapsed_seconds)} · active {clock(record.active_seconds)} · "
                         f"eccentric reps {record.eccentric_reps}", id="summary-totals")
            missed = not_done(record)
            if missed:
                yield Static(missed, id="summary-skipped", markup=False)
            if self.streak:
                yield Static(self.streak, id="summary-streak", markup=False)
            if self.warning:
                yield Static(self.warning, id="summary-warning", markup=False)
            yield Static(step_rows(record.steps), id="summary-table")
        with Horizontal(id="feedback"):
            yield Label("Effort 1-10")
            yield Input(id="rpe", placeholder="RPE", type="integer", max_length=2,
                        validators=[Integer(1, 10, failure_description="effort is 1 to 10")])
            yield Label("Soreness 0-10")
            yield Input(id="soreness", placeholder="0-10", type="integer", max_length=2,
                        validators=[Integer(0, 10, failure_description="soreness is 0 to 10")])
        yield Input(id="note", placeholder="A note (optional): how it felt, what to change", max_length=500)
        with Horizontal(id="summary-actions"):
            yield Static(self.saved, id="summary-saved", markup=False)
            yield Button("Save (ctrl+s)", id="save", variant="primary")
            yield Button("Done (esc)", id="skip")
        yield KeyBar()

    def on_mount(self) -> None:
        for field in self.query("#rpe").results(Input):  # none when the app ends as the summary comes (ctrl+q)
            field.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Elsewhere (the note's Tab, the buttons) the keys do what they always do.
        if action == "next_field":
            return self._field_after(self.NEXT_FIELD) is not None
        if action == "previous_field":
            return self._field_after(self.PREVIOUS_FIELD) is not None
        return True

    def _field_after(self, order: dict[str, str]) -> str | None:
        focused = self.focused
        return order.get(focused.id) if focused is not None and focused.id is not None else None

    def _go_to(self, field: str | None) -> None:
        if field is not None:
            # set_focus at once: Widget.focus() would wait for the queue, behind the next keys.
            self.set_focus(self.query_one(f"#{field}", Input))

    def action_next_field(self) -> None:
        self._go_to(self._field_after(self.NEXT_FIELD))

    def action_previous_field(self) -> None:
        self._go_to(self._field_after(self.PREVIOUS_FIELD))

    @on(Input.Submitted, "#note")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        values: dict[str, int | None] = {}
        for name in ("rpe", "soreness"):
            field = self.query_one(f"#{name}", Input)
            if not field.value.strip():
                values[name] = None
                continue
            check = field.validate(field.value)
            if check is not None and not check.is_valid:
                self.notify("; ".join(check.failure_descriptions), severity="error")
                field.focus()
                return
            values[name] = int(field.value)
        answer(self, Feedback(values["rpe"], values["soreness"], self.query_one("#note", Input).value.strip()))

    @on(Button.Pressed, "#skip")
    def action_skip(self) -> None:
        """Out, with what was answered: a soreness typed and then escape was lost, and it is what the coach
        reads before the next eccentric session."""
        answer(self, self.answered())

    def answered(self) -> Feedback | None:
        """What the fields hold, as escape keeps it (also when the app ends under this screen); a field that does
        not hold a valid answer is left out."""
        rpe, soreness = self._answered("rpe"), self._answered("soreness")
        note = self.query_one("#note", Input).value.strip()
        return Feedback(rpe, soreness, note) if (rpe, soreness, note) != (None, None, "") else None

    def _answered(self, name: str) -> int | None:
        field = self.query_one(f"#{name}", Input)
        check = field.validate(field.value) if field.value.strip() else None
        return int(field.value) if check is not None and check.is_valid else None
