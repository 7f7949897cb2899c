"""How it felt, typed fast: keys already on their way when enter is pressed land in the next field."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from textual import events
from textual.widgets import Input

from hamstride.ui.screens.summary import Feedback, SummaryScreen
from tests.ui.helpers import make_app
from tests.unit.helpers import make_record

TEXT = 'title = "t"\n[[steps]]\nname = "Plank"\nhold = 30\n'


async def test_keys_typed_ahead_of_the_screen_go_to_the_field_they_were_meant_for() -> None:
    app, _, _ = make_app(TEXT)
    answers: list[Feedback | None] = []
    async with app.run_test() as pilot:
        record = make_record(datetime(2026, 11, 2, 7, tzinfo=timezone(timedelta(hours=1))))
        app.push_screen(SummaryScreen(record), answers.append)
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.id == "rpe"
        # All at once, as a fast typist on a busy laptop sends them: none waits for the one before.
        for key, char in (("7", "7"), ("enter", "\r"), ("3", "3"), ("enter", "\r"), ("h", "h"), ("i", "i"),
                          ("enter", "\r")):
            app.post_message(events.Key(key, char))
        await pilot.pause()
        await pilot.pause()
    assert answers == [Feedback(7, 3, "hi")]
