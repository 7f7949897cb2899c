"""The history's list of sessions is in view on a small terminal, where the cursor moves over it.

walk15: at 60x20 the history showed its figures, heatmap and chart and no session row, while Down and Enter
still moved a hidden cursor and opened a session the runner could not see."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamstride.storage.history import HistoryStore
from tests.ui.test_history_flow import NOW, generated_history, history_app, session_list


@pytest.mark.parametrize("size", [(60, 20), (40, 15), (80, 24), (100, 34)])
async def test_rows_of_the_list_are_on_screen(tmp_path: Path, size: tuple[int, int]) -> None:
    store = HistoryStore(tmp_path / "history", lambda: NOW)
    generated_history(store, weeks=8)
    app = history_app(store)
    async with app.run_test(size=(100, 34)) as pilot:
        sessions = await session_list(app, pilot)
        await pilot.resize_terminal(*size)  # as the walk did: the terminal made smaller with the history open
        await pilot.pause()
        await pilot.pause()
        shown = sessions.region.intersection(app.screen.region)
        assert sessions.row_count and shown.height >= 3, (sessions.region, app.screen.region)  # a header, 2 rows
