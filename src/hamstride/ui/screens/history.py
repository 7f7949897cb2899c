"""The history screen: are you keeping the rhythm that protects your hamstrings?"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from datetime import datetime

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Sparkline, Static

from hamstride.domain.model import Session
from hamstride.domain.record import Record
from hamstride.domain.stats import DEFAULT_WEEKLY_TARGET, Stats, compute, detraining_warning
from hamstride.domain.weekly import active_programme
from hamstride.storage.history import HistoryStore, Loaded
from hamstride.ui.commands import ScreenCommands
from hamstride.ui.keynames import KeyNames
from hamstride.ui.labels import clock
from hamstride.ui.messages import HistoryChanged
from hamstride.ui.screens.answer import answer
from hamstride.ui.widgets.heatmap import Heatmap
from hamstride.ui.widgets.key_bar import KeyBar
from hamstride.ui.widgets.session_list import SessionList
from hamstride.ui.widgets.step_table import step_rows

CHART_WEEKS = 26


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def stats_lines(stats: Stats) -> str:
    """The figures in a few short sentences that wrap well from 60 columns up."""
    met = "met" if stats.target_met else f"{stats.target - stats.this_week} to go"
    since = stats.days_since_eccentric
    last = ("never" if since is None else "today" if since == 0 else
            f"{since} day{'s' if since != 1 else ''} ago")
    return "\n".join([
        f"This week: {stats.this_week} of {stats.target} sessions ({met}) · "
        f"Week streak: {stats.week_streak} (longest {stats.longest_week_streak}) · "
        f"Day streak: {stats.day_streak} (longest {stats.longest_day_streak})",
        f"Last eccentric session: {last} · {_plural(stats.sessions, 'session')}, "
        f"{round(stats.minutes)} min active, {_plural(stats.nordic_reps, 'Nordic rep')}, "
        f"{_plural(stats.eccentric_reps, 'eccentric rep')}",
    ])


class RecordScreen(ModalScreen[None]):
    """One past session in detail."""

    BINDINGS = [Binding("escape,q,enter", "close", "Close", id="close-record")]

    def __init__(self, record: Record) -> None:
        super().__init__()
        self.record = record

    def compose(self) -> ComposeResult:
        record = self.record
        with Vertical(id="record-dialog"):
            state = record.status
            yield Static(Text(f"{record.title} · {record.started:%a %d %b %Y, %H:%M} · {state}", style="bold"))
            feel = []
            if record.rpe is not None:
                feel.append(f"effort {record.rpe}/10")
            if record.soreness is not None:
                feel.append(f"soreness {record.soreness}/10")
            week = f" · week {record.week}" if record.week else ""
            yield Static(f"Time {clock(record.elapsed_seconds)} · active {clock(record.active_seconds)} · "
                         f"eccentric reps {record.eccentric_reps}{week}" + (" · " + ", ".join(feel) if feel else ""),
                         markup=False)
            if record.note:
                yield Static(Text(f"Note: {record.note}"))
            with VerticalScroll():
                yield Static(step_rows(record.steps))
        yield KeyBar()

    def action_close(self) -> None:
        answer(self, None)


class HistoryScreen(Screen[None]):
    COMMANDS = {ScreenCommands}
    BINDINGS = [Binding("escape,q", "close", "Back", id="close-history"),
                Binding("c", "charts", "Charts", id="open-charts")]

    def __init__(self, store: HistoryStore | None, wall: Callable[[], datetime],
                 target: int = DEFAULT_WEEKLY_TARGET,
                 find_session: Callable[[str], Session | None] = lambda name: None) -> None:
        super().__init__()
        self.store = store
        self.wall = wall
        self.target = target
        self.find_session = find_session  # a programme's plan, by session name, for the charts
        self.records: tuple[Record, ...] = ()
        self.stats: Stats | None = None
        self._collector_held = False

    def compose(self) -> ComposeResult:
        today = self.wall().date()
        yield Static("Loading the history…", id="stats", markup=False)
        yield Static("", id="warning", markup=False)
        yield Heatmap({}, today, id="heatmap")
        yield Static(f"Eccentric reps a week, last {CHART_WEEKS} weeks", id="chart-title")
        yield Sparkline([0] * CHART_WEEKS, id="weekly-chart")
        yield SessionList(id="sessions")
        yield KeyBar()

    def on_mount(self) -> None:
        # With every month in the months cache (the usual case: from home, or a run after the
        # first), the figures are worked out here and the screen is filled before its first frame:
        # one layout and one drawing, not a "Loading" frame and then a second. The work a thread
        # would do is Python work all the same, and the two would only take turns.
        self._hold_collector()
        kept = self.store.load_kept() if self.store is not None else Loaded((), ())
        if kept is None:  # a month to parse (the first run, a changed file): most of a second for years
            self._release_collector()
            self.load()
            return
        self._show(kept, compute(kept.records, self.wall().date(), self.target, chart_weeks=CHART_WEEKS))

    def _hold_collector(self) -> None:
        """The cyclic collector off until the filled screen is drawn.

        Ten years of records are some 100,000 objects new to the collector; its passes over them
        (25-60 ms, far more when one is a full pass) came between the figures and their frame.
        After the frame it runs as before, while the runner reads. When it was already off (the
        command holds it off until its first frame) it is left to whoever turned it off.
        """
        if gc.isenabled():
            gc.disable()
            self._collector_held = True
            self.call_after_refresh(self._release_collector)

    def _release_collector(self) -> None:
        if self._collector_held:
            self._collector_held = False
            gc.enable()

    def on_unmount(self) -> None:
        self._release_collector()  # closed before its first frame: the collector is never left off

    def on_screen_suspend(self) -> None:
        self._release_collector()  # covered before its first frame (the charts at once): the same

    @on(HistoryChanged)
    def _changed(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="load-history")
    def load(self) -> None:
        loaded = self.store.load() if self.store is not None else Loaded((), ())
        stats = compute(loaded.records, self.wall().date(), self.target, chart_weeks=CHART_WEEKS)
        self.app.call_from_thread(self._show, loaded, stats)

    @work(thread=True, exclusive=True, group="charts-modules")
    def _load_charts_modules(self) -> None:
        # The charts are a key away: their modules (plotext among them, about 0.1 s) load while
        # the runner reads the screen, rather than when `c` is pressed, and after the screen is
        # drawn, rather than beside its drawing.
        import hamstride.ui.screens.charts  # noqa: F401

    def _show(self, loaded: Loaded, stats: Stats) -> None:
        self.records = loaded.records
        self.stats = stats
        for problem in loaded.problems:
            self.notify(problem, severity="warning", timeout=15)
        self.query_one(Heatmap).show(stats.days, stats.today)
        self.query_one("#stats", Static).update(stats_lines(stats))
        warning = detraining_warning(stats) if loaded.records else ""
        self.query_one("#warning", Static).update(warning)
        self.query_one("#warning", Static).display = bool(warning)
        self.query_one("#weekly-chart", Sparkline).data = list(stats.weekly_eccentric_reps)
        self.query_one(SessionList).show(loaded.records)
        if not loaded.records:
            self.query_one("#stats", Static).update("No sessions yet. Your first one starts the calendar.")
        self.call_after_refresh(self._load_charts_modules)

    @on(SessionList.Selected, "#sessions")
    def _open(self, event: SessionList.Selected) -> None:
        self.app.push_screen(RecordScreen(event.record))

    def palette_commands(self) -> Iterable[SystemCommand]:
        key = KeyNames(self)  # the runner's keys, after config.toml's [keymap]
        yield SystemCommand("Charts", "Weekly volume, soreness and effort, left and right, the programme "
                            f"({key('charts', 'c')})", self.action_charts)

    def action_charts(self, weeks: int = 12) -> None:
        """The charts of the loaded history: volume, soreness and effort, left and right, the programme."""
        from hamstride.ui.screens.charts import ChartsScreen  # plotext loads only when charts are asked for

        if self.stats is None:
            self.notify("The history is still loading.", timeout=3)
            return
        today = self.wall().date()
        name = active_programme(self.records, today)
        programme = self.find_session(name) if name is not None else None
        from hamstride.storage.diary import read_checks

        checks = read_checks(self.store.folder)[0] if self.store is not None else ()
        self.app.push_screen(ChartsScreen(self.records, today, self.target, programme, weeks=weeks, checks=checks))

    def action_close(self) -> None:
        answer(self, None)
