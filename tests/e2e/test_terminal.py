"""The installed command in a real terminal, as a runner uses it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from hamstride import locations
from tests.conftest import DATA
from tests.e2e.terminal import Terminal, app_env, hamstride_command, plain_text, shows_big

pytestmark = pytest.mark.e2e

SESSION = """
title = "E2E"
[[steps]]
name = "Nordic"
cue = "Lean forward slowly."
tempo = "4-0-1-0"
reps = 2
eccentric = true
lead_in = 2
[[steps]]
name = "Plank"
hold = 3
lead_in = 1
"""


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(tmp_path)
    yield term
    term.close()


def skip_the_check(terminal: Terminal) -> None:
    """Eccentric work starts with the readiness check: escape skips it (nothing in the history argues)."""
    terminal.wait_for(lambda s: any("Hamstring soreness today" in line for line in s), what="the readiness check")
    terminal.keys("Escape")


def test_a_session_runs_in_a_real_terminal(terminal: Terminal, tmp_path: Path) -> None:
    path = tmp_path / "e2e.toml"
    path.write_text(SESSION)
    terminal.start([hamstride_command(), "run", str(path), "--backend", "silent"], app_env(tmp_path))
    skip_the_check(terminal)
    terminal.wait_for(lambda s: shows_big(s, "GET READY"), what="GET READY")
    lines = terminal.wait_for(lambda s: shows_big(s, "LOWER"), what="LOWER")
    assert any("Step 1 of 2 · Nordic" in line for line in lines)
    assert any("Rep 1 / 2" in line for line in lines)
    assert any("Lean forward slowly." in line for line in lines)
    # The countdown moves: 4, 3, 2, 1 while lowering.
    terminal.wait_for(lambda s: shows_big(s, "LOWER") and shows_big(s, "2"), what="the lowering at 2")

    # Pause freezes it.
    terminal.keys("space")
    frozen = terminal.wait_for(lambda s: shows_big(s, "PAUSED"), what="PAUSED")
    digits = [d for d in "4321" if shows_big(frozen, d)]
    time.sleep(1.6)
    later = terminal.screen()
    assert shows_big(later, "PAUSED")
    assert [d for d in "4321" if shows_big(later, d)] == digits
    assert any("Paused: space to go on" in line for line in later)
    terminal.keys("space")

    # And on to the end: the summary, then the command's last word in the shell.
    summary = terminal.wait_for(lambda s: any("Session complete: E2E" in line for line in s), timeout=30,
                                what="the summary")
    assert any("Nordic" in line and "done" in line for line in summary)
    assert any("1 of 2 this week" in line for line in summary)
    # How it felt, typed as a person types: a key at a time.
    for key in ("7", "Enter", "3", "Enter", "h", "i", "Enter"):
        terminal.keys(key)
        time.sleep(0.15)
    terminal.wait_for(lambda s: any("EXITED 0" in line for line in s), what="the command to exit")
    assert "E2E: complete, 2 eccentric reps" in terminal.text()
    month = next((tmp_path / "hamstride" / "data" / "history").glob("20*.toml"))
    saved = tomllib.loads(month.read_text())["session"][0]
    assert (saved["rpe"], saved["soreness"], saved["note"], saved["status"]) == (7, 3, "hi", "complete")
    assert [step["side"][0]["reps"] for step in saved["step"]] == [2, 1]


def test_small_terminal_keeps_the_essentials(terminal: Terminal, tmp_path: Path) -> None:
    terminal.size = (60, 20)
    path = tmp_path / "e2e.toml"
    path.write_text(SESSION)
    terminal.start([hamstride_command(), "run", str(path), "--backend", "silent"], app_env(tmp_path))
    skip_the_check(terminal)
    lines = terminal.wait_for(lambda s: shows_big(s, "LOWER"), what="LOWER")
    assert any("Step 1 of 2 · Nordic" in line for line in lines)
    assert any("Space Pause" in line or "space Pause" in line for line in lines)
    terminal.keys("q")
    terminal.wait_for(lambda s: any("End the session now?" in line for line in s), what="the question")
    terminal.keys("y")
    terminal.wait_for(lambda s: any("Session ended early" in line for line in s), what="the summary")


TWO_STEPS = """
title = "Crash test"
[[steps]]
name = "Nordic"
tempo = "2-0-1-0"
reps = 2
eccentric = true
lead_in = 1
[[steps]]
name = "Long plank"
hold = 5
lead_in = 1
"""


def test_a_session_killed_mid_way_is_offered_back(tmp_path: Path) -> None:
    path = tmp_path / "crash.toml"
    path.write_text(TWO_STEPS)
    env = app_env(tmp_path)
    first = Terminal(tmp_path)
    try:
        first.start([hamstride_command(), "run", str(path), "--backend", "silent"], env)
        skip_the_check(first)
        first.wait_for(lambda s: any("Step 2 of 2" in line for line in s), what="the second step")
        time.sleep(0.5)  # the journal is written as the step begins, in a worker
        os.kill(first.app_pid(), signal.SIGKILL)  # the laptop dies
        first.wait_for(lambda s: any("EXITED 137" in line for line in s), what="the kill")
    finally:
        first.close()
    (tmp_path / "after").mkdir()
    second = Terminal(tmp_path / "after")  # a tmux server of its own: the first one may still be going away
    try:
        second.start([hamstride_command(), "run", str(path), "--backend", "silent"], env)
        question = second.wait_for(lambda s: any("Resume (r)" in line for line in s), what="the resume offer")
        assert "stopped at step 2 of 2" in plain_text(question)
        second.keys("r")
        second.wait_for(lambda s: any("Step 2 of 2 · Long plank" in line for line in s), what="step 2 again")
        second.wait_for(lambda s: any("Session complete: Crash test" in line for line in s), timeout=30,
                        what="the summary")
        second.keys("Escape")
        second.wait_for(lambda s: any("EXITED 0" in line for line in s), what="the command to exit")
    finally:
        second.close()
    month = next((tmp_path / "hamstride" / "data" / "history").glob("20*.toml"))
    saved = tomllib.loads(month.read_text())["session"]
    assert len(saved) == 1 and saved[0]["status"] == "complete"
    assert [step["side"][0]["reps"] for step in saved[0]["step"]] == [2, 1]  # the Nordics from before the crash


def test_no_command_opens_the_home_screen(terminal: Terminal, tmp_path: Path) -> None:
    terminal.start([hamstride_command()], app_env(tmp_path))
    # A new runner starts small (issue 11): the first Nordic session, not the strength day's 15 Nordics.
    # The footer's keys are drawn once the screen has focus: a frame after the rows, maybe.
    terminal.wait_for(lambda s: any("Today: Nordic curl: first session" in line for line in s)
                      and any("Nordic curl: first session" in line and "never" in line for line in s)
                      and any("Start" in line and "History" in line for line in s),
                      what="home, with the suggested session's row in view and the keys")
    terminal.keys("q")
    terminal.wait_for(lambda s: any("EXITED 0" in line for line in s), what="the command to exit")


EDITOR_SCRIPT = """
import sys
from pathlib import Path
path = Path(sys.argv[1])
path.write_text(path.read_text().replace({old!r}, {new!r}))
"""


def edit_mine_from_home(terminal: Terminal, tmp_path: Path, text: str, old: str, new: str) -> Path:
    """The runner's own session (the last row), opened with e in an editor that replaces old with new."""
    mine = tmp_path / "hamstride" / "config" / "sessions" / "mine.toml"
    mine.parent.mkdir(parents=True)
    mine.write_text(text)
    editor = tmp_path / "editor.py"
    editor.write_text(EDITOR_SCRIPT.format(old=old, new=new))
    env = {**app_env(tmp_path), "EDITOR": f"{sys.executable} {editor}"}
    terminal.start([hamstride_command()], env)
    terminal.wait_for(lambda s: any("Today:" in line for line in s), what="home")
    for _ in range(24):  # down to the last row: the runner's own session, after every built-in
        terminal.keys("Down")
        time.sleep(0.05)
    terminal.wait_for(lambda s: any(line.strip() == "Mine" for line in s), what="mine highlighted, its title below")
    terminal.keys("e")
    return mine


def test_e_on_the_home_screen_edits_in_the_runners_editor(terminal: Terminal, tmp_path: Path) -> None:
    mine = edit_mine_from_home(terminal, tmp_path, 'title = "Mine"\n[[steps]]\nname = "Plank"\nhold = 30\n',
                               'title = "Mine"', 'title = "Mine, edited"')
    # The new title (the file watcher) and the toast (the check after the editor) come in either order.
    terminal.wait_for(lambda s: any("Mine, edited" in line for line in s)
                      and any("mine.toml is valid" in line for line in s), what="the edited title and the check")
    assert 'title = "Mine, edited"' in mine.read_text()
    terminal.keys("q")
    terminal.wait_for(lambda s: any("EXITED 0" in line for line in s), what="the command to exit")


def test_an_over_dose_written_from_the_home_screen_is_warned_of_as_the_editor_closes(
        terminal: Terminal, tmp_path: Path) -> None:
    """`hamstride edit` warns of a programme whose week 1 has 60 Nordics; e on the home screen said only "valid"."""
    programme = (Path(locations.builtin_sessions()) / "nordic-programme.toml").read_text(encoding="utf-8")
    edit_mine_from_home(terminal, tmp_path, programme.replace('title = "Nordic programme, 10 weeks"', 'title = "Mine"'),
                        'week."1" = { sets = 2, reps = 5 }', 'week."1" = { sets = 2, reps = 30 }')
    def toast(screen: list[str]) -> str:  # the text right of the toast's edge, its lines joined
        return " ".join(" ".join(line.split("▌", 1)[1].split()) for line in screen if "▌" in line)

    said = ("mine.toml is valid, but: mine.toml:", "key 'week.\"1\".reps': week 1 has 60 Nordic reps")
    terminal.wait_for(lambda s: all(w in toast(s) for w in said), what="the warning as the editor closes")
    terminal.keys("q")
    terminal.wait_for(lambda s: any("EXITED 0" in line for line in s), what="the command to exit")


def test_check_command_explains_a_broken_file(tmp_path: Path) -> None:
    bad = DATA / "bad_sessions" / "many-problems.toml"
    done = subprocess.run([hamstride_command(), "check", str(bad)], capture_output=True, text=True, timeout=60,
                          env={"HOME": str(tmp_path), "HAMSTRIDE_HOME": str(tmp_path / "h"), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 1
    assert f"{bad}:15: step 3 ('Plank'), key 'eccentic': unknown key" in done.stdout
    assert "fix: did you mean 'eccentric'?" in done.stdout


def test_the_readiness_check_offers_the_gentle_session_and_keeps_the_answers(terminal: Terminal,
                                                                            tmp_path: Path) -> None:
    terminal.start([hamstride_command(), "run", "nordic-first-session", "--backend", "silent"], app_env(tmp_path))
    terminal.wait_for(lambda s: any("Hamstring soreness today, 0-10?" in line for line in s), what="question 1")
    terminal.keys("6")
    terminal.wait_for(lambda s: any("race or hard run" in line for line in s), what="question 2")
    terminal.keys("n")
    lines = terminal.wait_for(lambda s: any("g: Sore-day isometrics instead" in line for line in s),
                              what="the gentle alternative")
    assert any("soreness 6/10" in line for line in lines)
    terminal.keys("g")
    terminal.wait_for(lambda s: any("Leg swings" in line for line in s) and shows_big(s, "GET READY"),
                      what="the isometric session")
    terminal.wait_for(lambda s: not shows_big(s, "GET READY"), what="the first drill under way")
    time.sleep(1.5)  # a second of work: a run ended at once is a start taken back, not saved
    terminal.keys("q")
    terminal.wait_for(lambda s: any("End the session now?" in line for line in s), what="the question")
    terminal.keys("y")
    terminal.wait_for(lambda s: any("Session ended early" in line for line in s), what="the summary")
    terminal.keys("Escape")
    terminal.wait_for(lambda s: any("EXITED 0" in line for line in s), what="the command to exit")
    month = next((tmp_path / "hamstride" / "data" / "history").glob("20*.toml"))
    saved = tomllib.loads(month.read_text())["session"][0]
    assert saved["session"] == "sore-day-isometrics" and saved["readiness"] == {"soreness": 6, "key_run": False}


def test_a_run_held_back_by_the_check_and_left_says_so_in_the_shell(terminal: Terminal, tmp_path: Path) -> None:
    """Walked (walk13): `hamstride run` left with escape at a "Not today" verdict printed nothing and exited 0:
    the shell gave no word that the Nordics did not run (a crashed run kept as partial just before may be saved,
    and the answers are kept: "not started" is all it says)."""
    terminal.start([hamstride_command(), "run", "nordic-first-session", "--backend", "silent"], app_env(tmp_path))
    terminal.wait_for(lambda s: any("Hamstring soreness today, 0-10?" in line for line in s), what="question 1")
    terminal.keys("6")
    terminal.wait_for(lambda s: any("race or hard run" in line for line in s), what="question 2")
    terminal.keys("n")
    terminal.wait_for(lambda s: any("g: Sore-day isometrics instead" in line for line in s), what="the verdict")
    terminal.keys("Escape")
    lines = terminal.wait_for(lambda s: any("EXITED 0" in line for line in s), what="the command to exit")
    assert any("Nordic curl: first session: not started." in line for line in lines), lines
