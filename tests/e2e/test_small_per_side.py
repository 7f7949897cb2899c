"""A per-side step in a real 60x20 terminal: SWITCH in block letters, the step's name whole,
the side in block letters beside its label, and the summary opening at its title."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, app_env, hamstride_command, shows_big

pytestmark = pytest.mark.e2e

SESSION = """
title = "Small"
[[steps]]
name = "Single-leg Romanian deadlift"
cue = "Stand on one leg, soft knee. Hinge at the hip, back flat."
tempo = "2-0-1-0"
reps = 2
sides = true
switch = 6
lead_in = 2
[[steps]]
name = "Plank"
hold = 20
"""


def test_a_per_side_step_reads_whole_at_60x20(tmp_path: Path) -> None:
    terminal = Terminal(tmp_path, 60, 20)
    try:
        path = tmp_path / "small.toml"
        path.write_text(SESSION)
        env = app_env(tmp_path)
        terminal.start([hamstride_command(), "run", str(path), "--backend", "silent"], env)
        lines = terminal.wait_for(lambda s: shows_big(s, "SWITCH"), timeout=20, what="SWITCH in block letters")
        assert "Single-leg Romanian deadlift" in lines[0] and "left" in lines[0] and "…" not in lines[0], lines[0]
        assert any("next side" in line for line in lines) and shows_big(lines, "R"), "\n".join(lines)
        assert not any("SWITCH SIDES" in line for line in lines)
        terminal.keys("q")
        terminal.wait_for(lambda s: any("End the session now?" in line for line in s), what="the question")
        terminal.keys("y")
        lines = terminal.wait_for(lambda s: any("Session ended early" in line for line in s), what="the summary")
        assert any("Session ended early: Small" in line for line in lines[:3]), "\n".join(lines)
        assert any(line.strip().startswith("Time ") for line in lines[:4]), "\n".join(lines)
    finally:
        terminal.close()
