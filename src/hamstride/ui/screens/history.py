"""The history screen: are you keeping the rhythm that protects your hamstrings?"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Sparkline, Static

from hamstride import collector
from hamstride.domain.stats import DEFAULT_WEEKLY_TARGET, NO_SUMS, Stats, Sums, detraining_warning, from_sums, monday
from hamstride.domain.targets import WEEKLY
from hamstride.domain.timetext import clock
from hamstride.storage.month_reader import Shown
from hamstride.ui.commands import ScreenCommands
from hamstride.ui.keynames import KeyNames
from hamstride.ui.messages import HistoryChanged
from hamstride.ui.screens.answer import answer
from hamstride.ui.widgets.heatmap import Heatmap
from hamstride.ui.widgets.key_bar import KeyBar
from hamstride.ui.widgets.session_list import SessionList

if TYPE_CHECKING:  # what the screen is handed, already imported by whoever hands it
    from hamstride.domain.diary import Diary
    from hamstride.domain.model import Session
    from hamstride.domain.record import Record
    from hamstride.storage.history import HistoryStore
    from hamstride.storage.history_db import Listed

CHART_WEEKS = 26
CHARTS_READY_AFTER = 0.2  # seconds after the history is shown: the charts' modules and records made ready
SHOW_READ_EVERY = 0.5  # seconds: while months are read, the figures of those read so far are shown this often
_EMPTY = Shown(NO_SUMS, (), set(), ())


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def first_day_shown(today: date) -> date:
    """The first day the calendar and the chart show: the weeks and days the database adds up."""
    return monday(today) - timedelta(weeks=max(CHART_WEEKS, Heatmap.WEEKS) - 1)


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
        from hamstride.ui.widgets.step_table import step_rows  # a session opened: not for the list's first frame

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
    # Under 24 rows (60x20, 40x15) the heatmap and the chart give way: the list the cursor moves over stays in view.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall")]
    BINDINGS = [Binding("escape,q", "close", "Back", id="close-history"),
                Binding("c", "charts", "Charts", id="open-charts")]

    def __init__(self, store: HistoryStore | None, wall: Callable[[], datetime],
                 target: int = DEFAULT_WEEKLY_TARGET,
                 find_session: Callable[[str], Session | None] = lambda name: None,
                 maintenance: str = WEEKLY, read_diary: Callable[[], Diary] | None = None) -> None:
        super().__init__()
        self.store = store
        self.read_diary = read_diary  # checks and races (races.toml, the calendar): the programme's next day
        self.wall = wall
        self.target = target
        self.maintenance = maintenance  # the programme's plan after its last week, as home and the run follow it
        self.find_session = find_session  # a programme's plan, by session name, for the charts
        self.records: Sequence[Listed] = ()  # oldest first; read from the history's database a page at a time
        self.stats: Stats | None = None
        self.reading = ""  # while months are read: which one, and how far ("" once all are read)
        self._full: tuple[Record, ...] | None = None  # every session in full, for the charts, once read

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
        # With every month in the history's database and unchanged (the usual case), the figures come
        # from its columns and the rows a page at a time: the screen is filled before its first frame.
        today = self.wall().date()
        shown = self.store.shown_at_once(today, first_day_shown(today)) if self.store is not None else _EMPTY
        if shown is None:  # months to read (the first open, a changed file): in a thread, with progress
            self.load()
            return
        self._show(shown, self._figures(shown.sums, today))

    def _figures(self, sums: Sums, today: date) -> Stats:
        return from_sums(sums, today, self.target, chart_weeks=CHART_WEEKS)

    @on(HistoryChanged)
    def _changed(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="load-history")
    def load(self) -> None:
        today = self.wall().date()
        if self.store is None:
            self.app.call_from_thread(self._show, _EMPTY, self._figures(NO_SUMS, today))
            return
        store = self.store
        since = first_day_shown(today)
        shown_at = [time.monotonic()]
        listed = [False]

        def progress(month: str, done: int, of: int) -> None:
            # Which month and how far, and what is read so far (newest months first): the first
            # months read at once, then a few times a second. Each call waits for the screen's
            # thread, so not one a month: a hundred of those made reading ten years twice as long.
            now = time.monotonic()
            if listed[0] and now - shown_at[0] < SHOW_READ_EVERY:
                return
            shown_at[0] = now
            line = f"Reading the history: {month} ({done} of {of} months)…"
            if done:
                listed[0] = True
                so_far = store.shown_so_far(today, since)
                self.app.call_from_thread(self._show, so_far, self._figures(so_far.sums, today), line)
            else:
                self.app.call_from_thread(self._progress, line)

        shown = store.shown(today, since, progress)
        self.app.call_from_thread(self._show, shown, self._figures(shown.sums, today))

    def _progress(self, line: str) -> None:
        self.reading = line
        figures = stats_lines(self.stats) + "\n" if self.stats is not None and self.records else ""
        self.query_one("#stats", Static).update(figures + line)

    @work(thread=True, exclusive=True, group="charts-modules")
    def _load_charts_modules(self) -> None:
        # The charts are a key away: their modules (plotext among them, about 0.1 s) and every
        # session in full (ten years: about 0.2 s) are made ready while the runner reads the screen,
        # rather than when `c` is pressed, and after the screen is drawn and written out, rather than beside it
        # (begun after the refresh, its imports held up the frame's writing: 10 ms of ten years' first frame).
        import hamstride.ui.screens.charts  # noqa: F401

        rows = self.records
        records = self.store.db.records() if self.store is not None else ()
        collector.set_aside("the sessions the charts read")
        if rows is self.records:  # else the history changed meanwhile: the next _show asks again
            self._full = records

    def _show(self, shown: Shown, stats: Stats, reading: str = "") -> None:
        more_below = bool(self.reading)  # the months are read newest first: what was listed stays on top
        self.records = shown.rows
        self._full = None
        self.stats = stats
        self.reading = reading
        for problem in shown.problems:
            self.notify(problem, severity="warning", timeout=15)
        self.query_one(Heatmap).show(stats.days, stats.today)
        self.query_one("#stats", Static).update(stats_lines(stats) + ("\n" + reading if reading else ""))
        warning = detraining_warning(stats) if shown.rows else ""
        self.query_one("#warning", Static).update(warning)
        self.query_one("#warning", Static).display = bool(warning)
        self.query_one("#weekly-chart", Sparkline).data = list(stats.weekly_eccentric_reps)
        self.query_one(SessionList).show(shown.rows, known_titles=shown.titles, more_below=more_below)
        if not shown.rows:
            self.query_one("#stats", Static).update(reading or "No sessions yet. Your first one starts the calendar.")
        if not reading:  # once the frame is out: begun with it, its imports held up the frame being written
            self.set_timer(CHARTS_READY_AFTER, self._load_charts_modules)

    @on(SessionList.Selected, "#sessions")
    def _open(self, event: SessionList.Selected) -> None:
        self.app.push_screen(RecordScreen(event.row.record()))

    def palette_commands(self) -> Iterable[SystemCommand]:
        key = KeyNames(self)  # the runner's keys, after config.toml's [keymap]
        yield SystemCommand("Charts", "Weekly volume, soreness and effort, left and right, the programme "
                            f"({key('charts', 'c')})", self.action_charts)

    def action_charts(self, weeks: int = 12) -> None:
        """The charts of the whole history: volume, soreness and effort, left and right, the programme."""
        if self.stats is None or self.reading:
            self.notify("The history is still being read.", timeout=3)
            return
        self._open_charts(weeks)

    @work(thread=True, exclusive=True, group="charts")
    def _open_charts(self, weeks: int) -> None:
        from hamstride.ui.screens.charts import ChartsScreen  # plotext loads only when charts are asked for

        # The charts and the programme's advice read every session in full: built here, off the screen's thread.
        records = self._full
        if records is None:
            records = self.store.db.records() if self.store is not None else ()
        today = self.wall().date()
        from hamstride.domain.done_by import with_unsaved
        from hamstride.domain.suggest import programme_under_way  # the programme home follows

        # The programme map weighs a run under way in another copy (or a crash's) as home does; the weeks do not.
        every = with_unsaved(records, self.store.unsaved(records) if self.store is not None else [])
        programme = programme_under_way(self.find_session, every, today)
        from hamstride.storage.diary import read_checks

        if self.read_diary is not None:
            diary = self.read_diary()
            checks, races = diary.checks, diary.races
        else:
            checks, races = read_checks(self.store.folder)[0] if self.store is not None else (), ()
        self.app.call_from_thread(self.app.push_screen, ChartsScreen(records, today, self.target, programme,
                                                                     weeks=weeks, checks=checks, races=races,
                                                                     maintenance=self.maintenance, every=every))

    def action_close(self) -> None:
        if len(self.app.screen_stack) == 1:  # the app's first screen (`hamstride history`): closing it ends the app
            self.app.exit(None)
        else:
            answer(self, None)
