"""The sessions in progress: one journal file per running session, so a crash loses no rep counted.

- Each run writes its own file, named by its record id, with the process that
  owns it. Two copies of hamstride never share a journal: a second copy offers
  a journal only once its owner is gone (a crash, a kill -9, a power cut).
- The journal keeps the record so far and what was done set by set, written at
  each set's start and end and at each rep done or marked lost, so a run can go on
  at the rep where it stopped, and a session kept as partial holds every rep.
- A journal whose record is already in the history (a kill between the save
  and the journal's removal) is cleared, never offered: keeping it "as
  partial" would overwrite the saved record.
- Writes come from one writer thread, in order (`JournalWriter`): an older
  state never overwrites a newer one, and nothing is written after the save.
- A journal's name is never built from what a file says: journals are found
  by listing the folder, and the id inside must be one hamstride writes (32
  hex characters) and the file's own name, or the journal is set aside.
- A copy that offers a journal claims it first (an advisory lock on the file,
  held while the offer is open and, if resumed, while the run lasts): a second
  copy started meanwhile does not offer it. Before a decision is carried out,
  the journal is checked to be the very file that was offered.
"""

from __future__ import annotations

import contextlib
import os
import queue
import re
import threading
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from hamstride.storage.files import NotAFile, holds_toml, private_folder, read_fd_bounded, set_aside, write_atomic

if TYPE_CHECKING:
    from hamstride.domain.progress import Position, SetDone
    from hamstride.domain.record import Record

# The folder is made with every history store, before a first frame: what reads and writes a journal
# (the record's table, TOML both ways) is imported by the write at a set's boundary, or by the look
# for journals a crash left when there are some.

try:  # POSIX; elsewhere two copies offering one journal at once is left to the check before a decision
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

RECORD_ID = re.compile(r"^[0-9a-f]{32}$")  # uuid4().hex: the only ids a journal of ours carries
MAX_JOURNAL_BYTES = 16 * 1024 * 1024  # a journal of a long session is some tens of kilobytes

HEADER = "# a session in progress; hamstride offers to resume it once this copy of hamstride is gone\n"


class Journal(NamedTuple):
    record: Record  # everything done so far, as a partial record
    position: Position  # the set that was running: a resume starts there
    sets: tuple[SetDone, ...]  # what was done, set by set
    source: str  # the session file, so a resume runs the same steps
    path: Path
    ended: bool = False  # the run was over, but its record could not go into the history
    stamp: tuple[int, ...] = ()  # (inode, size, mtime) as offered: a decision checks it is still this file
    reason: str = ""  # why it stopped, when hamstride knew (its browser page closed); "" after a crash

    @property
    def resume_step(self) -> int:
        return self.position.step


class Left(NamedTuple):
    """A journal whose work is not in the history: `running`, its copy of hamstride is still at it."""

    journal: Journal
    running: bool


class JournalState(NamedTuple):
    """One write: the run as it stands at a set boundary, or as a rep of it is done or marked."""

    record: Record
    position: Position
    sets: tuple[SetDone, ...]
    source: Path | None
    ended: bool = False  # the whole record, kept here because the history could not be written
    reason: str = ""  # why the run stopped here, when it was left on purpose rather than crashed


class JournalFolder:
    def __init__(self, folder: Path, owner: str | None = None) -> None:
        self.folder = folder
        self.owner = owner or process_token(os.getpid())
        self._claims: dict[Path, int] = {}  # journals this copy offers or resumes -> the fd holding the lock

    def path_for(self, record_id: str) -> Path:
        """Raises ValueError for an id hamstride would not write: a name read from a file never
        becomes a path ('../history/2026-11' would name a month)."""
        if not RECORD_ID.match(record_id):
            raise ValueError(f"{record_id!r} is not a session id hamstride writes")
        return self.folder / f"{record_id}.toml"

    def write(self, state: JournalState) -> None:
        """Raises OSError when the folder cannot be written."""
        import tomli_w

        from hamstride.storage.record_table import to_table

        private_folder(self.folder)
        table: dict[str, Any] = {
            "owner": self.owner,
            "source": str(state.source or ""),
            "ended": state.ended,
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
        with contextlib.suppress(OSError, ValueError):
            path = self.path_for(record_id)
            path.unlink()
            self.release(path)

    def still_offered(self, journal: Journal) -> bool:
        """Whether the journal is the very file that was offered: not resumed, kept or finished by
        another copy since (which would have replaced or removed it)."""
        try:
            return _stamp(os.stat(journal.path, follow_symlinks=False)) == journal.stamp
        except OSError:
            return False

    def release(self, path: Path) -> None:
        """Let other copies offer this journal again (it was kept, or its run is over)."""
        fd = self._claims.pop(path, None)
        if fd is not None:
            os.close(fd)

    def _claim(self, path: Path) -> tuple[int, bytes, tuple[int, ...]] | None:
        """Lock the journal for this copy, and read it: None when another copy holds it.
        Raises OSError (NotAFile for a pipe, a device, a folder: never opened for reading)."""
        fd = self._claims.get(path)
        if fd is not None:  # offered before by this copy: still that file, or replaced by its own run
            if _stamp(os.stat(path, follow_symlinks=False)) != _stamp(os.fstat(fd)):
                return None
            os.lseek(fd, 0, os.SEEK_SET)
            return fd, read_fd_bounded(fd, path, MAX_JOURNAL_BYTES), _stamp(os.fstat(fd))
        # O_NOFOLLOW: a journal is a file we wrote, never a link; O_NONBLOCK: a FIFO must not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_CLOEXEC", 0))
        try:
            data = read_fd_bounded(fd, path, MAX_JOURNAL_BYTES)
            if fcntl is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    os.close(fd)
                    return None  # another copy is offering it, or running it
            stamp = _stamp(os.fstat(fd))
            if _stamp(os.stat(path, follow_symlinks=False)) != stamp:
                os.close(fd)  # replaced between the open and the lock: its new owner has it
                return None
        except BaseException:
            with contextlib.suppress(OSError):
                os.close(fd)
            raise
        self._claims[path] = fd
        return fd, data, stamp

    def any_left(self) -> bool:
        """Whether any journal is in the folder, whoever owns it: a cheap look before the history is read."""
        return holds_toml(self.folder)

    def orphans(self, saved_ids: Collection[str]) -> tuple[list[Journal], list[str]]:
        """Journals whose owner is gone and no other copy claims, oldest first, each claimed for
        this copy; and problems with unreadable ones (set aside). Journals of records already
        saved, and of runs that did nothing, are removed."""
        import tomllib

        from hamstride.storage.record_table import RecordError
        try:
            paths = sorted(path for path in self.folder.iterdir() if path.suffix == ".toml")
        except OSError:
            return [], []
        found: list[Journal] = []
        problems: list[str] = []
        for path in paths:
            try:
                claimed = self._claim(path)
                if claimed is None:
                    continue
                _, raw, stamp = claimed
                if len(raw) > MAX_JOURNAL_BYTES:
                    raise ValueError(f"it is over {MAX_JOURNAL_BYTES // (1024 * 1024)} MiB")
                data = tomllib.loads(raw.decode("utf-8"))
                if owner_alive(str(data.get("owner", ""))):
                    self.release(path)
                    continue
                journal = _journal_of(data, path, stamp)
            except FileNotFoundError:
                self.release(path)
                continue  # its owner finished meanwhile
            except NotAFile as error:
                problems.append(f"the unfinished session {path} cannot be read: {error.strerror}; "
                                "it was left as it is")
                continue
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecordError, KeyError, TypeError, ValueError,
                    AttributeError, RecursionError) as error:
                self.release(path)
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
                self.release(path)
                problems.append(f"the unfinished session in {path} cannot be read ({error.strerror or error})")
                continue
            saved = journal.record.id in saved_ids and not journal.ended  # an ended one may carry feedback
            if saved or not holds_work(journal):
                # Saved already (a kill between the save and the clear), or killed before any work
                # (in the first get-ready): nothing to offer, and nothing to keep.
                with contextlib.suppress(OSError):
                    path.unlink()
                self.release(path)
                continue
            found.append(journal)
        found.sort(key=lambda j: j.record.started)
        return found, problems


    def left_behind(self, saved_ids: Collection[str]) -> list[Left]:
        """The journals holding work not in the history, oldest first, read only: none claimed, moved or
        removed, so a look (`hamstride today`) changes nothing the app's start then offers. Those of a copy
        still running are said as `running` (their work is not in the history yet either), done yet or not;
        the others are those `orphans` would offer. An unreadable one is the app's to report (and set aside)."""
        import tomllib

        try:
            paths = sorted(path for path in self.folder.iterdir() if path.suffix == ".toml")
        except OSError:
            return []
        found = []
        for path in paths:
            try:
                fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
                             | getattr(os, "O_CLOEXEC", 0))
                try:
                    raw = read_fd_bounded(fd, path, MAX_JOURNAL_BYTES)
                finally:
                    os.close(fd)
                data = tomllib.loads(raw.decode("utf-8"))  # a RecordError, like tomllib's, is a ValueError
                journal = _journal_of(data, path, ())
                running = owner_alive(str(data.get("owner", "")))
            except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
                continue
            # A live copy's run counts however little it has done: in its first drill, or paused there, its
            # Nordics are still to come (the coach holds eccentric work for it: done_by.eccentric_ahead).
            if (holds_work(journal) or running) and (journal.ended or journal.record.id not in saved_ids):
                found.append(Left(journal, running))
        return sorted(found, key=lambda left: left.journal.record.started)


def _journal_of(data: dict[str, Any], path: Path, stamp: tuple[int, ...]) -> Journal:
    from hamstride.storage.record_table import RecordError, from_table

    if not isinstance(data.get("session"), dict):
        raise RecordError("'session' is not a table")
    record = from_table(data["session"])
    if not RECORD_ID.match(record.id):
        raise RecordError(f"key 'session.id': {shown_id(record.id)} is not a session id hamstride writes "
                          "(32 hex characters)")
    if path.name != f"{record.id}.toml":
        raise RecordError(f"key 'session.id': {record.id} is not the file's own name")
    return Journal(record, _position(data.get("position", {})),
                   tuple(_set_done(item) for item in data.get("set", [])), str(data.get("source", "")), path,
                   data.get("ended") is True, stamp, reason=str(data.get("stopped", "")))


def shown_id(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:40] + "...")


def holds_work(journal: Journal | JournalState) -> bool:
    """Whether a journal keeps anything to resume: what `stats.counts` asks of a record, some work
    done (Record.worked) or the session complete. One that does not is dropped by the next start."""
    return journal.record.completed or journal.record.worked or any(item.reps for item in journal.sets)


def _stamp(status: os.stat_result) -> tuple[int, ...]:
    return (status.st_ino, status.st_size, status.st_mtime_ns)


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
    from hamstride.domain.model import Side
    from hamstride.domain.progress import Position

    side = raw.get("side")
    return Position(int(raw.get("step", 0)), int(raw.get("set", 1)), Side(side) if side else None)


def _set_table(item: SetDone) -> dict[str, Any]:
    table: dict[str, Any] = {"step": item.step, "set": item.set, "reps": item.reps, "lost": list(item.lost),
                             "active_seconds": item.active, "complete": item.complete}
    if item.side is not None:
        table["side"] = item.side.value
    return table


def _set_done(raw: dict[str, Any]) -> SetDone:
    from hamstride.domain.model import Side
    from hamstride.domain.progress import SetDone

    side = raw.get("side")
    return SetDone(step=int(raw["step"]), side=Side(side) if side else None, set=int(raw["set"]),
                   reps=int(raw.get("reps", 0)), lost=tuple(int(r) for r in raw.get("lost", [])),
                   active=float(raw.get("active_seconds", 0.0)), complete=bool(raw.get("complete", False)))
