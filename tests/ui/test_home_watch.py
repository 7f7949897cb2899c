"""The app watches the sessions folder off the UI thread (a service it owns, as toolong's watcher);
the home screen reads the sessions again when told, and plans each session once per load."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from hamstride import locations
from hamstride.audio.clips import SoundBank
from hamstride.audio.player import CuePlayer
from hamstride.domain.model import Session
from hamstride.storage.history import HistoryStore
from hamstride.storage.library import Library, load_library
from hamstride.ui.app import HamstrideApp, OpenHome, Services
from hamstride.ui.screens.home import HomeScreen
from hamstride.ui.services import given
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
    app = HamstrideApp(OpenHome(), services=Services(store=HistoryStore(tmp_path / "history", lambda: NOW), wall=lambda: NOW, clock=FakeClock(), player=given(player), library=load, user_folder=user))
    return app, user


async def test_a_changed_folder_is_read_off_the_ui_thread(tmp_path: Path) -> None:
    on_main: list[bool] = []
    app, user = watched_app(tmp_path, on_main)
    async with app.run_test(size=(100, 34)) as pilot:
        await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert not app.watcher.look()
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert len(on_main) == 1  # nothing changed: the files are not read again
        (user / "my-core.toml").write_text('title = "My core"\n[[steps]]\nname = "Plank"\nhold = 30\n')
        assert app.watcher.look()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert on_main[1:] and not any(on_main[1:])
        assert str(screen.query_one("#library", LibraryList).cells_of("my-core")[1]) == "0:35"


async def test_a_history_refresh_plans_no_session_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app, _ = watched_app(tmp_path, [])
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()  # the history's first load starts after the first frame: let it start, and end
        await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        before = [str(row[1]) for row in map(screen.query_one("#library", LibraryList).cells_of,
                                             [e.name for e in screen.library.entries])]
        planned: list[str] = []
        from hamstride.domain import plan

        real = plan.planned_seconds

        def counted(s: Session) -> float:
            planned.append(s.name)
            return real(s)

        monkeypatch.setattr(plan, "planned_seconds", counted)  # home imports it when it plans
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
        assert app.watcher.paused and not app.watcher.look()  # the watch's beat, come while the run is on top
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert len(on_main) == loads, "the folder was read again under a running session"


async def test_the_watch_is_a_service_of_the_app_not_a_timer_of_the_screen(tmp_path: Path) -> None:
    """One thread looks at the folder, whichever screen is on top; a change seen under a dialog is read
    when the home screen is back."""
    on_main: list[bool] = []
    app, user = watched_app(tmp_path, on_main)
    async with app.run_test(size=(100, 34)) as pilot:
        await app.workers.wait_for_complete()
        home_screen = app.screen
        assert isinstance(home_screen, HomeScreen)
        assert [t for t in threading.enumerate() if t.name == "hamstride-watcher"]
        await pilot.press("h")  # the history over home
        await pilot.pause()
        (user / "my-core.toml").write_text('title = "My core"\n[[steps]]\nname = "Plank"\nhold = 30\n')
        app.watcher.look()
        await pilot.pause()
        await app.workers.wait_for_complete()
        loads = len(on_main)
        await pilot.press("escape")  # home again: what changed meanwhile is read now
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(on_main) == loads + 1
        assert home_screen.query_one("#library", LibraryList).cells_of("my-core")
    assert not [t for t in threading.enumerate() if t.name == "hamstride-watcher"]
