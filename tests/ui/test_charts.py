"""The charts screen: opened from the history, ranges and charts by key and palette, the theme's colours,
and its layout at 60x20 and 100x30 on a fixed history."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widgets import Static, TabbedContent

from hamstride.domain.record import Readiness, Record
from hamstride.domain.weekly import Charts
from hamstride.storage.history import HistoryStore
from hamstride.storage.library import Entry, Library
from hamstride.ui.app import HamstrideApp, OpenHistory, Services
from hamstride.ui.screens.charts import ChartsScreen
from hamstride.ui.screens.history import HistoryScreen
from hamstride.ui.widgets.chart import Chart
from tests.ui.helpers import SnapCompare, palette_commands
from tests.unit.helpers import session
from tests.unit.test_weekly import (
    OFFSET,
    PROGRAMME,
    TODAY,
    bridge,
    lagging_left_history,
    programme_history,
    record,
)

NOW = datetime.combine(TODAY, time(19), tzinfo=OFFSET)


def fixed_history() -> list[Record]:
    """Six weeks of a Nordic programme, single-leg bridges where the left side lags, and the answers."""
    history = programme_history() + lagging_left_history() + [record(date(2026, 11, 17), bridge(15), hour=9)]
    answers = {0: (5, 2), 1: (6, 3), 2: (6, 4), 3: (7, 6), 4: (7, 3), 5: (8, 2), 6: (6, 2)}
    out = []
    for n, r in enumerate(sorted(history, key=lambda r: r.started)):
        rpe, soreness = answers.get(n % 7, (6, 2))
        before = Readiness(soreness=soreness + 1) if n % 3 == 0 else None  # the check asked before some
        out.append(dataclasses.replace(r, rpe=rpe, soreness=soreness, readiness=before))
    return out


def build(tmp_path: Path) -> HamstrideApp:
    store = HistoryStore(tmp_path / "history", lambda: NOW)
    for r in fixed_history():
        store.save(r)
    programme = session(PROGRAMME)  # named "test", as the records of the programme are
    library = Library((Entry("test", tmp_path / "test.toml", builtin=False, session=programme),))
    return HamstrideApp(OpenHistory(), services=Services(store=store, wall=lambda: NOW, library=lambda: library))


async def open_charts(app: HamstrideApp, pilot: Pilot[Any]) -> ChartsScreen:
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, HistoryScreen)
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(app.screen, ChartsScreen)
    return app.screen


async def test_charts_open_from_the_history_with_the_figures(tmp_path: Path) -> None:
    app = build(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_charts(app, pilot)
        assert screen.weeks == 12 and len(screen.figures.weeks) == 12
        assert [w.nordic_reps for w in screen.figures.weeks[-6:]] == [0, 10, 20, 30, 0, 10]
        assert str(screen.query_one("#balance-sentence", Static).render()) == (
            "Your left side lags: over the last 4 weeks it lost control on 11 of 24 reps, the right on 3 of 24.")
        strip = str(screen.query_one("#programme-map", Static).render())
        # The bridges of Tuesday 07:00 were eccentric work 36 h ago: home waits 48 h, and so does the map.
        assert "week 4 of 6, 1 of 3 sessions done; next session no earlier than Thu 26 Nov (48 h after the last)." \
            in strip
        for chart in screen.query(Chart):
            assert chart.charts is screen.figures
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)


async def test_keys_switch_the_range_and_the_chart(tmp_path: Path) -> None:
    app = build(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_charts(app, pilot)
        seen = []
        for _ in range(3):
            await pilot.press("r")
            seen.append((screen.weeks, len(screen.query_one("#volume-chart", Chart).charts.weeks)))  # type: ignore[union-attr]
        assert seen == [(26, 26), (4, 4), (12, 12)]
        for key, weeks in (("4", 4), ("2", 26), ("1", 12)):
            await pilot.press(key)
            assert screen.weeks == weeks
        assert "Last 12 weeks" in str(screen.query_one("#charts-heading", Static).render())
        tabs = screen.query_one(TabbedContent)
        shown = [tabs.active]
        for _ in range(3):
            await pilot.press("c")
            shown.append(tabs.active)
        assert shown == ["load", "sides", "programme", "load"]


async def test_everything_is_in_the_command_palette(tmp_path: Path) -> None:
    app = build(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        history_titles = [c.title for c in palette_commands(app, app.screen)]
        assert "Charts" in history_titles
        screen = await open_charts(app, pilot)
        titles = {c.title: c for c in palette_commands(app, screen)}
        assert {"Charts: last 4 weeks", "Charts: last 12 weeks", "Charts: last 26 weeks", "Chart: left and right",
                "Chart: programme map", "Chart: volume, soreness and effort"} <= set(titles)
        titles["Charts: last 26 weeks"].callback()
        titles["Chart: left and right"].callback()
        await pilot.pause()
        assert screen.weeks == 26 and screen.query_one(TabbedContent).active == "sides"
        # And through the palette itself, as a runner would.
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"last 4 weeks", "enter")
        await pilot.pause()
        assert screen.weeks == 4


async def test_the_charts_follow_the_theme(tmp_path: Path) -> None:
    app = build(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_charts(app, pilot)
        chart = screen.query_one("#volume-chart", Chart)
        app.theme = "textual-dark"
        dark = chart.palette
        app.theme = "textual-light"
        await pilot.pause()
        light = chart.palette
        assert dark.nordic != light.nordic and dark.background != light.background


async def test_an_empty_history_draws_without_figures(tmp_path: Path) -> None:
    app = HamstrideApp(OpenHistory(), services=Services(store=HistoryStore(tmp_path / "none", lambda: NOW), wall=lambda: NOW))
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await open_charts(app, pilot)
        assert screen.figures.programme is None
        assert str(screen.query_one("#balance-sentence", Static).render()).startswith("No single-leg eccentric reps")
        assert "No week-by-week programme" in str(screen.query_one("#programme-map", Static).render())


@pytest.mark.parametrize("size", [(100, 30), (60, 20)], ids=["100x30", "60x20"])
@pytest.mark.parametrize("chart", ["load", "sides", "programme"])
def test_charts_layout(snap_compare: SnapCompare, tmp_path: Path, chart: str, size: tuple[int, int]) -> None:
    app = build(tmp_path)

    async def go_to_chart(pilot: Pilot[Any]) -> None:
        screen = await open_charts(app, pilot)
        screen.action_show_chart(chart)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=go_to_chart)


async def test_a_range_seen_before_is_not_drawn_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[int] = []
    original = Chart._strips

    def counting(self: Chart, charts: Charts, width: int, height: int) -> list[Strip]:
        drawn.append(len(charts.weeks))
        return original(self, charts, width, height)

    monkeypatch.setattr(Chart, "_strips", counting)
    app = build(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_charts(app, pilot)
        for key in "rrr":  # 26, 4, then 12 weeks again
            await pilot.press(key)
            await pilot.pause()
        assert sorted(drawn) == [4, 4, 12, 12, 26, 26]  # the two charts of the tab, once a range
        await pilot.press("r")  # 26 weeks, drawn before
        await pilot.pause()
        assert len(drawn) == 6
        app.theme = "textual-light"  # a new theme is a new drawing
        await pilot.pause()
        assert len(drawn) == 8


def cells(strip: Strip) -> list[tuple[str, object]]:
    """A line cell by cell, each character with its style: two strips cut into other runs compare."""
    return [(char, segment.style) for segment in strip for char in segment.text]


@pytest.mark.parametrize("size", [(100, 30), (60, 20)])
async def test_charts_read_from_plotext_s_matrix_are_its_coloured_text_cell_for_cell(
        tmp_path: Path, size: tuple[int, int]) -> None:
    """The fast way (plotext's matrix) draws what plotext's own text, parsed by Rich, would show."""
    app = build(tmp_path)
    async with app.run_test(size=size) as pilot:
        screen = await open_charts(app, pilot)
        compared = 0
        for tab in ("load", "sides"):
            screen.action_show_chart(tab)
            await pilot.pause()
            for theme in ("textual-dark", "textual-light"):
                app.theme = theme
                await pilot.pause()
                for chart in screen.query(Chart):
                    width, height = chart.size
                    if not chart.display or width < 10 or height < 4 or chart.charts is None:
                        continue
                    fast = chart._strips(chart.charts, width, height)
                    slow = chart.ansi_strips(chart.charts, width, height)
                    assert [cells(line) for line in fast] == [cells(line) for line in slow]
                    assert all(line.cell_length == width for line in fast)
                    compared += 1
        assert compared >= 4


async def test_the_programme_map_waits_for_a_race_told_with_hamstride_race(tmp_path: Path) -> None:
    # The same history, with a parkrun tomorrow in races.toml: home and the check keep Nordics away until
    # Sunday; the map said "next session: today" (found walking `hamstride report` with a calendar).
    from hamstride.domain.diary import Race
    from hamstride.storage.diary import add_race

    app = build(tmp_path)
    assert app.services.store is not None
    add_race(app.services.store.folder, Race(date(2026, 11, 26), "Parkrun"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_charts(app, pilot)
        strip = str(screen.query_one("#programme-map", Static).render())
        assert "next session: today" not in strip
        assert "no earlier than Sun 29 Nov (no eccentric work around race (Parkrun))" in strip, strip


async def test_the_programme_map_weighs_eccentric_work_under_way_in_another_copy(tmp_path: Path) -> None:
    # The same history, its last session (Tuesday's bridges, 36 h ago) still under way in another window
    # (the copy that runs it is alive: this process): the map waits 48 h from it as home and the check do;
    # read from the saved history alone, it went by Monday's soreness as if Tuesday had not happened.
    import os

    from hamstride.domain.progress import Position
    from hamstride.storage.journal import JournalFolder, JournalState, process_token

    history = fixed_history()
    last = dataclasses.replace(max(history, key=lambda r: r.started), id="c" * 32)
    store = HistoryStore(tmp_path / "history", lambda: NOW)
    for r in history:
        if r.started != last.started:
            store.save(r)
    JournalFolder(store.journals.folder, owner=process_token(os.getpid())).write(
        JournalState(last, Position(0, 1, None), (), None))
    programme = session(PROGRAMME)
    library = Library((Entry("test", tmp_path / "test.toml", builtin=False, session=programme),))
    app = HamstrideApp(OpenHistory(), services=Services(store=store, wall=lambda: NOW, library=lambda: library))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_charts(app, pilot)
        strip = str(screen.query_one("#programme-map", Static).render())
        assert "next session no earlier than Thu 26 Nov (48 h after the last)." in strip, strip
        assert sum(w.sessions for w in screen.figures.weeks) == len(history) - 1  # its weeks: the history's only
