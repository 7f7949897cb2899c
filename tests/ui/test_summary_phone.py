"""The summary's questions on a phone held upright (`hamstride serve`, about 40 columns): each field in view.

Found walking the served app at 390x844 in Chromium: "Effort 1-10", its field, "Soreness 0-10" and its
field in one row need 48 columns, so the soreness field was drawn off the right edge. Soreness after a
session is what the coach reads to hold eccentric work back: it must be seen to be given.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Label

import hamstride.ui
from hamstride.ui.screens.summary import SummaryScreen
from tests.ui.test_summary_typing import Host


class Styled(Host):
    CSS_PATH = str(Path(hamstride.ui.__file__).parent / "hamstride.tcss")  # the app's own styles


@pytest.mark.parametrize("size", [(40, 42), (36, 40), (100, 34)])
async def test_effort_and_soreness_fields_and_their_labels_are_in_view(size: tuple[int, int]) -> None:
    app = Styled()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        width = size[0]
        for widget in (*screen.query("#feedback Label").results(Label), screen.query_one("#rpe", Input),
                       screen.query_one("#soreness", Input)):
            region = widget.region
            assert region.width > 0 and region.right <= width, f"{widget} is drawn at {region} on a {size} screen"
        await pilot.press("6", "tab", "4")
        await pilot.pause()
        assert screen.query_one("#soreness", Input).value == "4"
