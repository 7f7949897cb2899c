"""What a walk-through of the installed app found, seen again in a real terminal: a quit in the last
step, the resume offer after the warm-up, `e` when served, and `report` to a file."""

from __future__ import annotations

import os
import signal
import subprocess
import tomllib
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, app_env, hamstride_command, plain_text

pytestmark = pytest.mark.e2e

ONE_STEP = """
title = "One step"
[[steps]]
name = "Slow bridge"
tempo = "1-0-1-0"
reps = 2
sets = 2
rest = 2
"""

WARM = """
title = "Warm then work"
[[steps]]
name = "Easy jog"
duration = 1
[[steps]]
name = "Leg swings"
duration = 1
sides = true
[[steps]]
name = "Slow bridge"
tempo = "2-0-1-0"
reps = 2
"""


def _has(lines: list[str], text: str) -> bool:
    return text in plain_text(lines)


def test_q_in_the_last_step_is_ended_early_and_the_month_says_so(tmp_path: Path) -> None:
    path = tmp_path / "one.toml"
    path.write_text(ONE_STEP)
    terminal = Terminal(tmp_path)
    try:
        terminal.start([hamstride_command(), "run", str(path), "--backend", "silent"], app_env(tmp_path))
        terminal.wait_for(lambda s: _has(s, "Set 2 / 2"), timeout=30, what="set 2 of the only step")
        terminal.keys("q")
        terminal.wait_for(lambda s: _has(s, "End the session now?"), what="the question")
        terminal.keys("y")
        lines = terminal.wait_for(lambda s: _has(s, "Session ended early: One step"), what="the summary")
        assert not _has(lines, "some of it skipped")
        terminal.keys("Escape")
        terminal.wait_for(lambda s: _has(s, "EXITED 0"), what="the command to exit")
    finally:
        terminal.close()
    month = next((tmp_path / "hamstride" / "data" / "history").glob("20*.toml"))
    [saved] = tomllib.loads(month.read_text())["session"]
    assert saved["status"] == "partial" and saved["ended_early"] is True


def test_the_resume_offer_after_the_warm_up_counts_steps_not_sets(tmp_path: Path) -> None:
    path = tmp_path / "warm.toml"
    path.write_text(WARM)
    env = app_env(tmp_path)
    journals = tmp_path / "hamstride" / "data" / "in-progress"
    first = Terminal(tmp_path)
    try:
        first.start([hamstride_command(), "run", str(path), "--backend", "silent"], env)
        first.wait_for(lambda s: _has(s, "Step 3 of 3"), timeout=40, what="the work after the warm-up")
        first.wait_for(lambda s: any("step = 2" in p.read_text() for p in journals.glob("*.toml")),
                       what="the journal at step 3")
        os.kill(first.app_pid(), signal.SIGKILL)
        first.wait_for(lambda s: _has(s, "EXITED 137"), what="the kill")
    finally:
        first.close()
    (tmp_path / "after").mkdir()
    second = Terminal(tmp_path / "after", width=100)
    try:
        second.start([hamstride_command(), "run", str(path), "--backend", "silent"], env)
        offer = second.wait_for(lambda s: _has(s, "Resume (r)"), what="the resume offer")
        assert _has(offer, "2 of 3 steps done; no eccentric reps yet; stopped at step 3 of 3"), "\n".join(offer)
        assert not _has(offer, "sets done")
        second.keys("k")
        second.wait_for(lambda s: _has(s, "EXITED") or _has(s, "GET READY") or _has(s, "Step 1 of 3"),
                        what="the offer answered")
    finally:
        second.close()


def test_served_e_says_why_it_cannot_edit(tmp_path: Path) -> None:
    env = {**app_env(tmp_path), "HAMSTRIDE_SERVED": "1", "EDITOR": "vi"}
    terminal = Terminal(tmp_path, width=110, height=32)
    try:
        terminal.start([hamstride_command()], env)
        terminal.wait_for(lambda s: _has(s, "This week: 0 of 2"), what="home, its history read")
        terminal.keys("e")
        terminal.wait_for(lambda s: _has(s, "Editing opens $EDITOR in a"), what="the refusal")
        terminal.keys("q")
        terminal.wait_for(lambda s: _has(s, "EXITED 0"), what="the command to exit")
    finally:
        terminal.close()
    assert not list((tmp_path / "hamstride").rglob("nordic-*.toml"))  # no copy of a built-in to edit


def test_report_to_a_file_says_where_it_is_in_one_line(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    done = subprocess.run([hamstride_command(), "report", "--html", str(page)], capture_output=True, text=True,
                          env={**os.environ, **app_env(tmp_path)}, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Wrote the report with its charts to {page}\n" and page.is_file()
