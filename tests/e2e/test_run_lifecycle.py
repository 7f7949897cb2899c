"""The run's edges in a real terminal: a kill -9 mid-set and the resume, a stopped process, SIGTERM,
and `run` without a terminal."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import tomllib
from pathlib import Path

import pytest

from tests.e2e.terminal import SETS, Terminal, app_env, hamstride_command, plain_text, shows_big

pytestmark = pytest.mark.e2e


def _journals(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "hamstride" / "data" / "in-progress").glob("*.toml"))


def test_a_kill_mid_set_resumes_at_that_set_with_the_set_before_kept(tmp_path: Path) -> None:
    path = tmp_path / "sets.toml"
    path.write_text(SETS)
    env = app_env(tmp_path)
    first = Terminal(tmp_path)
    try:
        first.start([hamstride_command(), "run", str(path), "--backend", "silent"], env)
        # 5 s get-ready, set 1 (6 s), rest 3 s: set 2 under way.
        first.wait_for(lambda s: any("Set 2 / 2" in line for line in s) and shows_big(s, "LOWER"), timeout=30,
                       what="set 2 lowering")
        first.wait_for(lambda s: bool(_journals(tmp_path)) and "set = 2" in _journals(tmp_path)[0].read_text(),
                       what="the journal at set 2")
        os.kill(first.app_pid(), signal.SIGKILL)
        first.wait_for(lambda s: any("EXITED 137" in line for line in s), what="the kill")
    finally:
        first.close()
    (tmp_path / "after").mkdir()
    second = Terminal(tmp_path / "after")
    try:
        second.start([hamstride_command(), "run", str(path), "--backend", "silent"], env)
        question = second.wait_for(lambda s: any("Resume (r)" in line for line in s), what="the resume offer")
        assert "stopped at step 1 of 2, set 2" in plain_text(question)
        second.keys("r")
        second.wait_for(lambda s: any("Set 2 / 2" in line for line in s) and shows_big(s, "GET READY"),
                        what="set 2 again, after a get-ready")
        second.wait_for(lambda s: any("Session complete: Sets" in line for line in s), timeout=40, what="summary")
        second.keys("Escape")
        second.wait_for(lambda s: any("EXITED 0" in line for line in s), what="the command to exit")
    finally:
        second.close()
    month = next((tmp_path / "hamstride" / "data" / "history").glob("20*.toml"))
    [saved] = tomllib.loads(month.read_text())["session"]
    assert saved["status"] == "complete"
    bridge = saved["step"][0]["side"][0]
    assert (bridge["sets"], bridge["reps"]) == (2, 4)  # set 1 from before the kill, set 2 after it
    assert _journals(tmp_path) == []


def test_a_stopped_process_pauses_the_run_and_credits_nothing(tmp_path: Path) -> None:
    path = tmp_path / "sets.toml"
    path.write_text(SETS)
    terminal = Terminal(tmp_path)
    try:
        terminal.start([hamstride_command(), "run", str(path), "--backend", "silent"], app_env(tmp_path))
        terminal.wait_for(lambda s: shows_big(s, "LOWER"), timeout=20, what="the first lowering")
        time.sleep(1.2)  # a second of work: a run stopped at once is a start taken back, not saved
        pid = terminal.app_pid()
        os.kill(pid, signal.SIGSTOP)  # as a closed lid: the process stands still
        time.sleep(4)
        os.kill(pid, signal.SIGCONT)
        # The whole frame, status line included: tmux may show a large update half drawn.
        lines = terminal.wait_for(lambda s: shows_big(s, "PAUSED") and any("laptop slept" in line for line in s),
                                  what="PAUSED after the stop, and why")
        text = " ".join(lines)
        assert "Paused: the laptop slept for 0:0" in text and "Set 1 / 2" in text
        terminal.keys("q")
        terminal.wait_for(lambda s: any("End the session now?" in line for line in s), what="the question")
        terminal.keys("y")
        terminal.wait_for(lambda s: any("Session ended early" in line for line in s), what="the summary")
        terminal.keys("Escape")
        terminal.wait_for(lambda s: any("EXITED 0" in line for line in s), timeout=30, what="the command to exit")
    finally:
        terminal.close()
    month = next((tmp_path / "hamstride" / "data" / "history").glob("20*.toml"))
    [saved] = tomllib.loads(month.read_text())["session"]
    assert saved["status"] == "partial" and saved["step"][0]["side"][0]["reps"] <= 1
    assert saved["active_seconds"] < 4  # the seconds stopped were not credited


def test_sigterm_restores_the_terminal_and_keeps_the_journal(tmp_path: Path) -> None:
    path = tmp_path / "sets.toml"
    path.write_text(SETS)
    terminal = Terminal(tmp_path)
    try:
        terminal.start([hamstride_command(), "run", str(path), "--backend", "silent"], app_env(tmp_path))
        # Set 1 done, set 2 under way: there is a set to keep.
        terminal.wait_for(lambda s: any("Set 2 / 2" in line for line in s) and shows_big(s, "LOWER"), timeout=30,
                          what="set 2 lowering")
        terminal.wait_for(lambda s: bool(_journals(tmp_path)) and "set = 2" in _journals(tmp_path)[0].read_text(),
                          what="the journal at set 2")
        assert terminal.flags() == ("1", "1")  # the app's alternate screen, mouse reporting on
        os.kill(terminal.app_pid(), signal.SIGTERM)
        lines = terminal.wait_for(lambda s: any("EXITED 143" in line for line in s), what="the exit")
        assert any("start it again to resume it" in line for line in lines)
        assert terminal.flags() == ("0", "0")  # back on the shell's screen, the mouse its own
    finally:
        terminal.close()
    assert len(_journals(tmp_path)) == 1


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_before_any_set_was_done_says_nothing_was_recorded(tmp_path: Path, signum: int) -> None:
    """Set 1 under way, none done: the next start would find nothing to resume, and the last line says so."""
    path = tmp_path / "sets.toml"
    path.write_text(SETS)
    terminal = Terminal(tmp_path)
    try:
        terminal.start([hamstride_command(), "run", str(path), "--backend", "silent"], app_env(tmp_path))
        terminal.wait_for(lambda s: shows_big(s, "LOWER"), timeout=20, what="the first lowering")
        os.kill(terminal.app_pid(), signum)
        lines = terminal.wait_for(lambda s: any(f"EXITED {128 + signum}" in line for line in s), what="the exit")
        text = plain_text(lines)
        assert "Stopped before any set was done: nothing was recorded." in text
        assert "kept" not in text and "resume" not in text
    finally:
        terminal.close()
    assert _journals(tmp_path) == []  # no journal of nothing left for the next start to find and drop


def test_run_without_a_terminal_refuses_with_status_2(tmp_path: Path) -> None:
    path = tmp_path / "sets.toml"
    path.write_text(SETS)
    done = subprocess.run([hamstride_command(), "run", str(path), "--backend", "silent"], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60,
                          env={**app_env(tmp_path), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 2
    assert "needs a terminal" in done.stderr and done.stdout == ""
    assert not (tmp_path / "hamstride" / "data" / "history").exists()


def _reps_journalled(tmp_path: Path) -> list[tuple[int, int]]:
    """Each set in the journal, with its reps: [] while there is none, or it is being replaced."""
    try:
        return [(item["set"], item["reps"]) for item in tomllib.loads(_journals(tmp_path)[0].read_text())["set"]]
    except (IndexError, OSError, tomllib.TOMLDecodeError):
        return []


def test_a_kill_mid_set_keeps_its_reps_done_for_a_partial_session(tmp_path: Path) -> None:
    """kill -9 in a set's second rep: the journal holds its first (written as it was counted, not at the
    set's end), and "Keep as partial" records it. Journalled only at set boundaries, the set was lost."""
    path = tmp_path / "sets.toml"
    path.write_text(SETS)
    env = app_env(tmp_path)
    first = Terminal(tmp_path)
    try:
        first.start([hamstride_command(), "run", str(path), "--backend", "silent"], env)
        # 5 s get-ready, then set 1: rep 1 (3 s), rep 2 under way.
        first.wait_for(lambda s: _reps_journalled(tmp_path) == [(1, 1)], timeout=30,
                       what="the journal at set 1's first rep")
        os.kill(first.app_pid(), signal.SIGKILL)
        first.wait_for(lambda s: any("EXITED 137" in line for line in s), what="the kill")
    finally:
        first.close()
    (tmp_path / "after").mkdir()
    second = Terminal(tmp_path / "after")
    try:
        second.start([hamstride_command(), "run", str(path), "--backend", "silent"], env)
        second.wait_for(lambda s: any("Keep as partial" in line for line in s), what="the resume offer")
        second.keys("k")
        second.wait_for(lambda s: not any("Keep as partial" in line for line in s), what="the partial session kept")
    finally:
        second.close()
    month = next((tmp_path / "hamstride" / "data" / "history").glob("20*.toml"))
    [saved] = tomllib.loads(month.read_text())["session"]
    assert saved["status"] == "partial"
    assert saved["step"][0]["side"][0]["reps"] == 1
