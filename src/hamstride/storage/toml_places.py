"""Where in a TOML text tomllib gave up, when its error does not say: the line of an array nested
too deeply, of a multi-line string never closed, and the key of a number too long to read.

tomllib names the place of most mistakes ("at line 4, column 9"); for these three it says only
"maximum recursion depth exceeded", "at end of document" or "Exceeds the limit (4300 digits)".
The text is scanned again, plainly, to find the place: a runner fixes a file by its line.
"""

from __future__ import annotations

import re
from typing import NamedTuple

NESTING_SHOWN = 50  # deeper than any session needs, far below where tomllib gives up
_TRIPLE = re.compile(r'"""|\'\'\'')
_KEY = re.compile(r'^[ \t]*((?:[A-Za-z0-9_\-]+|"[^"\n]*"|\'[^\'\n]*\')'
                  r'(?:[ \t]*\.[ \t]*(?:[A-Za-z0-9_\-]+|"[^"\n]*"|\'[^\'\n]*\'))*)[ \t]*=')
_LONG_NUMBER = re.compile(r'^[ \t]*((?:[A-Za-z0-9_\-]+|"[^"\n]*"|\'[^\'\n]*\')'
                          r'(?:[ \t]*\.[ \t]*(?:[A-Za-z0-9_\-]+|"[^"\n]*"|\'[^\'\n]*\'))*)[ \t]*=[ \t]*[-+]?[0-9_]{100,}',
                          re.MULTILINE)


class Place(NamedTuple):
    line: int | None
    key: str | None = None


def too_deep(text: str) -> Place:
    """The line where brackets first nest deeper than any session would (strings skipped)."""
    depth, line, quote = 0, 1, ""
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\n":
            line += 1
        elif quote:
            if char == "\\" and quote == '"':
                index += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#":
            end = text.find("\n", index)
            index = len(text) if end < 0 else end
            continue
        elif char in "[{":
            depth += 1
            if depth > NESTING_SHOWN:
                return Place(line)
        elif char in "]}":
            depth = max(0, depth - 1)
        index += 1
    return Place(None)


def unclosed_multiline(text: str) -> Place:
    """The line of a triple quote that opens a string never closed: the last one of an odd count."""
    opens = list(_TRIPLE.finditer(text))
    if not opens or len(opens) % 2 == 0:
        return Place(None)
    last = opens[-1]
    return Place(text.count("\n", 0, last.start()) + 1)


def long_number(text: str) -> Place:
    """The line and key of a number too long for tomllib (it reads at most 4,300 digits)."""
    match = _LONG_NUMBER.search(text)
    if match is None:
        return Place(None)
    key = re.sub(r"[ \t]", "", match.group(1))
    return Place(text.count("\n", 0, match.start()) + 1, key[:60])


def key_at(text: str, line: int, table: re.Pattern[str]) -> tuple[str | None, int]:
    """The key written on `line` (None on a line that is not `key = ...`), and how many headers
    matching `table` open before it: the number of the [[session]] the line belongs to."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return None, 0
    match = _KEY.match(lines[line - 1])
    before = "\n".join(lines[:line - 1])
    key = re.sub(r"[ \t]", "", match.group(1))[:60] if match else None
    return key, len(table.findall(before))


def key_of(line: str) -> str | None:
    """The key a line sets (`key = ...`, a dotted key joined without spaces), or None."""
    match = _KEY.match(line)
    return re.sub(r"[ \t]", "", match.group(1)) if match else None


def syntax_hint(message: str) -> str:
    """What to do about a TOML syntax error, from tomllib's words for it."""
    for pattern, better in SYNTAX_HINTS:
        if pattern in message:
            return better
    return "check quotes, brackets and '=' on that line; text values need quotes"


# tomllib's words for the mistakes people make most, and what to do about them.
SYNTAX_HINTS = (
    ("Illegal character '\\n'", "a text value is missing its closing quote on that line"),
    ("is never closed", 'close it with the same three quotes that open it (""" or \'\'\')'),
    ("Invalid value", 'text values need quotes: name = "Plank", not name = Plank'),
    ("Cannot overwrite a value", "the same key is written twice in one table; keep one"),
    ("Cannot declare", "the same key or table is written twice; keep one"),
    ("Expected '=' after a key", "each line is key = value"),
)
