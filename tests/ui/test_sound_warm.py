"""The sound is made (and its child started) as a run is chosen, not at the run's first cue.

The first get-ready of a run is due as the run screen is first drawn; a sound child started then
made that cue wait 50-160 ms (tests/perf/test_sound_child_latency.py). Here the run waits at the
readiness check, so no cue is due yet: the player must be made all the same.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from hamstride import locations
from hamstride.audio.clips import Clip, SoundBank
from hamstride.audio.player import CuePlayer
from hamstride.domain.cues import CueKind
from hamstride.storage.config import Config
from hamstride.storage.history import HistoryStore
from hamstride.storage.library import load_library
from hamstride.ui.app import HamstrideApp, OpenHome, OpenRun, Services, Settings
from hamstride.ui.screens.home import HomeScreen
from hamstride.ui.screens.readiness import ReadinessScreen
from hamstride.ui.services import given
from hamstride.ui.widgets.run_view import RunView
from tests.ui.helpers import RecordingBackend
from tests.ui.test_first_frame import TEMPO
from tests.ui.test_home import NOW
from tests.ui.test_readiness import start
from tests.unit.helpers import FakeClock, session

WAIT = 5.0  # a bound for a thread that acts in milliseconds, not a measurement


class Factory:
    """The app's player factory, noting that it was asked (from whichever thread)."""

    def __init__(self) -> None:
        self.made = threading.Event()

    def __call__(self, config: Config, ring: Callable[[], None], notice: Callable[[str], None]) -> CuePlayer:
        self.made.set()
        return CuePlayer(SoundBank(locations.sounds()), [RecordingBackend()], threaded=False)


async def _made(pilot: Pilot[Any], factory: Factory) -> bool:
    deadline = time.monotonic() + WAIT
    while not factory.made.is_set() and time.monotonic() < deadline:
        await pilot.pause(0.05)
    return factory.made.is_set()


async def test_run_file_makes_its_sound_as_the_app_loads(tmp_path: Path) -> None:
    factory = Factory()
    app = HamstrideApp(OpenRun(session(TEMPO)), Settings(readiness_check=True),
                       Services(player=factory, user_folder=tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReadinessScreen)  # no run, no cue yet
        assert await _made(pilot, factory)


async def test_home_makes_the_sound_when_a_session_is_chosen_not_before(tmp_path: Path) -> None:
    factory = Factory()
    store = HistoryStore(tmp_path / "history", lambda: NOW)
    app = HamstrideApp(OpenHome(), Settings(readiness_check=True),
                       Services(store=store, wall=lambda: NOW, player=factory, user_folder=tmp_path / "sessions",
                                library=lambda: load_library(locations.builtin_sessions(), None)))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and not factory.made.is_set()  # browsing needs no sound
        await start(app, pilot, "early-week-strength")
        assert isinstance(app.screen, ReadinessScreen)
        assert await _made(pilot, factory)


async def test_the_opening_get_ready_sounds_as_the_clock_starts_before_the_first_frame() -> None:
    """Due as the engine starts (the screen is being built): it is not held for the first frame."""
    seen: list[int] = []

    class Noting(RecordingBackend):
        def play(self, clip: Clip) -> None:
            seen.append(len(app.query(RunView)))  # the screen's picture: mounted by its first frame
            super().play(clip)

    player = CuePlayer(SoundBank(locations.sounds()), [Noting()], threaded=False)
    app = HamstrideApp(OpenRun(session(TEMPO)), services=Services(clock=FakeClock(), player=given(player)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert [cue.kind for cue, _ in player.played] == [CueKind.GET_READY]
    assert seen[0] == 0
