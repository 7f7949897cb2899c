"""Ten years of daily sessions (3,650 records): load, streaks, export, and the history screen's first draw."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import tomli_w

from hamstride.storage.history import HEADER, HistoryStore
from hamstride.storage.export import csv_text
from hamstride.storage.record_table import to_table
from hamstride.domain.stats import compute
from hamstride.ui.app import HamstrideApp
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
        (folder / f"{month}.toml").write_text(HEADER + tomli_w.dumps({"session": tables}))
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
    report(f"load all {DAYS} records again (parsed months cached)", best_and_median(store.load, repeat=3))
    report("streaks and totals, one pass", best_and_median(lambda: compute(records, NOW.date(), chart_weeks=26)))
    report("CSV export", best_and_median(lambda: csv_text(records), repeat=3))
    report("save one record into a full month (fsync + rename)",
           best_and_median(lambda: store.save(make_record(NOW - timedelta(days=1), record_id="bench")), repeat=5))


async def test_history_screen_first_draw_at_ten_years(tmp_path: Path) -> None:
    store = _ten_years(tmp_path / "history")
    app = HamstrideApp(store=store, wall=lambda: NOW, start="history")
    start = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        drawn = time.perf_counter() - start
        screen = app.screen
        assert isinstance(screen, HistoryScreen) and len(screen.records) == DAYS
    print(f"\n  history screen, mount to filled ({DAYS} records): {drawn * 1000:.0f} ms")
