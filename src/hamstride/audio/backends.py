"""Ways to make a sound, best first: simpleaudio (in a child process), a system player, the terminal bell, silence."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import tempfile
import time
import wave
from collections.abc import Callable, Sequence
from pathlib import Path

from hamstride.audio.base import Backend, Clip, PlaybackError
from hamstride.domain.sound import SYSTEM_PLAYERS

__all__ = ["Backend", "BellBackend", "PlaybackError", "SilentBackend", "SystemPlayerBackend", "available_backends",
           "what_to_install"]


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
        self._folder: Path | None = None  # made at the first clip: most launches never play through it
        self._files: dict[str, Path] = {}
        self._process: subprocess.Popen[bytes] | None = None
        self._ends = 0.0  # when the playing sound should be over, on time.monotonic
        self._proven = False
        self._hung = False  # once hung, never trusted again: the next backend takes over

    def _file(self, clip: Clip) -> Path:
        if clip.name not in self._files:
            if self._folder is None:
                self._folder = Path(tempfile.mkdtemp(prefix="hamstride-sounds-"))
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


# simpleaudio runs in a child process (audio/child.py, audio/isolated.py): a crash in its C
# extension ends that child, never the session.
SIMPLEAUDIO = "hamstride.audio.simple:in_child"


def start_sound_early(prefer: str | None = None) -> None:
    """`hamstride run`: simpleaudio's child starts before the app is imported and built (some 250 ms),
    so it is ready for the first get-ready. Where available_backends would start it only."""
    if prefer == SilentBackend.name:
        return  # tried first and it never fails: no cue would ever reach the child
    if os.name == "posix" and importlib.util.find_spec("simpleaudio") is not None:
        from hamstride.audio.isolated import start_early

        start_early(SIMPLEAUDIO)


def available_backends(ring: Callable[[], None], prefer: str | None = None) -> list[Backend]:
    """Every backend this machine can try, best first; `prefer` moves one named backend first.

    simpleaudio is played by a child process, started here and kept for the session. Silence asked
    for is the whole chain: it never fails, so nothing after it would play, and no child is started.
    """
    if prefer == SilentBackend.name:
        return [SilentBackend()]
    chain: list[Backend] = []
    if importlib.util.find_spec("simpleaudio") is None:  # looked for, not imported: the child imports it
        pass
    elif os.name != "posix":  # no descriptors to hand a child on Windows: simpleaudio plays in-process
        # Imported here only: elsewhere the sound child imports it, and the app never loads it nor ctypes.
        from hamstride.audio.simple import SimpleaudioBackend

        try:
            chain.append(SimpleaudioBackend())
        except ImportError:
            pass
    else:
        from hamstride.audio.isolated import ChildBackend

        try:
            chain.append(ChildBackend("simpleaudio", SIMPLEAUDIO))
        except PlaybackError:  # no process could be started: the next backend plays
            pass
    player = system_player()
    if player is not None:
        chain.append(SystemPlayerBackend(player))
    chain += [BellBackend(ring), SilentBackend()]
    if prefer:
        chosen = [b for b in chain if b.name == prefer]
        chain = chosen + [b for b in chain if b.name != prefer]
    return chain


REAL = "simpleaudio", *PLAYERS  # backends that make a sound in the room; the bell and silence do not
INSTALL_SIMPLEAUDIO = ("`pipx install --force '.[audio]'` (or `make install`) in hamstride's folder; "
                       "it builds simpleaudio-patched, which needs gcc and the ALSA headers "
                       "(Debian/Ubuntu: `sudo apt install gcc libasound2-dev`)")
INSTALL_PLAYER = "Or install a sound player: `sudo apt install alsa-utils` (aplay) or `pulseaudio-utils` (paplay)."


def what_to_install(now: Backend, tried: Sequence[str], failures: Sequence[str], asked: str | None) -> list[str]:
    """Why cues would only ring the bell (or be silent), and what to install; [] when a real backend plays
    or the runner asked for the bell or silence."""
    if now.name in REAL or (asked is not None and asked not in REAL):
        return []
    instead = "be silent" if now.name == "silent" else "ring the terminal bell"
    lines = [f"No sound library or player works here: cues would {instead}, and counts only flash."]
    crashed = any(failure.startswith("simpleaudio: crashed") for failure in failures)
    if "simpleaudio" not in tried:
        lines.append(f"Install simpleaudio: {INSTALL_SIMPLEAUDIO}.")
    elif crashed:
        lines.append("simpleaudio crashed: simpleaudio 1.0.4 does on Python 3.12 and later. Replace it: "
                     "`pip uninstall simpleaudio`, then " + INSTALL_SIMPLEAUDIO + ".")
    else:
        lines.append("simpleaudio is installed but could not play (see above): check the sound device "
                     "(`aplay -l` lists them) and that no other program holds it.")
    if not any(name in tried for name in PLAYERS):
        lines.append(INSTALL_PLAYER)
    return lines
