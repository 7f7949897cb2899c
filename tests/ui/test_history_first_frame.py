"""The history screen's first frame: filled at once when the months are at hand, never half-drawn.

The store here is a real one on real files; its thread-side `load` waits at a gate, so a test
can tell a screen filled before its first frame from one that waited for the loading thread.
"""

from __future__ import annotations

import gc
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

from textual.widgets import Static

from hamstride.storage.history import HistoryStore, Loaded
from hamstride.ui.app import HamstrideApp, OpenHistory, OpenHome, Services
from hamstride.ui.screens.history import HistoryScreen, RecordScreen
from hamstride.ui.widgets.session_list import SessionList
from tests.unit.helpers import make_record

OFFSET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 24, 18, 0, tzinfo=OFFSET)  # a Tuesday


class GatedStore(HistoryStore):
    """A history store whose full load (the one that may parse) waits until the gate opens."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder, lambda: NOW)
        self.gate = threading.Event()
        self.full_loads = 0

    def load(self) -> Loaded:
        self.full_loads += 1
        self.gate.wait(timeout=30)
        return super().load()


def a_history(folder: Path) -> None:
    store = HistoryStore(folder, lambda: NOW)
    for n in range(1, 6):
        store.save(make_record(NOW - timedelta(days=n), record_id=f"r{n}", eccentric_reps=12))


def stats_text(app: HamstrideApp) -> str:
    return str(app.screen.query_one("#stats", Static).render())


async def test_months_at_hand_fill_the_screen_before_its_first_frame(tmp_path: Path) -> None:
    a_history(tmp_path / "history")
    store = GatedStore(tmp_path / "history")
    HistoryStore.load(store)  # parsed once (as home does, or the run before with the months cache)
    app = HamstrideApp(OpenHistory(), services=Services(store=store, wall=lambda: NOW))
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HistoryScreen)
            # Filled, with the loading thread's load never called: nothing to wait for, no
            # "Loading" frame first.
            assert "This week: 1 of 2 sessions" in stats_text(app)
            assert app.screen.query_one(SessionList).row_count == 5
            assert store.full_loads == 0
    finally:
        store.gate.set()


async def test_a_month_to_parse_shows_loading_then_everything_at_once(tmp_path: Path) -> None:
    a_history(tmp_path / "history")
    store = GatedStore(tmp_path / "history")  # a new run without a months cache: every month to parse
    app = HamstrideApp(OpenHistory(), services=Services(store=store, wall=lambda: NOW))
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert stats_text(app) == "Loading the history…"
            assert app.screen.query_one(SessionList).row_count == 0  # no figure before all of them
            store.gate.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "This week: 1 of 2 sessions" in stats_text(app)
            assert app.screen.query_one(SessionList).row_count == 5
            assert store.full_loads == 1
    finally:
        store.gate.set()


class Watched(HistoryScreen):
    """Notes whether the collector was on as its mount ended, before the first frame."""

    collector_on_at_mount: bool | None = None

    def on_mount(self) -> None:
        super().on_mount()
        Watched.collector_on_at_mount = gc.isenabled()


async def test_the_collector_waits_for_the_filled_frame_then_runs_again(tmp_path: Path) -> None:
    a_history(tmp_path / "history")
    store = HistoryStore(tmp_path / "history", lambda: NOW)
    store.load()
    app = HamstrideApp(OpenHome(), services=Services(store=store, wall=lambda: NOW))
    assert gc.isenabled()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()  # home's own load, which holds the collector off while it builds
        await pilot.pause()
        await app.push_screen(Watched(store, lambda: NOW))
        await pilot.pause()
        assert Watched.collector_on_at_mount is False  # held off while the figures were drawn
        assert gc.isenabled()  # and on again after the frame
        app.pop_screen()
        await pilot.pause()
        # Closed before its first frame: the collector is not left off.
        app.push_screen(Watched(store, lambda: NOW))
        app.pop_screen()
        await pilot.pause()
        assert gc.isenabled()
        # Covered before its first frame (another screen on top at once): nor is it left off under it.
        await app.push_screen(Watched(store, lambda: NOW))
        app.push_screen(RecordScreen(store.load().records[-1]))
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen) and gc.isenabled()


async def test_a_collector_held_off_by_the_command_is_left_to_it(tmp_path: Path) -> None:
    a_history(tmp_path / "history")
    store = HistoryStore(tmp_path / "history", lambda: NOW)
    store.load()
    app = HamstrideApp(OpenHome(), services=Services(store=store, wall=lambda: NOW))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        gc.disable()  # as the command holds it off until its first frame
        try:
            await app.push_screen(Watched(store, lambda: NOW))
            await pilot.pause()
            assert not gc.isenabled()
        finally:
            gc.enable()
