"""The Textual app: runs a session, plays its cues, shows the summary."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from hamstride import locations
from hamstride.audio.backends import available_backends
from hamstride.audio.clips import SoundBank, SoundMode
from hamstride.audio.player import CuePlayer
from hamstride.core.engine import Clock
from hamstride.core.model import Session
from hamstride.core.plan import build_timeline
from hamstride.core.result import RunResult
from hamstride.ui.screens.run import RunScreen
from hamstride.ui.screens.summary import SummaryScreen


class HamstrideApp(App[RunResult | None]):
    CSS_PATH = "hamstride.tcss"
    TITLE = "hamstride"
    BINDINGS = [Binding("m", "toggle_mute", "Mute", id="mute")]

    def __init__(self, session: Session, *, clock: Clock = time.monotonic, player: CuePlayer | None = None,
                 muted: bool = False, sound_mode: SoundMode = SoundMode.TONES, backend: str | None = None) -> None:
        super().__init__()
        self.session = session
        self.clock = clock
        self._player = player
        self._muted = muted
        self._sound_mode = sound_mode
        self._backend = backend
        self.result: RunResult | None = None

    @property
    def player(self) -> CuePlayer:
        if self._player is None:
            self._player = CuePlayer(SoundBank(locations.sounds()), available_backends(self.bell, self._backend),
                                     mode=self._sound_mode, muted=self._muted, on_notice=self._sound_notice)
        return self._player

    @property
    def sound_status(self) -> str:
        player = self.player
        return f"Sound: {player.backend.name}, {player.mode.value}" + (" (muted: m)" if player.muted else " (m mutes)")

    def on_mount(self) -> None:
        self.push_screen(RunScreen(build_timeline(self.session), clock=self.clock), self._run_finished)

    def _run_finished(self, result: RunResult | None) -> None:
        self.result = result
        if result is None:
            self.exit(None)
            return
        self.push_screen(SummaryScreen(result), lambda _: self.exit(result))

    @on(RunScreen.CuesDue)
    def _play(self, message: RunScreen.CuesDue) -> None:
        self.player.play_cues(message.cues)

    def _sound_notice(self, text: str) -> None:
        # Called from the audio thread when a backend falls through.
        if threading.current_thread() is threading.main_thread():
            self.notify(text, severity="warning", timeout=8)
        else:
            self.call_from_thread(self.notify, text, severity="warning", timeout=8)

    def action_toggle_mute(self) -> None:
        self.player.muted = not self.player.muted
        self.notify("Sound off" if self.player.muted else "Sound on", timeout=2)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Mute or unmute", "Turn the cues' sound off or on (m)", self.action_toggle_mute)
        if isinstance(screen, RunScreen):
            yield SystemCommand("Pause or resume", "Stop the clock, or start it again (space)",
                                screen.action_toggle_pause)
            yield SystemCommand("Skip", "Skip a rest or get-ready; during work, the rest of the step (right)",
                                screen.action_skip)
            yield SystemCommand("Back", "Back to the start of the step (left)", screen.action_back)
            yield SystemCommand("End the session", "Stop now, keeping what you did (q)", screen.action_quit_session)

    def on_unmount(self) -> None:
        if self._player is not None:
            self._player.close()
