"""Home and the readiness check, on the screens: one answer for today (the walk-through's day after Nordics).

A day after the strength day (30 h: eccentric work waits 48 h), home said hip-extensor work and the check
before the Nordic programme offered the sore-day isometrics. Now the check offers what home says, and why.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.widgets import Static

from hamstride.domain.model import Exercise
from hamstride.ui.screens.readiness import ReadinessScreen
from hamstride.ui.screens.run import RunScreen
from tests.ui.test_home import NOW
from tests.ui.test_readiness import checking_app, shown, start
from tests.unit.helpers import make_record
from tests.unit.test_calendars import SESSIONS

HIP = SESSIONS["hip-extensors"].title


async def test_the_check_offers_what_home_suggests_a_day_after_nordics(tmp_path: Path) -> None:
    app, store = checking_app(tmp_path)
    for days, hours in ((15, 0), (8, 0), (1, 6)):  # used to the strength day's 15; the last 30 h ago
        store.save(make_record(NOW - timedelta(days=days, hours=hours), session="early-week-strength",
                               eccentric_reps=15, category=SESSIONS["early-week-strength"].category,
                               record_id=f"strength-{days}", lost=0, exercise=Exercise.NORDIC))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        home = str(app.screen.query_one("#suggestion", Static).render())
        assert home.startswith(f"Today: {HIP}.") and "30 h ago" in home, home
        await start(app, pilot, "nordic-programme")
        await pilot.press("0", "n")
        await pilot.pause()
        assert isinstance(app.screen, ReadinessScreen)
        text = shown(app)
        assert "30 h ago" in text and f"Today: {HIP}." in text and f"g: {HIP} instead" in text, text
        assert "Isometric" not in text, text
        keys = app.screen.query_one("#readiness-keys", Static).region  # the keys still on an 80 x 24 screen
        assert keys.height > 0 and keys.bottom <= 24, keys
        assert not app.screen.query_one("#readiness-why", Static).display  # it gives way to the verdict
        await pilot.press("g")
        await pilot.pause()
        run = app.screen
        assert isinstance(run, RunScreen) and run.timeline.session.name == "hip-extensors"
