"""An answer given at the readiness check is kept the moment the verdict is on screen, however the app ends.

Walked in tmux: soreness 6 at the check, "Not today", then ctrl+q (or the terminal closed): the 6 was
only kept when the check was left by a key (esc, g, a), so it was lost, `hamstride today` offered the
strength day at once, and at the next start `s` (skip: "what the history says still counts") went
straight into 15 Nordics.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hamstride.storage.diary import read_checks
from hamstride.ui.screens.readiness import ReadinessScreen
from tests.ui.test_readiness import checking_app, shown, start


@pytest.mark.parametrize("way_out", ["ctrl+q", "exit"])
async def test_soreness_at_a_check_left_by_quitting_the_app_is_kept(tmp_path: Path, way_out: str) -> None:
    """Invariant: once the verdict shows, the answers that led to it are on disk (once)."""
    app, _ = checking_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await start(app, pilot, "early-week-strength")
        await pilot.press("6", "n")
        await pilot.pause()
        assert isinstance(app.screen, ReadinessScreen) and "soreness 6/10" in shown(app)
        if way_out == "exit":
            app.exit()  # what a hang-up or a closed terminal comes to: nobody answers the check
        else:
            await pilot.press("ctrl+q")
        await pilot.pause()
    checks, problems = read_checks(tmp_path / "history")
    assert [(c.soreness, c.key_run) for c in checks] == [(6, False)] and problems == []


@pytest.mark.parametrize("key", ["escape", "a", "g"])
async def test_answers_are_kept_once_whichever_key_leaves_the_verdict(tmp_path: Path, key: str) -> None:
    app, _ = checking_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await start(app, pilot, "early-week-strength")
        await pilot.press("6", "n")
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        checks, _ = read_checks(tmp_path / "history")
        assert [(c.soreness, c.key_run) for c in checks] == [(6, False)]


async def test_answers_that_let_the_session_start_are_kept_once(tmp_path: Path) -> None:
    app, _ = checking_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await start(app, pilot, "nordic-first-session")
        await pilot.press("2", "n")
        await pilot.pause()
        assert not isinstance(app.screen, ReadinessScreen)
        checks, _ = read_checks(tmp_path / "history")
        assert [(c.soreness, c.key_run) for c in checks] == [(2, False)]
