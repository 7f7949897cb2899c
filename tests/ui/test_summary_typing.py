"""Feedback typed fast lands in the field the runner meant: `5`, Enter, `3` is effort 5, soreness 3."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from textual import events
from textual.app import App
from textual.widgets import Input

from hamstride.ui.screens.summary import Feedback, SummaryScreen
from tests.unit.helpers import make_record

NOW = datetime(2026, 11, 24, 19, tzinfo=timezone.utc)


class Host(App[Feedback | None]):
    def on_mount(self) -> None:
        self.push_screen(SummaryScreen(make_record(NOW - timedelta(hours=1))), self.exit)


def burst(app: App[Feedback | None], *keys: str) -> None:
    """Keys as a fast typist sends them: all queued before the app handles the first."""
    for key in keys:
        character = key if len(key) == 1 else None
        app.post_message(events.Key(key, character))


async def test_keys_typed_in_one_burst_go_to_the_field_they_were_meant_for() -> None:
    app = Host()
    async with app.run_test() as pilot:
        await pilot.pause()
        burst(app, "5", "enter", "3", "enter", "o", "k")
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        assert screen.query_one("#rpe", Input).value == "5"
        assert screen.query_one("#soreness", Input).value == "3"
        assert screen.query_one("#note", Input).value == "ok"
        burst(app, "enter")
        await pilot.pause()
    assert app.return_value == Feedback(5, 3, "ok")


async def test_tab_typed_in_a_burst_moves_on_before_the_next_key_lands() -> None:
    # Tab is the other key a runner uses to go from effort to soreness: in one burst, `7`, Tab, `3`
    # once gave an effort of 73 (found walking the app in tmux).
    app = Host()
    async with app.run_test() as pilot:
        await pilot.pause()
        burst(app, "7", "tab", "3", "tab", "o", "k")
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        assert screen.query_one("#rpe", Input).value == "7"
        assert screen.query_one("#soreness", Input).value == "3"
        assert screen.query_one("#note", Input).value == "ok"
        burst(app, "shift+tab", "shift+tab")
        await pilot.pause()
        assert screen.focused is screen.query_one("#rpe", Input)
