"""x pressed a moment after a set's last rep, on the run screen: the rep is marked, and the screen says which."""

from __future__ import annotations

from tests.ui.helpers import advance, make_app, shown
from tests.ui.test_run_keys import SHORT


async def test_x_in_the_rest_just_after_the_last_rep_marks_it_and_says_so() -> None:
    app, clock, _ = make_app(SHORT)  # get-ready 5; set 1: 2 reps of 4 s; rest 10
    async with app.run_test(size=(80, 24)) as pilot:
        advance(app, clock, 5 + 8 + 1)  # 1 s into the rest after set 1
        assert shown(app)["phase"] == "REST"
        await pilot.press("x")
        assert shown(app)["status"] == "Set 1, Rep 2 marked: control lost. It still counts."
        advance(app, clock, 5)  # later in the rest: x is no longer about that rep
        await pilot.press("x")
        advance(app, clock, 5 + 8)  # set 2, whole
        await pilot.press("q", "y")
        await pilot.pause()
    assert app.result is not None and app.result.steps[0].reps_lost_control == 1
