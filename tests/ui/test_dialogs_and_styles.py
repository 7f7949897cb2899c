"""The stylesheet: every rule is scoped to its screen or widget, and both questions sit centred."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.css.model import SelectorType
from textual.css.stylesheet import Stylesheet
from textual.screen import ModalScreen
from textual.widget import Widget

import hamstride.ui
from hamstride.ui.screens.confirm import ConfirmScreen
from hamstride.ui.screens.resume import ResumeChoice, ResumeScreen
from tests.ui.helpers import make_app

STYLESHEET = Path(hamstride.ui.__file__).parent / "hamstride.tcss"
TEXT = 'title = "t"\n[[steps]]\nname = "Plank"\nhold = 30\n'


def _our_classes(base: type) -> set[str]:
    found: set[str] = set()
    todo: list[type] = [base]
    while todo:
        cls = todo.pop()
        subclasses: list[type] = cls.__subclasses__()
        for sub in subclasses:
            todo.append(sub)
            if sub.__module__.startswith("hamstride."):
                found.add(sub.__name__)
    return found


def test_every_rule_is_scoped_under_one_of_our_screens_or_widgets() -> None:
    for module in pkgutil.walk_packages(hamstride.ui.__path__, "hamstride.ui."):
        importlib.import_module(module.name)  # so every screen and widget class is known
    ours = _our_classes(Widget)
    sheet = Stylesheet(variables=App().get_css_variables())
    sheet.add_source(STYLESHEET.read_text(), read_from=(str(STYLESHEET), ""))
    sheet.parse()
    unscoped = []
    for rule in sheet.rules:
        for selector_set in rule.selector_set:
            first = selector_set.selectors[0]
            if first.type is not SelectorType.TYPE or first.name not in ours:
                unscoped.append(selector_set.css)
    assert sheet.rules and not unscoped


@pytest.mark.parametrize("dialog", [
    lambda: ResumeScreen("A session was left unfinished. Resume it?", can_resume=True),
    lambda: ConfirmScreen("End the session now?"),
], ids=["resume", "confirm"])
async def test_a_question_is_drawn_in_the_middle_of_the_screen(dialog: Callable[[], ModalScreen[Any]]) -> None:
    app, _, _ = make_app(TEXT)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(dialog())
        await pilot.pause()
        box = app.screen.query_one("#dialog").region
        width, height = app.screen.size
        assert box.width < width and box.height < height
        assert abs(box.x - (width - box.right)) <= 1  # as much room left as right
        assert abs(box.y - (height - box.bottom)) <= 1  # as much above as below


@pytest.mark.parametrize(("keys", "can_resume", "expected"), [
    (("r",), True, ResumeChoice.RESUME), (("k",), True, ResumeChoice.KEEP), (("escape",), True, ResumeChoice.KEEP),
    (("r", "k"), False, ResumeChoice.KEEP),  # nothing to resume: r does nothing
])
async def test_the_resume_question_answers_with_a_typed_choice(keys: tuple[str, ...], can_resume: bool,
                                                               expected: ResumeChoice) -> None:
    app, _, _ = make_app(TEXT)
    answers: list[ResumeChoice | None] = []
    async with app.run_test() as pilot:
        app.push_screen(ResumeScreen("Resume?", can_resume=can_resume), answers.append)
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
    assert answers == [expected] and type(answers[0]) is ResumeChoice
