"""The runner's own copy of the 10-week programme, week 1 made 2 x 30, on the screens as a runner meets it:
home does not offer it, the check holds it with the rule's numbers and offers home's first session."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from hamstride import locations
from hamstride.audio.clips import SoundBank
from hamstride.audio.player import CuePlayer
from hamstride.storage.history import HistoryStore
from hamstride.storage.library import load_library
from hamstride.ui.app import HamstrideApp, OpenHome, Services, Settings
from hamstride.ui.screens.readiness import ReadinessScreen
from hamstride.ui.screens.run import RunScreen
from hamstride.ui.services import given
from tests.ui.helpers import RecordingBackend
from tests.ui.test_home import NOW
from tests.ui.test_readiness import shown, start
from tests.unit.helpers import FakeClock
from tests.unit.test_calendars import SESSIONS

FIRST = SESSIONS["nordic-first-session"].title


def app_with_own_copy(tmp_path: Path) -> HamstrideApp:
    user = tmp_path / "sessions"
    user.mkdir()
    text = (locations.builtin_sessions() / "nordic-programme.toml").read_text(encoding="utf-8")
    (user / "nordic-programme.toml").write_text(
        text.replace('week."1" = { sets = 2, reps = 5 }', 'week."1" = { sets = 2, reps = 30 }'), encoding="utf-8")
    store = HistoryStore(tmp_path / "history", lambda: NOW)
    player = CuePlayer(SoundBank(locations.sounds()), [RecordingBackend()], threaded=False)
    return HamstrideApp(OpenHome(), Settings(readiness_check=True), Services(
        store=store, wall=lambda: NOW, clock=FakeClock(), player=given(player),
        library=lambda: load_library(locations.builtin_sessions(), user), user_folder=user))


async def test_a_copy_with_sixty_nordics_in_week_one_is_held_and_the_first_session_offered(tmp_path: Path) -> None:
    app = app_with_own_copy(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        home = str(app.screen.query_one("#suggestion", Static).render())
        assert home.startswith(f"Today: {FIRST}."), home
        await start(app, pilot, "nordic-programme")
        await pilot.press("0", "n")
        await pilot.pause()
        assert isinstance(app.screen, ReadinessScreen)
        text = " ".join(shown(app).split())
        assert "60 Nordic reps" in text and "at most 10 today" in text, text
        assert f"Today: {FIRST}." in text and f"g: {FIRST} instead" in text, text
        await pilot.press("g")
        await pilot.pause()
        run = app.screen
        assert isinstance(run, RunScreen) and run.timeline.session.name == "nordic-first-session"
