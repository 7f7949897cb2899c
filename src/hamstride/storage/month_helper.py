"""A second process that reads the oldest months into the history's database while the app reads the newest.

Reading ten years of months cold (the first open after an install, a deleted cache) is about a second of
one core's work, most of it building records; a machine with a core to spare does it in two halves. The
app (month_reader.py) starts this module as a plain process (`python -m`, no multiprocessing: nothing of
the app's `__main__` is imported again, and its terminal is never written to), hands it the stale months
oldest first, and reads from the newest end itself. The helper says which month it takes before reading
it, and which it has read and what it found wrong, one JSON line each. The two meet where the app finds a
month the helper took, or the helper one the app read; the app then closes the helper's stdin, and the
helper stops before its next month (as it does when the app ends: the kernel closes the pipe).

Nothing rests on the helper: a month it did not say it read (it failed to start, died, was killed, was
too slow, or the month changed meanwhile) is read by the app as before. Both read a month through the same
code into the same database file (WAL: the readers of each never wait for the other's writes), each month
in one transaction keyed by the bytes read, so a month read by both is stored the same either way. A month
that does not parse is left to the app, which alone moves months aside: it is moved once, and said once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING

from hamstride.storage.month_reader import stamp_of_path

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hamstride.storage.month_reader import MonthReader

FINISH_WAIT = 30.0  # seconds a helper is given to end the month it took; then it is killed, the app reads it


def read_months(reader: MonthReader, stale: Sequence[Path], latest: datetime) -> dict[str, list[str]]:
    """`stale` (newest first) read into the reader's database, and the problems of each month. From
    `reader.helper_from` months on (fewer: a helper's start-up, some 70 ms, is most of what it would
    save), with a database file and a core to spare, a helper reads from the oldest end meanwhile."""
    wanted = len(stale) >= reader.helper_from and reader.db.path is not None and spare_core()
    helper = None
    said: dict[str, list[str]] = {}
    try:
        for path in stale:
            if helper is not None and helper.took(path.name):
                break  # the two met: the rest are the helper's
            # How far, counting the helper's months once this one has read its first: the screen
            # lists what is read at the first count above 0, and the newest month is what it lists first.
            reader.tell_progress(path.stem, len(said) + (helper.read_count() if helper and said else 0), len(stale))
            if wanted and said and reader.db.path is not None:
                # Started once the newest month is read and shown: on a busy machine its start-up
                # (some 70 ms of a core) held back the first rows; on an idle one the two measure the same.
                wanted = False
                helper = Helper.start(reader.helper_command or helper_command(), reader.db.path, reader.folder,
                                      latest, [p.name for p in reversed(stale) if p.name not in said])
            reader.read_into_db(path, latest, said.setdefault(path.name, []))
    finally:
        read = helper.finish() if helper is not None else {}
    months = reader.db.months() if read else {}
    for path in stale:  # the helper's months, but any it did not read whole as the file is now: here
        if path.name not in said:
            known = months.get(path.name)
            if path.name in read and known is not None and known.stamp == stamp_of_path(path):
                said[path.name] = read[path.name]
            else:
                reader.tell_progress(path.stem, len(said), len(stale))
                reader.read_into_db(path, latest, said.setdefault(path.name, []))
    return said


def spare_core() -> bool:
    """The app may use a second core (a second process on one core only slows both)."""
    try:
        return len(os.sched_getaffinity(0)) > 1
    except AttributeError:  # not Linux
        return (os.cpu_count() or 1) > 1


def helper_command() -> list[str]:
    # -P: the folder the runner started the app in is not searched, so nothing there can stand in
    # for the app's modules.
    return [sys.executable, "-P", "-m", __name__]


class Helper:
    """The app's side of one helper process: what it has taken and read, and its end."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.taken: set[str] = set()  # months it started to read (or read, or left)
        self.read: dict[str, list[str]] = {}  # months it read into the database, with their problems
        self._lock = threading.Lock()
        self._listening = threading.Thread(target=self._listen, name="month-helper", daemon=True)
        self._listening.start()

    @classmethod
    def start(cls, command: Sequence[str], database: Path, folder: Path, latest: datetime,
              oldest_first: Sequence[str]) -> Helper | None:
        """A helper reading `oldest_first` (month file names) into `database`; None if it cannot start."""
        if os.name != "posix" or not command or not command[0]:
            return None
        try:
            process = subprocess.Popen(
                [*command, str(database), str(folder), latest.isoformat(), *oldest_first],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,  # never on the screen
                close_fds=True, start_new_session=True)  # the terminal's Ctrl+C is the app's to handle
        except (OSError, ValueError, subprocess.SubprocessError):
            return None
        return cls(process)

    def _listen(self) -> None:
        out = self.process.stdout
        assert out is not None
        for line in out:
            try:
                said = json.loads(line)
                name = said["month"]
                problems = said.get("problems")
            except (ValueError, KeyError, TypeError):
                continue  # not a line of ours: the month it was about is read by the app
            if not isinstance(name, str) or not (problems is None or isinstance(problems, list)):
                continue
            with self._lock:
                self.taken.add(name)
                if problems is not None and all(isinstance(p, str) for p in problems):
                    self.read[name] = problems

    def took(self, name: str) -> bool:
        with self._lock:
            return name in self.taken

    def read_count(self) -> int:
        with self._lock:
            return len(self.read)

    def finish(self) -> dict[str, list[str]]:
        """Stop the helper after the month it is reading; the months it read, with their problems."""
        stdin = self.process.stdin
        try:
            if stdin is not None:
                stdin.close()  # its signal to stop
        except OSError:
            pass
        try:
            self.process.wait(FINISH_WAIT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._listening.join(FINISH_WAIT)
        if self.process.stdout is not None:
            self.process.stdout.close()
        with self._lock:
            return dict(self.read)


# -- the helper process ------------------------------------------------------------------------------


class LeftToTheApp(Exception):
    """A month that does not parse: the app moves it aside and says so, not the helper."""


def _asked_to_stop(stdin: IO[bytes]) -> bool:
    import select

    readable, _, _ = select.select([stdin], [], [], 0)
    return bool(readable)  # the app closed its end (or ended): EOF is readable


def main(argv: Sequence[str]) -> int:
    from hamstride.storage.history_db import HistoryDB
    from hamstride.storage.month_reader import MonthReader

    database, folder, latest = Path(argv[0]), Path(argv[1]), datetime.fromisoformat(argv[2])

    class HelperReader(MonthReader):
        def __init__(self) -> None:
            self.folder = folder
            self._cleaned = True  # the app cleans the folder
            self.db = HistoryDB(database, joined=True)

        def _set_aside(self, path: Path) -> Path:
            raise LeftToTheApp(path.name)

    reader = HelperReader()
    before = reader.db.months()
    for name in argv[3:]:
        path = folder / name
        known = reader.db.months().get(name)
        if _asked_to_stop(sys.stdin.buffer) or (known not in (None, before.get(name))
                                                 and known.stamp == stamp_of_path(path)):
            return 0  # asked, or the app read this month (and so every newer one) while this one read older ones
        _say(name, None)
        problems: list[str] = []
        try:
            reader.read_into_db(path, latest, problems)
        except LeftToTheApp:
            continue
        if reader.db.path != database or reader.db.generation:
            return 1  # the database file could not be written: the app reads the rest
        known = reader.db.months().get(name)
        if known is not None and known.stamp == stamp_of_path(path):  # else unreadable, or changed: the app reads it
            _say(name, problems)
    return 0


def _say(month: str, problems: list[str] | None) -> None:
    sys.stdout.write(json.dumps({"month": month, "problems": problems}) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except (BrokenPipeError, KeyboardInterrupt):  # the app is gone: nothing to tell it
        sys.exit(1)
