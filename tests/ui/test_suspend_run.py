"""ctrl+z under a run: the run pauses before the process stops, and back it says how long it was away; nothing
is credited for that time, however short. Where nothing can be suspended (a browser tab), it says so and goes on."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamstride.ui.app import Settings
from hamstride.ui.screens.run import RunScreen
from tests.ui.helpers import shown
from tests.ui.test_history_flow import build


@pytest.mark.parametrize("away", [1.0, 7.0])  # shorter than a gap the clock would show, and longer
async def test_a_run_stands_still_while_the_process_is_stopped(tmp_path: Path, away: float) -> None:
    app, clock, _ = build(tmp_path)
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen) and app.flow is not None
        for _ in range(11):  # the 5 s get-ready, then half a second into the first lowering
            clock.advance(0.5)
            screen.frame()
        before = screen.engine.result()
        with app.flow.standing_still():
            assert screen.engine.paused  # paused before the process stops, not found out after
            clock.advance(away)  # the process stood still
        snap = screen.frame()
        await pilot.pause()
        assert snap.paused and snap.slept == pytest.approx(away)
        assert shown(app)["status"].startswith("Paused: the laptop slept for 0:0")
        after = screen.engine.result()
        assert after.eccentric_reps == before.eccentric_reps == 0
        assert after.elapsed_seconds == pytest.approx(before.elapsed_seconds)  # none of the time away
        clock.advance(30)
        assert screen.frame().paused  # it waits for the runner
        await pilot.press("space")
        assert not screen.engine.paused


async def test_a_run_paused_by_the_runner_stays_a_plain_pause(tmp_path: Path) -> None:
    app, clock, _ = build(tmp_path)
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen) and app.flow is not None
        clock.advance(1)
        await pilot.press("space")
        with app.flow.standing_still():
            clock.advance(5)
        assert screen.frame().slept is None and screen.engine.paused


async def test_served_ctrl_z_says_it_cannot_suspend_and_the_run_goes_on(tmp_path: Path) -> None:
    app, clock, _ = build(tmp_path, Settings(served=True))
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen)
        clock.advance(1)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not screen.engine.paused  # the session goes on
        assert app.is_running and app.screen is screen
        assert "cannot suspend" in shown(app)["status"]


async def test_ctrl_z_reaches_the_app_on_the_readiness_check(tmp_path: Path) -> None:
    """The check is a modal dialog, which keeps the app's own keys from it: ctrl+z is a priority binding.
    Served, the app says it cannot suspend; in a terminal the same action stops the job (tests/e2e/test_hangup.py)."""
    from hamstride.ui.screens.readiness import ReadinessScreen
    from tests.ui.helpers import Toasts
    from tests.ui.test_readiness import checking_app, start

    app, _ = checking_app(tmp_path)
    app.settings = app.settings._replace(served=True)
    toasts = Toasts()
    async with app.run_test(size=(100, 34), message_hook=toasts) as pilot:
        await start(app, pilot, "nordic-first-session")
        check = app.screen
        assert isinstance(check, ReadinessScreen)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.screen is check  # the check is still there, its question unanswered
        assert any("cannot suspend" in text for text in toasts.texts())
