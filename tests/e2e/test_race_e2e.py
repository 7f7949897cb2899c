"""A race told once with the installed command, then the home screen in a real terminal keeps Nordics away."""

from __future__ import annotations

import os
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, app_env, hamstride_command

pytestmark = pytest.mark.e2e


def test_a_race_told_with_the_command_reaches_the_home_screen(tmp_path: Path) -> None:
    env = app_env(tmp_path)
    tomorrow = date.today() + timedelta(days=1)
    told = subprocess.run([hamstride_command(), "race", tomorrow.isoformat(), "Parkrun 5k"], capture_output=True,
                          text=True, timeout=30, env={**os.environ, **env})
    assert told.returncode == 0 and "Kept: race (Parkrun 5k)" in told.stdout, told.stderr
    assert (tmp_path / "hamstride" / "data" / "history" / "races.toml").is_file()
    listed = subprocess.run([hamstride_command(), "race", "list"], capture_output=True, text=True, timeout=30,
                            env={**os.environ, **env})
    assert "race (Parkrun 5k)" in listed.stdout and "Coratella 2025" in listed.stdout
    terminal = Terminal(tmp_path, width=120, height=30)
    try:
        terminal.start([hamstride_command()], env)
        # A new runner would be offered the first Nordic session; with a race tomorrow, the isometrics.
        terminal.wait_for(lambda s: any("Today: Sore-day isometrics" in line for line in s)
                          and "Parkrun 5k" in " ".join(s), what="home, keeping Nordics away from the race")
        terminal.keys("q")
        terminal.wait_for(lambda s: any("EXITED 0" in line for line in s), what="the command to exit")
    finally:
        terminal.close()
