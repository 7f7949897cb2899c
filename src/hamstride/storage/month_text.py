"""A history month's text: how hamstride writes it, and how a session is added to or replaced in
it without touching anything else in the file (keys from newer versions, comments, tables we do
not know stay byte for byte)."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

# tomllib and tomli_w are imported by what reads or writes a month: a history store is made before a
# first frame, and reads its months after it.

HEADER = ("# hamstride history, format 2: one [[session]] table per session. Plain TOML; edit with care.\n"
          "# The last line counts the sessions: a file without it was cut short.\n")
OURS = "# hamstride history, format 2"
TRAILER = re.compile(r"\n# (\d+) sessions? in this file\.?[ \t]*\n?\Z")
SESSION_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*session[ \t]*\]\][ \t]*(?:#.*)?$", re.MULTILINE)
# What every session's header holds: found first (a literal search, some ten times quicker than trying
# the header's pattern at each of a ten-year history's 400,000 line starts), then its line checked.
_HEADER_CORE = re.compile(r"\[\[[ \t]*session[ \t]*\]\]")
ANY_HEADER = re.compile(r"^[ \t]*\[\[?[ \t]*([^\]]+?)[ \t]*\]\]?[ \t]*(?:#.*)?$", re.MULTILINE)


TRAILER_TAIL = 256  # characters: the counting line is looked for at the end, not through megabytes of month


def counting_line(text: str) -> re.Match[str] | None:
    """The last line that counts the sessions, looked for in the month's last characters first."""
    tail = max(0, len(text) - TRAILER_TAIL)
    found = TRAILER.search(text, tail)
    return found if found is not None or not tail else TRAILER.search(text)


def session_headers(text: str) -> int:
    """How many lines of the text are a `[[session]]` header: `len(SESSION_HEADER.findall(text))`."""
    count = 0
    counted = -1  # the start of the last line counted: two headers on one line are one line
    for core in _HEADER_CORE.finditer(text):
        line = text.rfind("\n", 0, core.start()) + 1
        if line != counted and SESSION_HEADER.match(text, line) is not None:
            count += 1
            counted = line
    return count


def trailer(count: int) -> str:
    return f"\n# {count} session{'' if count == 1 else 's'} in this file\n"


def month_text(tables: list[dict[str, Any]]) -> str:
    """A whole month file as hamstride writes it (tests and benchmarks build months with it)."""
    import tomli_w

    body = "".join("\n" + tomli_w.dumps({"session": [table]}) for table in tables)
    return HEADER + body + trailer(len(tables))


class Month(NamedTuple):
    """A month file as read: its text, its session tables, and whether a save may add to it."""

    text: str
    tables: tuple[dict[str, Any], ...]
    exists: bool = True
    problem: str = ""  # why the file is not fully understood; then it is never added to
    shown: bool = False  # with a problem: the tables are still shown (the file was cut short)
    known: tuple[str, ...] | None = None  # the ids, when the database holds this text whole (not parsed)

    @property
    def ids(self) -> tuple[object, ...]:
        return self.known if self.known is not None else tuple(t.get("id") for t in self.tables)

    @property
    def ours(self) -> bool:
        """Written by hamstride (or no file yet): a [[session]] table added at its end is one more."""
        return not self.text or self.text.startswith(OURS)


NONE = Month("", (), exists=False)


def month_body(month: Month) -> str:
    """The month's text without its counting line, ready for a table to follow."""
    text = month.text
    if not text:
        return HEADER
    counted = counting_line(text)
    if counted is not None:
        text = text[: counted.start()]
    if not text.startswith(OURS):
        text = HEADER + text  # a file from an older version or from the runner: its text follows as it was
    return text if text.endswith("\n") else text + "\n"


def appended(month: Month, block: str) -> tuple[str, int, int]:
    """The month with the block added at its end: its text, how many sessions, where the new one is."""
    count = len(month.ids) + 1
    return "".join((month_body(month), "\n", block, trailer(count))), count, count - 1  # one copy of the month


def replaced(month: Month, record_id: str, block: str) -> tuple[str, int, int] | None:
    """The month with the table of this id replaced in place, or None to add it at the end instead."""
    ids = month.ids
    positions = [i for i, ident in enumerate(ids) if ident == record_id]
    if not positions:
        return None
    body = month_body(month)
    spans = session_spans(body)
    if len(spans) != len(ids):
        return None
    start, end = spans[positions[-1]]
    rest = body[end:]
    text = body[:start] + block + ("\n" + rest if rest.strip() else "")
    return text + trailer(len(ids)), len(ids), positions[-1]


def session_spans(text: str) -> list[tuple[int, int]]:
    """Where each [[session]] table (with its sub-tables) starts and ends in the text."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for header in ANY_HEADER.finditer(text):
        name = re.sub(r"[ \t]", "", header.group(1))
        belongs = name.startswith("session.")
        if start is not None and not belongs:
            spans.append((start, header.start()))
            start = None
        if name == "session" and header.group(0).lstrip().startswith("[["):
            start = header.start()
    if start is not None:
        spans.append((start, len(text)))
    return spans


def grown(old: str, raw: bytes) -> tuple[str, tuple[dict[str, Any], ...]] | None:
    """The month this store wrote (`old`) with whole [[session]] tables added after it (another
    writer's saves): the new text and the added tables, parsed alone; None when it is anything else
    (then all of it is parsed)."""
    counted = counting_line(old)
    if not old.startswith(OURS) or counted is None:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    body = old[: counted.start()]
    recount = counting_line(text)
    if recount is None or recount.start() < len(body) or not text.startswith(body):
        return None
    added = text[len(body): recount.start()]
    headers = list(ANY_HEADER.finditer(added))
    if not headers or SESSION_HEADER.match(added, headers[0].start()) is None:
        return None
    before = added[: headers[0].start()]
    if any(line.strip() and not line.lstrip().startswith("#") for line in before.splitlines()):
        return None  # a key before the first table would belong to the last table of the old text
    names = {re.sub(r"[ \t]", "", header.group(1)) for header in headers}
    if any(name != "session" and not name.startswith("session.") for name in names):
        return None
    import tomllib

    try:
        data = tomllib.loads(added)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError):
        return None
    sessions = data.get("session")
    if set(data) != {"session"} or not isinstance(sessions, list) or \
            not all(isinstance(t, dict) for t in sessions) or session_headers(added) != len(sessions):
        return None
    if int(recount.group(1)) != session_headers(old) + len(sessions):
        return None
    return text, tuple(sessions)


def check_month(text: str, count: int) -> tuple[dict[str, Any], ...]:
    import tomllib

    try:
        sessions = tomllib.loads(text).get("session")
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"adding the session would break the month file ({error})") from None
    if not isinstance(sessions, list) or len(sessions) != count:
        raise ValueError("adding the session would not give the month file one more session")
    return tuple(sessions)
