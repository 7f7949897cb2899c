"""A cold history read by two processes (month_helper.py) is the history read by one, only sooner.

Invariants (Hypothesis, over random histories of 30-60 months of real records, some values damaged,
some months unparseable, cut short or empty, the helper killed at a random moment or not at all):
- the database holds, row for row, what the single-process build holds (itself pinned to the plain
  way of reading a month by test_cold_build.py), and marks the same months clean;
- the same problems are said, once each, in the same order;
- the folder ends as the single-process build leaves it: a month that does not parse is moved aside
  once, its bytes unchanged;
- no helper process is left once the read is over.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamstride.storage.history import HistoryStore
from hamstride.storage.month_text import month_text
from tests.unit.test_cold_build import KEYS, NOW, PLACES, VALUES, _damaged, _real_tables

pytestmark = pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="a helper needs a second core")

# The real helper, run as the app runs it, noting each line it says (and killed when asked).
HELPER = """
import os, signal, sys, threading, time
from hamstride.storage import month_helper
log, kill_after, kill_ms, pause = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
del sys.argv[1:5]
with open(log, "a") as out:
    out.write(f"{os.getpid()} - started\\n")
if kill_ms >= 0:
    threading.Timer(kill_ms / 1000, os.kill, (os.getpid(), signal.SIGKILL)).start()
say, lines = month_helper._say, [0]
def noted(month, problems):
    time.sleep(pause)
    say(month, problems)
    with open(log, "a") as out:
        out.write(f"{os.getpid()} {month} {'took' if problems is None else 'read'}\\n")
    lines[0] += 1
    if lines[0] == kill_after:
        os.kill(os.getpid(), signal.SIGKILL)
month_helper._say = noted
sys.exit(month_helper.main(sys.argv[1:]))
"""


def _helper(log: Path, kill_after: int = -1, kill_ms: float = -1, pause: float = 0) -> list[str]:
    return [sys.executable, "-P", "-c", HELPER, str(log), str(kill_after), str(kill_ms), str(pause)]


def _noted(log: Path) -> list[tuple[int, str, str]]:
    if not log.exists():
        return []
    return [(int(pid), month, what) for pid, month, what in (line.split() for line in log.read_text().splitlines())]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _write(folder: Path, months: list[tuple[list[dict[str, Any]], str]]) -> None:
    folder.mkdir(parents=True)
    for back, (tables, state) in enumerate(months):
        year, month = divmod(NOW.year * 12 + NOW.month - 1 - back, 12)
        text = month_text(tables)
        if state == "garbage":
            text = text.replace("\n", "\nid = = 1\n", 1)
        elif state == "cut":
            text = text[: len(text) // 2]
        elif state == "empty":
            text = ""
        (folder / f"{year:04}-{month + 1:02}.toml").write_text(text)


def _build(folder: Path, cache: Path, helper: list[str] | None, pause: float = 0) -> tuple[Any, ...]:
    store = HistoryStore(folder, lambda: NOW, cache=cache)
    if helper is None:
        store.helper_from = 10**9
    else:
        store.helper_from, store.helper_command = 2, helper
    said = store.sync(lambda month, done, of: time.sleep(pause))
    assert store.db.path is not None
    with sqlite3.connect(store.db.path) as db:
        rows = db.execute("SELECT * FROM sessions ORDER BY month, pos").fetchall()
        months = db.execute("SELECT name, size, digest, clean FROM months ORDER BY name").fetchall()
    db.close()
    files = {path.name: path.read_bytes() for path in sorted(folder.iterdir())}
    return said, rows, months, files


def _month(model: int, count: int, damage: list[Any], back: int) -> list[dict[str, Any]]:
    tables = []
    for n in range(count):
        started = NOW - timedelta(days=31 * back + 1, minutes=n)
        table = dict(_real_tables()[model], id=f"s{back}-{n}", started=started, ended=started + timedelta(minutes=20))
        for place, key, value in damage if n == 0 else ():
            table = _damaged(table, place, key, value)
        tables.append(table)
    return tables


histories = st.lists(
    st.tuples(st.integers(0, 3), st.integers(1, 2), st.lists(st.tuples(PLACES, KEYS, VALUES), max_size=1),
              st.sampled_from(["whole"] * 8 + ["garbage", "cut", "empty"])),
    min_size=30, max_size=60)
deaths = st.one_of(st.just((-1, -1.0)), st.tuples(st.integers(1, 80), st.just(-1.0)),
                   st.tuples(st.just(-1), st.floats(0, 400)))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=histories, death=deaths)
def test_a_history_read_with_a_helper_is_the_history_read_by_one_process(
        history: list[tuple[int, int, list[Any], str]], death: tuple[int, float]) -> None:
    months = [(_month(model, count, damage, back), state)
              for back, (model, count, damage, state) in enumerate(history)]
    with tempfile.TemporaryDirectory() as scratch:
        one, two = Path(scratch) / "one", Path(scratch) / "two"
        _write(one / "history", months)
        shutil.copytree(one, two)
        said, rows, known, files = _build(one / "history", one / "cache", None)
        log = Path(scratch) / "helper.log"
        said2, rows2, known2, files2 = _build(two / "history", two / "cache", _helper(log, *death), pause=0.003)
        noted = _noted(log)
    assert list(said2) == [problem.replace(str(one), str(two)) for problem in said]
    assert rows2 == rows
    assert known2 == known
    assert files2 == files
    assert not any(_alive(pid) for pid, _, _ in noted)


def test_the_helper_reads_the_oldest_months_while_the_app_reads_the_newest(tmp_path: Path) -> None:
    months = [(_month(back % 4, 2, [], back), "whole") for back in range(40)]
    _write(tmp_path / "history", months)
    log = tmp_path / "helper.log"
    said, rows, _, _ = _build(tmp_path / "history", tmp_path / "cache", _helper(log), pause=0.01)
    read = [month for _, month, what in _noted(log) if what == "read"]
    assert said == () and len(rows) == 80
    assert read and read == sorted(read) and read[0] == min(p.name for p in (tmp_path / "history").glob("*.toml"))
    assert len(read) < 40  # the app read the newest meanwhile


def test_one_core_reads_alone(tmp_path: Path) -> None:
    months = [(_month(back % 4, 1, [], back), "whole") for back in range(30)]
    _write(tmp_path / "history", months)
    log = tmp_path / "helper.log"
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(cores)})  # this thread, the one that reads, on one core
    try:
        _, rows, _, _ = _build(tmp_path / "history", tmp_path / "cache", _helper(log), pause=0.01)
    finally:
        os.sched_setaffinity(0, cores)
    assert len(rows) == 30
    assert not log.exists()


def test_a_helper_that_fails_or_says_what_it_did_not_do_changes_nothing_and_prints_nothing(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    months = [(_month(back % 4, 1, [], back), "whole" if back != 35 else "garbage") for back in range(40)]
    _write(tmp_path / "one" / "history", months)
    shutil.copytree(tmp_path / "one", tmp_path / "two")
    oldest = min(p.name for p in (tmp_path / "one" / "history").glob("*.toml"))
    liar = [sys.executable, "-c", "import sys; print('not json'); "
            f"print('{{\"month\": \"{oldest}\", \"problems\": []}}', flush=True); "
            "sys.stderr.write('Traceback: a helper in trouble\\n'); print('\\x1b[2J on the screen'); sys.exit(3)"]
    expected = _build(tmp_path / "one" / "history", tmp_path / "one" / "cache", None)
    got = _build(tmp_path / "two" / "history", tmp_path / "two" / "cache", liar, pause=0.005)
    assert got[1:] == expected[1:]
    assert list(got[0]) == [p.replace(str(tmp_path / "one"), str(tmp_path / "two")) for p in expected[0]]
    assert len(got[0]) == 1 and "could not be read" in got[0][0]  # the month that does not parse: once
    assert capfd.readouterr() == ("", "")


def test_a_helper_stops_when_the_app_is_gone(tmp_path: Path) -> None:
    """The app killed mid-read (or quit): its helper ends at the next month, not at the last."""
    months = [(_month(back % 4, 1, [], back), "whole") for back in range(60)]
    _write(tmp_path / "history", months)
    log = tmp_path / "helper.log"
    app = subprocess.Popen([sys.executable, "-c", f"""
import sys, time
from pathlib import Path
from hamstride.storage.history import HistoryStore
from tests.unit.test_cold_build import NOW
store = HistoryStore(Path({str(tmp_path / "history")!r}), lambda: NOW, cache=Path({str(tmp_path / "cache")!r}))
store.helper_from, store.helper_command = 2, {_helper(log, pause=0.05)!r}
calls = []
def stuck(month, done, of):  # the app stuck at its third month (the helper starts after the first), then killed
    calls.append(month)
    time.sleep(3600 if len(calls) > 2 else 0)
store.sync(stuck)
"""], cwd=Path(__file__).parent.parent.parent)
    try:
        deadline = time.monotonic() + 30
        while not _noted(log) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _noted(log), "the helper never started"
    finally:
        app.kill()
        app.wait()
    pid = _noted(log)[0][0]
    deadline = time.monotonic() + 5
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not _alive(pid)
    assert len({month for _, month, _ in _noted(log)}) < 30  # it stopped, rather than reading them all


async def test_quitting_the_history_screen_mid_read_leaves_no_helper(tmp_path: Path) -> None:
    from hamstride.ui.app import HamstrideApp, OpenHistory, Services

    months = [(_month(back % 4, 12, [], back), "whole") for back in range(60)]
    _write(tmp_path / "history", months)
    log = tmp_path / "helper.log"
    store = HistoryStore(tmp_path / "history", lambda: NOW, cache=tmp_path / "cache")
    store.helper_from, store.helper_command = 2, _helper(log, pause=0.03)
    app = HamstrideApp(OpenHistory(), services=Services(store=store, wall=lambda: NOW))
    async with app.run_test(size=(100, 30)) as pilot:
        deadline = time.monotonic() + 30
        while not _noted(log) and time.monotonic() < deadline:
            await pilot.pause(0.02)
        await pilot.press("q")
    assert _noted(log), "the helper never started"
    pid = _noted(log)[0][0]
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid)
    # What was read is whole and kept (on a busy machine the read can end with the app), and the
    # next open reads the rest: nothing twice, nothing lost.
    assert all(known.clean for known in store.db.months().values())
    again = HistoryStore(tmp_path / "history", lambda: NOW, cache=tmp_path / "cache")
    again.helper_from = 10_000
    assert again.sync() == ()
    assert len(again.db.months()) == 60 and all(known.clean for known in again.db.months().values())


def test_the_helper_never_makes_rebuilds_or_deletes_the_database(tmp_path: Path) -> None:
    from hamstride.storage.history_db import HistoryDB

    missing = tmp_path / "gone.sqlite3"
    joined = HistoryDB(missing, joined=True)
    assert joined.months() == {} and joined.path is None  # it stops; the app reads every month
    assert not missing.exists()
    foreign = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE months (x)")
        db.execute("PRAGMA user_version = 99")
    db.close()
    before = foreign.read_bytes()
    joined = HistoryDB(foreign, joined=True)
    assert joined.months() == {} and joined.path is None
    assert foreign.read_bytes() == before
