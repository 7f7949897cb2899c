"""Soreness typed on the summary of a run ended before any set (nothing to save) is still kept: the
coach reads it as it reads a readiness check's.

Walked: `hamstride run sore-day-isometrics`, q then y in its get-ready; the summary said "Nothing was
done, so nothing was saved" and still offered effort and soreness with "^s Save". Soreness 7 typed
there and saved vanished: no record, and nothing in checks.toml, so the coach never heard of it."""

from __future__ import annotations

from pathlib import Path

from hamstride.storage.diary import read_checks
from hamstride.ui.screens.summary import SummaryScreen
from tests.ui.test_history_flow import NOW, build


async def test_soreness_on_the_summary_of_a_run_with_nothing_done_is_kept(tmp_path: Path) -> None:
    app, _, store = build(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("q", "y")  # in the first get-ready: nothing done
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen), app.screen
        await pilot.press("3", "tab", "7", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert store.load().records == ()  # nothing was done: still no record
    checks, problems = read_checks(tmp_path / "history")
    assert [(c.when, c.soreness) for c in checks] == [(NOW, 7)] and problems == []
