"""The key bar: the keys on offer on the bottom line, drawn again only when they change.

It draws exactly what Textual's Footer drew (the snapshot tests guard that); here
what it does: a click presses the key, a key switched off is dimmed and rings
the bell, the keymap's keys are shown, and a burst of binding changes that
changes no key draws nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from hamstride.storage.history import HistoryStore
from hamstride.ui.app import HamstrideApp, OpenHistory, Services
from hamstride.ui.screens.charts import ChartsScreen
from hamstride.ui.widgets.key_bar import KeyBar
from tests.ui.helpers import count_key_bar_draws, make_app, screen_lines, screen_strips
from tests.unit.helpers import make_record

NOW = datetime(2026, 11, 24, 18, 0, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def draws(monkeypatch: pytest.MonkeyPatch) -> list[KeyBar]:
    return count_key_bar_draws(monkeypatch)


def _history_app(tmp_path: Path) -> HamstrideApp:
    """The app opened on the history screen, with one session kept."""
    store = HistoryStore(tmp_path / "history", lambda: NOW)
    store.save(make_record(NOW - timedelta(days=1)))
    return HamstrideApp(OpenHistory(), services=Services(store=store, wall=lambda: NOW))


def _descriptions(bar: KeyBar) -> set[str]:
    return {key.description for key in bar.keys}


async def test_the_charts_screen_shows_its_keys_from_its_first_frame_and_keeps_them(
        tmp_path: Path, draws: list[KeyBar]) -> None:
    app = _history_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ChartsScreen)
        bar = app.screen.query_one(KeyBar)
        assert {"Back", "Weeks", "Next chart"} <= _descriptions(bar)
        assert "esc Back" in screen_lines(app)[-1].replace("  ", " ")
        drawn = len([d for d in draws if d is bar])
        await pilot.press("c", "r")  # a chart and a range: the same keys, nothing drawn again
        await pilot.pause()
        assert len([d for d in draws if d is bar]) == drawn


async def test_focus_on_a_widget_with_hidden_keys_leaves_the_keys_as_they_are(
        tmp_path: Path, draws: list[KeyBar]) -> None:
    """The history screen's list takes the focus with its own keys (arrows, enter), none of them shown."""
    from hamstride.ui.screens.history import HistoryScreen
    from hamstride.ui.widgets.session_list import SessionList

    app = _history_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen) and screen.query_one(SessionList).has_focus
        bar = screen.query_one(KeyBar)
        assert {"Back", "Charts"} <= _descriptions(bar)
        assert len([d for d in draws if d is bar]) == 1


class Toggling(Screen[None]):
    BINDINGS = [Binding("t", "flip", "Toggle"), Binding("s", "save", "Save")]

    def __init__(self) -> None:
        super().__init__()
        self.can_save = True
        self.saved = 0
        self.toggled = 0

    def compose(self) -> ComposeResult:
        yield KeyBar(compact=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "save" and not self.can_save else True

    def action_flip(self) -> None:
        self.toggled += 1
        self.can_save = not self.can_save
        self.refresh_bindings()

    def action_save(self) -> None:
        self.saved += 1


class ToggleApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.bells = 0

    def on_mount(self) -> None:
        self.push_screen(Toggling())

    def bell(self) -> None:
        self.bells += 1


def _save_key(bar: KeyBar) -> bool:
    return next(key.enabled for key in bar.keys if key.description == "Save")


async def test_a_key_switched_off_is_drawn_again_and_a_repeat_draws_nothing(draws: list[KeyBar]) -> None:
    app = ToggleApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, Toggling)
        bar = screen.query_one(KeyBar)
        drawn = len(draws)
        assert _save_key(bar)
        await pilot.press("t")
        await pilot.pause()
        assert not _save_key(bar) and len(draws) == drawn + 1
        screen.refresh_bindings()  # nothing changed: nothing to draw
        await pilot.pause()
        assert len(draws) == drawn + 1
        await pilot.press("t")
        await pilot.pause()
        assert _save_key(bar) and len(draws) == drawn + 2


async def test_a_click_presses_the_key_and_a_key_switched_off_rings_the_bell() -> None:
    app = ToggleApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, Toggling)
        line = screen_lines(app)[-1]
        assert line.startswith("t Toggle s Save ")
        save_at = line.index("s Save")
        await pilot.click(KeyBar, offset=(save_at + 2, 0))  # on "Save"
        await pilot.pause()
        assert screen.saved == 1
        await pilot.click(KeyBar, offset=(save_at - 1, 0))  # the gap between two keys presses nothing
        await pilot.pause()
        assert (screen.saved, screen.toggled) == (1, 0)
        await pilot.click(KeyBar, offset=(0, 0))  # "t": Save goes off
        await pilot.pause()
        assert screen.toggled == 1 and not _save_key(screen.query_one(KeyBar))
        await pilot.click(KeyBar, offset=(save_at, 0))
        await pilot.pause()
        assert screen.saved == 1 and app.bells == 1


async def test_the_palette_key_sits_at_the_right_end_and_opens_the_palette() -> None:
    app = ToggleApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        line = screen_lines(app)[-1]
        assert line.rstrip().endswith("^p palette")
        await pilot.click(KeyBar, offset=(len(line.rstrip()) - 3, 0))
        await pilot.pause()
        from textual.command import CommandPalette
        assert isinstance(app.screen, CommandPalette)


async def test_a_narrow_terminal_drops_the_word_palette_before_any_key() -> None:
    app = ToggleApp()
    async with app.run_test(size=(19, 10)) as pilot:
        await pilot.pause()
        line = screen_lines(app)[-1]
        assert line.startswith("t Toggle s Save") and line.rstrip().endswith("▏^p"), line


async def test_a_narrow_terminal_wraps_the_keys_never_cuts_one() -> None:
    """Too narrow for every key on one line (a phone held upright): the keys take a second row, each
    whole, the palette's key at the end of the last; a click on either row presses the key under it."""
    app = ToggleApp()
    async with app.run_test(size=(14, 10)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, Toggling)
        first, second = screen_lines(app)[-2:]
        assert first.rstrip() == "t Toggle" and second.startswith("s Save") and second.endswith("▏^p"), (first, second)
        await pilot.click(KeyBar, offset=(second.index("Save"), 1))
        await pilot.pause()
        assert screen.saved == 1
        await pilot.click(KeyBar, offset=(second.index("^p") + 1, 1))
        await pilot.pause()
        from textual.command import CommandPalette
        assert isinstance(app.screen, CommandPalette)


@pytest.mark.parametrize("no_color", [False, True])
async def test_the_run_screens_key_row_edges_look_as_the_screens_margin(
        monkeypatch: pytest.MonkeyPatch, no_color: bool) -> None:
    # The run screen's key bar sits in a blank row of its own (KeyRow); the row shows at its two
    # edges, which must look as the margin above them, greyed too under NO_COLOR.
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    app, _, _ = make_app('title = "t"\n[[steps]]\nname = "Plank"\nhold = 30\n')
    async with app.run_test(size=(60, 20)) as pilot:
        app.theme = "nord"  # a background that is not grey: a filter missed shows
        await pilot.pause()
        edges = [{segment.style.bgcolor for cell in (row.crop(0, 1), row.crop(59, 60)) for segment in cell
                  if segment.style} for row in screen_strips(app)]
        assert len(edges) == 20 and all(edge == edges[0] for edge in edges), edges  # the key row's too
        [colour] = edges[0]
        assert colour is not None and colour.triplet is not None
        assert (len(set(colour.triplet)) == 1) == no_color  # grey exactly when NO_COLOR asks for it
