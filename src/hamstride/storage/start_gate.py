"""One readiness verdict at a time across copies of hamstride, each held until its run's first journal is written.

A check weighs the runs other copies have under way by reading their journals, and a run's journal is
written from its first frame. Two windows whose checks said "go" within that moment missed each other, and
both started the same Nordics. So a verdict is reached under an advisory lock on a file beside the journals,
and a "go" keeps it until the run's first journal is on disk: a check in another copy waits for that journal,
then reads it. The lock goes with its process (a crash, a kill -9), so a copy that died holding it blocks
nobody; one that holds it past the wait (a cold ten-year history) makes the waiting check hold, never go.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from hamstride.storage.files import private_folder

try:  # POSIX; elsewhere the checks read the journals as they are
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

NAME = "starting.lock"  # not a journal: the folder's journals are its .toml files
WAIT_SECONDS = 10.0  # a copy holds it from its verdict to its first journal: a second or so, a cold history more
POLL_SECONDS = 0.02


class StartGate:
    """The lock of one history's journals folder; one per store, as two in one process would exclude each other."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / NAME
        self._fd: int | None = None
        self.contended = False  # the last hold ran out of its wait: another copy held the gate all along

    @property
    def held(self) -> bool:
        return self._fd is not None

    def hold(self, wait: float | None = None) -> bool:
        """Take the gate (held already: kept), waiting up to `wait` seconds for a copy holding it. False when it
        cannot be had: no such lock on this system or the folder cannot be written (the verdict is reached from
        the journals as they are), or another copy held it past the wait (`contended`: the check holds)."""
        self.contended = False
        if self._fd is not None or fcntl is None:
            return self._fd is not None
        try:
            private_folder(self.path.parent)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
                         | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0), 0o600)
        except OSError:
            return False
        deadline = time.monotonic() + (WAIT_SECONDS if wait is None else wait)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() < deadline:
                    time.sleep(POLL_SECONDS)
                    continue
                self.contended = True
            except OSError:
                pass
            else:
                self._fd = fd
                return True
            os.close(fd)
            return False

    def release(self) -> None:
        """Let the other copies' checks go on; nothing held, nothing done."""
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)
