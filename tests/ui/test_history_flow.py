"""The history in the app: the summary saves, a crash is offered back, the history screen draws."""

from __future__ import annotations

import os
import tomllib
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from textual.widgets import Input, Sparkline, Static

from hamstride import locations
from hamstride.audio.clips import SoundBank
from hamstride.audio.player import CuePlayer
from hamstride.domain.engine import Engine
from hamstride.domain.model import Category, Exercise
from hamstride.domain.plan import build_timeline
from hamstride.storage.history import HistoryStore
from hamstride.storage.loader import load_session
from hamstride.ui.app import HamstrideApp, OpenHistory, OpenRun, Services, Settings
from hamstride.ui.screens.history import HistoryScreen, RecordScreen
from hamstride.ui.screens.resume import ResumeScreen
from hamstride.ui.screens.run import RunScreen
from hamstride.ui.screens.summary import SummaryScreen
from hamstride.ui.services import given
from hamstride.ui.stops import closing_line
from hamstride.ui.widgets.heatmap import Heatmap
from hamstride.ui.widgets.session_list import SessionList
from tests.ui.helpers import RecordingBackend, resumed
from tests.unit.helpers import FakeClock, leave_journal, make_record

OFFSET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 24, 18, 0, tzinfo=OFFSET)  # a Tuesday

SESSION = """
title = "Tiny"
[[steps]]
name = "Nordic"
tempo = "2-0-1-0"
reps = 2
eccentric = true
lead_in = 1
[[steps]]
name = "Plank"
hold = 3
lead_in = 1
"""


def build(tmp_path: Path, settings: Settings | None = None) -> tuple[HamstrideApp, FakeClock, HistoryStore]:
    path = tmp_path / "tiny.toml"
    path.write_text(SESSION)
    clock = FakeClock()
    store = HistoryStore(tmp_path / "history", lambda: NOW)
    player = CuePlayer(SoundBank(locations.sounds()), [RecordingBackend()], threaded=False)
    app = HamstrideApp(OpenRun(load_session(path)), settings, services=Services(clock=clock, wall=lambda: NOW, player=given(player), store=store))
    return app, clock, store


async def run_to_end(app: HamstrideApp, clock: FakeClock, pilot) -> None:  # type: ignore[no-untyped-def]
    screen = app.screen
    assert isinstance(screen, RunScreen)
    while not screen.engine.finished:
        clock.advance(0.5)
        screen.frame()
        await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_summary_shows_the_streak_and_saves_how_it_felt(tmp_path: Path) -> None:
    app, clock, store = build(tmp_path)
    store.save(make_record(NOW - timedelta(days=1)))  # Monday: one done this week already
    async with app.run_test(size=(100, 30)) as pilot:
        await run_to_end(app, clock, pilot)
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert str(summary.query_one("#summary-streak", Static).render()) == "2 of 2 this week, week streak now 1"
        assert "Saved to" in str(summary.query_one("#summary-saved", Static).render())
        await pilot.press("1", "2", "enter")  # 12 is not an effort
        await pilot.press("ctrl+s")
        assert app.screen is summary and summary.query_one("#rpe", Input).has_focus
        await pilot.press("9", "enter", "4", "enter", *"ok", "enter")  # the refocused 12 is selected: 9 replaces it
        await app.workers.wait_for_complete()
        await pilot.pause()
    raw = tomllib.loads((tmp_path / "history" / "2026-11.toml").read_text())["session"]
    assert [(r.get("rpe"), r.get("soreness"), r.get("note")) for r in raw] == [(None, None, None), (9, 4, "ok")]
    assert raw[1]["status"] == "complete" and raw[1]["eccentric_reps"] == 2
    assert list(store.journals.folder.glob("*.toml")) == []


async def test_escape_skips_the_questions_but_the_record_is_kept(tmp_path: Path) -> None:
    app, clock, store = build(tmp_path)
    async with app.run_test() as pilot:
        await run_to_end(app, clock, pilot)
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_value is not None
    assert [r.completed for r in store.load().records] == [True]


async def test_a_journal_left_by_a_crash_is_offered_back(tmp_path: Path) -> None:
    app, clock, store = build(tmp_path)
    session = load_session(tmp_path / "tiny.toml")
    before_crash = FakeClock()
    engine = Engine(build_timeline(session), before_crash)
    engine.start()
    for _ in range(24):  # into step 2: the Nordics are done
        before_crash.advance(0.5)
        engine.tick()
    leave_journal(store, session, engine, NOW - timedelta(hours=1))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        question = str(app.screen.query_one("#question", Static).render())
        assert "stopped at step 2 of 2" in question
        # What was done, in steps and eccentric reps: a step stopped half-way is said in its own words.
        assert "1 of 2 steps done;" in question and len(engine.sets_done()) == 1
        screen = await resumed(app, pilot)
        assert screen.engine.current is not None and screen.engine.current.step_index == 1
        await run_to_end(app, clock, pilot)
        await pilot.press("escape")
    records = store.load().records
    assert len(records) == 1 and records[0].completed
    assert records[0].started == NOW - timedelta(hours=1)  # the session it continues
    assert records[0].steps[0].reps_done == 2 and records[0].steps[1].sets_done == 1


async def test_keep_as_partial_then_the_asked_session_starts(tmp_path: Path) -> None:
    app, clock, store = build(tmp_path)
    session = load_session(tmp_path / "tiny.toml")
    engine_clock = FakeClock()
    engine = Engine(build_timeline(session), engine_clock)
    engine.start()
    for _ in range(16):  # past the get-ready: a run killed before any work leaves nothing to keep
        engine_clock.advance(0.5)
        engine.tick()
    leave_journal(store, session, engine, NOW - timedelta(hours=1))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
    assert [r.completed for r in store.load().records] == [False]


def history_app(store: HistoryStore) -> HamstrideApp:
    """`hamstride history` over this store, at NOW."""
    return HamstrideApp(OpenHistory(), services=Services(store=store, wall=lambda: NOW))


async def session_list(app: HamstrideApp, pilot) -> SessionList:  # type: ignore[no-untyped-def]
    """The history screen's list, once the history is read and drawn."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen.query_one("#sessions", SessionList)


def generated_history(store: HistoryStore, weeks: int = 30) -> None:
    day = NOW - timedelta(weeks=weeks)
    while day <= NOW - timedelta(days=1):
        if day.weekday() in (0, 3):  # Mondays and Thursdays, the article's rhythm: Nordics, then eccentric bridges
            store.save(make_record(day, eccentric_reps=10, rpe=6, category=Category.STRENGTH,
                                   exercise=Exercise.NORDIC if day.weekday() == 0 else Exercise.ECCENTRIC_BRIDGE))
        elif day.weekday() == 5:
            # Saturday: hip-extensor work, no eccentric reps: a session, not one of the week's two focused ones.
            store.save(make_record(day, eccentric_reps=0, rpe=5, category=Category.STRENGTH))
        day += timedelta(days=1)


async def test_the_history_screen_draws_a_generated_history(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history", lambda: NOW)
    generated_history(store)
    app = history_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        stats = str(screen.query_one("#stats", Static).render())
        assert "This week: 1 of 2 sessions (1 to go)" in stats  # Monday done, Thursday ahead
        assert "Week streak: 29" in stats  # the first week held only a Thursday (its Saturday hip work does not count)
        assert "Last eccentric session: 1 day ago" in stats
        heatmap = screen.query_one(Heatmap)
        assert heatmap.cell(date(2026, 11, 23)) == "eccentric"
        assert heatmap.cell(date(2026, 11, 19)) == "eccentric"
        assert heatmap.cell(date(2026, 11, 21)) == "session"
        assert heatmap.cell(date(2026, 11, 22)) == "empty"
        assert heatmap.cell(date(2026, 11, 26)) == "future"
        assert list(screen.query_one(Sparkline).data or [])[-2:] == [20, 10]
        table = screen.query_one("#sessions", SessionList)
        assert table.row_count == len(store.load().records)
        table.focus()
        await pilot.press("enter")  # the newest session's detail
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.record.day == date(2026, 11, 23)
        await pilot.press("escape")
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_value is None


async def test_the_history_screen_warns_as_three_weeks_approach(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history", lambda: NOW)
    store.save(make_record(NOW - timedelta(days=16)))
    app = history_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        warning = str(app.screen.query_one("#warning", Static).render())
        assert "16 days since your last Nordic session" in warning


async def test_a_history_that_cannot_be_written_does_not_stop_the_session(tmp_path: Path) -> None:
    app, clock, _ = build(tmp_path)
    # The history read-only (even for root); its journal, in our in-progress folder, keeps the record.
    read_only = HistoryStore(Path("/proc/self/hamstride-history"), lambda: NOW, journals=tmp_path / "in-progress")
    app.services = app.services._replace(store=read_only)
    async with app.run_test(size=(100, 30)) as pilot:
        await run_to_end(app, clock, pilot)
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        said = str(summary.query_one("#summary-saved", Static).render())
        assert "Not saved to the history" in said and "the next start of hamstride offers to save it" in said
        assert str(tmp_path / "in-progress") in said
        await pilot.press("escape")
    assert len(app.unsaved) == 1 and app.unsaved[0].path is not None
    assert app.unsaved[0].path.parent == tmp_path / "in-progress"
    kept = tomllib.loads(app.unsaved[0].path.read_text())
    assert kept["ended"] is True
    assert kept["session"]["status"] == "complete" and kept["session"]["eccentric_reps"] == 2


async def test_the_journal_follows_the_run_set_by_set_and_goes_with_the_save(tmp_path: Path) -> None:
    app, clock, store = build(tmp_path)
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen)
        for _ in range(24):  # into step 2
            clock.advance(0.5)
            screen.frame()
        await pilot.pause()
        assert app.flow is not None and app.flow.writer is not None
        app.flow.writer.close()  # what was asked for is written
        [journal] = [tomllib.loads(p.read_text()) for p in store.journals.folder.glob("*.toml")]
        assert journal["position"]["step"] == 1 and [s["reps"] for s in journal["set"]] == [2]
        assert journal["owner"].startswith(f"{os.getpid()}:")
        await run_to_end(app, clock, pilot)
        assert list(store.journals.folder.glob("*.toml")) == []
        await pilot.press("escape")


async def test_a_long_history_is_all_there_and_drawn_only_where_shown(tmp_path: Path) -> None:
    from hamstride.storage.history import month_text
    from hamstride.storage.record_table import to_table

    folder = tmp_path / "history"
    folder.mkdir()
    months: dict[str, list[dict[str, object]]] = {}
    for n in range(250):  # a session a day up to yesterday
        started = NOW - timedelta(days=250 - n)
        months.setdefault(f"{started:%Y-%m}", []).append(to_table(make_record(started, record_id=f"r{n}")))
    for month, tables in months.items():
        (folder / f"{month}.toml").write_text(month_text(tables))
    app = HamstrideApp(OpenHistory(), services=Services(store=HistoryStore(folder, lambda: NOW), wall=lambda: NOW))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen) and len(screen.records) == 250
        sessions = screen.query_one("#sessions", SessionList)
        assert sessions.row_count == 250 and sessions.has_focus
        assert sessions.row(0)[0] == f"{NOW - timedelta(days=1):%Y-%m-%d %H:%M}"  # the newest first
        assert "date" in sessions.render_line(0).text  # the header on top
        assert f"{NOW - timedelta(days=1):%Y-%m-%d %H:%M}" in sessions.render_line(1).text
        assert len(sessions._texts) < 40  # only the rows shown were formatted
        await pilot.press("down", "down")
        assert sessions.cursor_row == 2
        await pilot.press("end")  # the oldest, ten pages down, at once
        await pilot.pause()
        assert sessions.cursor_row == 249
        last = sessions.render_line(sessions.size.height - 1).text
        assert f"{NOW - timedelta(days=250):%Y-%m-%d %H:%M}" in last  # scrolled to it, under the header
        assert "date" in sessions.render_line(0).text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen) and app.screen.record.id == "r0"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("home", "pagedown")
        assert 0 < sessions.cursor_row < 250
        # A click on a row opens that session.
        await pilot.click(SessionList, offset=(5, 3))
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.record.id == sessions.record_at(int(sessions.scroll_offset.y) + 2).id


async def test_a_title_from_a_file_is_listed_as_text(tmp_path: Path) -> None:
    """Markup is not obeyed and control characters never reach the terminal; a long title is cut."""

    store = HistoryStore(tmp_path / "history", lambda: NOW)
    store.save(replace(make_record(NOW - timedelta(days=2), record_id="a"), title="[bold red]Mine[/]\x1b]0;pwned\x07"))
    store.save(replace(make_record(NOW - timedelta(days=1), record_id="b"), title="Long " * 20))
    app = history_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        sessions = await session_list(app, pilot)
        newest, older = sessions.render_line(1).text, sessions.render_line(2).text
        assert "[bold red]Mine[/]]0;pwned" in older and "\x1b" not in older and "\x07" not in older
        assert "Long Long" in newest and "…" in newest and newest.count("Long") < 20


async def test_at_80_columns_the_list_shows_every_column_the_title_cut_to_fit(tmp_path: Path) -> None:
    """Walked at 80x24, the terminal's usual size: the list stopped after "time", so the eccentric reps,
    effort and soreness of each session were off the right edge. The title gives way instead."""
    store = HistoryStore(tmp_path / "history", lambda: NOW)
    for day in range(2, 22):  # more than the list shows: its scroll bar takes two columns too
        store.save(make_record(NOW - timedelta(days=day), record_id=f"old{day}"))
    store.save(replace(make_record(NOW - timedelta(days=1), record_id="a", rpe=7, soreness=3, eccentric_reps=12),
                       title="Nordic beginner progression, 8 weeks"))
    app = history_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        sessions = await session_list(app, pilot)
        header, row = sessions.render_line(0).text, sessions.render_line(1).text
        assert header.split() == ["date", "session", "status", "time", "eccentric", "effort", "soreness"]
        assert row.split()[-3:] == ["12", "7", "3"] and "Nordic" in row and "…" in row
        await pilot.resize_terminal(120, 24)
        await pilot.pause()
        assert "Nordic beginner progression, 8 weeks" in sessions.render_line(1).text


async def test_stopped_on_the_summary_it_says_the_session_is_saved_not_to_resume_it(tmp_path: Path) -> None:
    """(review) A hang-up or SIGTERM on the summary said "start it again to resume it": the record was written
    and its journal gone, so the next start offered nothing."""
    app, clock, store = build(tmp_path)
    async with app.run_test() as pilot:
        await run_to_end(app, clock, pilot)
        assert isinstance(app.screen, SummaryScreen)
        line = closing_line("Stopped", app.flow)
    assert line == "Stopped. The session is saved.", line
    assert len(store.load().records) == 1 and not list(store.journals.folder.glob("*.toml"))
