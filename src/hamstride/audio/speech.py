"""Speaking the next step's name at each get-ready, when a TTS program is on PATH.

The fixed words ("lower", "three, two, one") are pre-rendered WAVs; step names
come from the runner's files, so they can only be spoken live. The text goes
to the program as one argument, never through a shell.
"""

from __future__ import annotations

import shutil
import subprocess

PROGRAMS = ("espeak-ng", "espeak", "say")
MAX_CHARS = 80


class Speaker:
    def __init__(self, program: str | None = None) -> None:
        self.program = program if program is not None else find_program()
        self._last: subprocess.Popen[bytes] | None = None
        self.failed = ""

    @property
    def available(self) -> bool:
        return bool(self.program) and not self.failed

    def say(self, text: str) -> None:
        """Start speaking and return at once; a name still being spoken is cut short."""
        if not self.available or not text.strip():
            return
        assert self.program is not None
        if self._last is not None and self._last.poll() is None:
            self._last.terminate()
        try:
            # "--": a step name starting with "-" is words to say, not an option.
            self._last = subprocess.Popen([self.program, "--", text[:MAX_CHARS]], stdin=subprocess.DEVNULL,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError as error:
            self.failed = f"{self.program}: {error.strerror or error}"

    def close(self) -> None:
        if self._last is not None and self._last.poll() is None:
            self._last.terminate()


def find_program() -> str | None:
    for name in PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    return None
