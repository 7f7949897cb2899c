"""A terminal closed with no SIGHUP sent, while the app's own thread is stuck (as on Textual's dead writer's full
queue, had the watch been late): the watch cannot hand the app its stop, so it closes the run's journal writer
and ends the process itself, with the hang-up's code, the journal kept for the resume."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from hamstride.ui.hangup import HUNG_UP
from tests.e2e.terminal import app_env

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not hasattr(os, "openpty"), reason="a pseudo-terminal")]

SESSION = """
title = "Stuck"
[[steps]]
name = "Slow bridge"
tempo = "2-0-1-0"
reps = 1
sets = 2
rest = 60
"""

# The command as installed, with one thing more: SIGUSR1 blocks the main thread for good (a Python signal
# handler runs there), as the app's thread blocks on a dead terminal's writer queue.
STUCK_ON_USR1 = """
import signal, sys, threading
signal.signal(signal.SIGUSR1, lambda *_: threading.Event().wait())
sys.argv = ["hamstride", *sys.argv[1:]]
from hamstride.launch import main
sys.exit(main())
"""


def test_a_stuck_app_whose_terminal_closed_is_ended_by_its_watch_with_the_journal_kept(tmp_path: Path) -> None:
    session = tmp_path / "stuck.toml"
    session.write_text(SESSION)
    journals = tmp_path / "hamstride" / "data" / "in-progress"
    master, slave = os.openpty()  # the app's input and output, not its controlling terminal: no SIGHUP from it
    env = {**os.environ, **app_env(tmp_path)}
    for size in ("COLUMNS", "LINES"):
        env.pop(size, None)
    app = subprocess.Popen([sys.executable, "-c", STUCK_ON_USR1, "run", str(session), "--backend", "silent"],
                           stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    closed = threading.Event()
    # The terminal's screen is read and thrown away, as a terminal does (a full pty would block the app's writes);
    # the reader closes it too: closed by another thread, a descriptor being read stays open until the read ends.
    reader = threading.Thread(target=_drain, args=(master, closed), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 40
        while not any("set = 2" in path.read_text() for path in journals.glob("*.toml")):
            assert app.poll() is None and time.monotonic() < deadline, "set 1 was never journalled"
            time.sleep(0.1)
        app.send_signal(signal.SIGUSR1)  # the app's thread stuck
        time.sleep(0.5)
        closed.set()  # the window closed: nobody sends the app a SIGHUP
        reader.join(timeout=10)
        assert app.wait(timeout=30) == HUNG_UP
    finally:
        closed.set()
        if app.poll() is None:
            app.kill()
            app.wait()
    [journal] = journals.glob("*.toml")
    assert "set = 2" in journal.read_text()  # set 1 kept for the resume


def _drain(master: int, closed: threading.Event) -> None:
    try:
        while not closed.is_set():
            if select.select([master], [], [], 0.1)[0] and not os.read(master, 65536):
                break
    except OSError:  # EIO: the app's side is closed, the app ended
        pass
    finally:
        os.close(master)
