"""The charts: how the work and the body responded over the weeks, and whether one leg lags."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import partial

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static, TabbedContent, TabPane

from hamstride.domain.diary import Check, Race
from hamstride.domain.model import Session
from hamstride.domain.outline import Dated
from hamstride.domain.record import Record
from hamstride.domain.targets import WEEKLY
from hamstride.domain.weekly import RANGES, Charts, charts
from hamstride.ui.commands import ScreenCommands
from hamstride.ui.keynames import KeyNames
from hamstride.ui.plots import draw_body, draw_control, draw_sides, draw_volume, programme_strip
from hamstride.ui.screens.answer import answer
from hamstride.ui.widgets.chart import Chart
from hamstride.ui.widgets.key_bar import KeyBar

TABS = ("load", "sides", "programme")
CHART_COMMANDS = (
    ("load", "Chart: volume, soreness and effort", "Eccentric reps a week over the answers after sessions"),
    ("sides", "Chart: left and right", "Single-leg eccentric reps and control, per side, a week"),
    ("programme", "Chart: programme map", "Where you are in a week-by-week programme"),
)
NO_PROGRAMME = ("No week-by-week programme running. Start `nordic-programme` (or a session of your own with "
                "`week.\"N\"` doses) and its weeks show here.")


class ChartsScreen(Screen[None]):
    """Volume over soreness and effort on one time axis, left against right, the programme's weeks."""

    COMMANDS = {ScreenCommands}

    BINDINGS = [
        Binding("escape,q", "close", "Back", id="close-charts"),
        Binding("r", "next_range", "Weeks", id="charts-range"),
        Binding("c", "next_chart", "Next chart", id="charts-next"),
        Binding("4", "range(4)", "4 weeks", show=False, id="charts-4"),
        Binding("1", "range(12)", "12 weeks", show=False, id="charts-12"),
        Binding("2", "range(26)", "26 weeks", show=False, id="charts-26"),
    ]

    def __init__(self, records: Sequence[Record], today: date, target: int, programme: Session | None = None,
                 weeks: int = 12, checks: Sequence[Check] = (), maintenance: str = WEEKLY,
                 races: Sequence[Race] = (), every: Sequence[Dated] | None = None) -> None:
        super().__init__()
        self.every = every  # what the programme is replayed from (default `records`): a run under way counted
        self.races = races  # the days they keep clear of eccentric work: when the programme's next session may be
        self.records = records
        self.maintenance = maintenance  # weekly or low-volume: the plan of a programme's maintenance weeks
        self.checks = checks  # answers at checks with no session after: the programme's week reads them
        self.today = today
        self.target = target
        self.programme = programme
        self.weeks = weeks
        self._figures: dict[int, Charts] = {}
        self.key = KeyNames(self)  # the runner's keys, for the heading

    @property
    def figures(self) -> Charts:
        """The figures for the range shown, computed once a range."""
        if self.weeks not in self._figures:
            self._figures[self.weeks] = charts(self.records, self.today, self.weeks, self.target, self.programme,
                                                 self.checks, self.every, self.maintenance, self.races)
        return self._figures[self.weeks]

    def compose(self) -> ComposeResult:
        yield Static("", id="charts-heading", markup=False)
        with TabbedContent(id="charts-tabs"):
            with TabPane("Load", id="load"):
                yield Chart(draw_volume, id="volume-chart")
                yield Chart(draw_body, id="body-chart")
            with TabPane("Left / right", id="sides"):
                yield Static("", id="balance-sentence", markup=False)
                yield Chart(draw_sides, id="sides-chart")
                yield Chart(draw_control, id="control-chart")
            with TabPane("Programme", id="programme"):
                yield Static("", id="programme-map", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        figures = self.figures
        self.query_one("#charts-heading", Static).update(
            f"Last {self.weeks} weeks · {self.key('next_range', 'r')}: {' / '.join(str(n) for n in RANGES)} weeks"
            f" · {self.key('next_chart', 'c')}: next chart")
        for chart in self.query(Chart):
            chart.show(figures)
        self.query_one("#balance-sentence", Static).update(figures.balance.sentence)
        strip = self.query_one("#programme-map", Static)
        if figures.programme is None:
            strip.update(NO_PROGRAMME)
        else:
            strip.update(programme_strip(figures.programme, self.today))

    def palette_commands(self) -> Iterable[SystemCommand]:
        key = self.key
        for weeks in RANGES:
            yield SystemCommand(f"Charts: last {weeks} weeks",
                                f"Show {weeks} weeks ({key('next_range', 'r')} cycles 4, 12, 26)",
                                partial(self.action_range, weeks))
        for tab, title, help in CHART_COMMANDS:
            yield SystemCommand(title, f"{help} ({key('next_chart', 'c')})", partial(self.action_show_chart, tab))

    def action_range(self, weeks: int) -> None:
        self.weeks = weeks
        self._show()

    def action_next_range(self) -> None:
        at = RANGES.index(self.weeks) if self.weeks in RANGES else -1
        self.action_range(RANGES[(at + 1) % len(RANGES)])

    def action_next_chart(self) -> None:
        tabs = self.query_one(TabbedContent)
        at = TABS.index(tabs.active) if tabs.active in TABS else -1
        tabs.active = TABS[(at + 1) % len(TABS)]

    def action_show_chart(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_close(self) -> None:
        answer(self, None)
