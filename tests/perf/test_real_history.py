"""Issue 25: histories of real records (tests/perf/real_history.py) at 1, 5 and 10 years.

Printed, never asserted: the history screen filled cold (no cache: the first open after an install,
a new Python, a deleted cache) and warm (the cache the run before left), the charts, the report and
the CSV export as the command line runs them, home with ten years, and a save into a month of 1,000
records, and the report and `show` with a programme running. Run with `flock /tmp/hamstride-suite.lock .venv/bin/python -m pytest tests/perf/test_real_history.py -s -p no:randomly`.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import statistics
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from textual.app import App

from hamstride.cli import main
from hamstride.storage.history import HistoryStore
from hamstride.ui.app import HamstrideApp, OpenHistory, OpenHome, Services
from hamstride.ui.screens.history import HistoryScreen
from tests.perf.real_history import real_records, write_history

NOW = datetime(2026, 11, 24, 19, tzinfo=timezone(timedelta(hours=1)))


def _ms(times: list[float]) -> str:
    return f"median {statistics.median(times) * 1000:7.0f} ms (best {min(times) * 1000:.0f}, n={len(times)})"


class _Filled:
    """When the history screen mounted and when the first frame after its figures were shown went out."""

    def __init__(self, screen: type[Any], show: str) -> None:
        self.screen, self.name = screen, show
        self.show = getattr(screen, show)
        self.display = App.post_display_hook  # Textual's public hook after each frame
        self.mounted: list[float] = []
        self.drawn: list[float] = []

    def __enter__(self) -> _Filled:
        moments, show, display = self, self.show, self.display
        filled: list[Any] = []
        mount = self.screen.on_mount

        def timed_mount(screen: Any) -> None:
            moments.mounted.append(time.perf_counter())
            mount(screen)

        def timed_show(screen: Any, *args: Any, **kwargs: Any) -> None:
            show(screen, *args, **kwargs)
            filled.append(screen)

        def timed_display(app: App[Any]) -> None:
            display(app)
            if app.screen in filled:
                filled.remove(app.screen)
                moments.drawn.append(time.perf_counter())

        self.mount = mount
        self.screen.on_mount = timed_mount
        setattr(self.screen, self.name, timed_show)
        App.post_display_hook = timed_display  # type: ignore[method-assign,assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        setattr(self.screen, self.name, self.show)
        self.screen.on_mount = self.mount
        App.post_display_hook = self.display  # type: ignore[method-assign]


def _store(home: Path) -> HistoryStore:
    return HistoryStore(home / "data" / "history", lambda: NOW, cache=home / "cache")


async def _history_screen(home: Path) -> tuple[float, float, float]:
    """Mount to the first frame with sessions in it (cold: the newest months read so far), mount to
    the last filled frame (the whole history shown), and app start to idle."""
    with _Filled(HistoryScreen, "_show") as moments:
        app = HamstrideApp(OpenHistory(), services=Services(store=_store(home), wall=lambda: NOW))
        start = time.perf_counter()
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            idle = time.perf_counter()
    mounted = moments.mounted[0]
    return moments.drawn[0] - mounted, moments.drawn[-1] - mounted, idle - start


async def _charts(home: Path) -> list[float]:
    """Key `c` on the history screen to the charts drawn, five times."""
    from hamstride.ui.screens.charts import ChartsScreen

    times = []
    app = HamstrideApp(OpenHistory(), services=Services(store=_store(home), wall=lambda: NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for attempt in range(5):
            if attempt:
                await pilot.press("escape")
                await pilot.pause()
            start = time.perf_counter()
            await pilot.press("c")
            await app.workers.wait_for_complete()
            await pilot.pause()
            times.append(time.perf_counter() - start)
            assert isinstance(app.screen, ChartsScreen)
    return times


async def _home(home: Path, user: Path) -> tuple[float, float]:
    """Home with the history: app start to idle (its streaks and advice filled), and the CPU it took."""
    from hamstride import locations
    from hamstride.storage.library import load_library

    app = HamstrideApp(OpenHome(), services=Services(
        store=_store(home), wall=lambda: NOW,
        library=lambda: load_library(locations.builtin_sessions(), user), user_folder=user))
    start, cpu = time.perf_counter(), time.process_time()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        return time.perf_counter() - start, time.process_time() - cpu


# `hamstride history` as a runner starts it, run headless: the child notes (CLOCK_MONOTONIC, the
# machine's) when the first sessions were shown and when the whole history was, after the frame.
WHOLE_PROCESS = """
import asyncio, io, sys, time
import textual.app
from hamstride.ui.screens.history import HistoryScreen

class Terminal(io.TextIOWrapper):
    def isatty(self):
        return True

sys.stdout = Terminal(sys.stdout.buffer, encoding="utf-8", line_buffering=True)
sys.stdin = Terminal(open("/dev/null", "rb"))
moments = []
show = HistoryScreen._show

def noted(screen, shown, *args, **kwargs):
    show(screen, shown, *args, **kwargs)
    if len(shown.rows):
        screen.call_after_refresh(lambda: moments.append(time.monotonic()))

HistoryScreen._show = noted

def run(app, *args, **kwargs):
    async def filled():
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.pause()
    asyncio.run(filled())
    print("MOMENTS", moments[0], moments[-1])

textual.app.App.run = run
sys.argv = ["hamstride", *sys.argv[1:]]
from hamstride.launch import main
sys.exit(main())
"""


def _whole_process(home: Path) -> tuple[float, float]:
    """`hamstride history` from the process's start to the first sessions shown, and to all of them."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "HAMSTRIDE_HOME": str(home / "hh"), "TERM": "xterm-256color"}
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", WHOLE_PROCESS, "--data-dir", str(home), "history"],
                          capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    first, last = (float(n) for n in done.stdout.split("MOMENTS", 1)[1].split()[:2])
    return first - start, last - start


def _process(*argv: str) -> float:
    """The command as a runner runs it: a new process, from its start to its exit."""
    import subprocess
    import sys

    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "hamstride", *argv], capture_output=True, timeout=300)
    took = time.perf_counter() - start
    assert done.returncode == 0, done.stderr
    return took


def _command(*argv: str) -> float:
    out = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(list(argv))
    took = time.perf_counter() - start
    assert code == 0
    return took


@pytest.fixture(scope="module")
def homes(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    root = tmp_path_factory.mktemp("real")
    records = real_records(3650, NOW, root)
    made = {}
    for years in (1, 5, 10):
        home = root / f"{years}y"
        write_history(home / "data" / "history", records[-365 * years:])
        made[years] = home
    return made


@pytest.mark.parametrize("years", [1, 5, 10])
async def test_history_screen(homes: dict[int, Path], years: int) -> None:
    home = homes[years]
    files = sorted((home / "data" / "history").glob("*.toml"))
    size = sum(p.stat().st_size for p in files) / 2**20
    cold = []
    for _ in range(3):
        shutil.rmtree(home / "cache", ignore_errors=True)
        cold.append(await _history_screen(home))
    warm = [await _history_screen(home) for _ in range(5)]
    print(f"\n  {years:2} years ({365 * years} real records, {len(files)} months, {size:.1f} MiB of TOML)")
    print(f"    history screen, cold: mount to first rows {_ms([c[0] for c in cold])}; "
          f"to the screen complete {_ms([c[1] for c in cold])}; app start to idle {_ms([c[2] for c in cold])}")
    print(f"    history screen, warm: mount to filled frame {_ms([w[1] for w in warm])}; "
          f"app start to idle {_ms([w[2] for w in warm])}")
    whole = []
    for _ in range(3):
        shutil.rmtree(home / "cache", ignore_errors=True)
        whole.append(_whole_process(home))
    warm_whole = [_whole_process(home) for _ in range(3)]
    print(f"    `hamstride history`, whole process, cold: first rows {_ms([w[0] for w in whole])}; "
          f"screen complete {_ms([w[1] for w in whole])}; warm: filled {_ms([w[1] for w in warm_whole])}")
    print(f"    charts (key c to idle, warm): {_ms(await _charts(home))}")
    for label, argv in (("report --weeks 12", ("report", "--weeks", "12")),
                        ("history --export csv", ("history", "--export", "csv", "--output", str(home / "out.csv")))):
        cold_runs = []
        for _ in range(2):
            shutil.rmtree(home / "cache", ignore_errors=True)
            cold_runs.append(_command("--data-dir", str(home), *argv))
        warm_runs = [_command("--data-dir", str(home), *argv) for _ in range(5)]
        processes = [_process("--data-dir", str(home), *argv) for _ in range(5)]
        print(f"    {label:<22} cold {_ms(cold_runs)}; warm {_ms(warm_runs)} (in the test's process); "
              f"warm, whole process {_ms(processes)}")
    if years == 10:
        user = home / "config" / "sessions"
        user.mkdir(parents=True, exist_ok=True)
        runs = [await _home(home, user) for _ in range(5)]
        empty = homes[1].parent / "empty"
        (empty / "data" / "history").mkdir(parents=True, exist_ok=True)
        bare = [await _home(empty, user) for _ in range(5)]
        print(f"    home, warm: start to idle {_ms([r[0] for r in runs])}, CPU {_ms([r[1] for r in runs])}; "
              f"with no history: start to idle {_ms([b[0] for b in bare])}, CPU {_ms([b[1] for b in bare])}")


def test_report_with_a_programme_running(tmp_path: Path) -> None:
    """Ten years as above, the programme's sessions carrying the week they showed (as the app writes
    them): the report draws the programme's map, replaying it from its first session; `show` names
    today's week the same way."""
    records = [replace(r, week=1) if r.session == "nordic-programme" else r
               for r in real_records(3650, NOW, tmp_path)]
    home = tmp_path / "10y-programme"
    write_history(home / "data" / "history", records)
    argv = ("--data-dir", str(home), "report", "--weeks", "12")
    cold = []
    for _ in range(2):
        shutil.rmtree(home / "cache", ignore_errors=True)
        cold.append(_command(*argv))
    warm = [_command(*argv) for _ in range(5)]
    processes = [_process(*argv) for _ in range(5)]
    shows = [_process("--data-dir", str(home), "show", "nordic-programme") for _ in range(5)]
    print(f"\n  10 years, a programme running ({sum(1 for r in records if r.week)} of its sessions)"
          f"\n    report --weeks 12      cold {_ms(cold)}; warm {_ms(warm)} (in the test's process); "
          f"warm, whole process {_ms(processes)}"
          f"\n    show nordic-programme  warm, whole process {_ms(shows)}")


def test_save_into_a_month_of_a_thousand(tmp_path: Path) -> None:
    """A new run saves into a month already holding 1,000 real records (each save a new process's store)."""
    records = real_records(1000, NOW, tmp_path)
    month = [replace(r, started=NOW.replace(day=1, hour=0) + timedelta(minutes=30 * n),
                     ended=NOW.replace(day=1, hour=0) + timedelta(minutes=30 * n + 10)) for n, r in enumerate(records)]
    home = tmp_path / "home"
    write_history(home / "data" / "history", month)
    _store(home).load()  # the run before filled the cache
    times = []
    for n in range(7):
        store = _store(home)
        record = replace(month[n], id=f"new{n}", started=NOW - timedelta(hours=1), ended=NOW)
        start = time.perf_counter()
        store.save(record)
        times.append(time.perf_counter() - start)
    size = sum(p.stat().st_size for p in (home / "data" / "history").glob("*.toml")) // 1024
    print(f"\n  save into a month of 1,000 real records ({size} KiB), a new store each time: {_ms(times)}")
