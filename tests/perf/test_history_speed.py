"""Ten years of daily sessions (3,650 records): load, streaks, export, and the history screen's first draw."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from textual.app import App

from hamstride.domain.stats import compute
from hamstride.storage.export import csv_text
from hamstride.storage.history import HistoryStore, month_text
from hamstride.storage.record_table import to_table
from hamstride.ui.app import HamstrideApp, OpenHistory, OpenHome, Services
from hamstride.ui.screens.history import HistoryScreen
from tests.perf.bench import best_and_median, report
from tests.unit.helpers import make_record

NOW = datetime(2026, 11, 24, 19, tzinfo=timezone(timedelta(hours=1)))
DAYS = 3650


def _ten_years(folder: Path) -> HistoryStore:
    # Written month by month in one go: saving 3,650 times would only measure the fsyncs.
    months: dict[str, list[dict[str, object]]] = {}
    for n in range(DAYS):
        started = NOW - timedelta(days=DAYS - n)
        record = make_record(started, eccentric_reps=(12 if n % 3 else 0), rpe=6, soreness=2)
        months.setdefault(f"{started:%Y-%m}", []).append(to_table(record))
    folder.mkdir(parents=True)
    for month, tables in months.items():
        (folder / f"{month}.toml").write_text(month_text(tables))
    return HistoryStore(folder, lambda: NOW)


def _fresh(store: HistoryStore) -> HistoryStore:
    return HistoryStore(store.folder, lambda: NOW)


def test_history_at_ten_years(tmp_path: Path) -> None:
    store = _ten_years(tmp_path / "history")
    one_month = HistoryStore(tmp_path / "one", lambda: NOW)
    (tmp_path / "one").mkdir()
    latest = store.month_files()[-1]
    (tmp_path / "one" / latest.name).write_text(latest.read_text())
    records = store.load().records
    assert len(records) == DAYS
    print(f"\n  {len(store.month_files())} month files, {sum(p.stat().st_size for p in store.month_files()) // 1024} KiB")
    report("load one month", best_and_median(lambda: _fresh(one_month).load()))
    report(f"load all {DAYS} records, first time", best_and_median(lambda: _fresh(store).load(), repeat=3))
    report(f"load all {DAYS} records again (the database up to date)", best_and_median(store.load, repeat=3))
    cache = tmp_path / "cache"
    HistoryStore(store.folder, lambda: NOW, cache=cache).load()  # the run before filled the database in the cache folder
    report(f"load all {DAYS} records, a new run with the database of the run before",
           best_and_median(lambda: HistoryStore(store.folder, lambda: NOW, cache=cache).load(), repeat=5))
    report("streaks and totals, one pass", best_and_median(lambda: compute(records, NOW.date(), chart_weeks=26)))
    report("CSV export", best_and_median(lambda: csv_text(records), repeat=3))
    report("save one record into a full month (fsync + rename)",
           best_and_median(lambda: store.save(make_record(NOW - timedelta(days=1), record_id="bench")), repeat=5))


class _Drawn:
    """When a screen's figures were first drawn: the end of the first frame the app put out for
    the screen after its `_show` filled the widgets (Textual's public `App.post_display_hook`,
    called after each frame is composed and written; the headless test driver skips only the
    write itself). The first frame after a fill always carries it: the filled widgets are dirty."""

    def __init__(self, screen: type[Any]) -> None:
        self.screen = screen
        self.show = screen._show
        self.display = App.post_display_hook
        self.at: list[float] = []

    def __enter__(self) -> _Drawn:
        drawn, show, display = self, self.show, self.display
        filled: list[Any] = []  # screens filled and not drawn since

        def timed_show(screen: Any, *args: Any) -> None:
            show(screen, *args)
            filled.append(screen)

        def timed_display(app: App[Any]) -> None:
            display(app)
            if app.screen in filled:
                filled.remove(app.screen)
                drawn.at.append(time.perf_counter())

        self.screen._show = timed_show
        App.post_display_hook = timed_display  # type: ignore[method-assign,assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        self.screen._show = self.show
        App.post_display_hook = self.display  # type: ignore[method-assign]


class _Moments(_Drawn):
    """When the history screen mounted, and when the frame with its figures was drawn.

    The figures below also give the time to "idle" (pilot.pause: no CPU for 20 ms), which counts
    what runs after that frame too: the charts' modules loading in a thread and the collector's
    passes over the new records.
    """

    def __init__(self) -> None:
        super().__init__(HistoryScreen)
        self.mounted: list[float] = []
        self.drawn = self.at
        self._on_mount = HistoryScreen.on_mount

    def __enter__(self) -> _Moments:
        super().__enter__()
        moments, on_mount = self, self._on_mount

        def timed_mount(screen: HistoryScreen) -> None:
            moments.mounted.append(time.perf_counter())
            on_mount(screen)

        HistoryScreen.on_mount = timed_mount  # type: ignore[method-assign,assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        super().__exit__(*exc)
        HistoryScreen.on_mount = self._on_mount  # type: ignore[method-assign]


async def _screen_filled(store: HistoryStore) -> tuple[float, float, float]:
    """Seconds from the mount to the filled frame drawn, from the mount to idle, and from the app's start to idle."""
    with _Moments() as moments:
        app = HamstrideApp(OpenHistory(), services=Services(store=store, wall=lambda: NOW))
        start = time.perf_counter()
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            idle = time.perf_counter()
            screen = app.screen
            assert isinstance(screen, HistoryScreen) and len(screen.records) == DAYS
    mounted = moments.mounted[0]
    return moments.drawn[0] - mounted, idle - mounted, idle - start


async def _empty_screen_filled(folder: Path) -> tuple[float, float]:
    """The same, with no history at all: what the app and the screen cost before any record."""
    with _Moments() as moments:
        app = HamstrideApp(OpenHistory(), services=Services(store=HistoryStore(folder, lambda: NOW), wall=lambda: NOW))
        start = time.perf_counter()
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            idle = time.perf_counter()
    return moments.drawn[0] - moments.mounted[0], idle - start


async def _opened_from_home(store: HistoryStore, user: Path) -> tuple[float, float, float]:
    """The way in from the app: home is up (it has read the history for its streaks), `h` is pressed.
    Seconds from the key to the filled frame, to idle, and the process CPU to idle."""
    from hamstride import locations
    from hamstride.storage.library import load_library

    with _Moments() as moments:
        app = HamstrideApp(OpenHome(), services=Services(store=store, wall=lambda: NOW, library=lambda: load_library(locations.builtin_sessions(), user), user_folder=user))
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            start, cpu = time.perf_counter(), time.process_time()
            await pilot.press("h")
            await app.workers.wait_for_complete()
            await pilot.pause()
            idle, used = time.perf_counter() - start, time.process_time() - cpu
            screen = app.screen
            assert isinstance(screen, HistoryScreen) and len(screen.records) == DAYS
    return moments.drawn[0] - start, idle, used


async def _bare_screen_opened() -> tuple[list[float], list[float]]:
    """The peer: a bare Textual app opening a one-Static screen by a key, timed the same way (key to
    its frame drawn, key to idle): what any screen costs in this harness before its own work."""
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import Static

    class Plain(Screen[None]):
        def compose(self) -> ComposeResult:
            yield Static("a screen")

        def on_mount(self) -> None:
            self._show()

        def _show(self) -> None:
            pass  # the peer's frame is timed as ours: the first one put out after its `_show`

    class Bare(App[None]):
        BINDINGS = [("o", "open", "Open")]

        def compose(self) -> ComposeResult:
            yield Static("home")

        def action_open(self) -> None:
            self.push_screen(Plain())

    to_frame, to_idle = [], []
    app = Bare()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(7):
            start = time.perf_counter()
            with _Drawn(Plain) as frames:
                await pilot.press("o")
                await pilot.pause()
            to_idle.append(time.perf_counter() - start)
            to_frame.append(frames.at[0] - start)
            app.pop_screen()
            await pilot.pause()
    return to_frame, to_idle


def _ms(times: list[float]) -> str:
    """Median and best of the runs, in milliseconds."""
    ordered = sorted(times)
    return f"median {ordered[len(ordered) // 2] * 1000:.0f} ms (best {ordered[0] * 1000:.0f})"


async def test_history_screen_first_draw_at_ten_years(tmp_path: Path) -> None:
    store = _ten_years(tmp_path / "history")
    parsed = await _screen_filled(_fresh(store))
    cache = tmp_path / "cache"
    HistoryStore(store.folder, lambda: NOW, cache=cache).load()
    runs = 7
    cached = [await _screen_filled(HistoryStore(store.folder, lambda: NOW, cache=cache)) for _ in range(runs)]
    empty = [await _empty_screen_filled(tmp_path / "none") for _ in range(runs)]
    print(f"\n  history screen, {DAYS} records, parsing every month (no database yet): mount to filled frame "
          f"{parsed[0] * 1000:.0f} ms, app start to idle {parsed[2] * 1000:.0f} ms")
    print(f"  history screen, {DAYS} records, database of the run before ({runs} runs):")
    print(f"    mount to filled frame  {_ms([c[0] for c in cached])}")
    print(f"    mount to idle          {_ms([c[1] for c in cached])}")
    print(f"    app start to idle      {_ms([c[2] for c in cached])}")
    print(f"  no history at all: mount to filled frame {_ms([e[0] for e in empty])}, "
          f"app start to idle {_ms([e[1] for e in empty])}")
    (tmp_path / "sessions").mkdir()
    from_home = [await _opened_from_home(HistoryStore(store.folder, lambda: NOW, cache=cache), tmp_path / "sessions")
                 for _ in range(runs)]
    print(f"  opened from home (`h`), {DAYS} records: key to filled frame {_ms([h[0] for h in from_home])}; "
          f"key to idle {_ms([h[1] for h in from_home])}, process CPU {_ms([h[2] for h in from_home])}")
    bare_frame, bare_idle = await _bare_screen_opened()
    print(f"  peer, a bare Textual app opening a one-Static screen: key to frame {_ms(bare_frame)}; "
          f"key to idle {_ms(bare_idle)}")


async def test_charts_at_ten_years(tmp_path: Path) -> None:
    """Issue 14: the charts of ten years of history, figures and drawing."""
    from hamstride.domain.weekly import charts
    from hamstride.ui.screens.charts import ChartsScreen
    from hamstride.ui.widgets.chart import Chart

    store = _ten_years(tmp_path / "history")
    records = store.load().records
    for weeks in (4, 12, 26):
        report(f"chart figures, {weeks} weeks of {DAYS} records",
               best_and_median(lambda: charts(records, NOW.date(), weeks, 2)))  # noqa: B023
    app = HamstrideApp(OpenHistory(), services=Services(store=store, wall=lambda: NOW))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        opened: list[float] = []
        opened_cpu: list[float] = []
        opened_drawn: list[float] = []
        for attempt in range(5):  # each time a new charts screen: its figures and drawings anew
            if attempt:
                await pilot.press("escape")
                await pilot.pause()
            start, cpu = time.perf_counter(), time.process_time()
            with _Drawn(ChartsScreen) as drawn:
                await pilot.press("c")
                await pilot.pause()
            opened.append(time.perf_counter() - start)
            opened_cpu.append(time.process_time() - cpu)
            opened_drawn.append(drawn.at[0] - start)
            assert isinstance(app.screen, ChartsScreen)
        ranges: list[float] = []
        tabs: list[float] = []
        for key in ("r", "r", "r", "c", "c", "c") * 2:
            began = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            (ranges if key == "r" else tabs).append(time.perf_counter() - began)
        assert all(chart.charts is not None for chart in app.screen.query(Chart))
        # The tabs' underline slides for 0.3 s, and pilot.press waits for it: without the slide,
        # what a switch of chart costs to draw.
        app.animation_level = "none"
        still = []
        for key in ("c", "c", "c") * 2:
            began = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            still.append(time.perf_counter() - began)

    def median(times: list[float]) -> str:
        return f"{sorted(times)[len(times) // 2] * 1000:.0f} ms"

    empty = HamstrideApp(OpenHistory(), services=Services(store=HistoryStore(tmp_path / "none", lambda: NOW), wall=lambda: NOW))
    async with empty.run_test(size=(100, 30)) as pilot:
        await empty.workers.wait_for_complete()
        await pilot.pause()
        bare = []
        for attempt in range(5):
            if attempt:
                await pilot.press("escape")
                await pilot.pause()
            start = time.perf_counter()
            await pilot.press("c")
            await pilot.pause()
            bare.append(time.perf_counter() - start)
    print(f"  charts screen at 100x30: key to the frame with the charts drawn: median of 5 {median(opened_drawn)}")
    print(f"  charts screen at 100x30: key to idle: median of 5 {median(opened)}, process CPU "
          f"{median(opened_cpu)} ({median(bare)} with no history at all); a range switched and drawn: "
          f"median {median(ranges)}; a chart switched: median {median(tabs)} with the tab underline's 0.3 s "
          f"slide, {median(still)} without it")


def test_a_thousand_saves_into_one_month(tmp_path: Path) -> None:
    """Issue 13's goal: saving stays cheap as a month fills (it took 83-96 s before saves appended)."""
    history = HistoryStore(tmp_path / "history", lambda: NOW)
    start = NOW.replace(day=1, hour=6)
    times = []
    for n in range(1000):
        began = time.perf_counter()
        history.save(make_record(start + timedelta(minutes=n), record_id=f"s{n}", note="a note " * 5))
        times.append(time.perf_counter() - began)
    assert len(HistoryStore(tmp_path / "history", lambda: NOW).load().records) == 1000
    times.sort()
    print(f"\n  1,000 saves into one month: {sum(times):.2f} s in all; per save p50 {times[500] * 1000:.1f} ms, "
          f"p95 {times[950] * 1000:.1f} ms, last-quartile max {max(times[750:]) * 1000:.1f} ms")
