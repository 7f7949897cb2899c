"""The installed command in a real terminal, with a sound library that segfaults as each clip ends
(the stand-in in tests/audio/crashing, first on PYTHONPATH): the session runs to its end, is saved,
and the terminal is left as it was found."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, hamstride_command

pytestmark = pytest.mark.e2e

CRASHING = Path(__file__).parent / "crashing"
SHORT = """
title = "Short"
[[steps]]
name = "Slow bridge"
tempo = "1-0-1-0"
reps = 3
lead_in = 3
[[steps]]
name = "Plank"
hold = 3
lead_in = 3
"""


def test_a_segfaulting_sound_library_cannot_end_the_session(tmp_path: Path) -> None:
    path = tmp_path / "short.toml"
    path.write_text(SHORT)
    no_players = tmp_path / "bin"  # no aplay or paplay: after simpleaudio comes the bell, on any machine
    no_players.mkdir()
    env = {"HOME": str(tmp_path / "home"), "HAMSTRIDE_HOME": str(tmp_path / "hamstride"), "TERM": "xterm-256color",
           "PYTHONPATH": str(CRASHING), "HAMSTRIDE_TEST_CRASH": "end", "PATH": str(no_players)}
    terminal = Terminal(tmp_path, width=100, height=30)
    try:
        terminal.start([hamstride_command(), "run", str(path)], env)
        terminal.wait_for(lambda s: any("simpleaudio crashed (SIGSEGV)" in line for line in s), timeout=20,
                          what="the first crash told on the status line")
        terminal.wait_for(lambda s: any("simpleaudio crashed (SIGSEGV, 3 times): cues ring the terminal bell"
                                        in line for line in s), timeout=20, what="the bell taking over")
        terminal.wait_for(lambda s: any("Session complete: Short" in line for line in s), timeout=40,
                          what="the summary")
        terminal.keys("Escape")
        terminal.wait_for(lambda s: any("EXITED 0" in line for line in s), timeout=20, what="the command to exit")
        assert terminal.flags() == ("0", "0")  # off the alternate screen, the mouse the shell's again
    finally:
        terminal.close()
    month = next((tmp_path / "hamstride" / "data" / "history").glob("20*.toml"))
    [saved] = tomllib.loads(month.read_text())["session"]
    assert saved["status"] == "complete" and saved["step"][0]["side"][0]["reps"] == 3
    assert list((tmp_path / "hamstride" / "data" / "in-progress").glob("*.toml")) == []
