"""ctrl+z in a real terminal: the app stops as any program does, gives the shell its screen back, and on `fg`
the run is paused where ctrl+z was pressed, says how long it was away, and credits none of it."""

from __future__ import annotations

import time
import tomllib
from pathlib import Path

import pytest

from tests.e2e.terminal import SETS, Terminal, app_env, hamstride_command, plain_text, shows_big

pytestmark = pytest.mark.e2e


def test_ctrl_z_suspends_a_run_and_fg_brings_it_back_paused_with_nothing_credited(tmp_path: Path) -> None:
    path = tmp_path / "sets.toml"
    path.write_text(SETS)
    terminal = Terminal(tmp_path)
    try:
        terminal.start_in_shell([hamstride_command(), "run", str(path), "--backend", "silent"], app_env(tmp_path))
        terminal.wait_for(lambda s: shows_big(s, "LOWER"), timeout=20, what="the first lowering")
        time.sleep(1.2)  # a second of work: a run ended at once is a start taken back, not saved
        terminal.keys("C-z")
        lines = terminal.wait_for(lambda s: any("Stopped" in line for line in s), what="the shell's job stopped")
        assert terminal.flags() == ("0", "0")  # the shell's own screen, the mouse its own
        assert "Traceback" not in "\n".join(lines)
        time.sleep(3.5)  # away: longer than a late frame, so this is the time away and nothing else
        terminal.keys("fg", "Enter")
        lines = terminal.wait_for(lambda s: shows_big(s, "PAUSED") and any("slept for" in line for line in s),
                                  what="PAUSED after fg, and why")
        text = plain_text(lines)
        assert "Paused: the laptop slept for 0:0" in text and "Set 1 / 2" in text
        assert terminal.flags() == ("1", "1")  # the app's screen again
        time.sleep(1.5)
        assert shows_big(terminal.screen(), "PAUSED")  # it stays paused until the runner goes on
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
    assert saved["active_seconds"] < 3.5  # the seconds away were not credited


def test_ctrl_z_as_the_terminals_own_command_says_it_cannot_suspend_and_the_run_goes_on(tmp_path: Path) -> None:
    """(review) Started as the terminal's own command (a launcher, `tmux new-session hamstride`), no shell is
    there to bring a stopped process back: ctrl+z froze the window for good. It says so, and the run goes on."""
    path = tmp_path / "sets.toml"
    path.write_text(SETS)
    terminal = Terminal(tmp_path)
    try:
        terminal.start([hamstride_command(), "run", str(path), "--backend", "silent"], app_env(tmp_path))
        terminal.wait_for(lambda s: shows_big(s, "LOWER"), timeout=20, what="the first lowering")
        terminal.keys("C-z")
        lines = terminal.wait_for(lambda s: any("cannot suspend" in line for line in s), what="why not")
        assert not any("Stopped" in line for line in lines)
        state = Path(f"/proc/{terminal.app_pid()}/stat").read_text().rsplit(")", 1)[1].split()[0]
        assert state != "T", "stopped, with nothing to continue it"
        terminal.wait_for(lambda s: any("Set 1 / 2" in line for line in s), what="the run going on")
    finally:
        terminal.close()
