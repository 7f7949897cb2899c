"""Which first frame frees the start-up's garbage (collector.resume): one where no cue can be due.

The collector is off for the start-up and back on after the first frame. Over a run's first frame its
get-ready is due, so the start-up's unreachable objects are set aside uncollected (a full pass held the
interpreter 42-131 ms there); over the readiness check, home or a resume offer nothing is due, and they
are freed, some 0.3-0.5 MiB of the peak memory (tests/perf)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from hamstride import collector
from hamstride.ui.app import HamstrideApp, OpenRun, Services, Settings
from hamstride.ui.screens.readiness import ReadinessScreen
from hamstride.ui.screens.run import RunScreen
from hamstride.ui.services import given
from tests.ui.helpers import make_app
from tests.unit.helpers import FakeClock, session

HOLD = 'title = "Hold"\n[[steps]]\nname = "Plank"\nhold = 4\nlead_in = 3\n'
TEMPO = ('title = "Tempo"\n[[steps]]\nname = "Nordic"\ntempo = "3-0-1-0"\nreps = 2\neccentric = true\n'
         'lead_in = 3\n')


class _Cycle:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def start_up_garbage() -> Iterator[weakref.ref[_Cycle]]:
    """The collector off as `hamstride` turns it off, and an unreachable object left by the start-up."""
    collector.pause()
    try:
        yield weakref.ref(_Cycle())
    finally:
        collector.resume()
        gc.unfreeze()
        gc.collect()


async def test_over_the_readiness_check_the_start_ups_garbage_is_freed(
        tmp_path: Path, start_up_garbage: weakref.ref[_Cycle]) -> None:
    _, _, player = make_app(TEMPO)
    app = HamstrideApp(OpenRun(session(TEMPO)), Settings(readiness_check=True),
                       Services(clock=FakeClock(), player=given(player), user_folder=tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ReadinessScreen) and not collector.paused()
        assert start_up_garbage() is None


async def test_over_a_runs_first_frame_it_is_set_aside_uncollected(start_up_garbage: weakref.ref[_Cycle]) -> None:
    app, _, _ = make_app(HOLD)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, RunScreen) and not collector.paused()
        assert start_up_garbage() is not None
