"""A month the app cannot fully read, in a real terminal: the session after it is saved, the month is
moved aside byte for byte, and the summary says so in words an 80x24 screen shows whole."""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, app_env, hamstride_command, plain_text

pytestmark = pytest.mark.e2e

SHORT = """
title = "Short plank"
[[steps]]
name = "Plank"
hold = 2
"""


def _bad_month(started: datetime) -> str:
    """A month with one session whose effort is a word: read, that value is left out."""
    return f"""# hamstride history, format 2: one [[session]] table per session.

[[session]]
id = "0123456789abcdef0123456789abcdef"
format = 1
started = {started.isoformat(sep=' ', timespec='seconds')}
ended = {(started + timedelta(minutes=2)).isoformat(sep=' ', timespec='seconds')}
session = "short"
title = "Short plank"
status = "complete"
elapsed_seconds = 120.0
active_seconds = 20.0
eccentric_reps = 0
rpe = "seven"
main_done = true
nordic_reps = 0

# 1 session in this file
"""


def test_the_summary_says_whole_that_a_month_was_moved_aside_unchanged(tmp_path: Path) -> None:
    started = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(minutes=30)
    history = tmp_path / "hamstride" / "data" / "history"
    history.mkdir(parents=True)
    month = history / f"{started:%Y-%m}.toml"
    month.write_text(_bad_month(started))
    before = month.read_bytes()
    session = tmp_path / "short.toml"
    session.write_text(SHORT)
    terminal = Terminal(tmp_path, 80, 24)
    try:
        terminal.start([hamstride_command(), "run", str(session), "--backend", "silent"], app_env(tmp_path))
        shown = terminal.wait_for(lambda s: any("Session complete" in line for line in s), timeout=30,
                                  what="the summary")
        words = plain_text(shown)
        assert "moved aside" in words and "unchanged" in words, words
        aside = [p for p in history.iterdir() if ".corrupt-" in p.name]
        assert len(aside) == 1 and aside[0].read_bytes() == before
        assert aside[0].name in words.replace(" ", ""), words
        terminal.keys("Escape")
        terminal.wait_for(lambda s: any("EXITED 0" in line for line in s), what="the command to exit")
    finally:
        terminal.close()
    sessions = tomllib.loads(month.read_text())["session"]
    assert [s["title"] for s in sessions] == ["Short plank", "Short plank"]
