"""The app under hostile input: a bad $EDITOR, markup in toasts, an unavailable backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamstride.storage.config import Config
from hamstride.ui.app import HamstrideApp, OpenHistory, Settings
from hamstride.ui.screens.home import HomeScreen
from tests.ui.helpers import Toasts
from tests.ui.test_home import home_app, ready


@pytest.mark.parametrize("editor", ["/no such/editor with spaces", "ed.sh 'unbalanced"])
async def test_a_bad_editor_on_the_home_screen_is_a_message_not_a_crash(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, editor: str) -> None:
    monkeypatch.setenv("EDITOR", editor)
    monkeypatch.delenv("VISUAL", raising=False)
    app, _store, _user = home_app(tmp_path)
    toasts = Toasts()
    async with app.run_test(size=(100, 34), message_hook=toasts) as pilot:
        await ready(app, pilot)
        await pilot.press("e")  # a built-in: copied to the runner's folder, then the editor fails
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.is_running
        assert any("editor could not be started" in t for t in toasts.texts()), toasts.texts()


async def test_markup_in_a_toast_is_shown_as_text(tmp_path: Path) -> None:
    app, _store, _user = home_app(tmp_path)
    toasts = Toasts()
    async with app.run_test(size=(100, 34), message_hook=toasts) as pilot:
        await ready(app, pilot)
        app.notify("note: [@click=app.quit]CLICK[/] and [/] and \x1b]0;title\x07", severity="warning")
        await pilot.pause()
        shown = toasts.texts()
        assert any("[@click=app.quit]CLICK[/] and [/] and ]0;title" in t for t in shown), shown
        assert app.is_running


async def test_an_unavailable_backend_is_reported(tmp_path: Path) -> None:
    app = HamstrideApp(OpenHistory(), Settings.of(Config(), backend="no-such-player"))
    toasts = Toasts()
    async with app.run_test(size=(100, 34), message_hook=toasts) as pilot:
        assert app.player.backend.name != "no-such-player"
        await pilot.pause()
        assert any("no-such-player is not available here" in t for t in toasts.texts())


async def test_ctrl_c_at_home_says_how_to_quit_without_markup_shown_as_text(tmp_path: Path) -> None:
    # Textual's own toast for ctrl+c bolds the key with markup, which this app's toasts show as text:
    # "Press [b]q[/b] to quit the app" (found walking the app in tmux, at home and on the summary).
    app, _store, _user = home_app(tmp_path)
    toasts = Toasts()
    async with app.run_test(size=(100, 34), message_hook=toasts) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.is_running
        said = [t for t in toasts.texts() if "quit" in t]
        assert said == ["Press q to quit hamstride"], toasts.texts()
