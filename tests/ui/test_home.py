"""The home screen: every session, today's suggestion, a broken file shown, start, live reload."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import Static

from hamstride import locations
from hamstride.audio.clips import SoundBank
from hamstride.audio.player import CuePlayer
from hamstride.domain.model import Side
from hamstride.storage.history import HistoryStore
from hamstride.storage.library import load_library
from hamstride.ui.app import HamstrideApp, OpenHome, Services
from hamstride.ui.screens.history import HistoryScreen
from hamstride.ui.screens.home import HomeScreen
from hamstride.ui.screens.run import RunScreen
from hamstride.ui.services import given
from hamstride.ui.widgets.library_list import LibraryList
from tests.ui.helpers import RecordingBackend, resumed, screen_lines
from tests.unit.helpers import FakeClock, make_record

NOW = datetime(2026, 11, 19, 18, 0, tzinfo=timezone(timedelta(hours=1)))  # a Thursday
BUILTINS = len(load_library(locations.builtin_sessions(), None).entries)


def home_app(tmp_path: Path) -> tuple[HamstrideApp, HistoryStore, Path]:
    user = tmp_path / "sessions"
    user.mkdir()
    store = HistoryStore(tmp_path / "history", lambda: NOW)
    player = CuePlayer(SoundBank(locations.sounds()), [RecordingBackend()], threaded=False)
    app = HamstrideApp(OpenHome(), services=Services(store=store, wall=lambda: NOW, clock=FakeClock(), player=given(player), library=lambda: load_library(locations.builtin_sessions(), user), user_folder=user))
    return app, store, user


def text(screen: HomeScreen, widget_id: str) -> str:
    return str(screen.query_one(widget_id, Static).render())


def detail_text(screen: HomeScreen) -> str:
    detail = screen.query_one("#detail", Static)
    return " ".join(strip.text.strip() for strip in detail.render_lines(Region(0, 0, *detail.size)))


async def ready(app: HamstrideApp, pilot) -> HomeScreen:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, HomeScreen)
    return screen


async def test_home_lists_every_session_and_suggests_today(tmp_path: Path) -> None:
    app, store, user = home_app(tmp_path)
    store.save(make_record(NOW - timedelta(days=3), eccentric_reps=15))  # Monday's strength day
    (user / "oops.toml").write_text('title = "Oops"\n[[steps]]\nname = "Plank"\nhold = "long"\n')
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await ready(app, pilot)
        table = screen.query_one("#library", LibraryList)
        assert table.row_count == BUILTINS + 1  # the built-ins and the broken one
        assert [e.name for e in screen.library.entries][-1] == "oops"
        assert text(screen, "#suggestion").startswith("Today: Late-week short session. 1 of 2 this week")
        assert "This week: 1 of 2 (1 to go)" in text(screen, "#week-status")
        assert screen.selected is not None and screen.selected.name == "late-week-short"
        row = table.cells_of("early-week-strength")
        assert str(row[2]) == "3 days ago"
        # The broken file is listed with its error, never hidden.
        table.move_cursor(BUILTINS)
        await pilot.pause()
        detail = screen.query_one("#detail", Static)
        rendered = " ".join(strip.text.strip() for strip in detail.render_lines(Region(0, 0, *detail.size)))
        assert "oops.toml:4: step 1 ('Plank'), key 'hold': expected a number of seconds" in rendered
        await pilot.press("enter")  # cannot start: says why
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_enter_starts_the_session_and_a_programme_shows_its_week(tmp_path: Path) -> None:
    app, store, _ = home_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await ready(app, pilot)
        names = [e.name for e in screen.library.entries]
        screen.query_one("#library", LibraryList).move_cursor(names.index("nordic-programme"))
        await pilot.press("enter")
        await pilot.pause()
        run = app.screen
        assert isinstance(run, RunScreen)
        steps = len(screen.library.entries[names.index("nordic-programme")].session.steps)  # type: ignore[union-attr]
        assert run.view.picture.where.startswith(f"Week 1 of 10 · Step 1 of {steps}")
        await pilot.press("q", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape")  # the summary
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_sides_alternate_between_runs(tmp_path: Path) -> None:
    app, store, _ = home_app(tmp_path)
    last = replace(make_record(NOW - timedelta(days=2)), session="pre-run-warmup", first_side=Side.LEFT)
    store.save(last)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await ready(app, pilot)
        names = [e.name for e in screen.library.entries]
        screen.query_one("#library", LibraryList).move_cursor(names.index("pre-run-warmup"))
        await pilot.press("enter")
        await pilot.pause()
        run = app.screen
        assert isinstance(run, RunScreen)
        first_sided = next(s for s in run.timeline.segments if s.side is not None)
        assert first_sided.side is Side.RIGHT
        assert app.flow is not None and app.flow.recorder is not None
        assert app.flow.recorder.first_side is Side.RIGHT


async def test_changed_files_appear_without_a_restart_and_override_a_builtin(tmp_path: Path) -> None:
    app, _, user = home_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await ready(app, pilot)
        assert len(screen.library.entries) == BUILTINS
        (user / "my-core.toml").write_text('title = "My core"\n[[steps]]\nname = "Plank"\nhold = 30\n')
        (user / "pre-run-warmup.toml").write_text('title = "My warm-up"\n[[steps]]\nname = "Jog"\nduration = 60\n')
        assert app.watcher.look()  # what the watcher's thread does every 1.5 s
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = screen.query_one("#library", LibraryList)
        assert table.row_count == BUILTINS + 1
        assert str(table.cells_of("pre-run-warmup")[0]) == "My warm-up"
        assert str(table.cells_of("pre-run-warmup")[3]) == "yours, replaces built-in"


async def test_h_opens_the_history(tmp_path: Path) -> None:
    app, store, _ = home_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(app, pilot)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_resumed_session_returns_to_home(tmp_path: Path) -> None:
    from hamstride.domain.engine import Engine
    from hamstride.domain.plan import build_timeline
    from hamstride.storage.loader import load_session
    from tests.unit.helpers import leave_journal

    app, store, user = home_app(tmp_path)
    path = user / "tiny.toml"
    path.write_text('title = "Tiny"\n[[steps]]\nname = "Plank"\nhold = 2\nlead_in = 1\n'
                    '[[steps]]\nname = "Side plank"\nhold = 2\nlead_in = 1\n')
    tiny = load_session(path)
    clock = FakeClock()
    engine = Engine(build_timeline(tiny), clock)
    engine.start()
    for _ in range(15):  # into step 2
        clock.advance(0.5)
        engine.tick()
    leave_journal(store, tiny, engine, NOW)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        run = await resumed(app, pilot)
        run.engine.finish_early()
        run.frame()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    saved = store.load().records
    assert [r.steps[0].sets_done for r in saved] == [1]
    # What the command prints at the end is the session's whole time, the part before the crash included.
    assert app.result is not None and app.result.elapsed_seconds == saved[0].elapsed_seconds > 7


async def test_the_list_moves_with_keys_and_clicks_and_the_detail_follows(tmp_path: Path) -> None:
    app, _, user = home_app(tmp_path)
    (user / "mine.toml").write_text('title = "[bold red]Mine[/]"\n[[steps]]\nname = "Plank"\nhold = 30\n')
    (user / "[b]oops\x1b]0;pwned\x07.toml").write_text('title = "Oops"\n[[steps]]\nname = "Plank"\nhold = "long"\n')
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await ready(app, pilot)
        table = screen.query_one("#library", LibraryList)
        assert table.has_focus
        names = [e.name for e in screen.library.entries]
        lines = screen_lines(app)
        header = next(n for n, line in enumerate(lines) if "session" in line and "last done" in line)
        assert "Early-week strength" in lines[header + 1] and "21:42" in lines[header + 1]
        await pilot.press("end")  # the runner's own files come last
        await pilot.pause()
        lines = screen_lines(app)
        # A title or a file's name is listed as text: markup shown, control characters gone.
        mine = next(line for line in lines if "Mine" in line)
        assert "[bold red]Mine[/]" in mine and "yours" in mine
        broken = next(line for line in lines if "oops" in line)
        assert "[b]oops]0;pwned" in broken and "yours: broken" in broken and "\x1b" not in broken
        await pilot.press("home")
        assert screen.selected is not None and screen.selected.name == names[0]
        await pilot.press("down", "down")
        await pilot.pause()
        assert screen.selected.name == names[2]
        assert detail_text(screen).startswith(screen.library.entries[2].session.title)  # type: ignore[union-attr]
        await pilot.press("end")
        await pilot.pause()
        assert screen.selected.name == names[-1]
        await pilot.click(LibraryList, offset=(5, 4))  # the fourth session, under the header
        await pilot.pause()
        assert screen.selected.name == names[int(table.scroll_offset.y) + 3]
        assert detail_text(screen).startswith(screen.selected.session.title)  # type: ignore[union-attr]


async def test_the_history_arriving_keeps_the_runners_choice_and_says_nothing_wrong_before(tmp_path: Path) -> None:
    """Ten years of history take a moment: meanwhile "last done" is blank (not "never"), the advice's rows are
    held, and a session the runner moved to stays chosen when the advice arrives."""
    app, store, _ = home_app(tmp_path)
    store.save(make_record(NOW - timedelta(days=3), eccentric_reps=15))
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await ready(app, pilot)
        table = screen.query_one("#library", LibraryList)
        loaded = store.load()
        screen._history_read = False  # as at the first frame, before the read
        screen._fill_table()
        assert str(table.cells_of("early-week-strength")[2]) == ""
        screen.query_one("#suggestion", Static).update("Today: reading your history…")
        await pilot.press("home", "down")
        await pilot.pause()
        chosen = screen.selected
        assert chosen is not None and chosen.name != "late-week-short"
        screen._show_history(loaded)  # the read ends
        await pilot.pause()
        assert screen.selected == chosen
        assert str(table.cells_of("early-week-strength")[2]) == "3 days ago"
        assert text(screen, "#suggestion").startswith("Today: Late-week short session.")


async def test_the_advice_moves_the_cursor_when_the_runner_has_not(tmp_path: Path) -> None:
    app, store, _ = home_app(tmp_path)
    store.save(make_record(NOW - timedelta(days=3), eccentric_reps=15))
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await ready(app, pilot)
        assert screen.selected is not None and screen.selected.name == "late-week-short"


async def test_the_records_home_keeps_are_out_of_the_collectors_passes(tmp_path: Path) -> None:
    """Issue 25: with ten years of records alive, each full collection held the interpreter 17-46 ms,
    while the sound thread waited to start a cue. What home keeps for the coach is set aside."""
    import gc

    app, store, _ = home_app(tmp_path)
    for n in range(1, 4):
        store.save(make_record(NOW - timedelta(days=n), record_id=f"r{n}"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(screen.records) == 3
        walked = {id(o) for o in gc.get_objects()}  # what a full collection walks
        assert not any(id(r) in walked or id(r.steps[0]) in walked for r in screen.records)
    gc.unfreeze()  # the next test starts with a collector as it found it


async def test_the_titles_listed_first_become_the_checked_list_with_its_detail(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 25 (launch): the first frame lists the titles alone; every file is then read whole, so a
    broken one is marked and the detail and the planned times follow, as when it was all read first."""
    from hamstride.storage.library import read_titles

    app, _, user = home_app(tmp_path)
    (user / "oops.toml").write_text('title = "Oops"\n[[steps]]\nname = "Plank"\nhold = "long"\n')
    (user / "unreadable.toml").write_text('title = "Half\n')
    listed: list[list[str]] = []
    real_list = HomeScreen._list_titles

    def list_titles(screen: HomeScreen, titles: list) -> None:  # type: ignore[type-arg]
        real_list(screen, titles)
        table = screen.query_one("#library", LibraryList)
        listed.append([str(table.cells_of(title.name)[0]) + "|" + str(table.cells_of(title.name)[3])
                       for title in titles])
        listed.append([str(screen.query_one("#detail", Static).render())])

    app.services = app.services._replace(titles=lambda: read_titles(locations.builtin_sessions(), user))
    monkeypatch.setattr(HomeScreen, "_list_titles", list_titles)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await ready(app, pilot)
        table = screen.query_one("#library", LibraryList)
        assert listed[0][-2:] == ["Oops|yours", "unreadable|yours"]  # a title, else the name
        assert "Early-week strength|built-in" in listed[0]
        assert listed[1] == [""]  # no "No sessions found." while the files are read
        assert table.row_count == BUILTINS + 2
        assert str(table.cells_of("oops")[3]) == "yours: broken"  # then checked, and marked
        assert str(table.cells_of("early-week-strength")[1])  # its planned time
        assert screen.selected is not None and detail_text(screen)  # and the detail under the cursor
