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
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import threading
import time
import tomllib
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import NamedTuple

import tomli_w

from hamstride.domain.record import Record
from hamstride.storage.files import NotAFile, kind_of, private_folder, read_regular, set_aside, write_atomic
from hamstride.storage.journal import JournalFolder
from hamstride.storage.month_cache import MonthCache, Stamp, no_collection
from hamstride.storage.month_text import (
    NONE,
    OURS,
    SESSION_HEADER,
    TRAILER,
    Month,
    appended,
    check_month,
    grown,
    month_text,
    replaced,
)

__all__ = ["HistoryStore", "Loaded", "Saved", "month_text"]  # month_text: tests and benchmarks build months
from hamstride.storage.record_table import RecordError, check_record, dropping_bad_values, from_table, to_table

try:  # POSIX; elsewhere a second writer is rare enough to go without
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

MONTH_FILE = re.compile(r"^\d{4}-\d{2}\.toml$")
JOURNALS = "in-progress"
# A temporary file from a write that was killed before its rename.
_LEFTOVER = re.compile(r"^\.([\w-]+\.toml)\..+\.tmp$")
LEFTOVER_AGE = 60.0  # seconds: a journal write in flight is younger than this
MAX_MONTH_BYTES = 64 * 1024 * 1024  # a month of sessions is some tens of kilobytes
FUTURE_SLACK = timedelta(days=1)  # clocks and time zones differ; a day ahead is not a typo

Now = Callable[[], datetime]


class Loaded(NamedTuple):
    records: tuple[Record, ...]  # oldest first
    problems: tuple[str, ...]  # what was set aside or skipped, for the runner to read


class Saved(NamedTuple):
    """Where a record went: the history, its journal (offered for saving at the next start), or nowhere
    (then text holds it, printed when the app quits)."""

    path: Path | None
    in_history: bool
    error: str = ""
    text: str = ""
    record_id: str = ""




class HistoryStore:
    def __init__(self, folder: Path, now: Now, journals: Path | None = None, cache: Path | None = None) -> None:
        self.folder = folder
        self._now = now
        # The records of months already parsed, in memory and (when given a cache folder) on disk
        # for the next run: ten years of months take most of a second to parse.
        self._months = MonthCache.for_folder(cache, folder)
        # The app keeps the journals beside the history folder, not in it: a
        # folder shared between laptops must not offer one laptop's sessions in
        # progress to the other.
        self.journals = JournalFolder(journals or folder / JOURNALS)
        # Parsed months by (size, mtime, inode): the home screen reloads after
        # every session, and ten years of months take a fair part of a second to parse.
        self._parsed: dict[Path, tuple[tuple[int, int, int], Month]] = {}
        self._cleaned = False
        self._reading = threading.Lock()

    # -- reading -------------------------------------------------------------

    def month_files(self) -> list[Path]:
        try:
            return sorted(p for p in self.folder.iterdir() if MONTH_FILE.match(p.name))
        except OSError:  # not there yet, not a folder, not readable: no months
            return []

    def load(self) -> Loaded:
        # One load at a time: home's thread and the history screen's may ask at once, and the
        # months cache they share is not for two threads to fill and prune together.
        with self._reading, no_collection():  # thousands of records built at once: see no_collection
            loaded = self._load(parse=True)
        assert loaded is not None  # a load that may parse always has its records
        return loaded

    def load_kept(self) -> Loaded | None:
        """The history as `load` reads it, when no month has to be parsed: every month is in the
        cache of parsed months (this run's, or the one the run before left on disk) and unchanged,
        so the records are at hand in some tens of milliseconds even for ten years. None when a
        month would have to be parsed (new, changed, or one with a problem): then `load` it is.
        None too while another thread loads: the caller (the UI thread) never waits for a load."""
        if not self._reading.acquire(blocking=False):
            return None
        try:
            with no_collection():
                return self._load(parse=False)
        finally:
            self._reading.release()

    def _load(self, *, parse: bool) -> Loaded | None:
        if not self._cleaned:
            self._cleaned = True
            self.clean_leftovers()
        by_id: dict[str, Record] = {}
        problems: list[str] = []
        latest = self._now() + FUTURE_SLACK
        paths = self.month_files()
        for path in paths:
            stamp = _stamp(path)
            kept = self._months.get(path.name, stamp) if stamp is not None else None
            if kept is None:
                if not parse:
                    return None
                kept = self._records_of(path, latest, problems, stamp)
            for record in kept:
                # The same id twice (a copy synced back, a table pasted twice) is one session:
                # the later table is the newer version of it.
                by_id.pop(record.id, None)
                by_id[record.id] = record
        self._months.keep_only({path.name for path in paths})
        self._months.save()
        records = sorted(by_id.values(), key=lambda r: r.started)
        return Loaded(tuple(records), tuple(problems))

    def _records_of(self, path: Path, latest: datetime, problems: list[str],
                    stamp: Stamp | None) -> tuple[Record, ...]:
        """A month's records, parsed; a month read in full without a problem is kept for next time."""
        month = self._read_month(path)
        if month.problem:
            problems.append(month.problem)
            if not month.shown:
                return ()
        records: list[Record] = []
        clean = not month.problem
        for index, table in enumerate(month.tables):
            try:
                with dropping_bad_values() as dropped:
                    record = from_table(table)
                record, mended = check_record(record, latest)
            except RecordError as error:
                clean = False
                ident = table.get("id")
                named = f" (id {ident!r})" if isinstance(ident, str) and len(ident) <= 64 else ""
                problems.append(f"{path}: session {index + 1}{named} skipped (kept in the file): {error}")
                continue
            if dropped or mended:
                clean = False  # said at every load, until the file is mended
                named = f" ({record.title}, {record.started:%Y-%m-%d})"
                problems.extend(f"{path}: session {index + 1}{named}: {said} (the file is left as it is)"
                                for said in (*dropped, *mended))
            records.append(record)
        if clean and stamp is not None:
            # Only a month without a problem: the others are parsed, and reported, every time.
            self._months.put(path.name, stamp, tuple(records))
        return tuple(records)

    def _read_month(self, path: Path) -> Month:
        try:
            stat = path.stat()
            stamp = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
            cached = self._parsed.get(path)
            if cached is not None and cached[0] == stamp:
                return cached[1]
            # A regular file only, and bounded: a FIFO would hang every reader, /dev/zero never end.
            raw = read_regular(path, MAX_MONTH_BYTES)
            if len(raw) > MAX_MONTH_BYTES:
                raise NotAFile(0, f"it is over {MAX_MONTH_BYTES // (1024 * 1024)} MiB, not a month of sessions",
                               str(path))
        except FileNotFoundError:
            return NONE
        except OSError as error:  # a folder, a pipe, a device, a link that loops, no permission
            return Month("", (), problem=f"{path} cannot be read ({error.strerror or error}); "
                          "its sessions are not counted and it was left as it is")
        # Another copy added sessions since this one read the month: parse only what it added. Parsing
        # the whole month at every save made two writers of 1,000 saves take 50 times as long as one.
        month = (grown(cached[1], raw) if cached is not None else None) or self._parse_month(path, raw)
        if month.exists:
            self._parsed[path] = (stamp, month)
        return month

    def _parse_month(self, path: Path, raw: bytes) -> Month:
        try:
            text = raw.decode("utf-8")
            data = tomllib.loads(text)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError, ValueError) as error:
            if raw.startswith(OURS.encode()) and TRAILER.search(raw.decode("utf-8", "replace")) is None:
                error = ValueError(f"it looks cut short: {error}")
            try:
                aside = self._set_aside(path)
            except OSError as cannot:
                return Month("", (), problem=f"{path} could not be read ({error}); it could not be moved aside "
                              f"either ({cannot.strerror or cannot}), so it was left as it is")
            return Month("", (), exists=False, problem=f"{path} could not be read ({error}); it was moved to "
                          f"{aside} and nothing in it was changed")
        if not data:
            return Month(text, (), problem=f"{path} is empty: it was probably cut short. It is left as it is "
                          "and moved aside before the next session is saved")
        sessions = data.get("session", [])
        if not isinstance(sessions, list) or not all(isinstance(t, dict) for t in sessions):
            return Month(text, (), problem=f"{path}: 'session' is not a list of [[session]] tables, so none of "
                          "it was read; it is left as it is and moved aside before the next session is saved")
        tables = tuple(sessions)
        if len(SESSION_HEADER.findall(text)) != len(tables):
            # `session = [{...}]` written inline: readable, but a table cannot be added after it.
            return Month(text, tables, problem=f"{path}: write each session as a [[session]] table; the file is "
                          "left as it is and moved aside before the next session is saved", shown=True)
        if text.startswith(OURS):
            counted = TRAILER.search(text)
            if counted is None or int(counted.group(1)) != len(tables):
                said = "its last line is missing" if counted is None else \
                    f"it has {len(tables)} sessions where its last line says {counted.group(1)}"
                return Month(text, tables, shown=True, problem=(
                    f"{path} looks cut short ({said}): the sessions in it are shown, but the last one may be "
                    "incomplete; it is moved aside, unchanged, before the next session is saved"))
        return Month(text, tables)

    def _set_aside(self, path: Path) -> Path:
        aside = set_aside(path, self._now())
        self._parsed.pop(path, None)
        return aside

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
        """Add the record to its month, or replace the one with its id; raises OSError."""
        private_folder(self.folder)
        path = self.folder / f"{record.started:%Y-%m}.toml"
        block = tomli_w.dumps({"session": [to_table(record)]})
        with self._locked():
            month = self._read_month(path)
            if month.problem and month.exists:
                self._set_aside(path)  # never add to what we did not fully understand
                # Its sessions that were read (a month missing only its count line) go on in the new
                # month: moved aside, they would vanish from the history after one save.
                month = Month(month_text(list(month.tables)), month.tables) if month.shown else NONE
            elif month.problem:
                month = NONE  # unreadable and already moved aside
            text, tables = replaced(month, record.id, block) or appended(month, block)
            if not month.verified:
                # A file we did not write: make sure the result reads back as it should
                # before it replaces the old one.
                tables = check_month(text, len(tables))
            write_atomic(path, text)
            stat = path.stat()
            self._parsed[path] = ((stat.st_size, stat.st_mtime_ns, stat.st_ino),
                                  Month(text, tables, verified=True))
        return path

    def save_or_keep(self, record: Record) -> Saved:
        """Save; if the history cannot be written, say why and hand the record's text back. The
        caller keeps the record's journal (our in-progress folder) until it is in the history:
        nothing is ever written outside our folders (no temp folder, no current folder)."""
        try:
            return Saved(self.save(record), in_history=True, record_id=record.id)
        except (OSError, ValueError) as error:
            reason = (f"{error.strerror or error} ({error.filename or self.folder})"
                      if isinstance(error, OSError) else str(error))
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


def _stamp(path: Path) -> Stamp | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


