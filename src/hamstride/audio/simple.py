"""simpleaudio: the library the design card names, played into ALSA (or CoreAudio, WinMM).

Imported only by the sound child (audio/child.py): a crash in simpleaudio's C extension ends that
child, not the session. Kept light to import: the child starts at each launch and after a crash.
"""

from __future__ import annotations

import ctypes
import threading
import time
from collections.abc import Callable
from typing import Any

from hamstride.audio.base import Clip, PlaybackError

GRACE = 0.5  # seconds past a clip's end before a sound still playing counts as hung

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
        from ctypes.util import find_library  # only here: it pulls in subprocess and shutil

        found = find_library("asound")
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

    def __init__(self, *, bounded: bool = True) -> None:
        import simpleaudio  # the optional `audio` extra: ImportError means not installed

        _silence_alsa_errors()
        self._sa = simpleaudio
        self._playing: Any = None
        self._ends = 0.0  # when the playing sound should be over, on time.monotonic
        self._bounded_calls = bounded

    CALL_LIMIT = 1.0  # seconds a call into simpleaudio may take before the device counts as hung

    def play(self, clip: Clip) -> None:
        # A new cue replaces one still sounding: the newest moment matters most,
        # and stacked cues would fall behind the timeline.
        self._playing = self._bounded(lambda: self._start(clip)) if self._bounded_calls else self._direct(clip)
        self._ends = time.monotonic() + clip.seconds + GRACE

    def _start(self, clip: Clip) -> Any:
        if self._playing is not None and self._playing.is_playing():
            self._playing.stop()
        return self._sa.play_buffer(clip.frames, clip.channels, clip.width, clip.rate)

    def _direct(self, clip: Clip) -> Any:
        try:
            return self._start(clip)
        except Exception as error:  # simpleaudio raises its own SimpleaudioError and others
            raise PlaybackError(str(error).strip() or type(error).__name__) from error

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


def in_child() -> SimpleaudioBackend:
    """The backend the sound child builds. It calls simpleaudio on its own thread: the app time-boxes
    each request to the child and ends a child that hangs, and a helper thread started for each cue
    waited 4-12 ms to be scheduled on a loaded machine (tests/perf)."""
    return SimpleaudioBackend(bounded=False)
