"""A stand-in for a sound library whose C extension segfaults, as simpleaudio 1.0.4 does on Python 3.12+.

Put this folder first on PYTHONPATH and `import simpleaudio` finds it. It plays nothing (the speaker is
the edge we cannot have); it crashes the process it runs in with a real SIGSEGV (`ctypes.string_at(0)`):
    HAMSTRIDE_TEST_CRASH=end   (the default) when a clip ends, on a thread of its own, as 1.0.4 does
    HAMSTRIDE_TEST_CRASH=play  inside play_buffer
or, HAMSTRIDE_TEST_CRASH=hang, never returns from play_buffer, as a driver stuck inside ALSA.
"""

from __future__ import annotations

import ctypes
import os
import threading
import time


def _crash() -> None:
    ctypes.string_at(0)


class PlayObject:
    def __init__(self, seconds: float) -> None:
        self._ends = time.monotonic() + seconds
        self._stopped = threading.Event()
        threading.Thread(target=self._play, daemon=True).start()

    def _play(self) -> None:
        if not self._stopped.wait(max(0.0, self._ends - time.monotonic())):
            _crash()  # the clip has ended: freeing its buffer without the GIL, as 1.0.4 does

    def is_playing(self) -> bool:
        return not self._stopped.is_set() and time.monotonic() < self._ends

    def wait_done(self) -> None:
        while self.is_playing():
            time.sleep(0.01)

    def stop(self) -> None:
        self._stopped.set()


def play_buffer(frames: bytes, channels: int, width: int, rate: int) -> PlayObject:
    if os.environ.get("HAMSTRIDE_TEST_CRASH") == "play":
        _crash()
    if os.environ.get("HAMSTRIDE_TEST_CRASH") == "hang":
        time.sleep(3600)
    return PlayObject(len(frames) / (channels * width * rate))
