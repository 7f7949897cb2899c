"""Layout guards: the run screen in a lowering, a rest and a hold, at 100x30 and 60x20.

The clock is a fake that only the test moves, so every frame is the same on every run.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.ui.helpers import advance, make_app

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
def test_run_screen_layout(snap_compare, moment: str, size: tuple[int, int]) -> None:  # noqa: ANN001
    app, clock, _ = make_app(SESSION)

    async def go_to_moment(pilot: Pilot) -> None:
        whole = int(MOMENTS[moment])
        advance(app, clock, whole)  # a frame every half second, as the screen draws them
        clock.advance(MOMENTS[moment] - whole)
        app.screen.frame()  # type: ignore[attr-defined]
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=go_to_moment)
