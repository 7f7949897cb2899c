"""What the machine does to the command is told plainly: a home that loops, no terminal, an editor that fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hamstride.cli import main

HAMSTRIDE = str(Path(sys.executable).parent / "hamstride")


def command(*argv: str, home: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HAMSTRIDE_HOME": str(home)}
    return subprocess.run([HAMSTRIDE, *argv], capture_output=True, text=True, timeout=timeout, env=env,
                          stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("argv", [["report"], ["history", "--export", "csv"], ["run", "nordic-first"], [],
                                  ["list"], ["config"]])
def test_a_home_that_is_a_symlink_loop_is_told_plainly(argv: list[str], tmp_path: Path) -> None:
    loop = tmp_path / "looped"
    (tmp_path / "other").symlink_to(loop)
    loop.symlink_to(tmp_path / "other")
    done = command(*argv, home=loop)
    assert done.returncode == 2, done.stdout + done.stderr
    told = done.stdout + done.stderr
    assert "Traceback" not in told and "RuntimeError" not in told
    assert "symlink loop" in told and str(loop) in told and "HAMSTRIDE_HOME" in told


def test_a_data_dir_that_is_a_file_is_told_plainly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    place = tmp_path / "notes.txt"
    place.write_text("not a folder")
    assert main(["report", "--data-dir", str(place)]) == 2
    told = capsys.readouterr()
    assert "--data-dir" in told.out and str(place) in told.out and "not a folder" in told.out
    assert "Traceback" not in told.err


@pytest.mark.parametrize("argv", [["history"], ["run", "nordic-first"]])
def test_every_screen_command_refuses_without_a_terminal(argv: list[str], isolated_home: Path) -> None:
    """Drawn into a pipe, a screen is never seen and its app spins a core: say so and stop."""
    try:
        done = command(*argv, home=isolated_home, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"hamstride {' '.join(argv)} without a terminal was still running after 30 s")
    assert done.returncode == 2
    assert f"hamstride {argv[0]} needs a terminal" in done.stderr
    assert "\x1b[" not in done.stdout  # nothing was drawn


def test_history_export_needs_no_terminal(isolated_home: Path) -> None:
    done = command("history", "--export", "csv", home=isolated_home)
    assert done.returncode == 0 and done.stdout.startswith("date"), done.stdout + done.stderr


def test_an_editor_that_fails_is_not_followed_by_valid(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["new", "mine", "--from", "nordic-first-session"]) == 0
    capsys.readouterr()
    editor = tmp_path / "editor.py"
    editor.write_text("import sys\nsys.exit(3)\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    monkeypatch.delenv("VISUAL", raising=False)
    code = main(["edit", "mine"])
    out = capsys.readouterr().out
    assert code == 1
    assert "is valid" not in out
    assert "exited with status 3" in out and "hamstride check mine" in out
