"""The app as `hamstride serve` runs it in a browser tab: keys big enough to tap, and a tab closed
under a run leaves a journal that says why, so the next start's resume offer is no surprise."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.widgets import Static

from hamstride.ui.app import HamstrideApp, OpenHome, Settings
from hamstride.ui.screens.resume import ResumeScreen
from hamstride.ui.screens.run import RunScreen
from hamstride.ui.widgets.key_bar import KeyBar
from tests.ui.test_history_flow import build

DEAD_OWNER = "999999999:gone:0"  # a process that cannot be running: the journal is offered


@pytest.mark.parametrize(("served", "width", "rows"), [(True, 100, 3), (False, 100, 1), (True, 40, 4), (False, 40, 2)])
async def test_served_the_key_bar_is_three_rows_high_to_tap(served: bool, width: int, rows: int) -> None:
    """Served, a blank row above and below the keys; held upright (40 columns) the keys take two rows."""
    app = HamstrideApp(OpenHome(), Settings(served=served))
    async with app.run_test(size=(width, 60)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(KeyBar).region.height == rows


async def _leave_a_run(tmp_path: Path, served: bool, *,
                       signalled: bool = False) -> tuple[dict[str, object], RunScreen, Path]:
    app, clock, store = build(tmp_path, Settings(served=served))
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen)
        for _ in range(24):  # into step 2: the Nordics are done
            clock.advance(0.5)
            screen.frame()
        await pilot.pause()
        if signalled:  # what the SIGTERM/SIGHUP handler does (a headless app installs none)
            app._stop("Stopped", 143)
        else:
            app.exit()  # what textual-serve's "quit" does when the tab closes
    [path] = store.journals.folder.glob("*.toml")
    return tomllib.loads(path.read_text()), screen, path


async def test_a_tab_closed_under_a_run_pauses_it_and_journals_why(tmp_path: Path) -> None:
    journal, screen, _ = await _leave_a_run(tmp_path, served=True)
    assert screen.engine.paused
    assert journal["stopped"] == "its browser page was closed (hamstride serve)"
    assert journal["position"]["step"] == 1  # type: ignore[index]  # resumes at the set that was running


async def test_served_a_run_stopped_by_a_signal_is_paused_and_journalled_why_too(tmp_path: Path) -> None:
    """The signal's way out closes the journal before the app unmounts: the reason is written first."""
    journal, screen, _ = await _leave_a_run(tmp_path, served=True, signalled=True)
    assert screen.engine.paused
    assert journal["stopped"] == "its browser page was closed (hamstride serve)"


async def test_in_a_terminal_a_run_left_is_journalled_as_before(tmp_path: Path) -> None:
    journal, _, _ = await _leave_a_run(tmp_path, served=False)
    assert "stopped" not in journal


async def test_the_next_start_offers_the_run_back_and_says_why_it_stopped(tmp_path: Path) -> None:
    journal, _, path = await _leave_a_run(tmp_path, served=True)
    path.write_text(path.read_text().replace(str(journal["owner"]), DEAD_OWNER))  # as if a run of another process
    app, _, _ = build(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        question = str(app.screen.query_one("#question", Static).render())
        assert "it stopped because its browser page was closed (hamstride serve)" in question
        assert "stopped at step 2 of 2" in question


async def test_served_e_refuses_to_open_an_editor_and_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A browser tab has no terminal for $EDITOR: e says so, and nothing is started or copied."""
    from hamstride import locations
    from hamstride.storage.history import HistoryStore
    from hamstride.storage.library import load_library
    from hamstride.ui.app import Services
    from hamstride.ui.screens.home import HomeScreen
    from tests.ui.test_home import NOW

    started: list[object] = []

    def editor(*args: object) -> int:
        started.append(args)
        return 0

    monkeypatch.setattr("hamstride.editing.run_editor", editor)
    monkeypatch.setenv("EDITOR", "true")
    user = tmp_path / "sessions"
    user.mkdir()
    app = HamstrideApp(OpenHome(), Settings(served=True), Services(
        store=HistoryStore(tmp_path / "history", lambda: NOW), wall=lambda: NOW,
        library=lambda: load_library(locations.builtin_sessions(), user), user_folder=user))
    toasts: list[str] = []
    original = app.notify

    def recording_notify(message: str, **kwargs):  # type: ignore[no-untyped-def]
        toasts.append(message)
        return original(message, **kwargs)

    app.notify = recording_notify  # type: ignore[method-assign]
    async with app.run_test(size=(100, 34)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert started == [] and not list(user.glob("*.toml"))  # no editor, no copy of a built-in
    assert any("browser" in t and "hamstride edit" in t for t in toasts), toasts
