"""A history month's text: how hamstride writes it, and how a session is added to or replaced in
it without touching anything else in the file (keys from newer versions, comments, tables we do
not know stay byte for byte)."""

from __future__ import annotations

import re
import tomllib
from typing import Any, NamedTuple

import tomli_w

HEADER = ("# hamstride history, format 2: one [[session]] table per session. Plain TOML; edit with care.\n"
          "# The last line counts the sessions: a file without it was cut short.\n")
OURS = "# hamstride history, format 2"
TRAILER = re.compile(r"\n# (\d+) sessions? in this file\.?[ \t]*\n?\Z")
SESSION_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*session[ \t]*\]\][ \t]*(?:#.*)?$", re.MULTILINE)
ANY_HEADER = re.compile(r"^[ \t]*\[\[?[ \t]*([^\]]+?)[ \t]*\]\]?[ \t]*(?:#.*)?$", re.MULTILINE)


def trailer(count: int) -> str:
    return f"\n# {count} session{'' if count == 1 else 's'} in this file\n"


def month_text(tables: list[dict[str, Any]]) -> str:
    """A whole month file as hamstride writes it (tests and benchmarks build months with it)."""
    body = "".join("\n" + tomli_w.dumps({"session": [table]}) for table in tables)
    return HEADER + body + trailer(len(tables))


class Month(NamedTuple):
    """A month file as read: its text, its session tables, and whether a save may add to it."""

    text: str
    tables: tuple[dict[str, Any], ...]
    exists: bool = True
    problem: str = ""  # why the file is not fully understood; then it is never added to
    shown: bool = False  # with a problem: the tables are still shown (the file was cut short)
    verified: bool = False  # this text was written by this store: adding to it needs no check


NONE = Month("", (), exists=False)


def month_body(month: Month) -> str:
    """The month's text without its counting line, ready for a table to follow."""
    text = month.text
    if not text:
        return HEADER
    counted = TRAILER.search(text)
    if counted is not None:
        text = text[: counted.start()]
    if not text.startswith(OURS):
        text = HEADER + text  # a file from an older version or from the runner: its text follows as it was
    return text if text.endswith("\n") else text + "\n"


def appended(month: Month, block: str) -> tuple[str, tuple[dict[str, Any], ...]]:
    table = tomllib.loads(block)["session"][0]
    return month_body(month) + "\n" + block + trailer(len(month.tables) + 1), (*month.tables, table)


def replaced(month: Month, record_id: str, block: str) -> tuple[str, tuple[dict[str, Any], ...]] | None:
    """The month with the table of this id replaced in place, or None to add it at the end instead."""
    positions = [i for i, t in enumerate(month.tables) if t.get("id") == record_id]
    if not positions:
        return None
    body = month_body(month)
    spans = session_spans(body)
    if len(spans) != len(month.tables):
        return None
    start, end = spans[positions[-1]]
    rest = body[end:]
    text = body[:start] + block + ("\n" + rest if rest.strip() else "")
    tables = list(month.tables)
    tables[positions[-1]] = tomllib.loads(block)["session"][0]
    return text + trailer(len(tables)), tuple(tables)


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


def grown(old: Month, raw: bytes) -> Month | None:
    """The month as read before with whole [[session]] tables added after it (another writer's
    saves), its new tables parsed alone; None when it is anything else (then all of it is parsed)."""
    counted = TRAILER.search(old.text)
    if old.problem or not old.text.startswith(OURS) or counted is None:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    body = old.text[: counted.start()]
    recount = TRAILER.search(text)
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
    try:
        data = tomllib.loads(added)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError):
        return None
    sessions = data.get("session")
    if set(data) != {"session"} or not isinstance(sessions, list) or \
            not all(isinstance(t, dict) for t in sessions) or len(SESSION_HEADER.findall(added)) != len(sessions):
        return None
    tables = (*old.tables, *sessions)
    if int(recount.group(1)) != len(tables):
        return None
    return Month(text, tables, verified=old.verified)


def check_month(text: str, count: int) -> tuple[dict[str, Any], ...]:
    try:
        sessions = tomllib.loads(text).get("session")
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"adding the session would break the month file ({error})") from None
    if not isinstance(sessions, list) or len(sessions) != count:
        raise ValueError("adding the session would not give the month file one more session")
    return tuple(sessions)
