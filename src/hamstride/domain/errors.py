"""What the runner is told when something cannot be done: our own errors, worded for them.

Only a `HamstrideError` is caught and shown as a normal message (a toast, a red
line in the terminal). Anything else, a `KeyError` say, is a bug and is not
dressed up as one: it must surface, not pass for "not found".
"""

from enum import IntEnum
from typing import ClassVar, NamedTuple


class ExitCode(IntEnum):
    """What the `hamstride` command exits with (the BSD sysexits where one fits)."""

    OK = 0
    PROBLEMS = 1  # asked for and refused: a broken file, a file that could not be written
    USAGE = 2  # asked wrongly: no such session, no terminal for a screen, a home that cannot be used
    CRASHED = 70  # EX_SOFTWARE: an error in hamstride itself
    INTERRUPTED = 130  # Ctrl+C, as a shell reports SIGINT


class Problem(NamedTuple):
    """One thing wrong in a session file, with where it is and how to fix it."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    step: int | None = None  # 1-based, as the runner counts steps
    step_name: str | None = None
    key: str | None = None
    hint: str | None = None

    def where(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        return place

    def __str__(self) -> str:
        parts = [f"{self.where()}:"]
        if self.step is not None:
            label = f"step {self.step}"
            if self.step_name:
                label += f" ({self.step_name!r})"
            parts.append(label + ",")
        if self.key is not None:
            parts.append(f"key '{self.key}':")
        parts.append(self.message)
        text = " ".join(parts)
        if self.hint:
            text += f"\n    fix: {self.hint}"
        return text


class HamstrideError(Exception):
    """Something the runner is told as it is; its text is the whole message, its class the exit code."""

    exit_code: ClassVar[int] = ExitCode.PROBLEMS


class SessionNotFound(HamstrideError):
    """No session by that name, or no file at that path."""

    exit_code = ExitCode.USAGE


class UnusableFolder(HamstrideError):
    """Where the runner's files live cannot be used: a symlink loop, a file, no permission."""

    exit_code = ExitCode.USAGE


class NoEditor(HamstrideError):
    """No editor to open a session file in."""


class BadSessionName(HamstrideError):
    """A name that cannot be a session file's name."""


class SessionExists(HamstrideError):
    """A session of that name is already in the runner's folder."""


class SessionFileError(HamstrideError):
    """A session file that cannot be used, with every problem found in it."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in problems))
