"""What can still be read from a month that does not parse: each `[[session]]` table on its own.

A hand edit that breaks one session (a quote left open, a note saved as Latin-1) must not hide the
month's other sessions from the coach: counting none of them, it would offer eccentric work the day
after, or an hour after, the session it forgot. The file itself is never changed here.
"""

from __future__ import annotations

from typing import Any

from hamstride.storage import month_toml
from hamstride.storage.month_text import SESSION_HEADER


def salvaged(raw: bytes) -> tuple[dict[str, Any], ...]:
    """The session tables that parse on their own, in file order. Bytes that are not UTF-8 read as
    U+FFFD: a note with one is still a session, shown with the mark where the byte was."""
    text = raw.decode("utf-8", "replace")
    starts = [found.start() for found in SESSION_HEADER.finditer(text)]
    tables: list[dict[str, Any]] = []
    if not starts:
        return ()
    for begin, end in zip(starts, [*starts[1:], len(text)], strict=True):
        try:
            data = month_toml.loads(text[begin:end])
        except (RecursionError, ValueError):  # this session is the broken one: the others still count
            continue
        sessions = data.get("session")
        if isinstance(sessions, list) and len(sessions) == 1 and isinstance(sessions[0], dict):
            tables.append(sessions[0])
    return tuple(tables)


def undecodable_line(raw: bytes, error: UnicodeDecodeError) -> tuple[int, str]:
    """The line of the first byte that is not UTF-8, and the byte as a runner's editor names it."""
    line = raw.count(b"\n", 0, error.start) + 1
    return line, f"0x{raw[error.start]:02X}"


