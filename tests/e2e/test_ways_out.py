"""Ways out of a running session in a real terminal: the palette's Quit goes the way q does, and a
terminal whose input is closed under the session ends it with a plain word, the journal kept."""

from __future__ import annotations

import os
import signal
import sys
import tomllib
from pathlib import Path

import pytest

from tests.e2e.terminal import SETS, Terminal, app_env, hamstride_command, plain_text, shows_big
from tests.e2e.test_run_lifecycle import _journals

pytestmark = pytest.mark.e2e

# stdin closed under the running app, as a terminal or a wrapper can do it: on SIGUSR1, fd 0 goes.
CLOSES_STDIN = ("import os, signal, sys; signal.signal(signal.SIGUSR1, lambda *_: os.close(0)); "
                "from hamstride.cli import main; sys.exit(main(sys.argv[1:]))")


def _saved(tmp_path: Path) -> list[dict[str, object]]:
    month = next((tmp_path / "hamstride" / "data" / "history").glob("20*.toml"))
    return list(tomllib.loads(month.read_text())["session"])


def test_quit_from_the_palette_mid_set_asks_sums_up_and_saves(tmp_path: Path) -> None:
    path = tmp_path / "sets.toml"
    path.write_text(SETS)
    terminal = Terminal(tmp_path)
    try:
        terminal.start([hamstride_command(), "run", str(path), "--backend", "silent"], app_env(tmp_path))
        terminal.wait_for(lambda s: any("Set 1 / 2" in line for line in s) and shows_big(s, "LIFT"), timeout=20,
                          what="the first rep's lift")
        terminal.keys("C-p")
        terminal.wait_for(lambda s: any("Search for commands" in line for line in s), what="the palette")
        terminal.keys("quit")
        terminal.wait_for(lambda s: any("Quit" in line for line in s) and "saves what was done" in plain_text(s),
                          what="Quit in the palette, saying what it does")
        terminal.keys("Enter")
        terminal.wait_for(lambda s: any("End the session now?" in line for line in s), what="q's question")
        terminal.keys("y")
        terminal.wait_for(lambda s: any("Session ended early" in line for line in s), what="the summary")
        terminal.keys("Escape")
        lines = terminal.wait_for(lambda s: any("EXITED 0" in line for line in s), timeout=30, what="the exit")
        assert any("Sets: partial" in line for line in lines), "the closing line"
    finally:
        terminal.close()
    [saved] = _saved(tmp_path)
    assert saved["status"] == "partial"
    assert _journals(tmp_path) == []


def test_stdin_closed_under_a_session_says_so_exits_non_zero_and_keeps_the_journal(tmp_path: Path) -> None:
    path = tmp_path / "sets.toml"
    path.write_text(SETS)
    terminal = Terminal(tmp_path)
    try:
        terminal.start([sys.executable, "-c", CLOSES_STDIN, "run", str(path), "--backend", "silent"],
                       app_env(tmp_path))
        # Set 1 done, set 2 under way: there is a set to keep (before it, nothing is, and it says so).
        terminal.wait_for(lambda s: any("Set 2 / 2" in line for line in s) and shows_big(s, "LOWER"), timeout=30,
                          what="set 2 lowering")
        terminal.wait_for(lambda s: bool(_journals(tmp_path)) and "set = 2" in _journals(tmp_path)[0].read_text(),
                          what="the journal at set 2")
        os.kill(terminal.app_pid(), signal.SIGUSR1)
        lines = terminal.wait_for(lambda s: any(line.startswith("EXITED") for line in s), timeout=20,
                                  what="the exit")
        text = "\n".join(lines)
        assert "EXITED 0" not in text and "Traceback" not in text and "EBADF" not in text
        assert "input was closed" in text and "start it again to resume it" in text
        assert terminal.flags() == ("0", "0")  # back on the shell's screen, the mouse its own
    finally:
        terminal.close()
    assert len(_journals(tmp_path)) == 1
