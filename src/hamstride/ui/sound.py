"""The app's sound: the run screen's `CueOutput`, made when a cue is first due.

What only a run needs (the sound backends, the speech program) is imported when
the first sound is made: the home screen draws its first frame without it.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from hamstride.domain.sound import SoundMode
from hamstride.ui.services import Services, Settings

if TYPE_CHECKING:
    from hamstride.audio.player import CuePlayer
    from hamstride.audio.speech import Speaker
    from hamstride.domain.cues import Cue, CueKind

SPEAK_AFTER = 0.8  # seconds: the get-ready sound first, then the step's name


class AppSound:
    """Cues to the player, step names to the speaker; what the status line says about both."""

    def __init__(self, settings: Settings, services: Services, *, ring: Callable[[], None],
                 notice: Callable[[str], None], later: Callable[[float, Callable[[], object]], object],
                 key: Callable[[str, str], str]) -> None:
        self._settings = settings
        self._services = services
        self._ring = ring  # the terminal's bell
        self._notice = notice  # a backend fell through: called from the audio thread too
        self._later = later  # a timer on the app's loop
        self._key = key  # the runner's key for an action on the screen on show
        self._player: CuePlayer | None = None
        self._making = threading.Lock()  # the player is made once, by whichever thread asks first
        self._unsaid: list[str] = []  # notices of the player's making, for the app's thread to say
        self._speaker: Speaker | None = None
        self._where = where_sound_plays()  # once: the status line asks ten times a second

    @property
    def player(self) -> CuePlayer:
        if self._player is None:
            with self._making:
                if self._player is None:
                    self._player = self._services.player(self._settings.config, self._ring, self._told)
        if self._unsaid and threading.current_thread() is threading.main_thread():
            unsaid, self._unsaid = self._unsaid, []
            for text in unsaid:
                self._notice(text)
        return self._player

    def _told(self, text: str) -> None:
        """What the player says. Said while it is being made (on the warm thread, perhaps), it waits for
        the app's thread: the notice would wait for that thread, which may be waiting for the player."""
        if self._player is None:
            self._unsaid.append(text)
        else:
            self._notice(text)

    def warm(self) -> None:
        """Make the player (and start its sound child) on a thread now, so that the first cue of a run
        finds the child ready rather than waiting 30-160 ms for it to start. Real runs only: a test's
        fake clock plays no sound on its own. Silence chosen has no child to start: nothing to warm."""
        if self._player is None and self._services.clock is time.monotonic and self._settings.config.backend != "silent":
            threading.Thread(target=self._warm, name="hamstride-sound-warm", daemon=True).start()

    def _warm(self) -> None:
        try:
            self.player
        except Exception:  # said by the app's thread, which makes it again at the first cue
            pass

    @property
    def speaker(self) -> Speaker:
        if self._speaker is None:
            self._speaker = self._services.speaker()
        return self._speaker

    def toggle_mute(self) -> bool:
        """Muted now?"""
        self.player.muted = not self.player.muted
        return self.player.muted

    @property
    def status(self) -> str:
        player = self.player
        names = ""
        if player.mode is not SoundMode.TONES and self.speaker.available:
            names = f", names by {Path(self.speaker.program or '').name}"
        mute = self._key("toggle_mute", "m")
        return (f"Sound{self._where}: {player.backend.name}, {player.mode.value}{names}"
                + (f" (muted: {mute})" if player.muted else f" ({mute} mutes)"))

    # The run screen's CueOutput.

    def play_now(self, cues: tuple[Cue, ...], announce: str) -> None:
        self.player.play_cues(cues)
        if announce and self.player.mode is not SoundMode.TONES and not self.player.muted:
            self._later(SPEAK_AFTER, partial(self.speaker.say, announce))  # after the get-ready sound, not over it

    def arm_next(self, cues: tuple[Cue, ...], delay: float) -> None:
        if self._services.clock is time.monotonic:  # the sound thread waits on the real clock only
            self.player.arm(cues, delay)

    def unheard(self) -> frozenset[CueKind]:
        from hamstride.audio.backends import BellBackend
        from hamstride.audio.player import BELL_CUES
        from hamstride.domain.cues import CueKind

        player = self.player
        if player.muted or not isinstance(player.backend, BellBackend):
            return frozenset()
        return frozenset(CueKind) - BELL_CUES  # the bell rings only where the runner must act

    def sound_line(self) -> str:
        if self.unheard():
            # Short enough for 60 columns: what will not be heard, and what shows instead.
            return f"Terminal bell: counts and ticks flash instead ({self._key('toggle_mute', 'm')} mutes)"
        return self.status

    def close(self) -> None:
        with self._making:  # a player still being made (warm) is closed too, never left with its child
            player = self._player
        if player is not None:
            player.close()
        if self._speaker is not None:
            self._speaker.close()


def where_sound_plays() -> str:
    """Over SSH the speakers are the far machine's, not those of the runner's screen: say which.
    (The terminal bell is the exception: it rings in the runner's terminal, and its line says so.)"""
    if not os.environ.get("SSH_CONNECTION"):
        return ""
    host = socket.gethostname().split(".")[0][:20]
    return f" plays on {host or 'the far machine'} (SSH)"
