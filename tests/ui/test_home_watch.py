"""The home screen watches the sessions folder off the UI thread and plans each session once per load."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import hamstride.ui.screens.home as home
from hamstride import locations
from hamstride.audio.clips import SoundBank
from hamstride.audio.player import CuePlayer
from hamstride.storage.history import HistoryStore
from hamstride.storage.library import Library, load_library
from hamstride.ui.app import HamstrideApp
from hamstride.ui.screens.home import HomeScreen
from hamstride.ui.widgets.library_list import LibraryList
from tests.ui.helpers import RecordingBackend
from tests.ui.test_home import NOW
from tests.unit.helpers import FakeClock


def watched_app(tmp_path: Path, threads: list[bool]) -> tuple[HamstrideApp, Path]:
    user = tmp_path / "sessions"
    user.mkdir()

    def load() -> Library:
        threads.append(threading.current_thread() is threading.main_thread())
        return load_library(locations.builtin_sessions(), user)

    player = CuePlayer(SoundBank(locations.sounds()), [RecordingBackend()], threaded=False)
    app = HamstrideApp(store=HistoryStore(tmp_path / "history", lambda: NOW), wall=lambda: NOW, clock=FakeClock(),
                       player=player, start="home", load_library=load, user_folder=user)
    return app, user


async def test_a_changed_folder_is_read_off_the_ui_thread(tmp_path: Path) -> None:
    on_main: list[bool] = []
    app, user = watched_app(tmp_path, on_main)
    async with app.run_test(size=(100, 34)) as pilot:
        await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        screen.look_for_changes()
        await app.workers.wait_for_complete()
        assert len(on_main) == 1  # nothing changed: the files are not read again
        (user / "my-core.toml").write_text('title = "My core"\n[[steps]]\nname = "Plank"\nhold = 30\n')
        screen.look_for_changes()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert on_main[1:] and not any(on_main[1:])
        assert str(screen.query_one("#library", LibraryList).cells_of("my-core")[1]) == "0:35"


async def test_a_history_refresh_plans_no_session_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app, _ = watched_app(tmp_path, [])
    async with app.run_test(size=(100, 34)) as pilot:
        await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        before = [str(row[1]) for row in map(screen.query_one("#library", LibraryList).cells_of,
                                             [e.name for e in screen.library.entries])]
        planned: list[str] = []
        real = home.planned_seconds
        monkeypatch.setattr(home, "planned_seconds", lambda s: planned.append(s.name) or real(s))
        screen.load_history()
        await app.workers.wait_for_complete()
        await pilot.pause()
        after = [str(row[1]) for row in map(screen.query_one("#library", LibraryList).cells_of,
                                            [e.name for e in screen.library.entries])]
        assert planned == [] and after == before and all(after)


async def test_the_folder_is_not_watched_while_a_session_runs_over_the_home_screen(tmp_path: Path) -> None:
    on_main: list[bool] = []
    app, user = watched_app(tmp_path, on_main)
    async with app.run_test(size=(100, 34)) as pilot:
        await app.workers.wait_for_complete()
        home_screen = app.screen
        assert isinstance(home_screen, HomeScreen)
        await pilot.press("enter")  # a session starts over the home screen
        await pilot.pause()
        assert type(app.screen).__name__ == "RunScreen", app.screen
        await app.workers.wait_for_complete()
        loads = len(on_main)
        (user / "my-core.toml").write_text('title = "My core"\n[[steps]]\nname = "Plank"\nhold = 30\n')
        home_screen._look_now_and_then()  # the watch's beat, come while the run is on top
        await app.workers.wait_for_complete()
        assert len(on_main) == loads, "the folder was read again under a running session"
