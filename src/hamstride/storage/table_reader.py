"""Reading one session file's values: every problem collected, with its key, line and a fix.

The loader hands a `Reader` each value it reads; the reader checks it (text, seconds, whole
numbers, flags), keeps what is wrong as a `Problem`, and gives back a usable default, so a
runner fixing a file sees the whole list at once.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

from hamstride.domain.errors import Problem
from hamstride.domain.kinds.base import MAX_PHASE_SECONDS, MIN_PHASE_SECONDS, describe

if TYPE_CHECKING:
    from hamstride.storage.keylines import KeyLines

MAX_TEXT_CHARS = 2000
MAX_KEY_SHOWN = 40  # a key longer than this is shown cut, not echoed in full
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
CONTROL_OR_NEWLINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class _Missing:
    pass


MISSING: Any = _Missing()


class Reader:
    """Collects problems for one file while reading its values (a plain class: working state)."""

    def __init__(self, file: str, written: str, problems: list[Problem]) -> None:
        self.file = file
        self.written = written  # the file's text
        self.problems = problems
        self.step: int | None = None  # 0-based index of the step being read
        self.step_name: str | None = None
        self.prefix = ""  # e.g. 'week."5-10".' while reading a week's changes to a step

    @cached_property
    def lines(self) -> KeyLines:
        """Where each key was written: worked out only when a problem is to be told (a valid file,
        the library's every file at start, needs none; it was a third of reading one)."""
        from hamstride.storage.keylines import scan  # its patterns compiled only for a file with a problem

        return scan(self.written)

    def problem(self, key: str | None, message: str, hint: str | None = None) -> None:
        full = self.prefix + key if key is not None and self.prefix else key
        line = self.lines.line_of(self.step, full) or (self.lines.line_of(self.step, "week") if self.prefix
                                                       else None)
        self.problems.append(Problem(
            file=self.file, message=message, line=line,
            step=None if self.step is None else self.step + 1, step_name=self.step_name,
            key=None if full is None else shorten(full), hint=hint,
        ))

    def unknown_keys(self, table: Mapping[str, Any], known: tuple[str, ...], prefix: str = "") -> None:
        for key in table:
            if key in known:
                continue
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6) if len(key) <= MAX_KEY_SHOWN else []
            hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(known)}"
            self.problem(prefix + key, "unknown key", hint)

    def text(self, table: Mapping[str, Any], key: str, *, required: bool = False,
             multiline: bool = False, limit: int = MAX_TEXT_CHARS, default: str = "") -> str:
        value = table.get(key, MISSING)
        if value is MISSING:
            if required:
                self.problem(key, "is missing", f'add a line like {key} = "..."')
            return default
        if not isinstance(value, str):
            self.problem(key, f"expected text, got {describe(value)}", f'put it in quotes: {key} = "..."')
            return default
        if not multiline:  # a tab typed in an editor is a space to the runner; TOML allows it
            value = value.replace("\t", " ")
        found = (_CONTROL if multiline else CONTROL_OR_NEWLINE).search(value)
        if found:
            where = "; line breaks are the only control characters allowed here" if multiline else \
                " and keep it to one line of plain text"
            self.problem(key, f"contains a control character (U+{ord(found.group()):04X})",
                         f"remove it{where}")
            return default
        if required and not value.strip():
            self.problem(key, "is empty", f"give it a {key}")
            return default
        if len(value) > limit:
            self.problem(key, f"is {len(value)} characters long, the most is {limit}", "shorten it")
            return default
        return value

    def seconds(self, table: Mapping[str, Any], key: str, default: float, *, allow_zero: bool = False,
                label: str | None = None) -> float:
        label = label or key
        value = table.get(key.rpartition(".")[2], MISSING)
        if value is MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(label, f"expected a number of seconds, got {describe(value)}",
                         f"write a plain number, e.g. {_leaf(key)} = 30")
            return default
        if isinstance(value, int) and abs(value) > MAX_PHASE_SECONDS * 1000:  # also too large for a float
            value = math.inf if value > 0 else -math.inf
        return self.check_seconds(label, float(value), allow_zero=allow_zero, default=default)

    def check_seconds(self, key: str, value: float, *, allow_zero: bool, default: float) -> float:
        if math.isnan(value):
            self.problem(key, "is not a number of seconds", f"write a number of seconds, e.g. {_leaf(key)} = 30")
            return default
        if not abs(value) <= MAX_PHASE_SECONDS * 1000:  # inf (TOML's 1e400) too: not read back as digits
            self.problem(key, "is far over the limit of one hour" if value > 0 else "is far below 0",
                         "write a number of seconds, at most 3600" if value > 0 else
                         f"write a number of seconds, {'0 or more' if allow_zero else 'more than 0'}")
            return default
        if value < 0 or (value == 0 and not allow_zero):
            smallest = "0 or more" if allow_zero else "more than 0"
            self.problem(key, f"is {_seconds(value)} seconds; it must be {smallest}",
                         "write 0 for none, or a number of seconds" if allow_zero else
                         "remove the step if it should not happen")
            return default
        if value > MAX_PHASE_SECONDS:
            self.problem(key, f"is {_seconds(value)} seconds, over the limit of one hour",
                         "split it into several steps, or check the unit: seconds, not minutes")
            return default
        if 0 < value < MIN_PHASE_SECONDS:
            self.problem(key, f"is {_seconds(value)} seconds, too short to follow",
                         f"use at least {MIN_PHASE_SECONDS:g} seconds, or 0 where a pause can be left out")
            return default
        return value

    def count(self, table: Mapping[str, Any], key: str, default: int, limit: int,
              label: str | None = None, example: int = 3) -> int:
        label = label or key
        value = table.get(key.rpartition(".")[2], MISSING)
        if value is MISSING:
            return default
        if isinstance(value, float) and not abs(value) < 10**12:  # nan, inf (1e400): said as the limit it is over
            if math.isnan(value):
                self.problem(label, "is not a number", f"write a whole number, e.g. {_leaf(key)} = {example}")
            else:
                self.problem(label, f"is far over the limit of {limit}" if value > 0 else
                             "is far below 0; it must be at least 1", f"use a whole number from 1 to {limit}")
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(label, f"expected a whole number, got {describe(value)}",
                         f"write a plain number, e.g. {_leaf(key)} = {example}")
            return default
        if value < 1:
            self.problem(label, f"is {value if value > -10**12 else 'far below 0'}; it must be at least 1", "remove the step if it should not happen")
            return default
        if value > limit:
            said = f"is {value}, over" if value < 10**12 else "is far over"  # not 30 digits read back
            self.problem(label, f"{said} the limit of {limit}", f"use at most {limit}")
            return default
        return value

    def flag(self, table: Mapping[str, Any], key: str) -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            self.problem(key, f"expected true or false, got {describe(value)}",
                         f"write {key} = true or {key} = false (no quotes)")
            return False
        return value


def shorten(text: str, limit: int = MAX_KEY_SHOWN) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _seconds(value: float) -> str:
    """3600.001 as 3600.001, not rounded to a number that is within the limit."""
    return f"{value:.3f}".rstrip("0").rstrip(".") if abs(value) < 1e9 else f"{value:.3g}"


def _leaf(key: str) -> str:
    """The key as written in its table: 'lower' of 'tempo.lower'."""
    return key.rpartition(".")[2]
