"""The offer made after a crash: resume the unfinished session, or keep it as partial; or, for a
session that ended when the history could not be written, save it now."""

from __future__ import annotations

from enum import StrEnum

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from hamstride.ui.screens.answer import answer


class ResumeChoice(StrEnum):
    """What the runner chose: go on from the step where the run stopped, or keep it as partial."""

    RESUME = "resume"
    KEEP = "keep"


RESUME, KEEP = ResumeChoice.RESUME, ResumeChoice.KEEP


class ResumeScreen(ModalScreen[ResumeChoice]):
    BINDINGS = [
        Binding("r", "choose('resume')", "Resume", id="resume"),
        Binding("k,escape", "choose('keep')", "Keep as partial", id="keep-partial"),
    ]

    def __init__(self, question: str, *, can_resume: bool, keep: str = "Keep as partial") -> None:
        super().__init__()
        self.question = question
        self.can_resume = can_resume
        self.keep = keep  # "Save" for a session that ended but could not be saved then

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="question", markup=False)
            with Horizontal(id="choices"):
                if self.can_resume:
                    yield Button("Resume (r)", id="resume", variant="primary")
                yield Button(f"{self.keep} (k)", id="keep")

    def on_mount(self) -> None:
        self.query_one("#resume" if self.can_resume else "#keep", Button).focus()

    def action_choose(self, choice: str) -> None:
        chosen = ResumeChoice(choice)  # the bindings name it in text
        if chosen is RESUME and not self.can_resume:
            return
        answer(self, chosen)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_choose(RESUME if event.button.id == "resume" else KEEP)
