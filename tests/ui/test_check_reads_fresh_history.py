"""A home screen opened before another copy of hamstride saved a session: what it starts is checked
against the history as it is on disk then, not as it was when the home screen read it.

Walked: `hamstride run late-week-short` in one terminal, `hamstride` in another; the run ended and was
saved, and the second copy's home, still saying "Nordic curl: first session", started it with no
hold-back: 29 eccentric reps a quarter of an hour before, and a check that said nothing of them."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.widgets import Static

from hamstride.domain.model import Category
from hamstride.storage.history import HistoryStore
from hamstride.ui.screens.home import HomeScreen
from hamstride.ui.screens.readiness import ReadinessScreen
from tests.ui.test_home import NOW
from tests.ui.test_readiness import checking_app, shown, start
from tests.unit.helpers import make_record


async def test_a_session_saved_by_another_copy_holds_back_what_home_then_starts(tmp_path: Path) -> None:
    app, _ = checking_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        # The other terminal's copy saves its eccentric session, finished 20 minutes ago.
        other = HistoryStore(tmp_path / "history", lambda: NOW)
        other.save(make_record(NOW - timedelta(minutes=40), eccentric_reps=29, minutes=18,
                               category=Category.ECCENTRIC, session="late-week-short"))
        await start(app, pilot, "nordic-first-session")
        assert isinstance(app.screen, ReadinessScreen)
        await pilot.press("0", "n")
        await pilot.pause()
        text = shown(app)
        assert "Not today" in text, text
        assert "a: go ahead anyway" in text, text
        await pilot.press("escape")  # back out: home now says what the check said
        await app.workers.wait_for_complete()
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        today = str(home.query_one("#suggestion", Static).render())
        assert "done today" in today and "Nordic curl: first session" not in today, today
