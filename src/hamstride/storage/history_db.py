"""The history's database: an SQLite copy of the TOML months, so ten years open at once.

The months stay the record, and the only thing a runner edits. The database, one file in the cache
folder per history folder, holds each month's sessions: their figures in columns (what the streaks
and week totals need, and what the list's rows show), and each whole session as a line of JSON
(record_codec.py), built into a record only when one is asked for: a session opened, the charts. A month is read again when its bytes change; one the app cannot fully read is read every
time (so its problem is reported every time) and, as always, never rewritten.

Deleting the file is safe: the next open reads the months again and shows how far it has got.
Any trouble with it (damaged, from another version, a disk that is full or read-only) and the app
uses a database in memory instead, for this run.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, overload

from hamstride.domain.status import COMPLETE, PARTIAL
from hamstride.storage.digest import sha256
from hamstride.storage.files import private_folder

# A record (its steps, their kinds, record_codec's JSON) is built only when one is asked for: the first
# frame lists its rows from the columns.
if TYPE_CHECKING:
    from datetime import date

    from hamstride.domain.outline import Outline
    from hamstride.domain.record import Record
    from hamstride.domain.stats import Sums

SCHEMA = 7  # 2: a record's ended_early; 3: the outline's columns (the progression's, domain/outline.py); 4: focused counts a session quit after a third of its main reps; 5: worked (a start taken back is no session); 6: the indexes the figures are read from; 7: the list's elapsed and effort; bump when a table or the JSON of a record changes: an older file is then rebuilt
PAGE = 64  # sessions fetched together for the list on screen

_TABLES = """
CREATE TABLE months (name TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, ctime INTEGER, inode INTEGER, digest TEXT,
                     clean INTEGER NOT NULL);
CREATE TABLE sessions (month TEXT NOT NULL, pos INTEGER NOT NULL, id TEXT NOT NULL, utc REAL NOT NULL,
                       title TEXT NOT NULL, completed INTEGER NOT NULL, day INTEGER NOT NULL, active REAL NOT NULL,
                       eccentric_reps INTEGER NOT NULL, nordic_reps INTEGER NOT NULL, eccentric INTEGER NOT NULL,
                       focused INTEGER NOT NULL, csv TEXT NOT NULL, body TEXT NOT NULL,
                       started TEXT NOT NULL, ended TEXT NOT NULL, session TEXT NOT NULL, week INTEGER,
                       main_done INTEGER NOT NULL, main_reps INTEGER NOT NULL, main_lost INTEGER NOT NULL,
                       sore_before INTEGER, soreness INTEGER, worked INTEGER NOT NULL, elapsed REAL NOT NULL,
                       rpe INTEGER, PRIMARY KEY (month, pos));
-- The order the sessions are shown in, and with it the columns the figures read (history_sums.py reads
-- only this index): in the table a session's JSON sits among them, and a scan of ten years read it all.
CREATE INDEX sessions_id ON sessions (id, month, pos);
CREATE INDEX sessions_order ON sessions (utc, month, pos, id, day, completed, worked, active, eccentric_reps,
                                         nordic_reps, eccentric, focused, title);
-- The same id in two places (a copy synced back, a table pasted twice) is one session: the later one.
CREATE VIEW shown AS SELECT * FROM sessions AS s WHERE NOT EXISTS (
    SELECT 1 FROM sessions AS t WHERE t.id = s.id AND (t.month > s.month OR (t.month = s.month AND t.pos > s.pos)));
"""
_INSERT = f"INSERT INTO sessions VALUES ({','.join('?' * 26)})"
_OLDEST_FIRST = "ORDER BY utc, month, pos"
_NEWEST_FIRST = "ORDER BY utc DESC, month DESC, pos DESC"

# Size, modification and change times in ns, inode: any write changes one (the change time even when a
# sync tool puts the modification time back on a file given a freed inode's number).
Stamp = tuple[int, int, int, int]


class Known(NamedTuple):
    """A month as the database last read it."""

    stamp: Stamp
    digest: str
    clean: bool


class HistoryDB:
    """One connection shared by the app's threads, each call under a lock; commits after each month."""

    def __init__(self, path: Path | None, *, joined: bool = False) -> None:
        self.path = path
        self.joined = joined  # a helper process writing beside the app (month_helper.py): the file is the app's
        self._lock = threading.RLock()
        self._connection: sqlite3.Connection | None = None  # opened when first asked: not at launch
        self.generation = 0  # counts fallbacks to memory: a reader that sees it change reads the months again

    @classmethod
    def for_folder(cls, cache_folder: Path | None, history: Path) -> HistoryDB:
        """One database per history folder (a runner may keep several with --data-dir)."""
        if cache_folder is None:
            return cls(None)
        key = sha256(str(history.resolve()).encode()).hexdigest()[:12]
        return cls(cache_folder / f"history-{key}.sqlite3")

    def _open(self, path: Path | None) -> sqlite3.Connection:
        if self.joined and path is not None:  # never made, rebuilt or deleted here: any trouble ends the helper
            try:
                db = sqlite3.connect(path.absolute().as_uri() + "?mode=rw", uri=True, timeout=5,
                                     check_same_thread=False)
                if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA:
                    db.close()
                    raise sqlite3.DatabaseError("not the app's database as this version builds it")
                db.execute("PRAGMA synchronous = NORMAL")
            except sqlite3.Error:
                self.path = None
                raise
            return db
        if path is not None:
            try:
                private_folder(path.parent)  # 0700 whatever the umask: it holds the history
                _private_file(path)
                return self._ready(sqlite3.connect(path, timeout=5, check_same_thread=False))
            except (sqlite3.Error, OSError):
                with contextlib.suppress(OSError):  # damaged or foreign: it is only a copy
                    path.unlink()
                try:
                    return self._ready(sqlite3.connect(path, timeout=5, check_same_thread=False))
                except (sqlite3.Error, OSError):
                    pass
        self.path = None
        return self._ready(sqlite3.connect(":memory:", check_same_thread=False))

    @staticmethod
    def _ready(db: sqlite3.Connection) -> sqlite3.Connection:
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA:
                db.executescript("DROP VIEW IF EXISTS shown; DROP TABLE IF EXISTS sessions; "
                                 "DROP TABLE IF EXISTS months;" + _TABLES + f"PRAGMA user_version = {SCHEMA};")
            db.execute("PRAGMA journal_mode = WAL")  # readers in one copy never wait for the other's writes
            db.execute("PRAGMA synchronous = NORMAL")  # a copy: after a power cut it is rebuilt, not trusted less
            db.execute("SELECT count(*) FROM months").fetchone()
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _fall_back(self) -> None:
        """This run goes on with a database in memory: every month is read again."""
        with contextlib.suppress(sqlite3.Error):
            if self._connection is not None:
                self._connection.close()
        self.path = None
        self.generation += 1
        self._connection = self._ready(sqlite3.connect(":memory:", check_same_thread=False))

    @contextlib.contextmanager
    def _using(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._connection is None:
                self._connection = self._open(self.path)
            try:
                yield self._connection
            except sqlite3.Error:
                self._fall_back()
                raise

    # -- months -------------------------------------------------------------

    def months(self) -> dict[str, Known]:
        try:
            with self._using() as db:
                rows = db.execute("SELECT name, size, mtime, ctime, inode, digest, clean FROM months").fetchall()
        except sqlite3.Error:
            return {}
        return {row[0]: Known((row[1], row[2], row[3], row[4]), row[5], bool(row[6])) for row in rows}

    def put_month(self, name: str, stamp: Stamp, month_digest: str, records: Sequence[Record], *,
                  clean: bool) -> None:
        """A month's sessions as just read; a month read with a problem is read again next time."""
        rows = [_row(name, pos, record) for pos, record in enumerate(records)]
        try:
            with self._using() as db, db:
                db.execute("DELETE FROM sessions WHERE month = ?", (name,))
                db.executemany(_INSERT, rows)
                db.execute("INSERT OR REPLACE INTO months VALUES (?,?,?,?,?,?,?)",
                           (name, *stamp, month_digest, int(clean)))
        except sqlite3.Error:
            pass  # now in memory, empty: the reader sees the generation change and reads every month again

    def restamp(self, name: str, stamp: Stamp) -> None:
        """The same bytes with a new stamp (a copy, a touch): nothing to read again."""
        with contextlib.suppress(sqlite3.Error), self._using() as db, db:
            db.execute("UPDATE months SET size = ?, mtime = ?, ctime = ?, inode = ? WHERE name = ?", (*stamp, name))

    def saved(self, name: str, stamp: Stamp, month_digest: str, pos: int, record: Record) -> None:
        """A session a save just wrote at `pos` of a month the database held whole."""
        try:
            with self._using() as db, db:
                db.execute("DELETE FROM sessions WHERE month = ? AND pos = ?", (name, pos))
                db.execute(_INSERT, _row(name, pos, record))
                db.execute("UPDATE months SET size = ?, mtime = ?, ctime = ?, inode = ?, digest = ? WHERE name = ?",
                           (*stamp, month_digest, name))
        except sqlite3.Error:
            self.forget(name)

    def ids(self, name: str) -> list[str]:
        """The ids of a month's sessions, in the order they stand in the file."""
        with self._using() as db:
            return [row[0] for row in db.execute("SELECT id FROM sessions WHERE month = ? ORDER BY pos", (name,))]

    def forget(self, name: str) -> None:
        with contextlib.suppress(sqlite3.Error), self._using() as db, db:
            db.execute("DELETE FROM sessions WHERE month = ?", (name,))
            db.execute("DELETE FROM months WHERE name = ?", (name,))

    def keep_only(self, names: set[str]) -> None:
        """Forget months whose files are gone."""
        for name in set(self.months()) - names:
            self.forget(name)

    # -- what the screens show ------------------------------------------------

    def count(self) -> int:
        with self._using() as db:
            return int(db.execute("SELECT count(*) FROM shown").fetchone()[0])

    def figures(self, today: date, since: date) -> tuple[Sums, int, set[str]]:
        """The history screen's figures added up in SQL (history_sums.py), how many sessions it shows,
        and their titles: no session is built."""
        from hamstride.storage.history_sums import sums

        with self._using() as db:
            return sums(db, today, since)

    def titles(self) -> set[str]:
        with self._using() as db:
            return {row[0] for row in db.execute("SELECT DISTINCT title FROM shown")}

    def newest(self, start: int, count: int) -> list[Listed]:
        """Sessions newest first, from the `start`th, as the list shows them: no record is built."""
        with self._using() as db:
            rows = db.execute("SELECT id, started, title, completed, elapsed, eccentric_reps, rpe, soreness, body "
                              f"FROM shown {_NEWEST_FIRST} LIMIT ? OFFSET ?", (count, start)).fetchall()
        when = datetime.fromisoformat
        return [Listed(i, when(s), t, bool(c), e, r, p, so, b) for i, s, t, c, e, r, p, so, b in rows]

    def records(self) -> tuple[Record, ...]:
        """Every session, oldest first."""
        from hamstride.storage.record_codec import decode

        with self._using() as db:
            rows = db.execute(f"SELECT body FROM shown {_OLDEST_FIRST}").fetchall()
        return tuple(decode(row[0]) for row in rows)

    def outlines(self) -> tuple[Outline, ...]:
        """Every session in outline, oldest first: what the progression and the streaks read, from the
        columns (no record is built: a tenth of the time of `records`)."""
        from datetime import date, datetime

        from hamstride.domain.outline import Outline

        days: dict[int, date] = {}
        when = datetime.fromisoformat
        with self._using() as db:
            rows = db.execute("SELECT id, started, ended, day, session, title, completed, week, active, "
                              "eccentric_reps, nordic_reps, eccentric, focused, main_done, main_reps, main_lost, "
                              f"sore_before, soreness, worked FROM shown {_OLDEST_FIRST}").fetchall()
        return tuple(Outline(i, when(s), when(e), days.get(d) or days.setdefault(d, date.fromordinal(d)), n, t,
                             bool(c), w, a, er, nr, bool(x), bool(f), bool(md), (mr, ml), sb, so, bool(wk))
                     for i, s, e, d, n, t, c, w, a, er, nr, x, f, md, mr, ml, sb, so, wk in rows)

    def records_between(self, first: date, last: date) -> tuple[Record, ...]:
        """The whole sessions of the runner's days `first` to `last`, oldest first (as `records` has them)."""
        from hamstride.storage.record_codec import decode

        with self._using() as db:
            rows = db.execute(f"SELECT body FROM shown WHERE day BETWEEN ? AND ? {_OLDEST_FIRST}",
                              (first.toordinal(), last.toordinal())).fetchall()
        return tuple(decode(row[0]) for row in rows)

    def csv_rows(self) -> list[list[object]]:
        """The CSV export's rows, oldest first, as they were worked out when each month was read."""
        import json

        with self._using() as db:
            return [json.loads(row[0]) for row in db.execute(f"SELECT csv FROM shown {_OLDEST_FIRST}")]


def _row(month: str, pos: int, record: Record) -> tuple[object, ...]:
    import json

    from hamstride.storage.export import csv_row  # only when a month is read: not at launch
    from hamstride.storage.record_codec import encode

    return (month, pos, record.id, record.started.timestamp(), record.title, int(record.completed),
            record.day.toordinal(), record.active_seconds, record.eccentric_reps, record.nordic_reps,
            int(record.eccentric), int(record.focused), json.dumps(csv_row(record), ensure_ascii=False),
            encode(record), record.started.isoformat(), record.ended.isoformat(), record.session, record.week,
            int(record.main_done), *record.main_reps, record.sore_before, record.soreness, int(record.worked),
            record.elapsed_seconds, record.rpe)


class Listed(NamedTuple):
    """A session as the history's list shows it, read from the database's columns (the values of the
    record's own fields of those names); the whole record is built only when the runner opens it."""

    id: str
    started: datetime
    title: str
    completed: bool
    elapsed_seconds: float
    eccentric_reps: int
    rpe: int | None
    soreness: int | None
    body: str  # the record as record_codec wrote it

    @property
    def status(self) -> str:
        return COMPLETE if self.completed else PARTIAL

    def record(self) -> Record:
        from hamstride.storage.record_codec import decode

        return decode(self.body)


class Pages(Sequence[Listed]):
    """The sessions as the list on screen asks for them, oldest first like a loaded history, read
    from the database a page at a time: only the rows scrolled into view are ever read."""

    def __init__(self, db: HistoryDB, count: int | None = None) -> None:
        self.db = db
        self._count = db.count() if count is None else count
        self._pages: dict[int, list[Listed]] = {}

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Listed: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Listed]: ...

    def __getitem__(self, index: int | slice) -> Listed | Sequence[Listed]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        newest = self._count - 1 - index
        page = newest // PAGE
        rows = self._pages.get(page)
        if rows is None:
            if len(self._pages) > 16:  # a long scroll: keep what is near
                self._pages.clear()
            rows = self._pages[page] = self.db.newest(page * PAGE, PAGE)
        if not rows:
            raise IndexError(index)  # the history changed under the list: the screen reloads it
        return rows[min(newest % PAGE, len(rows) - 1)]

    def titles(self) -> set[str]:
        return self.db.titles()


def _private_file(path: Path) -> None:
    """The database file made 0600 before sqlite opens it (sqlite gives its journals the same mode)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
                 | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        if os.fstat(fd).st_mode & 0o077:
            os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
