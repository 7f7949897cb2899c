"""The sound child's backend for the stall benchmark: the real simpleaudio, noting for each clip when the
request reached the backend, when the call into simpleaudio began and when it returned (one line each, appended to the
file named by HAMSTRIDE_STOPWATCH), and the child's own garbage collections (to HAMSTRIDE_STOPWATCH.gc).
CLOCK_MONOTONIC is the machine's, so the app's due times and the child's compare."""

from __future__ import annotations

import gc
import os
import time
from typing import Any

from hamstride.audio.base import Clip
from hamstride.audio.simple import SimpleaudioBackend


class TimedSimpleaudio(SimpleaudioBackend):
    def __init__(self, *, bounded: bool = False) -> None:
        super().__init__(bounded=bounded)  # as the product's child builds it (simple.in_child)
        path = os.environ["HAMSTRIDE_STOPWATCH"]
        self._out = open(path, "a", buffering=1)  # noqa: SIM115 (lives with the child)
        self._gc = open(path + ".gc", "a", buffering=1)  # noqa: SIM115
        self._gc_start = 0.0
        gc.callbacks.append(self._collected)
        with open(path + ".ready", "w") as ready:  # when the child had its backend: it says "ready" next
            ready.write(repr(time.monotonic()))

    def _collected(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_start = time.monotonic()
        else:
            self._gc.write(f"{self._gc_start!r} {time.monotonic()!r} {info['generation']}\n")

    def play(self, clip: Clip) -> None:
        self._times = [time.monotonic()]
        super().play(clip)
        self._out.write(" ".join(repr(at) for at in self._times) + "\n")

    def _start(self, clip: Clip) -> Any:
        """Also when the call into simpleaudio began (on whatever thread makes it) and when it returned."""
        self._times.append(time.monotonic())
        try:
            return super()._start(clip)
        finally:
            self._times.append(time.monotonic())
