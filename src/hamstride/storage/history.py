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
- A month that does not parse, parses into something that is not a list of
  sessions, or holds a value the record reader refuses, is never rewritten: it
  is reported, and set aside (`.corrupt-<timestamp>`, the bytes unchanged)
  before a new month is started (with the sessions that could be read from it).
- The sessions in progress are journalled at each set boundary and each rep done or
  marked (journal.py), so a crash costs at most the rep that was running.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from hamstride.storage.files import NotAFile, kind_of, private_folder, set_aside, write_atomic
from hamstride.storage.journal import JournalFolder
from hamstride.storage.month_reader import (
    FUTURE_SLACK,
    MONTH_FILE,
    MonthReader,
    Progress,
    read_tables,
    records_of,
    stamp_of_path,
)
from hamstride.storage.month_reader import Loaded as Loaded  # where callers have always found it
from hamstride.storage.month_text import NONE, Month, appended, check_month, month_text, replaced

if TYPE_CHECKING:
    from hamstride.domain.done_by import Unsaved
    from hamstride.domain.outline import Dated
    from hamstride.domain.record import Record
    from hamstride.storage.history_db import Stamp
    from hamstride.storage.start_gate import StartGate

__all__ = ["HistoryStore", "Loaded", "Saved", "month_text"]  # month_text: tests and benchmarks build months

try:  # POSIX; elsewhere a second writer is rare enough to go without
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

JOURNALS = "in-progress"
# A temporary file from a write that was killed before its rename.
_LEFTOVER = re.compile(r"^\.([\w-]+\.toml)\..+\.tmp$")
LEFTOVER_AGE = 60.0  # seconds: a journal write in flight is younger than this

Now = Callable[[], datetime]


class Saved(NamedTuple):
    """Where a record went: the history, its journal (offered for saving at the next start), or nowhere
    (then text holds it, printed when the app quits)."""

    path: Path | None
    in_history: bool
    error: str = ""
    text: str = ""
    record_id: str = ""
    set_aside: Path | None = None  # the month this save moved aside, unchanged, before starting a new one




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
        self._written: tuple[str, Stamp, str] | None = None
        self._gate: StartGate | None = None

    def start_gate(self) -> StartGate:
        """The lock a readiness verdict is reached under, held by a "go" until its run's first journal is written
        (storage.start_gate): this store's one, as a second in this process would exclude the first."""
        if self._gate is None:
            from hamstride.storage.start_gate import StartGate

            self._gate = StartGate(self.journals.folder)
        return self._gate

    def _set_aside(self, path: Path) -> Path:
        return set_aside(path, self._now())

    def unsaved(self, records: Iterable[Dated], besides: Collection[str] = ()) -> list[Unsaved]:
        """The work in journals not in `records` (the history as read), oldest first, read only: runs another
        copy has under way and runs a crash left undecided, which the coach weighs as done by now
        (domain.done_by). `besides`: record ids left out (a journal this copy is resuming is that run's own).
        No journal: nothing more is read or imported (`any_left`)."""
        if not self.journals.any_left():
            return []
        from hamstride.domain.done_by import Unsaved

        left = self.journals.left_behind({r.id for r in records})
        return [Unsaved(journal.record, running, journal.ended) for journal, running in left
                if journal.record.id not in besides]

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
        return self._save(record)[0]

    def _save(self, record: Record) -> tuple[Path, Path | None]:
        """The month saved into, and where the month it replaced went when it could not be added to."""
        import tomli_w  # a store is made before a first frame; what writes a record, at a save

        from hamstride.storage.record_table import to_table

        aside: Path | None = None
        private_folder(self.folder)
        path = self.folder / f"{record.started:%Y-%m}.toml"
        block = tomli_w.dumps({"session": [to_table(record)]})
        with self._locked():
            month = self._month_for_save(path)
            carried = self._carried(path, month.tables) if month.known is None else None
            if month.exists and (month.problem or carried is not None):
                aside = self._set_aside(path)  # never add to what we did not fully understand
                # Its sessions that were read go on in the new month: moved aside, they would vanish
                # from the history (and from what the coach counts) after one save.
                tables = carried if carried is not None else month.tables if month.shown else ()
                month = Month(month_text(list(tables)), tables) if tables else NONE
            elif month.problem:
                month = NONE  # unreadable and already moved aside
            done = replaced(month, record.id, block)
            text, count, pos = done or appended(month, block)
            if month.known is None and (done is not None or not month.ours):
                # Cutting a table out of a file we did not parse clean into the database, or adding to
                # one we did not write: make sure the result reads back as it should before it replaces
                # the old one. (Adding at the end of our own month needs no check: one table more.)
                check_month(text, count)
            write_atomic(path, text)
            stamp = stamp_of_path(path)
            self._written = (path.name, stamp, text) if stamp is not None else None
            if stamp is not None:
                # No digest of the new text (megabytes for a full month, most of a save's time): the
                # stamp is what the next read compares; a month touched later is simply read again.
                self._saved_into_db(path, stamp, month, pos, record)
        return path, aside

    def _carried(self, path: Path, tables: tuple[dict[str, Any], ...]) -> tuple[dict[str, Any], ...] | None:
        """None when the reader takes every value of these tables; else the tables a new month carries
        on when this one is set aside: the sessions the coach counted, a table read whole as it stands,
        one with a value left out as it was read (the file set aside keeps the value, byte for byte)."""
        read = read_tables(path, tables, self._now() + FUTURE_SLACK)
        if not any(table.refused for table in read):
            return None
        from hamstride.storage.record_table import to_table

        return tuple(table if not got.refused else to_table(got.record)
                     for table, got in zip(tables, read, strict=True) if got.record is not None)

    def _saved_into_db(self, path: Path, stamp: Stamp, month: Month, pos: int, record: Record) -> None:
        """The database after a save: one row more when it held the month; else the month as parsed for
        the save (it is not parsed again when the screens next ask)."""
        if month.known is not None:
            # The sessions another copy added since this one wrote the month (none, mostly), then this one.
            added, _ = records_of(path, month.tables, self._now() + FUTURE_SLACK)
            first = len(month.known) - len(added)
            for offset, other in enumerate(added):
                self.db.saved(path.name, stamp, "", first + offset, other)
            self.db.saved(path.name, stamp, "", pos, record)
            return
        records, problems = records_of(path, month.tables, self._now() + FUTURE_SLACK)
        if pos < len(records) and not problems:
            records[pos] = record
        else:
            records.append(record)
        self.db.put_month(path.name, stamp, "", records, clean=not problems)

    def save_or_keep(self, record: Record) -> Saved:
        """Save; if the history cannot be written, say why and hand the record's text back. The
        caller keeps the record's journal (our in-progress folder) until it is in the history:
        nothing is ever written outside our folders (no temp folder, no current folder)."""
        try:
            path, aside = self._save(record)
            return Saved(path, in_history=True, record_id=record.id, set_aside=aside)
        except (OSError, ValueError) as error:
            reason = (f"{error.strerror or error} ({error.filename or self.folder})"
                      if isinstance(error, OSError) else str(error))
        from hamstride.storage.record_table import to_table

        return Saved(None, in_history=False, error=reason, text=month_text([to_table(record)]),
                     record_id=record.id)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if fcntl is None:
            yield
            return
        # Private like the months: the lock's name says when someone trains.
        # O_NOFOLLOW: a .lock planted as a link would have its target chmodded (and locked).
        fd = os.open(self.folder / ".lock", os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0), 0o600)
        try:
            status = os.fstat(fd)
            if not stat.S_ISREG(status.st_mode):
                raise NotAFile(0, f"the history's lock is {kind_of(status.st_mode)}, not a file",
                               str(self.folder / ".lock"))
            with contextlib.suppress(OSError):
                if status.st_mode & 0o077:
                    os.fchmod(fd, 0o600)
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
