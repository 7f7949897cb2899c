"""The history folder: one TOML file a month, written so that nothing is ever lost.

- Every write goes to a temporary file in the same folder, is fsynced, and
  renamed over the old one, so a reader sees the old file or the new one,
  never half of either, even after a kill -9 or a power cut.
- Writers take an advisory lock on the folder and re-read the month under it,
  so two copies of hamstride open at once keep each other's records.
- A month that does not parse is renamed aside (`.corrupt-<timestamp>`) and
  reported; the other months still load and the bad bytes stay for the runner.
- Tables that parse but are not records we understand are kept as they are
  when the month is rewritten.
- The sessions in progress are journalled at each set boundary (journal.py),
  so a crash costs at most the set that was running.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w

from hamstride.domain.record import Record
from hamstride.storage.files import set_aside, write_atomic
from hamstride.storage.journal import JournalFolder
from hamstride.storage.record_table import RecordError, from_table, to_table

try:  # POSIX; elsewhere a second writer is rare enough to go without
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

MONTH_FILE = re.compile(r"^\d{4}-\d{2}\.toml$")
JOURNALS = "in-progress"
HEADER = "# hamstride history: one [[session]] table per session. Plain TOML; edit with care.\n"

Now = Callable[[], datetime]


@dataclass(frozen=True)
class Loaded:
    records: tuple[Record, ...]  # oldest first
    problems: tuple[str, ...]  # what was set aside or skipped, for the runner to read


@dataclass(frozen=True)
class Saved:
    """Where a record went: the history, a fallback file, or nowhere (then text holds it)."""

    path: Path | None
    in_history: bool
    error: str = ""
    text: str = ""


class HistoryStore:
    def __init__(self, folder: Path, now: Now, journals: Path | None = None) -> None:
        self.folder = folder
        self._now = now
        # The app keeps the journals beside the history folder, not in it: a
        # folder shared between laptops must not offer one laptop's session in
        # progress to the other.
        self.journals = JournalFolder(journals or folder / JOURNALS)
        # Parsed months by (size, mtime): the home screen reloads after every
        # session, and ten years of months take a fair part of a second to parse.
        self._parsed: dict[Path, tuple[tuple[int, int], list[dict[str, Any]]]] = {}

    # -- reading -------------------------------------------------------------

    def month_files(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.iterdir() if MONTH_FILE.match(p.name))

    def load(self) -> Loaded:
        records: list[Record] = []
        problems: list[str] = []
        for path in self.month_files():
            tables, problem = self._read_month(path)
            if problem:
                problems.append(problem)
            for index, table in enumerate(tables):
                try:
                    records.append(from_table(table))
                except RecordError as error:
                    problems.append(f"{path}: session {index + 1} skipped (kept in the file): {error}")
        records.sort(key=lambda r: r.started)
        return Loaded(tuple(records), tuple(problems))

    def _read_month(self, path: Path) -> tuple[list[dict[str, Any]], str]:
        try:
            stat = path.stat()
            stamp = (stat.st_size, stat.st_mtime_ns)
            cached = self._parsed.get(path)
            if cached is not None and cached[0] == stamp:
                return list(cached[1]), ""
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return [], ""
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            aside = self._set_aside(path)
            return [], f"{path} could not be read ({error}); it was moved to {aside} and nothing in it was changed"
        sessions = data.get("session", [])
        if not isinstance(sessions, list):
            return [], f"{path}: 'session' is not a list of tables; the file was left as it is"
        tables = [t for t in sessions if isinstance(t, dict)]
        self._parsed[path] = (stamp, tables)
        return list(tables), ""

    def _set_aside(self, path: Path) -> Path:
        return set_aside(path, self._now())

    # -- writing -------------------------------------------------------------

    def save(self, record: Record) -> Path:
        """Add the record to its month, or replace the one with its id; raises OSError."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{record.started:%Y-%m}.toml"
        with self._locked():
            tables, _problem = self._read_month(path)  # a corrupt month was set aside: start afresh
            tables = [t for t in tables if t.get("id") != record.id]
            tables.append(to_table(record))
            tables.sort(key=_start_key)
            write_atomic(path, HEADER + tomli_w.dumps({"session": tables}))
        return path

    def save_or_fallback(self, record: Record) -> Saved:
        """Save; if the history cannot be written, put the record where the runner can find it."""
        try:
            return Saved(self.save(record), in_history=True)
        except OSError as error:
            reason = f"{error.strerror or error} ({error.filename or self.folder})"
        text = HEADER + tomli_w.dumps({"session": [to_table(record)]})
        fallback = Path(tempfile.gettempdir()) / f"hamstride-unsaved-{record.started:%Y%m%dT%H%M%S}.toml"
        try:
            write_atomic(fallback, text)
            return Saved(fallback, in_history=False, error=reason, text=text)
        except OSError:
            return Saved(None, in_history=False, error=reason, text=text)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if fcntl is None:
            yield
            return
        with open(self.folder / ".lock", "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _start_key(table: dict[str, Any]) -> str:
    started = table.get("started")
    return started.isoformat() if isinstance(started, datetime) else str(started)
