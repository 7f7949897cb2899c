"""Screens get what they show from what they are given, not by reaching into the app."""

from __future__ import annotations

from textual.app import App

from hamstride.domain.plan import build_timeline
from hamstride.ui.screens.run import RunScreen
from tests.unit.helpers import FakeClock, session

TEXT = 'title = "t"\n[[steps]]\nname = "Plank"\nhold = 30\n'


class _OtherApp(App[None]):
    """An app that happens to have an attribute the run screen once read behind its back."""

    sound_status = "read from the app behind the screen's back"

    def on_mount(self) -> None:
        self.push_screen(RunScreen(build_timeline(session(TEXT)), clock=FakeClock()))


async def test_the_run_screen_shows_only_the_sound_line_it_is_given() -> None:
    app = _OtherApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RunScreen)
        status = screen.view.picture.status
        assert "behind" not in status
