"""A backend for the sound child that notes when each clip reached it (the speaker is the edge we cannot
have): one time.monotonic() a line, appended to the file named by HAMSTRIDE_STOPWATCH. CLOCK_MONOTONIC is
the machine's, so the app's due times and the child's compare."""

from __future__ import annotations

import os
import time


class Stopwatch:
    name = "stopwatch"

    def __init__(self) -> None:
        self._out = open(os.environ["HAMSTRIDE_STOPWATCH"], "a", buffering=1)  # noqa: SIM115 (lives with the child)

    def play(self, clip: object) -> None:
        self._out.write(f"{time.monotonic()!r}\n")

    def wait(self) -> None:
        pass

    def stop(self) -> None:
        pass
