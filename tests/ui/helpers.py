"""Building the app for Pilot tests: a fake clock and a speaker that records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rich.text import Text
from textual.app import App, SystemCommand
from textual.content import Content
from textual.errors import NoWidget
from textual.geometry import Region
from textual.message import Message
from textual.notifications import Notification, Notify
from textual.pilot import Pilot
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from hamstride import locations
from hamstride.audio.clips import Clip, SoundBank
from hamstride.audio.player import CuePlayer
from hamstride.audio.speech import Speaker
from hamstride.domain.cues import CueKind
from hamstride.ui.app import HamstrideApp, OpenRun, Services
from hamstride.ui.commands import HasCommands
from hamstride.ui.screens.resume import ResumeScreen
from hamstride.ui.screens.run import RunScreen
from hamstride.ui.services import given, real_speaker
from hamstride.ui.widgets.counters import one_line
from hamstride.ui.widgets.key_bar import KeyBar
from tests.unit.helpers import FakeClock, session


class RecordingBackend:
    """The one edge we cannot have in a test: a speaker. It keeps what it was given."""

    name = "recorder"

    def __init__(self) -> None:
        self.clips: list[Clip] = []

    def play(self, clip: Clip) -> None:
        self.clips.append(clip)

    def wait(self) -> None:
        pass

    def stop(self) -> None:
        pass


def make_app(text: str, speaker: Speaker | None = None) -> tuple[HamstrideApp, FakeClock, CuePlayer]:
    clock = FakeClock()
    player = CuePlayer(SoundBank(locations.sounds()), [RecordingBackend()], threaded=False)
    return HamstrideApp(OpenRun(session(text)), services=Services(clock=clock, player=given(player),
                                 speaker=real_speaker if speaker is None else lambda: speaker)), clock, player


def run_screen(app: HamstrideApp) -> RunScreen:
    """The screen on top, which must be the run screen: its frame() is public, app.screen is any screen."""
    screen = app.screen
    assert isinstance(screen, RunScreen)
    return screen


async def resumed(app: HamstrideApp, pilot: Pilot[Any]) -> RunScreen:
    """The run a left journal offers, taken up with `r` on the resume question."""
    assert isinstance(app.screen, ResumeScreen)
    await pilot.press("r")
    await pilot.pause()
    assert isinstance(app.screen, RunScreen)
    return app.screen


def played(player: CuePlayer) -> list[CueKind]:
    return [cue.kind for cue, _ in player.played]


def shown(app: HamstrideApp) -> dict[str, str]:
    """What the run screen shows, part by part, as text."""
    picture = run_screen(app).view.picture
    return {"phase": picture.phase, "count": picture.countdown, "counters": one_line(picture.counters),
            "where": picture.where, "cue": picture.cue, "next": picture.next, "status": picture.status,
            "session-time": picture.time}


def advance(app: HamstrideApp, clock: FakeClock, seconds: float, step: float = 0.5) -> None:
    """Time passing while the run screen draws, a frame every half second as it does: a clock
    that jumps further stood still (a suspended laptop), and the run would pause."""
    screen = app.screen
    assert isinstance(screen, RunScreen)
    for _ in range(round(seconds / step)):
        clock.advance(step)
        screen.frame()


SnapCompare = Callable[..., bool]  # pytest-textual-snapshot's snap_compare fixture


def screen_strips(app: App[Any]) -> list[Strip]:
    """The screen, row by row, as a terminal would show it, styles and all.

    Built from Textual's public calls, as its own `Screen.get_style_at` is: for each cell the
    widget on top there (`get_widget_at`, which knows layers and clipping), and that widget's
    own row (`render_lines`, what the screen composes), cut to the cells it shows.
    """
    screen = app.screen
    width, height = app.size
    rows: list[Strip] = []
    for y in range(height):
        pieces: list[Strip] = []
        x = 0
        while x < width:
            try:
                widget, region = screen.get_widget_at(x, y)
            except NoWidget:  # nothing drawn there: a blank cell
                pieces.append(Strip.blank(1))
                x += 1
                continue
            end = x + 1  # the run of cells where this widget is the one on top
            while end < width and end < region.right and _on_top(screen, end, y) is widget:
                end += 1
            row = widget.render_lines(Region(0, y - region.y, region.width, 1))[0]
            pieces.append(row.crop(x - region.x, end - region.x))
            x = end
        rows.append(Strip.join(pieces))
    return rows


def _on_top(screen: Screen[Any], x: int, y: int) -> Widget | None:
    try:
        return screen.get_widget_at(x, y)[0]
    except NoWidget:
        return None


def screen_lines(app: App[Any]) -> list[str]:
    """The screen as text, row by row, as a terminal would show it."""
    return [strip.text for strip in screen_strips(app)]


class Toasts:
    """The toasts an app raises, seen as the `Notify` messages it is sent: pass it to
    `run_test(message_hook=...)`, Textual's public hook for tests on every message."""

    def __init__(self) -> None:
        self.raised: list[Notification] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.raised.append(message.notification)

    def texts(self) -> list[str]:
        """What each toast draws: its message through Textual's markup, as the Toast widget renders it."""
        return [Content.from_markup(n.message).plain if n.markup else n.message for n in self.raised]


def count_key_bar_draws(monkeypatch: pytest.MonkeyPatch) -> list[KeyBar]:
    """Every time a key bar draws its line, from now on."""
    draws: list[KeyBar] = []
    render = KeyBar.render

    def counted(self: KeyBar) -> Text:
        draws.append(self)
        return render(self)

    monkeypatch.setattr(KeyBar, "render", counted)
    return draws


def palette_commands(app: HamstrideApp, screen: Screen[Any]) -> list[SystemCommand]:
    """What the command palette offers on `screen`: the app's commands, then the screen's own."""
    own = list(screen.palette_commands()) if isinstance(screen, HasCommands) else []
    return [*app.get_system_commands(screen), *own]
