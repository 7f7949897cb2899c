"""Ways to make a sound, best first: simpleaudio, a system player, the terminal bell, silence."""

from __future__ import annotations

import ctypes
import ctypes.util
import shutil
import subprocess
import tempfile
import threading
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from hamstride.audio.clips import Clip
from hamstride.domain.sound import SYSTEM_PLAYERS


class PlaybackError(Exception):
    """A backend could not play; the player moves on to the next one."""


class Backend(Protocol):
    name: str

    def play(self, clip: Clip) -> None:
        """Start playing and return at once; raise PlaybackError if it cannot play."""

    def wait(self) -> None:
        """Block until the clip playing now has finished (for doctor and tests)."""

    def stop(self) -> None: ...


ALSA_SONAME = "libasound.so.2"


def _silence_alsa_errors() -> None:
    """ALSA prints its errors straight to file descriptor 2, which would scribble
    over the full-screen app; the player reports failures itself instead."""
    global _alsa_handler
    if _alsa_handler is not None:
        return
    try:
        # By its soname first: simpleaudio has loaded it under that name already, and
        # find_library runs `ldconfig -p` in a subprocess (about 5 ms at each launch).
        library = ctypes.cdll.LoadLibrary(ALSA_SONAME)
    except OSError:
        found = ctypes.util.find_library("asound")
        if found is None:
            return
        try:
            library = ctypes.cdll.LoadLibrary(found)
        except OSError:
            return
    handler_type = ctypes.CFUNCTYPE(None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int,
                                    ctypes.c_char_p)
    _alsa_handler = handler_type(lambda *args: None)  # kept: ALSA holds a pointer to it
    library.snd_lib_error_set_handler(_alsa_handler)


_alsa_handler: Any = None


class SimpleaudioBackend:
    name = "simpleaudio"

    def __init__(self) -> None:
        import simpleaudio  # the optional `audio` extra: ImportError means not installed

        _silence_alsa_errors()
        self._sa = simpleaudio
        self._playing: Any = None
        self._ends = 0.0  # when the playing sound should be over, on time.monotonic

    CALL_LIMIT = 1.0  # seconds a call into simpleaudio may take before the device counts as hung

    def play(self, clip: Clip) -> None:
        # A new cue replaces one still sounding: the newest moment matters most,
        # and stacked cues would fall behind the timeline.
        self._playing = self._bounded(lambda: self._start(clip))
        self._ends = time.monotonic() + clip.seconds + SystemPlayerBackend.GRACE

    def _start(self, clip: Clip) -> Any:
        if self._playing is not None and self._playing.is_playing():
            self._playing.stop()
        return self._sa.play_buffer(clip.frames, clip.channels, clip.width, clip.rate)

    def _bounded(self, call: Callable[[], Any]) -> Any:
        """The call on a helper thread, given CALL_LIMIT: a driver stuck inside ALSA must not take the
        cue thread (and every later cue) with it; the stuck helper is left behind, as a daemon."""
        outcome: list[Any] = []

        def attempt() -> None:
            try:
                outcome.append(("ok", call()))
            except Exception as error:  # simpleaudio raises its own SimpleaudioError and others
                outcome.append(("error", error))

        helper = threading.Thread(target=attempt, name="hamstride-simpleaudio", daemon=True)
        helper.start()
        helper.join(self.CALL_LIMIT)
        if not outcome:
            raise PlaybackError(f"simpleaudio hung: a call took over {self.CALL_LIMIT:g} s")
        status, value = outcome[0]
        if status == "error":
            raise PlaybackError(str(value).strip() or type(value).__name__) from value
        return value

    def wait(self) -> None:
        """Until the clip ends; a device that never finishes it is a PlaybackError, not a hang."""
        while self._playing is not None and self._playing.is_playing():
            if time.monotonic() > self._ends + 1.0:  # ALSA may buffer a little past the clip's end
                raise PlaybackError("simpleaudio hung: the sound did not end")
            time.sleep(0.01)

    def stop(self) -> None:
        if self._playing is not None and self._playing.is_playing():
            self._playing.stop()


_QUIET = {"aplay": ["-q"]}
PLAYERS: dict[str, list[str]] = {name: _QUIET.get(name, []) for name in SYSTEM_PLAYERS}


class SystemPlayerBackend:
    """Plays through a command on PATH; a failure shows as the command's exit status."""

    EARLY_FAIL_WAIT = 0.4  # a player with no device exits at once: catch that on the first play
    GRACE = 0.5  # seconds past its sound's end: a player still running then has hung
    STOP_WAIT = 0.3  # seconds for a player to go after SIGTERM before it is killed

    def __init__(self, command: str) -> None:
        self.name = Path(command).name
        self._argv = [command, *PLAYERS.get(self.name, [])]
        self._folder = Path(tempfile.mkdtemp(prefix="hamstride-sounds-"))
        self._files: dict[str, Path] = {}
        self._process: subprocess.Popen[bytes] | None = None
        self._ends = 0.0  # when the playing sound should be over, on time.monotonic
        self._proven = False
        self._hung = False  # once hung, never trusted again: the next backend takes over

    def _file(self, clip: Clip) -> Path:
        if clip.name not in self._files:
            path = self._folder / f"{len(self._files)}.wav"
            with wave.open(str(path), "wb") as out:
                out.setnchannels(clip.channels)
                out.setsampwidth(clip.width)
                out.setframerate(clip.rate)
                out.writeframes(clip.frames)
            self._files[clip.name] = path
        return self._files[clip.name]

    def play(self, clip: Clip) -> None:
        hung = self._hung or (self._process is not None and self._process.poll() is None
                              and time.monotonic() > self._ends)
        if not self._stop() or hung:
            self._hung = True
            raise PlaybackError(f"{self.name} hung: it was still running {self.GRACE:g} s after its sound ended")
        self._ends = time.monotonic() + clip.seconds + self.GRACE
        try:
            self._process = subprocess.Popen([*self._argv, str(self._file(clip))], stdin=subprocess.DEVNULL,
                                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        except OSError as error:
            raise PlaybackError(f"{self.name}: {error.strerror}") from error
        if not self._proven:
            try:
                code = self._process.wait(self.EARLY_FAIL_WAIT)
            except subprocess.TimeoutExpired:
                self._proven = True  # still playing: it has a device
                return
            if code != 0:
                raise PlaybackError(self._failure(code))
            self._proven = True

    def _failure(self, code: int) -> str:
        assert self._process is not None
        detail = (self._process.stderr.read().decode(errors="replace").strip().splitlines()
                  if self._process.stderr else [])
        return f"{self.name} exited with status {code}" + (f": {detail[-1]}" if detail else "")

    def wait(self) -> None:
        if self._process is None:
            return
        try:
            self._process.wait(max(0.0, self._ends - time.monotonic()))
        except subprocess.TimeoutExpired:
            self.stop()
            self._hung = True
            raise PlaybackError(f"{self.name} hung: it was still running {self.GRACE:g} s after its sound "
                                "ended") from None

    def stop(self) -> None:
        self._stop()

    def _stop(self) -> bool:
        """Stop the player now; one that ignores SIGTERM is killed (then False), so stopping never hangs."""
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(self.STOP_WAIT)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
                return False
        return True


class BellBackend:
    name = "terminal bell"

    def __init__(self, ring: Callable[[], None]) -> None:
        self._ring = ring

    def play(self, clip: Clip) -> None:
        # A bell for every tempo second would be noise; the player rings only
        # for cues that change what the runner does.
        self._ring()

    def wait(self) -> None:
        pass

    def stop(self) -> None:
        pass


class SilentBackend:
    name = "silent"

    def play(self, clip: Clip) -> None:
        pass

    def wait(self) -> None:
        pass

    def stop(self) -> None:
        pass


def system_player() -> str | None:
    for command in PLAYERS:
        found = shutil.which(command)
        if found:
            return found
    return None


def available_backends(ring: Callable[[], None], prefer: str | None = None) -> list[Backend]:
    """Every backend this machine can try, best first; `prefer` moves one named backend first."""
    chain: list[Backend] = []
    try:
        chain.append(SimpleaudioBackend())
    except ImportError:
        pass
    player = system_player()
    if player is not None:
        chain.append(SystemPlayerBackend(player))
    chain += [BellBackend(ring), SilentBackend()]
    if prefer:
        chosen = [b for b in chain if b.name == prefer]
        chain = chosen + [b for b in chain if b.name != prefer]
    return chain
