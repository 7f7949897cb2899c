"""A terminal closed under hamstride (its window shut, with the job stopped by ctrl+z or running): the process
ends within seconds, the run's journal is kept, and the next start offers to resume it. And ctrl+z suspends
on the readiness check as it does on the run screen."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, app_env, hamstride_command, plain_text, shows_big

pytestmark = pytest.mark.e2e

# Eccentric work, so the readiness check comes first; a 1 s get-ready, a 3 s rep, then a long rest: set 1 is
# done (and journalled) within seconds, and the run is still under way when the terminal goes.
ECCENTRIC = """
title = "Hang"
[[steps]]
name = "Nordic"
tempo = "2-0-1-0"
reps = 1
sets = 2
rest = 60
eccentric = true
lead_in = 1
"""


def _pids(path: Path) -> list[int]:
    """The hamstride processes running `path` (not the shells that started them)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError):
            words = cmdline.read_bytes().split(b"\0")
            # The command itself (`python .../hamstride`), not a wrapper that names it among its arguments.
            if str(path).encode() in words and any(word.endswith(b"hamstride") for word in words[:2]):
                found.append(int(cmdline.parent.name))
    return found


def _alive(pid: int) -> bool:
    """Whether `pid` is still there, as the next start sees its journal's owner (a zombie not reaped yet is)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "hang.toml"
    path.write_text(ECCENTRIC)
    yield path
    for pid in _pids(path):  # a hamstride the test left behind would run for ever
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def _journals(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "hamstride" / "data" / "in-progress").glob("*.toml"))


def _at_the_check(terminal: Terminal, tmp_path: Path, session: Path) -> None:
    """The session typed at an interactive shell, and on screen at its readiness check."""
    terminal.start_in_shell([hamstride_command(), "run", str(session), "--backend", "silent"], app_env(tmp_path))
    terminal.wait_for(lambda s: any("Hamstring soreness today" in line for line in s), timeout=20,
                      what="the readiness check")


def _past_set_one(terminal: Terminal, tmp_path: Path, session: Path) -> int:
    """From the check (escape skips it) until set 1 is journalled; the run's pid."""
    terminal.keys("Escape")
    terminal.wait_for(lambda s: bool(_journals(tmp_path)) and "set = 2" in _journals(tmp_path)[0].read_text(),
                      timeout=20, what="the journal after set 1")
    [pid] = _pids(session)
    return pid


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.1)
    return False


def test_a_terminal_closed_on_a_stopped_run_ends_it_and_the_next_start_offers_the_resume(
        tmp_path: Path, session: Path) -> None:
    env = app_env(tmp_path)
    terminal = Terminal(tmp_path)
    try:
        _at_the_check(terminal, tmp_path, session)
        pid = _past_set_one(terminal, tmp_path, session)
        terminal.keys("C-z")
        terminal.wait_for(lambda s: any("Stopped" in line for line in s), what="the shell's job stopped")
    finally:
        terminal.close()  # the window closed, the job still stopped
    assert _wait_gone(pid, 10), "hamstride outlived its terminal"
    [journal] = _journals(tmp_path)
    assert "set = 2" in journal.read_text()  # set 1 kept, and nothing more
    (tmp_path / "after").mkdir()
    second = Terminal(tmp_path / "after")
    try:
        second.start([hamstride_command(), "run", str(session), "--backend", "silent"], env)
        second.wait_for(lambda s: any("Resume (r)" in line for line in s), timeout=20, what="the resume offer")
    finally:
        second.close()


# A wrapper that ignores SIGHUP and waits for its command, as the terminal's own process (its session's leader):
# the system's hang-up signal goes to it alone, and nobody passes it on. The command takes SIGHUP as usual.
IGNORES_HANGUPS = """
import os, signal, sys
signal.signal(signal.SIGHUP, signal.SIG_IGN)
child = os.fork()
if child == 0:
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    os.execv(sys.argv[1], sys.argv[1:])
sys.exit(os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]) & 0xFF)
"""


def test_a_terminal_closed_with_no_hang_up_signal_ends_it_and_the_next_start_offers_the_resume(
        tmp_path: Path, session: Path) -> None:
    """No SIGHUP reaches hamstride: it sees its terminal gone by itself, within seconds, and keeps the journal."""
    env = app_env(tmp_path)
    wrapper = tmp_path / "ignores_hangups.py"
    wrapper.write_text(IGNORES_HANGUPS)
    terminal = Terminal(tmp_path)
    try:
        terminal.start_alone([sys.executable, str(wrapper), hamstride_command(), "run", str(session),
                              "--backend", "silent"], env)
        terminal.wait_for(lambda s: any("Hamstring soreness today" in line for line in s), timeout=20,
                          what="the readiness check")
        pid = _past_set_one(terminal, tmp_path, session)
    finally:
        terminal.close()  # the window closed: its only SIGHUP goes to the wrapper, which ignores it
    assert _wait_gone(pid, 10), "hamstride outlived its terminal"
    [journal] = _journals(tmp_path)
    assert "set = 2" in journal.read_text()  # set 1 kept, and nothing more
    (tmp_path / "after").mkdir()
    second = Terminal(tmp_path / "after")
    try:
        second.start([hamstride_command(), "run", str(session), "--backend", "silent"], env)
        offer = second.wait_for(lambda s: any("Resume (r)" in line for line in s), timeout=20,
                                what="the resume offer")
        assert "set 2" in plain_text(offer)
    finally:
        second.close()


def test_a_terminal_closed_on_a_running_session_ends_it(tmp_path: Path, session: Path) -> None:
    terminal = Terminal(tmp_path)
    try:
        _at_the_check(terminal, tmp_path, session)
        pid = _past_set_one(terminal, tmp_path, session)
    finally:
        terminal.close()
    assert _wait_gone(pid, 10), "hamstride outlived its terminal"
    assert "set = 2" in _journals(tmp_path)[0].read_text()


def test_ctrl_z_suspends_on_the_readiness_check(tmp_path: Path, session: Path) -> None:
    terminal = Terminal(tmp_path)
    try:
        _at_the_check(terminal, tmp_path, session)
        terminal.keys("C-z")
        terminal.wait_for(lambda s: any("Stopped" in line for line in s), what="the shell's job stopped")
        assert terminal.flags() == ("0", "0")  # the shell's own screen
        terminal.keys("fg", "Enter")
        terminal.wait_for(lambda s: any("Hamstring soreness today" in line for line in s), what="the check again")
        terminal.keys("Escape")
        terminal.wait_for(lambda s: shows_big(s, "GET READY") or shows_big(s, "LOWER"), what="the run")
    finally:
        terminal.close()


def test_a_terminal_closed_on_a_stopped_readiness_check_ends_it(tmp_path: Path, session: Path) -> None:
    terminal = Terminal(tmp_path)
    try:
        _at_the_check(terminal, tmp_path, session)
        [pid] = _pids(session)
        terminal.keys("C-z")
        terminal.wait_for(lambda s: any("Stopped" in line for line in s), what="the shell's job stopped")
    finally:
        terminal.close()
    assert _wait_gone(pid, 10), "hamstride outlived its terminal"
    assert _journals(tmp_path) == []  # nothing was done: nothing to resume
