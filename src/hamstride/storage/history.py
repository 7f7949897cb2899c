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
- The session in progress is journalled at each step boundary, so a crash
  costs at most the step that was running.
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
from hamstride.storage.record_table import RecordError, from_table, to_table

try:  # POSIX; elsewhere a second writer is rare enough to go without
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

MONTH_FILE = re.compile(r"^\d{4}-\d{2}\.toml$")
JOURNAL = "in-progress.toml"
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


@dataclass(frozen=True)
class Journal:
    record: Record  # everything done so far, as a partial record
    resume_step: int  # the step that was running when it was written
    source: str  # the session file, so a resume runs the same steps


class HistoryStore:
    def __init__(self, folder: Path, now: Now, journal: Path | None = None) -> None:
        self.folder = folder
        self._now = now
        # The app keeps the journal beside the history folder, not in it: a
        # folder shared between laptops must not offer one laptop's session in
        # progress to the other.
        self._journal = journal or folder / JOURNAL
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
        stamp = self._now().strftime("%Y%m%dT%H%M%S")
        aside = path.with_name(f"{path.name}.corrupt-{stamp}")
        counter = 1
        while aside.exists():
            counter += 1
            aside = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        path.rename(aside)
        return aside

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
            _write_atomic(path, HEADER + tomli_w.dumps({"session": tables}))
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
            _write_atomic(fallback, text)
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

    # -- the session in progress --------------------------------------------

    @property
    def journal_path(self) -> Path:
        return self._journal

    def write_journal(self, record: Record, resume_step: int, source: Path | None) -> None:
        self._journal.parent.mkdir(parents=True, exist_ok=True)
        table = {"resume_step": resume_step, "source": str(source or ""), "session": to_table(record)}
        _write_atomic(self.journal_path, "# the session in progress; hamstride offers to resume it\n"
                      + tomli_w.dumps(table))

    def read_journal(self) -> tuple[Journal | None, str]:
        """The unfinished session, if any, and a problem if the journal was unreadable (then set aside)."""
        path = self.journal_path
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            return Journal(from_table(data["session"]), int(data.get("resume_step", 0)),
                           str(data.get("source", ""))), ""
        except FileNotFoundError:
            return None, ""
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecordError, KeyError, TypeError, ValueError) as error:
            aside = self._set_aside(path)
            return None, f"the unfinished session in {path} could not be read ({error}); it was moved to {aside}"

    def clear_journal(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.journal_path.unlink()


def _start_key(table: dict[str, Any]) -> str:
    started = table.get("started")
    return started.isoformat() if isinstance(started, datetime) else str(started)


def _write_atomic(path: Path, text: str) -> None:
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk.
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
