"""Issue 21 on the installed command in tmux: keys at the awkward moments found by hand, then the saved record."""

from __future__ import annotations

import re
import time
import tomllib
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, app_env, hamstride_command, shows_big

pytestmark = pytest.mark.e2e

# Not eccentric work, so no readiness check comes first. Each step: a 5 s get-ready; reps of 5 s, then 3 s.
AWKWARD = """
title = "Awkward"
[[steps]]
name = "Slow bridge"
tempo = "4-0-1-0"
reps = 2
sets = 2
rest = 3
control = true
[[steps]]
name = "Single-leg bridge"
tempo = "2-0-1-0"
reps = 1
sides = true
[[steps]]
name = "Plank"
hold = 3
"""


def _has(lines: list[str], text: str) -> bool:
    return any(text in line for line in lines)


def test_keys_at_awkward_moments_keep_every_rep(tmp_path: Path) -> None:
    path = tmp_path / "awkward.toml"
    path.write_text(AWKWARD)
    env = app_env(tmp_path)
    terminal = Terminal(tmp_path)
    try:
        terminal.start([hamstride_command(), "run", str(path), "--backend", "silent"], env)
        terminal.wait_for(lambda s: shows_big(s, "GET READY"), timeout=20, what="the first get-ready")
        # 1. n n at once: the first passes the get-ready, the second is taken as meant for it and says so.
        terminal.keys("n", "n")
        terminal.wait_for(lambda s: shows_big(s, "LOWER") and _has(s, "n ignored: work just began"),
                          what="the lowering, kept, and why n did nothing")
        # 2. x on rep 2 of set 1; set 1 ends; in set 2 b b at once, then n: set 1 again, and the redo cut short.
        terminal.wait_for(lambda s: _has(s, "Rep 2 / 2") and _has(s, "Set 1 / 2"), what="rep 2 of set 1")
        terminal.keys("x")
        terminal.wait_for(lambda s: _has(s, "Set 2 / 2") and shows_big(s, "LOWER"), timeout=15, what="set 2")
        terminal.keys("b", "b")
        terminal.wait_for(lambda s: _has(s, "Set 1 / 2") and shows_big(s, "GET READY"), what="set 1's get-ready")
        terminal.keys("n")
        terminal.wait_for(lambda s: _has(s, "Set 1 / 2") and shows_big(s, "LOWER"), what="set 1 again")
        time.sleep(2.5)  # past the guard, inside the redo's first 5 s rep
        terminal.keys("n")  # the new attempt ends with no rep: it adds nothing to set 1
        terminal.wait_for(lambda s: _has(s, "Press n again to skip the rest of Slow bridge"), what="the offer")
        time.sleep(1.2)  # read, then pressed: a second n at once would be the same tap
        terminal.keys("n")
        # 5. n during SWITCH SIDES: a get-ready on the right, never straight into the lowering.
        terminal.wait_for(lambda s: shows_big(s, "SWITCH SIDES") or _has(s, "SWITCH SIDES"), timeout=20,
                          what="the side switch")
        terminal.keys("n")
        terminal.wait_for(lambda s: shows_big(s, "GET READY") and _has(s, "Right"), what="a get-ready on the right")
        # space, space mid-lowering: a get-ready again before the rep.
        terminal.wait_for(lambda s: shows_big(s, "LOWER") and _has(s, "Right"), timeout=10, what="the right side")
        terminal.keys("Space")
        terminal.wait_for(lambda s: shows_big(s, "PAUSED"), what="paused")
        terminal.keys("Space")
        terminal.wait_for(lambda s: shows_big(s, "GET READY") and _has(s, "Right"), what="a get-ready after the pause")
        # On to the end: the session ran to its end with a step cut short.
        summary = terminal.wait_for(lambda s: _has(s, "Session done, some of it skipped: Awkward"), timeout=40,
                                    what="the summary")
        shown_time = re.search(r"Time (\d+):(\d\d)", " ".join(summary))
        assert shown_time is not None
        terminal.keys("Escape")
        closing = terminal.wait_for(lambda s: _has(s, "EXITED 0"), timeout=30, what="the command to exit")
    finally:
        terminal.close()
    # 8. The closing line gives the summary's time, rounded alike.
    minutes, seconds = int(shown_time.group(1)), int(shown_time.group(2))
    spoken = f"{minutes} min {seconds} s" if minutes and seconds else f"{minutes} min" if minutes else f"{seconds} s"
    assert _has(closing, f"Awkward: partial, 0 eccentric reps, {spoken}.")
    month = next((tmp_path / "hamstride" / "data" / "history").glob("20*.toml"))
    [saved] = tomllib.loads(month.read_text())["session"]
    bridge, single, plank = saved["step"]
    assert saved["status"] == "partial"
    assert bridge["status"] == "partial"
    assert (bridge["side"][0]["sets"], bridge["side"][0]["reps"], bridge["side"][0]["reps_lost_control"]) == (1, 2, 1)
    assert single["status"] == "done" and [side["reps"] for side in single["side"]] == [1, 1]
    assert plank["status"] == "done"
