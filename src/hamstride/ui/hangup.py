"""The terminal gone under the app (its window closed, the job stopped or running): seen, and never waited on.

A runner who closes the window while hamstride is stopped by ctrl+z expects it gone, and its session kept for
a resume. The shell then hangs the job up and continues it: back from SIGSTOP, the app must not take a
terminal that is no longer there (Textual's resume would write to it, its writer thread dies on the dead
terminal, and the app's shutdown then waits for ever on that thread's full queue: the journal stays owned by
a live process and the next start offers no resume). And since a library we call must not be able to keep
us alive, an app stopping because its terminal is gone ends itself if it is still here a few seconds later.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import SuspendNotSupported

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from textual.app import App

# Long enough for an ordinary shutdown (the journal is closed before the guard is set, the screen left, the
# sound child told to go): a few hundred ms; short enough that the runner's next start finds the journal free.
LAST_RESORT_SECONDS = 3.0
SAVE_GRACE_SECONDS = 10.0  # at most this much longer for a history write under way (it fsyncs)
HUNG_UP = 128 + signal.SIGHUP  # the exit code a shell reports for a job its terminal hung up


class _TerminalGone(Exception):
    """Raised inside App.suspend to leave it without its resume: that would write to the dead terminal."""


def terminal_gone() -> bool:
    """Whether the terminal the app was drawn on is gone: a hung-up tty answers no terminal request."""
    for stream in (sys.__stdin__, sys.__stdout__):
        try:
            if stream is None or not os.isatty(stream.fileno()):
                return True
        except (OSError, ValueError):  # closed under us
            return True
    return False


def job_control() -> bool:
    """Whether a shell can bring a stopped hamstride back (`fg`): an ancestor outside its process group, in its
    session. Not so where hamstride is the terminal's own command (`tmux new-session hamstride`, a desktop
    launcher, `ssh -t host hamstride`): stopped there, nothing would ever continue it, the window dead."""
    group, session = os.getpgrp(), os.getsid(0)
    pid = os.getppid()
    for _ in range(64):
        if session == os.getpid() or pid <= 1:
            return False
        try:
            if os.getpgid(pid) != group:
                return os.getsid(pid) == session
            with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:  # Linux: its parent
                pid = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):  # no /proc (macOS): a parent in the group, as under make
            return True
    return False


def stop_the_job(app: App[Any], still: AbstractContextManager[object]) -> bool:
    """Stop the whole job (as the terminal's own ctrl+z would) with the terminal given back to the shell, and
    take it again when continued. False when it came back to no terminal: the app should stop, not resume.

    The job, not only this process: hamstride under `make run` or in a script, stopped alone, would leave its
    shell waiting, and the runner at a dead prompt. `still` is held while stopped (a run pauses in it)."""
    with still:
        try:
            with app.suspend():  # the terminal given back to the shell, and taken again on SIGCONT
                os.killpg(os.getpgrp(), signal.SIGSTOP)
                if terminal_gone():
                    raise _TerminalGone
        except SuspendNotSupported:
            os.killpg(os.getpgrp(), signal.SIGSTOP)
        except _TerminalGone:
            return False
    return True


def end_soon(code: int, seconds: float = LAST_RESORT_SECONDS, busy: Callable[[], bool] = lambda: False) -> None:
    """The last resort of an app stopping because its terminal is gone: if the process is still here after
    `seconds` (a library waiting on the dead terminal), it ends with `code`. Set once the journal is closed.

    A Textual writer thread that died on the dead terminal leaves the driver's close blocked on a full queue
    (its stop puts into the queue with no timeout). Textual issue #6692 (open) is the same hang reached another
    way: a body that raises in App.suspend leaves the driver's dead writer thread set, and after 30 writes the
    app's thread blocks for ever. `stop_the_job` leaves App.suspend that way too (there is no terminal to
    resume), and stops at once, with a handful of writes left to make: this guard is for the ones we cannot see."""
    timer = threading.Timer(seconds, _end, (code, busy))
    timer.daemon = True  # an app that ends in time is not held up by it
    timer.start()


def _end(code: int, busy: Callable[[], bool]) -> None:
    for _ in range(int(SAVE_GRACE_SECONDS * 10)):  # a history write in its thread (the summary's answers) ends first
        if not busy():
            break
        time.sleep(0.1)
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)  # at once: the main thread is stuck, and an ordinary exit would wait for it
