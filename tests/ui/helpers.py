"""Building the app for Pilot tests: a fake clock and a speaker that records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rich.text import Text
from textual.app import App, SystemCommand
from textual.screen import Screen

from hamstride import locations
from hamstride.audio.clips import Clip, SoundBank
from hamstride.audio.player import CuePlayer
from hamstride.audio.speech import Speaker
from hamstride.domain.cues import CueKind
from hamstride.ui.app import HamstrideApp, OpenRun, Services
from hamstride.ui.commands import HasCommands
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


def screen_lines(app: App[Any]) -> list[str]:
    """The screen as text, row by row, as a terminal would show it."""
    strips = app.screen._compositor.render_strips()
    return [strip.text for strip in strips]


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
