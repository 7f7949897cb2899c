"""The footer: rebuilt once for a burst of binding changes, and only when the keys it shows change."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

from hamstride.storage.history import HistoryStore
from hamstride.ui.app import HamstrideApp, Start
from hamstride.ui.screens.charts import ChartsScreen
from hamstride.ui.widgets.footer import Footer
from tests.unit.helpers import make_record

NOW = datetime(2026, 11, 24, 18, 0, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def rebuilds(monkeypatch: pytest.MonkeyPatch) -> list[TextualFooter]:
    """Every footer rebuild, ours or Textual's, as it happens."""
    done: list[TextualFooter] = []
    recompose = TextualFooter.recompose

    async def counted(self: TextualFooter) -> None:
        done.append(self)
        await recompose(self)

    monkeypatch.setattr(TextualFooter, "recompose", counted)
    return done



def _history_app(tmp_path: Path) -> HamstrideApp:
    """The app opened on the history screen, with one session kept."""
    store = HistoryStore(tmp_path / "history", lambda: NOW)
    store.save(make_record(NOW - timedelta(days=1)))
    return HamstrideApp(store=store, wall=lambda: NOW, start=Start.HISTORY)

async def test_the_charts_screen_keeps_the_footer_of_its_first_compose(tmp_path: Path, rebuilds: list[TextualFooter]) -> None:
    app = _history_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        rebuilds.clear()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ChartsScreen)
        footer = app.screen.query_one(Footer)
        # Its keys came with its first compose; its mount, the focus settling and its tabs coming up
        # changed no key it shows: no rebuild.
        assert [f for f in rebuilds if f is footer] == []
        shown = {key.description for key in footer.query(FooterKey)}
        assert {"Back", "Weeks", "Next chart"} <= shown
        await pilot.press("c", "r")  # a chart and a range: the keys stay, the footer is not rebuilt
        await pilot.pause()
        assert [f for f in rebuilds if f is footer] == []


async def test_focus_on_a_widget_with_hidden_keys_leaves_the_footer_as_it_is(
        tmp_path: Path, rebuilds: list[TextualFooter]) -> None:
    """The history screen's list takes the focus with its own keys (arrows, enter), none of them shown."""
    from hamstride.ui.screens.history import HistoryScreen
    from hamstride.ui.widgets.session_list import SessionList

    app = _history_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen) and screen.query_one(SessionList).has_focus
        footer = screen.query_one(Footer)
        assert {"Back", "Charts"} <= {key.description for key in footer.query(FooterKey)}
        assert [f for f in rebuilds if f is footer] == []


class Toggling(Screen[None]):
    BINDINGS = [Binding("t", "toggle", "Toggle"), Binding("s", "save", "Save")]

    def __init__(self) -> None:
        super().__init__()
        self.can_save = True

    def compose(self) -> ComposeResult:
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "save" and not self.can_save else True

    def action_toggle(self) -> None:
        self.can_save = not self.can_save
        self.refresh_bindings()

    def action_save(self) -> None:
        pass


class ToggleApp(App[None]):
    def on_mount(self) -> None:
        self.push_screen(Toggling())


async def test_a_key_that_changes_rebuilds_the_footer_and_a_repeat_does_not(rebuilds: list[TextualFooter]) -> None:
    app = ToggleApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, Toggling)
        footer = screen.query_one(Footer)

        def save_key() -> FooterKey:
            return next(key for key in footer.query(FooterKey) if key.description == "Save")

        built = len(rebuilds)
        assert not save_key().has_class("-disabled")
        await pilot.press("t")
        await pilot.pause()
        assert save_key().has_class("-disabled") and len(rebuilds) == built + 1
        screen.refresh_bindings()  # nothing changed: nothing to rebuild
        await pilot.pause()
        assert len(rebuilds) == built + 1
        await pilot.press("t")
        await pilot.pause()
        assert not save_key().has_class("-disabled") and len(rebuilds) == built + 2
