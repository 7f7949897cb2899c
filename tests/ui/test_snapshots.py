"""Layout guards: the run screen in a lowering, a rest and a hold, at 100x30 and 60x20; every
screen of a per-side step, the summary and home at 60x20.

The clock is a fake that only the test moves, so every frame is the same on every run.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from hamstride.ui.screens.summary import SummaryScreen
from tests.ui.helpers import SnapCompare, advance, make_app
from tests.ui.small_screens import MOMENTS as SMALL_MOMENTS
from tests.ui.small_screens import PER_SIDE, SIZE, go_to
from tests.ui.test_home import home_app, ready
from tests.unit.helpers import make_record

SESSION = """
title = "Snapshot"
[[steps]]
name = "Nordic hamstring curl"
cue = "Kneel on padding, heels anchored. Lean forward as slowly as you can, catch yourself with your hands."
tempo = "5-0-2-2"
reps = 5
sets = 3
rest = 60
eccentric = true
control = true
lead_in = 5
[[steps]]
name = "Side plank"
cue = "Elbow under the shoulder, hips high."
hold = 30
sides = true
"""

# Seconds from the start to a moment in each phase (5 s get-ready, reps of 9 s).
MOMENTS = {"lowering": 5 + 9 + 2.5, "rest": 5 + 45 + 20.2, "hold": 5 + 3 * 45 + 2 * 60 + 5 + 12.4}


@pytest.mark.parametrize("size", [(100, 30), (60, 20)], ids=["100x30", "60x20"])
@pytest.mark.parametrize("moment", list(MOMENTS))
def test_run_screen_layout(snap_compare: SnapCompare, moment: str, size: tuple[int, int]) -> None:
    app, clock, _ = make_app(SESSION)

    async def go_to_moment(pilot: Pilot[Any]) -> None:
        whole = int(MOMENTS[moment])
        advance(app, clock, whole)  # a frame every half second, as the screen draws them
        clock.advance(MOMENTS[moment] - whole)
        app.screen.frame()  # type: ignore[attr-defined]
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=go_to_moment)


# Every screen of a per-side step at 60x20, the smallest size the README promises.
@pytest.mark.parametrize("moment", [*SMALL_MOMENTS, "skip-offer", "paused"])
def test_a_per_side_step_at_60x20(snap_compare: SnapCompare, moment: str) -> None:
    app, clock, _ = make_app(PER_SIDE)

    async def go_to_moment(pilot: Pilot[Any]) -> None:
        await go_to(app, clock, pilot, SMALL_MOMENTS.get(moment, SMALL_MOMENTS["lower"]))
        if moment == "skip-offer":
            await pilot.press("n")
        if moment == "paused":
            await pilot.press("space")

    assert snap_compare(app, terminal_size=SIZE, run_before=go_to_moment)


def test_the_summary_at_60x20(snap_compare: SnapCompare) -> None:
    app, _, _ = make_app(PER_SIDE)
    record = make_record(datetime(2026, 11, 24, 19, tzinfo=timezone.utc) - timedelta(hours=1), completed=False)

    async def open_summary(pilot: Pilot[Any]) -> None:
        await app.push_screen(SummaryScreen(record, streak="2 of 2 this week, week streak now 1",
                                            saved="Saved to ~/.local/share/hamstride/history/2026-11.toml"))
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=open_summary)


def test_home_at_60x20(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app, _, _ = home_app(tmp_path)

    async def settle(pilot: Pilot[Any]) -> None:
        await ready(app, pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=settle)
