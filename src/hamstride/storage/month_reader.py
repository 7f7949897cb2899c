"""Reading the history's months into its database (history_db.py), and what the screens ask of it.

A month is parsed only when its bytes changed since the database last read it (its stamp, then its
digest), newest month first so that what is read so far is what a runner looks at first. A month the
app cannot fully read is parsed, and reported, every time; it is never rewritten (history.py sets it
aside before a save starts a new one).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from hamstride.storage import month_toml
from hamstride.storage.files import NotAFile, read_fd_bounded, read_regular
from hamstride.storage.month_text import NONE, OURS, SESSION_HEADER, Month, counting_line, grown, session_headers

# A store is made before a first frame and reads its months after it: what reads a month's records
# (the record's table, where a value or a syntax error is) is imported by the first read.
if TYPE_CHECKING:
    from hamstride.domain.outline import Outline
    from hamstride.domain.record import Record
    from hamstride.domain.stats import Sums
    from hamstride.storage.history_db import HistoryDB, Known, Listed, Stamp

MONTH_FILE = re.compile(r"^\d{4}-\d{2}\.toml$")
MAX_MONTH_BYTES = 64 * 1024 * 1024  # a month of sessions is some tens of kilobytes
FUTURE_SLACK = timedelta(days=1)  # clocks and time zones differ; a day ahead is not a typo


class Loaded(NamedTuple):
    records: tuple[Record, ...]  # oldest first
    problems: tuple[str, ...]  # what was set aside or skipped, for the runner to read


MonthRead = Month  # a month as read (month_text.py writes it)
NO_MONTH = NONE
Progress = Callable[[str, int, int], None]  # the month being read, how many are read, of how many


class Overview(NamedTuple):
    """The history as the report reads it: every session in outline, whole records for a span of days."""

    outlines: tuple[Outline, ...]  # every session, oldest first
    records: tuple[Record, ...]  # the sessions of the days asked for, oldest first
    problems: tuple[str, ...]


class Shown(NamedTuple):
    """What the history screen shows, from the database: its figures added up, and the rows."""

    sums: Sums  # the weeks and days from the `since` asked for on
    rows: Sequence[Listed]  # oldest first, read a page at a time, from the database's columns
    titles: set[str]  # of every session: the list's title column is as wide as the widest
    problems: tuple[str, ...]


class MonthReader:
    """The reading half of the history store (history.py's HistoryStore adds the writing half)."""

    folder: Path
    _now: Callable[[], datetime]
    _cache: Path | None
    _cleaned: bool
    _reading: threading.Lock
    _listeners: list[Progress]  # whoever waits for the months being read: which one, how far
    _written: tuple[str, Stamp, str] | None  # the month this store last wrote: its name, stamp and text
    helper_from = 24  # stale months from which a helper process reads the oldest (month_helper.py)
    helper_command: list[str] | None = None  # how it is started (None: this Python runs month_helper.py)

    def clean_leftovers(self) -> int:
        raise NotImplementedError

    def _set_aside(self, path: Path) -> Path:
        raise NotImplementedError

    @cached_property
    def db(self) -> HistoryDB:
        """The sessions of the months, kept in a database (in the cache folder when given one, else in
        memory): ten years of months take seconds to parse, and the screens ask only for what they show.
        Opened when first asked, as sqlite3 is: the first frame never waits for either."""
        from hamstride.storage.history_db import HistoryDB

        return HistoryDB.for_folder(self._cache, self.folder)

    # -- reading -------------------------------------------------------------

    def month_files(self) -> list[Path]:
        try:
            return sorted(p for p in self.folder.iterdir() if MONTH_FILE.match(p.name))
        except OSError:  # not there yet, not a folder, not readable: no months
            return []

    def load(self, progress: Progress | None = None) -> Loaded:
        """Every record, oldest first, for the coach: a hand-broken session as read in part too (salvaged_work.py)."""
        if "db" not in self.__dict__ and not self.month_files():
            # No history (a first run, a new --data-dir): no database opened, nor sqlite3 (2 MiB of a first run's peak).
            self._clean_once()
            return Loaded((), ())
        from hamstride.storage.salvaged_work import coached

        problems = self.sync(progress)
        return Loaded(coached(self, self.db.records(), self._now() + FUTURE_SLACK), problems)

    def outlines(self) -> tuple[Outline, ...]:
        """Every session in outline, oldest first: all the progression reads (`hamstride show`'s week)."""
        from hamstride.storage.salvaged_work import coached_outlines  # as home's, a broken session read in part

        self.sync()
        return coached_outlines(self, self.db.outlines(), self._now() + FUTURE_SLACK)

    def overview(self, first: date, last: date) -> Overview:
        """Every session in outline and the whole ones of the days `first` to `last` (the report): ten
        years of whole records take a tenth of a second to build, their outlines a fraction of that."""
        problems = self.sync()
        return Overview(self.db.outlines(), self.db.records_between(first, last), problems)

    def shown(self, today: date, since: date, progress: Progress | None = None) -> Shown:
        return self.shown_so_far(today, since, self.sync(progress))

    def shown_so_far(self, today: date, since: date, problems: tuple[str, ...] = ()) -> Shown:
        """What the database holds now (while months are read: those read so far), added up for `today`."""
        from hamstride.storage.history_db import Pages

        sums, count, titles = self.db.figures(today, since)
        return Shown(sums, Pages(self.db, count), titles, problems)

    def shown_at_once(self, today: date, since: date) -> Shown | None:
        """`shown` when no month has to be read (every one is in the database and unchanged), so the
        screen is filled in some milliseconds; None when one has to be read, or while another thread
        reads: the caller (the UI thread) never waits for months to be parsed."""
        if not self._reading.acquire(blocking=False):
            return None
        try:
            paths = self.month_files()
            known = self.db.months()
            if set(known) != {p.name for p in paths} or not all(self._fresh(p, known[p.name]) for p in paths):
                return None
        finally:
            self._reading.release()
        return self.shown_so_far(today, since)

    def sync(self, progress: Progress | None = None) -> tuple[str, ...]:
        """Read into the database every month that changed since it was last read; the problems found.

        Newest first, so that what is read so far is what a runner looks at first. One reader at a
        time: home's thread and the history screen's may ask at once, and the one that waits hears
        the other's progress meanwhile."""
        if progress is not None:
            self._listeners.append(progress)
        try:
            with self._reading:
                return self._sync()
        finally:
            if progress is not None:
                self._listeners.remove(progress)

    def _clean_once(self) -> None:
        if not self._cleaned:
            self._cleaned = True
            self.clean_leftovers()

    def _sync(self) -> tuple[str, ...]:
        self._clean_once()
        while True:
            generation = self.db.generation
            latest = self._now() + FUTURE_SLACK
            paths = self.month_files()
            known = self.db.months()
            stale = [p for p in reversed(paths) if not self._fresh(p, known.get(p.name))]
            said = self._read_stale(stale, latest)
            self.db.keep_only({path.name for path in paths})
            if self.db.generation == generation:  # else the database fell back to memory: again
                return tuple(problem for path in stale for problem in said[path.name])

    def _read_stale(self, stale: list[Path], latest: datetime) -> dict[str, list[str]]:
        """The months (newest first) read into the database, and the problems of each: with a helper
        process reading the oldest meanwhile when there are many and a core to spare (month_helper.py)."""
        from hamstride.storage.month_helper import read_months

        return read_months(self, stale, latest)

    def tell_progress(self, month: str, done: int, of: int) -> None:
        for listener in list(self._listeners):
            listener(month, done, of)

    def _fresh(self, path: Path, known: Known | None) -> bool:
        """The database holds this month whole, as its bytes are now."""
        if known is None or not known.clean:
            return False
        stamp = stamp_of_path(path)
        if stamp is None:
            return False
        if stamp == known.stamp:
            return True
        if not known.digest:  # saved by this app and touched since: read again
            return False
        try:  # touched, copied, restored from a backup: the same bytes need not be read again
            same = digest(read_regular(path, MAX_MONTH_BYTES)) == known.digest
        except OSError:
            return False
        if same:
            self.db.restamp(path.name, stamp)
        return same

    def read_into_db(self, path: Path, latest: datetime, problems: list[str]) -> None:
        """A month parsed into the database; a month with a problem is read (and reported) every time."""
        month, stamp, month_digest = self._read_month(path)
        if stamp is None:  # gone, or moved aside
            self.db.forget(path.name)
        if month.problem:
            problems.append(month.problem)
        tables = month.tables if not month.problem or month.shown else ()
        records, skipped = records_of(path, tables, latest, month.text)
        problems += skipped
        if stamp is not None:
            self.db.put_month(path.name, stamp, month_digest, records, clean=not (month.problem or skipped))

    def _read_month(self, path: Path) -> tuple[MonthRead, Stamp | None, str]:
        """The month parsed, with the stamp and digest of the bytes parsed (None: no file to stamp)."""
        try:
            # A regular file only, and bounded: a FIFO would hang every reader, /dev/zero never end.
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
            try:
                raw = read_fd_bounded(fd, path, MAX_MONTH_BYTES)
                stat = os.fstat(fd)
            finally:
                os.close(fd)
            if len(raw) > MAX_MONTH_BYTES:
                raise NotAFile(0, f"it is over {MAX_MONTH_BYTES // (1024 * 1024)} MiB, not a month of sessions",
                               str(path))
        except FileNotFoundError:
            return NO_MONTH, None, ""
        except OSError as error:  # a folder, a pipe, a device, a link that loops, no permission
            return MonthRead("", (), problem=f"{path} cannot be read ({error.strerror or error}); "
                          "its sessions are not counted and it was left as it is"), None, ""
        month = self._parse_month(path, raw)
        if not month.exists:
            return month, None, ""
        return month, stamp_of(stat), digest(raw)

    def _month_for_save(self, path: Path) -> MonthRead:
        """The month a save adds to: from the database when it holds these bytes whole (the month is
        not parsed at all), or these bytes but for whole sessions another copy added since this one
        wrote the month (only those are parsed); else parsed once."""
        known = self.db.months().get(path.name)
        stamp = stamp_of_path(path)
        if known is None or not known.clean or stamp is None:
            return self._read_month(path)[0]
        try:
            raw = read_regular(path, MAX_MONTH_BYTES)
            text = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return self._read_month(path)[0]
        ids = tuple(self.db.ids(path.name))
        if stamp == known.stamp:
            counted = counting_line(text)
            if counted is not None and int(counted.group(1)) == len(ids):
                return MonthRead(text, (), known=ids)
        written = self._written
        if written is not None and written[:2] == (path.name, known.stamp):
            # Another copy saved into this month since this one did: two writers of 1,000 saves
            # took 50 times as long as one when each save parsed the whole month again.
            found = grown(written[2], raw)
            if found is not None:
                added = found[1]
                if not records_of(path, added, self._now() + FUTURE_SLACK)[1]:
                    return MonthRead(found[0], added, known=ids + tuple(str(t.get("id")) for t in added))
        return self._read_month(path)[0]

    def _parse_month(self, path: Path, raw: bytes) -> MonthRead:
        try:
            text = raw.decode("utf-8")
            data = month_toml.loads(text)  # tomllib's meaning and messages, faster on plain months
        except (UnicodeDecodeError, RecursionError, ValueError) as error:  # tomllib's errors are ValueErrors
            if raw.startswith(OURS.encode()) and counting_line(raw.decode("utf-8", "replace")) is None:
                error = ValueError(f"it looks cut short: {error}")
            from hamstride.storage.month_salvage import headers, salvaged, unread_said

            # Left where it is, as a month with a bad value is, and its sessions that parse on their own
            # counted: moved aside at once, none of them counted, the coach forgot the eccentric session
            # of an hour ago. A save moves it aside first, unchanged, and carries those sessions on.
            tables = salvaged(raw)
            whole = headers(raw.decode("utf-8", "replace"))
            where = _where(raw, error)
            said = where if where and isinstance(error, UnicodeDecodeError) else f"{where} ({error})"
            return MonthRead("", tables, shown=True, problem=(
                f"{path} could not be read{said}; it is left as it is, and the sessions in it that read on their "
                f"own ({len(tables)} of {whole}) are counted{unread_said(raw)}. Mend it and it is read whole again; "
                f"before a session is saved into {path.name}, it is moved aside unchanged "
                f"({path.name}.corrupt-<time>) and a new {path.name} is started with the sessions read from it"))
        if not data:
            return MonthRead(text, (), problem=f"{path} is empty: it was probably cut short. It is left as it is "
                          "and moved aside before the next session is saved")
        sessions = data.get("session", [])
        if not isinstance(sessions, list) or not all(isinstance(t, dict) for t in sessions):
            return MonthRead(text, (), problem=f"{path}: 'session' is not a list of [[session]] tables, so none of "
                          "it was read; it is left as it is and moved aside before the next session is saved")
        tables = tuple(sessions)
        if session_headers(text) != len(tables):
            # `session = [{...}]` written inline: readable, but a table cannot be added after it.
            return MonthRead(text, tables, problem=f"{path}: write each session as a [[session]] table; the file is "
                          "left as it is and moved aside before the next session is saved", shown=True)
        if text.startswith(OURS):
            counted = counting_line(text)
            if counted is None or int(counted.group(1)) != len(tables):
                said = "its last line is missing" if counted is None else \
                    f"it has {len(tables)} sessions where its last line says {counted.group(1)}"
                return MonthRead(text, tables, shown=True, problem=(
                    f"{path} looks cut short ({said}): the sessions in it are shown, but the last one may be "
                    "incomplete; it is moved aside, unchanged, before the next session is saved"))
        return MonthRead(text, tables)

def digest(data: bytes) -> str:
    from hamstride.storage.digest import sha256

    return sha256(data).hexdigest()


def stamp_of_path(path: Path) -> Stamp | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stamp_of(stat)


def stamp_of(stat: os.stat_result) -> Stamp:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


class TableRead(NamedTuple):
    """One [[session]] table as read: its record (None: skipped), and what was said about it."""

    record: Record | None
    problems: list[str]
    refused: bool  # a value the reader could not take (the session skipped, or a value left out)


def read_tables(path: Path, tables: Sequence[dict[str, Any]], latest: datetime,
                text: str = "") -> list[TableRead]:
    """Each of a month's tables read: a session skipped (it stays in the file), a bad value left out,
    a time mended, each said with the line to mend when the month's text is given."""
    from hamstride.storage.month_places import ignored_edit, refusal
    from hamstride.storage.record_table import RecordError, check_record, derived_edits, dropping_bad_values, from_table

    read: list[TableRead] = []
    for index, table in enumerate(tables):
        try:
            with dropping_bad_values() as dropped:
                record = from_table(table)
            record, mended = check_record(record, latest)
        except RecordError as error:
            ident = table.get("id")
            named = f" (id {ident!r})" if isinstance(ident, str) and len(ident) <= 64 else ""
            read.append(TableRead(None, [refusal(path, text, index, named, str(error), "skipped")],
                                  refused=True))
            continue
        named = f" ({record.title}, {record.started:%Y-%m-%d})"
        said = [refusal(path, text, index, named, problem, "") for problem in dropped]
        said += [f"{path}: session {index + 1}{named}: {problem} (the file is left as it is)" for problem in mended]
        if not any(problem.startswith(("key 'step'", "step ")) for problem in dropped):  # else the steps are not whole
            said += [ignored_edit(path, text, index, named, problem) for problem in derived_edits(table, record)]
        read.append(TableRead(record, said, refused=bool(dropped)))
    return read


def records_of(path: Path, tables: Sequence[dict[str, Any]], latest: datetime,
               text: str = "") -> tuple[list[Record], list[str]]:
    """The records of a month's tables, and what was wrong with them. A month with any is read, and
    said, every time; one with a value refused is moved aside, unchanged, before a save adds to it."""
    read = read_tables(path, tables, latest, text)
    return [table.record for table in read if table.record is not None], [p for t in read for p in t.problems]


def _where(raw: bytes, error: Exception) -> str:
    """Where tomllib gave up, as a runner mends a file: the line, its key and its session, and what to do."""
    from hamstride.storage import toml_places

    if isinstance(error, UnicodeDecodeError):
        from hamstride.storage.month_salvage import undecodable_line

        line, byte = undecodable_line(raw, error)
        key, session = toml_places.key_at(raw.decode("utf-8", "replace"), line, SESSION_HEADER)
        place = f"line {line}" + (f", key '{key}'" if key else "") + (f" of session {session}" if session else "")
        return f" at {place}: byte {byte} is not UTF-8 text; save the file as UTF-8"
    found = re.search(r"\(at line (\d+), column \d+\)", str(error))
    if found is None:
        return ""
    line = int(found.group(1))

    key, session = toml_places.key_at(raw.decode("utf-8", "replace"), line, SESSION_HEADER)
    place = f"line {line}" + (f", key '{key}'" if key else "") + (f" of session {session}" if session else "")
    return f" at {place}: {toml_places.syntax_hint(str(error))}"
