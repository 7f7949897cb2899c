"""The history folder: one TOML file a month, written so that nothing is ever lost.

- Every write goes to a temporary file in the same folder, is fsynced, and
  renamed over the old one, so a reader sees the old file or the new one,
  never half of either, even after a kill -9 or a power cut.
- A save adds the record's table to the end of the month's text as it is on
  disk: what was there stays byte for byte (keys from newer versions, tables we
  do not understand, the runner's comments), and nothing is parsed again, so
  saving stays cheap however full the month is.
- The last line counts the sessions in the file, so a file cut short (a sync
  that stopped half-way, a disk that filled) is noticed and reported.
- Writers take an advisory lock on the folder and re-read the month under it,
  so two copies of hamstride open at once keep each other's records.
- A month that does not parse, or parses into something that is not a list of
  sessions, is never rewritten: it is reported, and set aside
  (`.corrupt-<timestamp>`, the bytes unchanged) before a new month is started.
- The sessions in progress are journalled at each set boundary (journal.py),
  so a crash costs at most the set that was running.
- Reading is month_reader.py: the months go into a database (history_db.py) that
  the screens ask for what they show; a save keeps that database up to date.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import threading
import time
import tomllib
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import tomli_w

from hamstride.domain.record import Record
from hamstride.storage.files import set_aside, write_atomic
from hamstride.storage.journal import JournalFolder
from hamstride.storage.month_reader import (FUTURE_SLACK, MONTH_FILE, NO_MONTH, OURS, MonthRead, MonthReader,
                                            Progress, counting_line, records_of, stamp_of_path)
from hamstride.storage.month_reader import Loaded as Loaded  # where callers have always found it
from hamstride.storage.record_table import to_table

if TYPE_CHECKING:
    from hamstride.storage.history_db import Stamp

try:  # POSIX; elsewhere a second writer is rare enough to go without
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

JOURNALS = "in-progress"
HEADER = ("# hamstride history, format 2: one [[session]] table per session. Plain TOML; edit with care.\n"
          "# The last line counts the sessions: a file without it was cut short.\n")
_ANY_HEADER = re.compile(r"^[ \t]*\[\[?[ \t]*([^\]]+?)[ \t]*\]\]?[ \t]*(?:#.*)?$", re.MULTILINE)
# A temporary file from a write that was killed before its rename.
_LEFTOVER = re.compile(r"^\.([\w-]+\.toml)\..+\.tmp$")
LEFTOVER_AGE = 60.0  # seconds: a journal write in flight is younger than this

Now = Callable[[], datetime]


def trailer(count: int) -> str:
    return f"\n# {count} session{'' if count == 1 else 's'} in this file\n"


def month_text(tables: list[dict[str, Any]]) -> str:
    """A whole month file as hamstride writes it (tests and benchmarks build months with it)."""
    body = "".join("\n" + tomli_w.dumps({"session": [table]}) for table in tables)
    return HEADER + body + trailer(len(tables))


class Saved(NamedTuple):
    """Where a record went: the history, a fallback file, or nowhere (then text holds it)."""

    path: Path | None
    in_history: bool
    error: str = ""
    text: str = ""
    record_id: str = ""


class HistoryStore(MonthReader):
    def __init__(self, folder: Path, now: Now, journals: Path | None = None, cache: Path | None = None) -> None:
        self.folder = folder
        self._now = now
        self._cache = cache
        # The app keeps the journals beside the history folder, not in it: a
        # folder shared between laptops must not offer one laptop's sessions in
        # progress to the other.
        self.journals = JournalFolder(journals or folder / JOURNALS)
        self._cleaned = False
        self._reading = threading.Lock()
        self._listeners: list[Progress] = []

    def _set_aside(self, path: Path) -> Path:
        return set_aside(path, self._now())

    def clean_leftovers(self) -> int:
        """Remove temporary files of writes killed before their rename; how many went."""
        removed = 0
        cutoff = time.time() - LEFTOVER_AGE
        folders = {self.folder, self.journals.folder}
        try:
            with self._locked():  # month writers make their temp files only under the lock
                for folder in folders:
                    try:
                        for path in folder.iterdir():
                            match = _LEFTOVER.match(path.name)
                            if match is None or not path.is_file() or path.is_symlink():
                                continue
                            is_month = folder == self.folder and MONTH_FILE.match(match.group(1)) is not None
                            if is_month or path.stat().st_mtime < cutoff:
                                path.unlink()
                                removed += 1
                    except OSError:
                        continue  # a read-only or missing folder: nothing of ours to clean there
        except OSError:
            pass  # no lock without a history folder
        return removed

    # -- writing -------------------------------------------------------------

    def save(self, record: Record) -> Path:
        """Add the record to its month, or replace the one with its id; raises OSError.

        The month is parsed at most once: not at all when the database holds its bytes whole."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{record.started:%Y-%m}.toml"
        block = tomli_w.dumps({"session": [to_table(record)]})
        with self._locked():
            month = self._month_for_save(path)
            if month.problem and month.exists:
                self._set_aside(path)  # never add to what we did not fully understand
                month = NO_MONTH
            elif month.problem:
                month = NO_MONTH  # unreadable and already moved aside
            replaced = _replaced(month, record.id, block)
            text, count, pos = replaced or _appended(month, block)
            if replaced is not None and month.known is None:
                # Cutting a table out of a file we did not parse clean into the database: make sure
                # the result reads back as it should before it replaces the old one. (Adding at the end
                # of a month that parsed clean needs no check: a [[session]] table after it is one more.)
                _check_month(text, count)
            write_atomic(path, text)
            stamp = stamp_of_path(path)
            if stamp is not None:
                # No digest of the new text (megabytes for a full month, most of a save's time): the
                # stamp is what the next read compares; a month touched later is simply read again.
                self._saved_into_db(path, stamp, "", month, pos, record)
        return path

    def _saved_into_db(self, path: Path, stamp: Stamp, text_digest: str, month: MonthRead, pos: int,
                       record: Record) -> None:  # text_digest "": not worked out
        """The database after a save: one row more when it held the month; else the month as parsed for
        the save (it is not parsed again when the screens next ask)."""
        if month.known is not None:
            self.db.saved(path.name, stamp, text_digest, pos, record)
            return
        records, skipped = records_of(path, month.tables, self._now() + FUTURE_SLACK)
        if pos < len(records) and not skipped:
            records[pos] = record
        else:
            records.append(record)
        self.db.put_month(path.name, stamp, text_digest, records, clean=not skipped)

    def save_or_fallback(self, record: Record) -> Saved:
        """Save; if the history cannot be written, put the record where the runner can find it."""
        try:
            return Saved(self.save(record), in_history=True, record_id=record.id)
        except (OSError, ValueError) as error:
            reason = (f"{error.strerror or error} ({error.filename or self.folder})"
                      if isinstance(error, OSError) else str(error))
        text = month_text([to_table(record)])
        name = f"hamstride-unsaved-{record.started:%Y%m%dT%H%M%S}-{record.id[:8]}.toml"
        for folder in _fallback_folders():
            try:
                fallback = folder / name
                write_atomic(fallback, text)
                return Saved(fallback, in_history=False, error=reason, text=text, record_id=record.id)
            except OSError:
                continue
        return Saved(None, in_history=False, error=reason, text=text, record_id=record.id)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if fcntl is None:
            yield
            return
        # Private like the months: the lock's name says when someone trains.
        fd = os.open(self.folder / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            with contextlib.suppress(OSError):
                if os.fstat(fd).st_mode & 0o077:
                    os.fchmod(fd, 0o600)
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def _body(month: MonthRead) -> str:
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


def _appended(month: MonthRead, block: str) -> tuple[str, int, int]:
    """The month with the block added at its end: its text, how many sessions, where the new one is."""
    count = len(month.ids) + 1
    return "".join((_body(month), "\n", block, trailer(count))), count, count - 1  # one copy of the month


def _replaced(month: MonthRead, record_id: str, block: str) -> tuple[str, int, int] | None:
    """The month with the table of this id replaced in place, or None to add it at the end instead."""
    ids = month.ids
    positions = [i for i, ident in enumerate(ids) if ident == record_id]
    if not positions:
        return None
    body = _body(month)
    spans = _session_spans(body)
    if len(spans) != len(ids):
        return None
    start, end = spans[positions[-1]]
    rest = body[end:]
    text = body[:start] + block + ("\n" + rest if rest.strip() else "")
    return text + trailer(len(ids)), len(ids), positions[-1]


def _session_spans(text: str) -> list[tuple[int, int]]:
    """Where each [[session]] table (with its sub-tables) starts and ends in the text."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for header in _ANY_HEADER.finditer(text):
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


def _check_month(text: str, count: int) -> None:
    try:
        sessions = tomllib.loads(text).get("session")
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"adding the session would break the month file ({error})") from None
    if not isinstance(sessions, list) or len(sessions) != count:
        raise ValueError("adding the session would not give the month file one more session")


def _fallback_folders() -> list[Path]:
    folders = []
    with contextlib.suppress(OSError, FileNotFoundError):
        folders.append(Path(tempfile.gettempdir()))
    for name in ("TMPDIR", "TEMP", "TMP"):
        value = os.environ.get(name)
        if value:
            folders.append(Path(value))
    folders += [Path("/tmp"), Path("/var/tmp"), Path.home()]
    seen: list[Path] = []
    for folder in folders:
        if folder not in seen:
            seen.append(folder)
    return seen
