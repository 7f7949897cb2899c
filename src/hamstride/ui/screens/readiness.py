"""The check before eccentric work: two one-key questions, then go, or the gentle alternative and why."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from hamstride.domain.readiness import Verdict
from hamstride.domain.record import Readiness
from hamstride.ui.screens.answer import answer

SESSION = "session"
ALTERNATIVE = "alternative"
BACK = "back"  # nothing starts; the answers given are kept all the same


@dataclass(frozen=True)
class ReadinessChoice:
    answers: Readiness
    run: str  # SESSION, ALTERNATIVE (the gentle session the verdict offered), or BACK


class ReadinessScreen(ModalScreen[ReadinessChoice | None]):
    """Soreness 0-10 (0-9, t for 10), then a race or hard run ahead (y/n); s skips a question, escape the rest.

    A race the diary knows of in the next days (`known`, races.toml or the calendar) is said, not asked:
    the answer is known, and asking it again would read as if the app had forgotten it."""

    BINDINGS = [Binding("escape", "escape", "Skip the check / back", id="readiness-escape")]

    def __init__(self, title: str, assess: Callable[[Readiness], Verdict], titles: Mapping[str, str],
                 why: str = "", known: tuple[str, ...] = (),
                 keep: Callable[[Readiness], None] | None = None) -> None:
        super().__init__()
        self.keep = keep  # the answers, kept as the verdict is reached, or as the app ends before it (`keep_given`)
        self.kept = False
        self.known = known  # the races ahead the diary knows of, said instead of the race question
        self.session_title = title
        self.why = why  # read here at the laptop, not as a toast over the run's first get-ready
        self.assess = assess
        self.titles = titles  # session name -> title, to name the gentle alternative
        self.soreness: int | None = None
        self.key_run: bool | None = None
        self.question = 1  # 1: soreness, 2: a key run ahead, 3: the verdict is on screen
        self.verdict: Verdict | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(f"Before {self.session_title}: a quick check", id="readiness-title", markup=False)
            if self.why:
                yield Static(f"Why it works: {self.why}", id="readiness-why", markup=False)
            if self.known:
                yield Static("Known: " + "; ".join(self.known) + ". No need to ask about races.",
                             id="readiness-known", markup=False)
            yield Static("", id="readiness-question", markup=False)
            yield Static("", id="readiness-keys", markup=False)

    def on_mount(self) -> None:
        self._show()

    @property
    def alternative_title(self) -> str | None:
        alternative = self.verdict.alternative if self.verdict is not None else None
        return self.titles.get(alternative) if alternative is not None else None

    @property
    def answers(self) -> Readiness:
        return Readiness(self.soreness, self.key_run)

    def _show(self) -> None:
        question = self.query_one("#readiness-question", Static)
        keys = self.query_one("#readiness-keys", Static)
        if self.question == 1:
            question.update("Hamstring soreness today, 0-10?")
            keys.update("0-9 · t = 10 · s skips · esc skips the check")
        elif self.question == 2:
            question.update("A race or hard run in the next 2-3 days?")
            keys.update("y · n · s skips · esc skips")
        else:
            assert self.verdict is not None
            instead = f"g: {self.alternative_title} instead · " if self.alternative_title else ""
            question.update(f"Not today, better:\n{self.verdict.told(self.titles)}")
            # The verdict, what instead and the keys fit an 80 x 24 screen: the session's why gives way.
            for why in self.query("#readiness-why"):
                why.display = False
            keys.update(f"{instead}a: go ahead anyway · esc: back")

    def on_key(self, event: events.Key) -> None:
        key = event.key
        if self.question == 1 and (key.isdigit() or key in ("t", "s")):
            event.stop()
            self.soreness = None if key == "s" else 10 if key == "t" else int(key)
            if self.known:  # the race question's answer is known: straight to the verdict
                self._decide()
                return
            self.question = 2
            self._show()
        elif self.question == 2 and key in ("y", "n", "s"):
            event.stop()
            self.key_run = None if key == "s" else key == "y"
            self._decide()
        elif self.question == 3 and key == "a":
            event.stop()
            answer(self, ReadinessChoice(self.answers, SESSION))
        elif self.question == 3 and key == "g" and self.alternative_title:
            event.stop()
            answer(self, ReadinessChoice(self.answers, ALTERNATIVE))

    def keep_given(self) -> None:
        """The answers given so far, kept once: at the verdict, or as the app ends before it (ctrl+q at the race
        question, a hang-up). A soreness typed and then lost is one the coach does not read (walk14)."""
        if self.keep is not None and not self.kept and self.answers.answered:
            self.kept = True
            self.keep(self.answers)

    def _decide(self) -> None:
        self.keep_given()
        verdict = self.assess(self.answers)
        if verdict.go:
            answer(self, ReadinessChoice(self.answers, SESSION))
            return
        self.verdict = verdict
        self.question = 3
        self._show()

    def action_escape(self) -> None:
        if self.question < 3:
            self._decide()  # skipped: what the history says still counts
            return
        answer(self, ReadinessChoice(self.answers, BACK))  # back, the answers kept
