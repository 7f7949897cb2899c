"""Issue 26 items 1 and 2: two copies of the installed `hamstride`, in two terminals, on one data
folder, after a crash left a session unfinished. One copy is offered the session; the other is
not, so it can neither run it a second time nor, answering late, overwrite the finished record."""

from __future__ import annotations

import shutil
import tomllib
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from hamstride.domain.engine import Engine
from hamstride.domain.plan import build_timeline
from hamstride.storage.history import HistoryStore
from hamstride.storage.loader import load_session
from tests.e2e.terminal import SETS, Terminal, app_env, hamstride_command
from tests.unit.helpers import FakeClock, leave_journal

pytestmark = pytest.mark.e2e


def _crashed(tmp_path: Path, path: Path) -> None:
    """What a copy killed in set 2 leaves: its journal, its owner gone (as a kill -9 leaves it)."""
    data = tmp_path / "hamstride" / "data"
    store = HistoryStore(data / "history", datetime.now().astimezone, journals=data / "in-progress")
    plan = load_session(path)
    clock = FakeClock()
    engine = Engine(build_timeline(plan), clock)
    engine.start()
    for _ in range(30):  # 5 s get-ready, set 1 (6 s), into the rest
        clock.advance(0.5)
        engine.tick()
    leave_journal(store, plan, engine, datetime.now().astimezone().replace(microsecond=0) - timedelta(minutes=10))


def test_the_unfinished_session_is_offered_to_one_copy_and_its_record_stands(tmp_path: Path) -> None:
    path = tmp_path / "sets.toml"
    path.write_text(SETS)
    _crashed(tmp_path, path)
    env = app_env(tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = Terminal(tmp_path / "a"), Terminal(tmp_path / "b")
    try:
        first.start([hamstride_command(), "run", str(path), "--backend", "silent"], env)
        first.wait_for(lambda s: any("Resume (r)" in line for line in s), what="the resume offer")
        # A second terminal, while the first copy's offer is open: the home screen, no offer.
        second.start([hamstride_command()], env)
        home = second.wait_for(lambda s: any("Quit" in line or "Resume (r)" in line for line in s),
                               what="the home screen")
        offered_twice = any("Resume (r)" in line or "Keep as partial" in line for line in home)

        first.keys("r")
        first.wait_for(lambda s: any("Session complete: Sets" in line for line in s), timeout=60,
                       what="the resumed run's summary")
        first.keys("6", "Enter", "2", "Enter", "fine", "C-s")
        first.wait_for(lambda s: any("EXITED 0" in line for line in s), timeout=30, what="the first copy to exit")

        # The second copy's runner comes back: "k" (keep as partial, had it been offered), then quit.
        second.keys("k")
        second.keys("q")
        second.wait_for(lambda s: any("EXITED 0" in line for line in s), timeout=30, what="the second copy to exit")
    finally:
        first.close()
        second.close()
    month = next((tmp_path / "hamstride" / "data" / "history").glob("20*.toml"))
    [saved] = tomllib.loads(month.read_text())["session"]  # one run, kept once
    # Item 1: the late answer did not replace the finished record, its status and its feedback.
    assert (saved["status"], saved.get("rpe"), saved.get("note")) == ("complete", 6, "fine")
    assert not offered_twice  # item 2: the offer went to one copy only
    assert list((tmp_path / "hamstride" / "data" / "in-progress").glob("*.toml")) == []


SHORT = """
title = "Short"
[[steps]]
name = "Plank"
hold = 3
lead_in = 1
"""


def test_a_session_the_history_cannot_take_is_offered_for_saving_at_the_next_start(tmp_path: Path) -> None:
    path = tmp_path / "short.toml"
    path.write_text(SHORT.replace("hold = 3", "hold = 10"))  # time to break the history under the run
    env = app_env(tmp_path)
    history = tmp_path / "hamstride" / "data" / "history"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = Terminal(tmp_path / "a", width=120, height=40)
    try:
        first.start([hamstride_command(), "run", str(path), "--backend", "silent"], env)
        first.wait_for(lambda s: any("Plank" in line for line in s), what="the run")
        # Mid-session the history folder turns into a file (a full disk fails the same way).
        # The run opens the history at its first journal, which may come before or after this.
        history.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(100):
            if history.is_dir():
                shutil.rmtree(history)
            try:
                history.write_text("the history folder turned into a file")
                break
            except IsADirectoryError:  # made again just then
                continue
        summary = first.wait_for(lambda s: any("Not saved to the history" in line for line in s), timeout=30,
                                 what="the summary, saying the session is kept")
        said = " ".join(line.strip() for line in summary)
        assert "Session complete: Short" in said and "(Not a directory): the next start" in said
        first.keys("Escape")
        ended = first.wait_for(lambda s: any("EXITED 0" in line for line in s), what="the exit")
        assert "next start of hamstride offers to" in " ".join(line.strip() for line in ended)
        assert "/tmp/hamstride-unsaved" not in "".join(ended)
    finally:
        first.close()
    assert [p.parent.name for p in tmp_path.rglob("*.toml") if p.name != "short.toml"] == ["in-progress"]
    history.unlink()  # the disk has room again
    second = Terminal(tmp_path / "b", width=120)
    try:
        second.start([hamstride_command(), "run", str(path), "--backend", "silent"], env)
        second.wait_for(lambda s: any("Save (k)" in line for line in s), what="the offer to save it")
        second.keys("k")
        second.wait_for(lambda s: any("Plank" in line for line in s) and not any("Save (k)" in line for line in s),
                        what="the asked session, after the save")
    finally:
        second.close()
    [saved] = tomllib.loads(next(history.glob("20*.toml")).read_text())["session"]
    assert saved["status"] == "complete"


def test_two_windows_answering_the_check_at_once_start_the_nordics_in_one_only(tmp_path: Path) -> None:
    """Stop 36's leftover, walked: the first Nordic session in two terminals, both checks answered in the same
    instant. Each read the other's journal before it was written (a run journals from its first frame), and
    both sessions started: two eccentric sessions at once. One starts; the other holds, saying why."""
    env = app_env(tmp_path)
    terminals = [Terminal(tmp_path / name, width=100, height=34) for name in ("a", "b")]
    try:
        for terminal in terminals:
            terminal.home.mkdir()
            terminal.start([hamstride_command(), "run", "nordic-first", "--backend", "silent"], env)
        for terminal in terminals:
            terminal.wait_for(lambda s: any("soreness today" in line for line in s), what="the check")
            terminal.keys("0")
            terminal.wait_for(lambda s: any("A race or hard run" in line for line in s), what="the second question")
        for terminal in terminals:  # the last answer in both windows at once
            terminal.keys("n")
        screens = [terminal.wait_for(lambda s: any("Step 1 of" in line or "Not today" in line for line in s),
                                     what="the run or the verdict") for terminal in terminals]
        started = [any("Step 1 of" in line for line in screen) for screen in screens]
        assert started.count(True) == 1, screens
        held = screens[started.index(False)]
        assert "under way in another hamstride" in " ".join(" ".join(held).split()), held
    finally:
        for terminal in terminals:
            terminal.close()
