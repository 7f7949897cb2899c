"""Find the line a key was written on, so validation errors can point at it.

tomllib reports lines only for syntax errors; a valid file that says something
impossible still deserves "line 14". This reads the text the way a person
does: `[[steps]]` headers open a step, `key =` lines belong to the open table.
Anything it cannot place falls back to the step's header line, or to no line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")
_PART = r"""(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)"""
_KEY = re.compile(rf"""^\s*({_PART}(?:\s*\.\s*{_PART})*)\s*=""")
_PARTS = re.compile(_PART)
_INLINE_KEY = re.compile(r"""[{,]\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")


@dataclass
class KeyLines:
    """The line of each key of a session file, so that a problem names where it is."""

    session: dict[str, int] = field(default_factory=dict)
    step_headers: list[int] = field(default_factory=list)
    steps: list[dict[str, int]] = field(default_factory=list)

    def line_of(self, step: int | None, key: str | None) -> int | None:
        """Line of `key` (dotted for sub-keys, e.g. "pnf.contract") in step `step` (0-based)."""
        if step is None:  # a sub-key (sessions_per_week."1-10"), as written inline: its key's line
            return next((self.session[part] for part in _parents(key) if part in self.session), None) if key \
                else None
        if step >= len(self.steps):
            return None
        keys = self.steps[step]
        if key in keys:  # a quoted key as TOML read it ("dur ation", "[b]x"): its parts are not dotted names
            return keys[key]
        if key:
            key = _unquote(key)
            while key:
                if key in keys:
                    return keys[key]
                key = key.rpartition(".")[0]
        return self.step_headers[step]


def _parents(key: str) -> list[str]:
    """The key as written, then as a plain dotted name and each name above it: a.b.c, a.b, a."""
    found, name = [key], _unquote(key)
    while name:
        found.append(name)
        name = name.rpartition(".")[0]
    return found


def _unquote(name: str) -> str:
    """A key as a plain dotted name: week."5-10".reps -> week.5-10.reps."""
    return ".".join(part[1:-1] if part[:1] in "\"'" else part for part in _PARTS.findall(name))


def _code_lines(text: str) -> list[tuple[int, str]]:
    """The lines a key or a header can start on, numbered as TOML counts them.

    TOML ends lines at LF only: a U+2028 or NEL inside a comment is not a line
    break (str.splitlines would count it as one). Lines that begin inside a
    multi-line string are text, not keys, so a [[steps]] written in a cue is
    not a step.
    """
    lines: list[tuple[int, str]] = []
    inside: str | None = None  # the delimiter of the multi-line string we are in
    for number, raw in enumerate(text.split("\n"), start=1):
        if inside is None:
            lines.append((number, raw))
        inside = _after(raw, inside)
    return lines


def _after(line: str, inside: str | None) -> str | None:
    """Whether a multi-line string is still open at the end of the line."""
    i = 0
    while i < len(line):
        if inside is not None:
            end = line.find(inside, i)
            while end > 0 and inside == '"""' and _escaped(line, end):
                end = line.find(inside, end + 1)
            if end < 0:
                return inside
            i, inside = end + 3, None
            continue
        char = line[i]
        if char == "#":
            return None
        if line.startswith(('"""', "'''"), i):
            inside, i = line[i:i + 3], i + 3
            continue
        if char in "\"'":
            end = line.find(char, i + 1)
            while end > 0 and char == '"' and _escaped(line, end):
                end = line.find(char, end + 1)
            if end < 0:
                return None
            i = end + 1
            continue
        i += 1
    return inside


def _escaped(line: str, at: int) -> bool:
    slashes = 0
    while at - slashes - 1 >= 0 and line[at - slashes - 1] == "\\":
        slashes += 1
    return slashes % 2 == 1


def scan(text: str) -> KeyLines:
    found = KeyLines()
    table: str | None = ""  # "" is the top level; "steps" a step; "steps.x" a sub-table
    for number, raw in _code_lines(text):
        line = raw.split("#", 1)[0] if '"' not in raw and "'" not in raw else raw
        header = _HEADER.match(line)
        if header:
            name = _unquote(header.group(2).replace(" ", ""))
            if header.group(1) == "[[" and name == "steps":
                found.step_headers.append(number)
                found.steps.append({})
                table = "steps"
            elif name.startswith("steps.") and found.steps:
                table = name
                found.steps[-1].setdefault(name.removeprefix("steps."), number)
            else:
                # A table of its own ([meta]) is a key of the session: an unknown one is named at its header.
                found.session.setdefault(name.split(".")[0], number)
                table = None
            continue
        key = _KEY.match(line)
        if not key or table is None:
            continue
        name = _unquote(key.group(1))
        if table == "":
            found.session.setdefault(name, number)
            continue
        prefix = table.removeprefix("steps").lstrip(".")
        full = f"{prefix}.{name}" if prefix else name
        keys = found.steps[-1]
        keys.setdefault(full, number)
        rest = line[key.end():]
        for inner in _INLINE_KEY.finditer(rest):
            keys.setdefault(f"{full}.{_unquote(inner.group(1))}", number)
    return found
