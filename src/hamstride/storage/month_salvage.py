"""What can still be read from a month that does not parse: each `[[session]]` table on its own.

A hand edit that breaks one session (a quote left open, a note saved as Latin-1) must not hide the
month's other sessions from the coach: counting none of them, it would offer eccentric work the day
after, or an hour after, the session it forgot. The file itself is never changed here.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from hamstride.storage import month_toml
from hamstride.storage.month_text import SESSION_HEADER

_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")
MAX_LINES_LEFT_OUT = 5  # a session broken in more places than this is not guessed at
# Where a session may begin: any table header but one of a session's own (`[[session.step]]`), as a hand
# may have broken or misspelt it (`[[session]`, `[[sesion]]`, `[[Session]]`). Split only on the header as
# written, `[[session]` made one session's keys and steps part of the one before it (its id, its date, its
# reps: the session of an hour ago gone, its Nordics moved back). A chunk whose header is not the one we
# write is not guessed at.
LOOSE_HEADER = re.compile(r"^[ \t]*\[(?![ \t]*\[?[ \t]*session[ \t]*\.)", re.MULTILINE)
# The lines a session may lose and still be counted: words and answers, none of its work. A line of its work
# left out (a step's header, a side's sets and reps) would read as work not done, and a save would write that
# into the new month as if it were true.
_WORDS = re.compile(r"^[ \t]*(?:note|title|rpe|soreness|readiness)[ \t]*=")


def salvaged(raw: bytes) -> tuple[dict[str, Any], ...]:
    """The session tables that parse on their own, in file order. Bytes that are not UTF-8 read as
    U+FFFD: a note with one is still a session, shown with the mark where the byte was."""
    text = raw.decode("utf-8", "replace").replace("\r\n", "\n")  # Windows line ends: the same lines
    starts = session_starts(text)
    tables: list[dict[str, Any]] = []
    if not starts:
        return ()
    for begin, end in zip(starts, [*starts[1:], len(text)], strict=True):
        table = one_session(text[begin:end].split("\n"))
        if table is not None:
            tables.append(table)
    return tuple(tables)


def headers(text: str) -> int:
    """How many sessions the text begins, its broken headers too: the M of "N of M are counted"."""
    return len(session_starts(text.replace("\r\n", "\n")))


def session_starts(text: str) -> list[int]:
    """Where each session begins: at any table header but a session's own, unless what it begins sets none of a
    session's own keys (`[[sesion.step]]`, `[["session.step]]`: a step's header misspelt). That one is part of
    the session before it, which then does not read whole: read without it, its steps were none, its Nordics 0."""
    starts = [found.start() for found in LOOSE_HEADER.finditer(text)]
    kept = starts[:1]
    for begin, end in zip(starts[1:], [*starts[2:], len(text)][:len(starts) - 1], strict=True):
        chunk = text[begin:end].split("\n")
        if SESSION_HEADER.match(chunk[0]) is not None or any(key in _alone(line) for line in chunk
                                                              for key in ("id", "started", "ended")):
            kept.append(begin)
    return kept


def one_session(lines: list[str]) -> dict[str, Any] | None:
    """One session's table, leaving out the lines of words the parser stops at (a quote left open in its
    note): a session done an hour ago must count even when its note was broken; the file keeps the line."""
    if not lines or SESSION_HEADER.match(lines[0]) is None:
        return None  # its header broken: not guessed at
    for _ in range(MAX_LINES_LEFT_OUT + 1):
        try:
            data = month_toml.loads("\n".join(lines))
        except (RecursionError, ValueError) as error:
            found = _AT_LINE.search(str(error))
            line = int(found.group(1)) if found is not None else 0
            if not 1 < line <= len(lines) or _WORDS.match(lines[line - 1]) is None:
                return None  # its header, or a line of its work: not a session that can be counted as read
            del lines[line - 1]
            continue
        sessions = data.get("session")
        if set(data) == {"session"} and isinstance(sessions, list) and len(sessions) == 1 \
                and isinstance(sessions[0], dict) and not _other_tables(sessions[0]):
            return sessions[0]
        return None
    return None


def _other_tables(session: dict[str, Any]) -> bool:
    """A table in the session other than its steps (`[[session.stp]]`): a step's header misnamed, its steps
    would read as none done."""
    return any(key != "step" and isinstance(value, (dict, list)) and value and
               all(isinstance(item, dict) for item in (value if isinstance(value, list) else [value]))
               and key != "readiness" for key, value in session.items())


def undecodable_line(raw: bytes, error: UnicodeDecodeError) -> tuple[int, str]:
    """The line of the first byte that is not UTF-8, and the byte as a runner's editor names it."""
    line = raw.count(b"\n", 0, error.start) + 1
    return line, f"0x{raw[error.start]:02X}"




class Unread(NamedTuple):
    """A session that does not read as one (a line of its work broken): what each of its lines says alone."""

    number: int  # 1-based, among the month's sessions as `headers` counts them (0: before any header)
    line: int  # the broken line of the month, 1-based
    every: dict[str, tuple[Any, ...]]  # each key's values, in file order, from every line that reads alone


SESSION_KEYS = ("id", "started", "ended", "eccentric_reps", "nordic_reps")  # a chunk with one of these is a session


def unread_work(raw: bytes) -> tuple[Unread, ...]:
    """The sessions `salvaged` leaves out, each line read on its own for the coach (storage/salvaged_work.py).
    Its header broken too: a chunk whose lines set a session's own keys, read as one session, as the lines of
    two run together are (a bracket lost before `[[session]]`): the coach takes the later time of the two."""
    text = raw.decode("utf-8", "replace").replace("\r\n", "\n")
    starts = session_starts(text)
    unread: list[Unread] = []
    for number, (begin, end) in enumerate(zip([0, *starts], [*starts, len(text)], strict=True)):
        lines = text[begin:end].split("\n")
        if number and SESSION_HEADER.match(lines[0]) is not None and one_session(list(lines)) is not None:
            continue  # read whole: counted as it is
        every: dict[str, list[Any]] = {}
        for line in lines:
            for key, value in _alone(line).items():
                every.setdefault(key, []).append(value)
        if not (number and SESSION_HEADER.match(lines[0])) and not any(key in every for key in SESSION_KEYS):
            continue  # the comments above the first session, or a table that is not a session's
        unread.append(Unread(number, text.count("\n", 0, begin) + 1 + _broken(lines),
                             {key: tuple(values) for key, values in every.items()}))
    return tuple(unread)


def _alone(line: str) -> dict[str, Any]:
    """The one key a line sets, when it reads alone as TOML and its value is not a table or an array."""
    try:
        data = month_toml.loads(line)
    except (RecursionError, ValueError):
        return {}
    return {key: value for key, value in data.items() if not isinstance(value, (dict, list))}


def _broken(lines: list[str]) -> int:
    """Where the session stops reading (0-based in its lines); its header when it reads but is not one session."""
    try:
        month_toml.loads("\n".join(lines))
    except (RecursionError, ValueError) as error:
        found = _AT_LINE.search(str(error))
        return int(found.group(1)) - 1 if found is not None else 0
    return 0


def unread_said(raw: bytes) -> str:
    """What the problem adds for each session `unread_work` finds: why it is not in the figures, and that the
    coach still counts it (storage/salvaged_work.py)."""
    return "".join(f"; session {unread.number} is not counted in the figures because its line {unread.line} is "
                   "broken, but the coach counts it as done (as eccentric work unless what reads of it says "
                   "otherwise) and never writes it" for unread in unread_work(raw))
