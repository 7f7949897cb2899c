"""A per-side step at the smallest size the README promises, 60x20: the moments a runner sees."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from hamstride.ui.app import HamstrideApp
from tests.ui.helpers import advance, run_screen
from tests.unit.helpers import FakeClock

SIZE = (60, 20)
PER_SIDE = """
title = "Single-leg strength"
[[steps]]
name = "Single-leg Romanian deadlift"
cue = "Stand on one leg, soft knee. Hinge at the hip, back flat, reach down the shin, then stand tall."
tempo = "3-0-1-1"
reps = 3
sets = 2
rest = 30
sides = true
switch = 5
lead_in = 5
[[steps]]
name = "Plank"
hold = 20
"""

# Seconds from the start to each screen of the per-side step: a 5 s get-ready, reps of
# 3 s down, 1 s up, 1 s at the top, three a side, a 5 s switch, a 30 s rest between sets.
MOMENTS = {
    "get-ready": 2.0,
    "lower": 11.5,
    "lift": 13.5,
    "pause": 14.5,
    "switch-sides": 22.0,
    "right-side": 27.5,
    "rest": 50.0,
}


async def go_to(app: HamstrideApp, clock: FakeClock, pilot: Pilot[Any], seconds: float) -> None:
    """The run at a moment, drawn as the screen draws it (a frame every half second)."""
    whole = int(seconds)
    advance(app, clock, whole)
    clock.advance(seconds - whole)
    run_screen(app).frame()
    await pilot.pause()
