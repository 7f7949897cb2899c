"""The history screen's first frame: filled at once when the months are at hand, never half-drawn.

The store here is a real one on real files; its thread-side `load` waits at a gate, so a test
can tell a screen filled before its first frame from one that waited for the loading thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from hamstride.storage.history import HistoryStore, month_text
from hamstride.storage.library import load_library
from hamstride.storage.record_table import to_table
from hamstride.ui.app import HamstrideApp, OpenHistory, OpenHome, Services
from hamstride.ui.screens import history as history_screen
from hamstride.ui.screens.history import HistoryScreen, RecordScreen
from hamstride.ui.widgets.session_list import SessionList
from tests.unit.helpers import make_record

OFFSET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 24, 18, 0, tzinfo=OFFSET)  # a Tuesday


class GatedStore(HistoryStore):
    """A history store that reads each month only when the test lets it (one release, one month)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder, lambda: NOW)
        self.gate = threading.Semaphore(0)
        self.months_read = 0
        self.closed = False

    def read_into_db(self, path: Path, latest: datetime, problems: list[str]) -> None:
        if not self.closed:
            self.gate.acquire(timeout=30)
        self.months_read += 1
        super().read_into_db(path, latest, problems)

    def open_all(self) -> None:
        self.closed = True
        self.gate.release(100)


def a_history(folder: Path) -> None:
    store = HistoryStore(folder, lambda: NOW)
    for n in range(1, 6):
        store.save(make_record(NOW - timedelta(days=n), record_id=f"r{n}", eccentric_reps=12))


def stats_text(app: HamstrideApp) -> str:
    return str(app.screen.query_one("#stats", Static).render())


async def test_months_at_hand_fill_the_screen_before_its_first_frame(tmp_path: Path) -> None:
    a_history(tmp_path / "history")
    store = GatedStore(tmp_path / "history")
    store.gate.release()
    store.load()  # the month read once (as home does, or the run before, into the cache folder's database)
    reads = store.months_read
    app = HamstrideApp(OpenHistory(), services=Services(store=store, wall=lambda: NOW))
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HistoryScreen)
            # Filled from the database, no month read: nothing to wait for, no "Reading" frame first.
            assert "This week: 1 of 2 sessions" in stats_text(app)
            assert app.screen.query_one(SessionList).row_count == 5
            assert store.months_read == reads
    finally:
        store.open_all()


def months_back(folder: Path, months: int) -> None:
    """A session in each of the last `months` months, in a history written by hand (no database)."""
    folder.mkdir(parents=True)
    for n in range(months):
        started = (NOW.replace(day=15) - timedelta(days=31 * n)).replace(day=15)
        record = make_record(started, record_id=f"m{n}", eccentric_reps=12)
        (folder / f"{started:%Y-%m}.toml").write_text(month_text([to_table(record)]))


async def test_a_first_open_shows_which_month_it_reads_and_what_is_read_so_far(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(history_screen, "SHOW_READ_EVERY", 0.0)
    months_back(tmp_path / "history", 4)
    store = GatedStore(tmp_path / "history")  # a first open: no database yet, every month to read
    app = HamstrideApp(OpenHistory(), services=Services(store=store, wall=lambda: NOW))
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert stats_text(app) == "Reading the history: 2026-11 (0 of 4 months)…"  # newest first
            store.gate.release()  # November read
            await wait_for(pilot, lambda: "2026-10 (1 of 4" in stats_text(app))
            assert app.screen.query_one(SessionList).row_count == 1  # what is read so far, listed
            await pilot.press("enter")  # and used: the session read so far opens
            await pilot.pause()
            assert isinstance(app.screen, RecordScreen) and app.screen.record.id == "m0"
            await pilot.press("escape")
            store.gate.release()
            await wait_for(pilot, lambda: "2026-09 (2 of 4" in stats_text(app))
            assert app.screen.query_one(SessionList).row_count == 2
            await pilot.press("down")  # the runner moves to the older session...
            store.gate.release()
            await wait_for(pilot, lambda: "2026-08 (3 of 4" in stats_text(app))
            listed = app.screen.query_one(SessionList)
            assert listed.row_count == 3 and listed.record_at(listed.cursor_row).id == "m1"  # ...and stays on it
            store.open_all()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "Reading" not in stats_text(app) and "4 sessions" in stats_text(app)
            assert app.screen.query_one(SessionList).row_count == 4
    finally:
        store.open_all()


async def test_home_opens_while_a_first_read_is_under_way_and_the_history_shows_how_far_it_got(
        tmp_path: Path) -> None:
    months_back(tmp_path / "history", 3)
    store = GatedStore(tmp_path / "history")
    user = tmp_path / "sessions"
    user.mkdir()
    app = HamstrideApp(OpenHome(), services=Services(store=store, wall=lambda: NOW,
                                                     library=lambda: load_library(None, user), user_folder=user))
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert app.screen.__class__.__name__ == "HomeScreen"  # up and answering keys, no month read yet
            await wait_for(pilot, lambda: any(w.group == "home-history" for w in app.workers))
            assert store.months_read == 0
            await pilot.press("h")  # home's thread is reading: the history screen hears how far it got
            await pilot.pause()
            assert isinstance(app.screen, HistoryScreen)
            store.gate.release()
            await wait_for(pilot, lambda: "Reading the history: 2026-10 (1 of 3 months)" in stats_text(app))
            assert app.screen.query_one(SessionList).row_count == 1
            store.open_all()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "3 sessions" in stats_text(app) and "Reading" not in stats_text(app)
    finally:
        store.open_all()


async def wait_for(pilot: Pilot[Any], condition: Callable[[], bool]) -> None:
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("not reached")


async def test_with_no_run_to_offer_the_history_is_the_apps_first_screen_and_q_ends_the_app(tmp_path: Path) -> None:
    """`hamstride history` with no run left to offer: the history is the app's first screen, filled in the
    app's first frame (pushed over an empty screen on mount, its first paint waited for a later frame),
    and closing it ends the app as it did when it was pushed."""
    a_history(tmp_path / "history")
    store = HistoryStore(tmp_path / "history", lambda: NOW)
    store.load()
    app = HamstrideApp(OpenHistory(), services=Services(store=store, wall=lambda: NOW))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert [type(screen) for screen in app.screen_stack] == [HistoryScreen]
        assert app.screen.query_one(SessionList).row_count == 5
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0 and app.return_value is None
