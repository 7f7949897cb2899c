"""The sessions in progress: one journal file per running session, so a crash loses at most a set.

- Each run writes its own file, named by its record id, with the process that
  owns it. Two copies of hamstride never share a journal: a second copy offers
  a journal only once its owner is gone (a crash, a kill -9, a power cut).
- The journal keeps the record so far and what was done set by set, so a run
  can go on at the set where it stopped.
- A journal whose record is already in the history (a kill between the save
  and the journal's removal) is cleared, never offered: keeping it "as
  partial" would overwrite the saved record.
- Writes come from one writer thread, in order (`JournalWriter`): an older
  state never overwrites a newer one, and nothing is written after the save.
"""

from __future__ import annotations

import contextlib
import os
import queue
import threading
import tomllib
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any, NamedTuple

import tomli_w

from hamstride.domain.model import Side
from hamstride.domain.record import Record
from hamstride.domain.result import Position, SetDone
from hamstride.storage.files import set_aside, write_atomic
from hamstride.storage.record_table import RecordError, from_table, to_table

HEADER = "# a session in progress; hamstride offers to resume it once this copy of hamstride is gone\n"


class Journal(NamedTuple):
    record: Record  # everything done so far, as a partial record
    position: Position  # the set that was running: a resume starts there
    sets: tuple[SetDone, ...]  # what was done, set by set
    source: str  # the session file, so a resume runs the same steps
    path: Path
    reason: str = ""  # why it stopped, when hamstride knew (its browser page closed); "" after a crash

    @property
    def resume_step(self) -> int:
        return self.position.step


class JournalState(NamedTuple):
    """One write: the run as it stands at a set boundary."""

    record: Record
    position: Position
    sets: tuple[SetDone, ...]
    source: Path | None
    reason: str = ""  # why the run stopped here, when it was left on purpose rather than crashed


class JournalFolder:
    def __init__(self, folder: Path, owner: str | None = None) -> None:
        self.folder = folder
        self.owner = owner or process_token(os.getpid())

    def path_for(self, record_id: str) -> Path:
        return self.folder / f"{record_id}.toml"

    def write(self, state: JournalState) -> None:
        """Raises OSError when the folder cannot be written."""
        self.folder.mkdir(parents=True, exist_ok=True)
        table: dict[str, Any] = {
            "owner": self.owner,
            "source": str(state.source or ""),
            "position": _position_table(state.position),
            "set": [_set_table(item) for item in state.sets],
            "session": to_table(state.record),
        }
        if state.reason:
            table["stopped"] = state.reason
        write_atomic(self.path_for(state.record.id), HEADER + tomli_w.dumps(table))

    def clear(self, record_id: str) -> None:
        # Gone already, or its folder is not a folder (HAMSTRIDE_HOME a file), or read-only:
        # a journal that cannot be removed must not crash the end of a session.
        with contextlib.suppress(OSError):
            self.path_for(record_id).unlink()

    def any_left(self) -> bool:
        """Whether any journal is in the folder, whoever owns it: a cheap look before the history is read."""
        try:
            return any(path.suffix == ".toml" for path in self.folder.iterdir())
        except OSError:
            return False

    def orphans(self, saved_ids: Collection[str]) -> tuple[list[Journal], list[str]]:
        """Journals whose owner is gone, oldest first, and problems with unreadable ones (set aside).
        Journals of records already saved are removed."""
        try:
            paths = sorted(self.folder.glob("*.toml"))
        except OSError:
            return [], []
        found: list[Journal] = []
        problems: list[str] = []
        for path in paths:
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
                if owner_alive(str(data.get("owner", ""))):
                    continue
                if not isinstance(data.get("session"), dict):
                    raise RecordError("'session' is not a table")
                journal = Journal(from_table(data["session"]), _position(data.get("position", {})),
                                  tuple(_set_done(item) for item in data.get("set", [])),
                                  str(data.get("source", "")), path, str(data.get("stopped", "")))
            except FileNotFoundError:
                continue  # its owner finished meanwhile
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecordError, KeyError, TypeError, ValueError,
                    AttributeError, RecursionError) as error:
                try:
                    aside = set_aside(path)
                except OSError as cannot:
                    problems.append(f"the unfinished session in {path} could not be read ({error}); it could not "
                                    f"be moved aside either ({cannot.strerror or cannot})")
                    continue
                problems.append(f"the unfinished session in {path} could not be read ({error}); "
                                f"it was moved to {aside}")
                continue
            except OSError as error:
                problems.append(f"the unfinished session in {path} cannot be read ({error.strerror or error})")
                continue
            if journal.record.id in saved_ids:
                self.clear(journal.record.id)
                continue
            found.append(journal)
        found.sort(key=lambda j: j.record.started)
        return found, problems


class JournalWriter:
    """The one thread that writes a run's journal, in the order the states were asked for."""

    def __init__(self, journals: JournalFolder, on_error: Callable[[OSError], None]) -> None:
        self._journals = journals
        self._on_error = on_error
        self._queue: queue.Queue[JournalState | None] = queue.Queue()
        self._closed = False
        self._failed = False
        self._thread = threading.Thread(target=self._run, name="hamstride-journal", daemon=True)
        self._thread.start()

    def put(self, state: JournalState) -> None:
        if not self._closed:
            self._queue.put(state)

    def close(self) -> None:
        """Write what was asked for, then stop: nothing is written after this returns."""
        if not self._closed:
            self._closed = True
            self._queue.put(None)
        self._thread.join()

    def _run(self) -> None:
        while True:
            state = self._queue.get()
            if state is None:
                return
            try:
                self._journals.write(state)
            except OSError as error:
                if not self._failed:  # said once: the run goes on
                    self._failed = True
                    self._on_error(error)


def process_token(pid: int) -> str:
    """Who owns a journal: the pid, and where the system says so, the boot and the process's
    start, so a pid reused after a reboot or by another program is not taken for the owner."""
    boot, started = "", ""
    with contextlib.suppress(OSError):
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    with contextlib.suppress(OSError, IndexError):
        started = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    return f"{pid}:{boot}:{started}"


def owner_alive(token: str) -> bool:
    pid_text, _, rest = token.partition(":")
    if not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid <= 0:  # 0 and -1 would ask the whole process group
        return False
    if pid == os.getpid() and token != process_token(pid):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # someone else's process: alive, but is it ours?
    except (OSError, OverflowError):
        return False
    return process_token(pid) == token if rest.strip(":") else True


def _position_table(position: Position) -> dict[str, Any]:
    table: dict[str, Any] = {"step": position.step, "set": position.set}
    if position.side is not None:
        table["side"] = position.side.value
    return table


def _position(raw: dict[str, Any]) -> Position:
    side = raw.get("side")
    return Position(int(raw.get("step", 0)), int(raw.get("set", 1)), Side(side) if side else None)


def _set_table(item: SetDone) -> dict[str, Any]:
    table: dict[str, Any] = {"step": item.step, "set": item.set, "reps": item.reps, "lost": list(item.lost),
                             "active_seconds": item.active, "complete": item.complete}
    if item.side is not None:
        table["side"] = item.side.value
    return table


def _set_done(raw: dict[str, Any]) -> SetDone:
    side = raw.get("side")
    return SetDone(step=int(raw["step"]), side=Side(side) if side else None, set=int(raw["set"]),
                   reps=int(raw.get("reps", 0)), lost=tuple(int(r) for r in raw.get("lost", [])),
                   active=float(raw.get("active_seconds", 0.0)), complete=bool(raw.get("complete", False)))
