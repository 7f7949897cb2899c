"""The home screen: what to do today, every session, and the way to make them your own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from hamstride.plaintext import shown
from hamstride.domain.errors import HamstrideError
from hamstride.storage.history import HistoryStore, Loaded
from hamstride.storage.library import Entry, Library
from hamstride.domain.diary import Diary
from hamstride.domain.model import Session
from hamstride.domain.plan import planned_seconds
from hamstride.domain.progression import current_week, planned_session
from hamstride.domain.record import Record
from hamstride.domain.timetext import clock
from hamstride.ui.messages import HistoryChanged, StartSession
from hamstride.ui.widgets.key_bar import KeyBar
from hamstride.ui.widgets.library_list import LibraryList, LibraryRow

if TYPE_CHECKING:
    from hamstride.domain.suggest import Suggestion

# The week's figures and today's advice (domain.stats, domain.suggest) are imported when the
# history is shown, after the first frame: the list of sessions is drawn without them.

RELOAD_EVERY = 1.5  # seconds between looks at the runner's sessions folder


def folder_signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and change times of the TOML files: differs whenever a file is added, edited or removed."""
    if not folder.is_dir():
        return ()
    found = []
    for path in sorted(folder.glob("*.toml")):
        try:
            stat = path.stat()
        except OSError:
            continue
        found.append((path.name, stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def planned_totals(library: Library) -> dict[str, float]:
    """How long each session takes as planned, worked out once per load, not per refresh."""
    return {entry.name: planned_seconds(entry.session) for entry in library.entries
            if entry.session is not None}


def last_done(records: tuple[Record, ...]) -> dict[str, date]:
    out: dict[str, date] = {}
    if not records:
        return out
    from hamstride.domain.stats import counts

    for record in records:
        if not counts(record):
            continue
        out[record.session] = max(out.get(record.session, record.day), record.day)
    return out


def ago(day: date | None, today: date) -> str:
    if day is None:
        return "never"
    days = (today - day).days
    return "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"


class HomeScreen(Screen[None]):
    StartSession = StartSession

    BINDINGS = [
        Binding("enter", "start", "Start", id="start", priority=True),
        Binding("h", "history", "History", id="history"),
        Binding("e", "edit", "Edit", id="edit"),
        Binding("c", "copy", "Copy to mine", id="copy"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self, load_library: Callable[[], Library], user_folder: Path, store: HistoryStore | None,
                 wall: Callable[[], datetime], target: int, maintenance: str = "weekly",
                 read_diary: Callable[[], Diary] | None = None) -> None:
        super().__init__(id="home")
        self.load_library = load_library
        self.user_folder = user_folder
        self.store = store
        self.wall = wall
        self.target = target
        self.maintenance = maintenance
        self.library = Library(())
        self.records: tuple[Record, ...] = ()
        self.read_diary = read_diary
        self.diary: Diary | None = None  # the checks and races ahead, read with the history
        self.suggestion: Suggestion | None = None
        self._signature: tuple[tuple[str, int, int], ...] = ()
        self._totals: dict[str, float] = {}  # planned seconds per session, worked out once per load
        self._watch: Timer | None = None
        self._history_read = False  # until then "last done" is blank, not a wrong "never"
        self._placed_row = 0  # where the screen last put the cursor: moved from there, the runner's choice stands

    def compose(self) -> ComposeResult:
        # Placeholders hold the advice's rows while the history is read: the list does not jump down under
        # the runner's eyes (ten years of it take a moment).
        yield Static("Today: reading your history…", id="suggestion", markup=False)
        yield Static("This week: …", id="week-status", markup=False)
        yield LibraryList(id="library")
        yield Static("", id="detail")
        yield KeyBar(compact=True)

    def on_mount(self) -> None:
        self.reload_library()
        # After the first frame: a long history read in its thread would hold the interpreter's
        # lock in turns with the first frame's layout (ten years of it: the list 50% later).
        self.call_after_refresh(self.load_history)
        self._watch = self.set_interval(RELOAD_EVERY, self._look_now_and_then)
        self.query_one("#library", LibraryList).focus()

    def on_screen_suspend(self) -> None:
        # Under a run the folder is not shown: looking at it would only cost the session CPU.
        if self._watch is not None:
            self._watch.pause()

    def on_screen_resume(self) -> None:
        if self._watch is not None:
            self._watch.resume()

    # -- data -------------------------------------------------------------------

    def reload_library(self) -> None:
        """Read the sessions now: at the start, and after the runner copied or edited one."""
        signature = folder_signature(self.user_folder)
        library = self.load_library()
        self._show_library(signature, library, planned_totals(library))

    def _look_now_and_then(self) -> None:
        # Not exclusive: a look cancelled half-way would be lost. The timer just skips a beat while one runs.
        if self.app.screen is not self:  # under a run or a dialog (Textual's is_current counts the screen below)
            return
        if not any(worker.group == "home-watch" and not worker.is_finished for worker in self.app.workers):
            self.look_for_changes()

    @work(thread=True, group="home-watch")
    def look_for_changes(self) -> None:
        """Off the UI thread, every few seconds: a look at the folder, and a reload when a file changed."""
        signature = folder_signature(self.user_folder)
        if signature == self._signature:
            return
        library = self.load_library()
        totals = planned_totals(library)
        self.app.call_from_thread(self._show_library, signature, library, totals)
        self.app.call_from_thread(self.notify, "Your sessions changed on disk: reloaded.", timeout=3)

    def _show_library(self, signature: tuple[tuple[str, int, int], ...], library: Library,
                      totals: dict[str, float]) -> None:
        self._signature, self.library, self._totals = signature, library, totals
        self._fill_table()

    @on(HistoryChanged)
    def _history_changed(self) -> None:
        self.load_history()

    @work(thread=True, exclusive=True, group="home-history")
    def load_history(self) -> None:
        loaded = self.store.load() if self.store is not None else Loaded((), ())
        diary = self.read_diary() if self.read_diary is not None else None
        self.app.call_from_thread(self._show_history, loaded, diary)

    def _show_history(self, loaded: Loaded, diary: Diary | None = None) -> None:
        from hamstride.domain.stats import compute, detraining_warning
        from hamstride.domain.suggest import suggest

        self.records = loaded.records
        self.diary = diary
        self._history_read = True
        for problem in (*loaded.problems, *(diary.problems if diary is not None else ())):
            self.notify(problem, severity="warning", timeout=15)
        today = self.wall().date()
        stats = compute(self.records, today, self.target)
        sessions = {e.name: e.session for e in self.library.entries if e.session is not None}
        self.suggestion = suggest(sessions, self.records, self.wall(), self.target, self.maintenance,
                                  diary or Diary())
        pick = self.suggestion.session
        entry = self.library.find(pick) if pick else None
        title = entry.session.title if entry is not None and entry.session is not None else "rest"
        self.query_one("#suggestion", Static).update(f"Today: {title}. {self.suggestion.reason}")
        met = "target met" if stats.target_met else f"{stats.target - stats.this_week} to go"
        warning = detraining_warning(stats) if self.records else ""
        self.query_one("#week-status", Static).update(
            f"This week: {stats.this_week} of {stats.target} ({met}) · week streak {stats.week_streak}"
            + (f" · {warning}" if warning else ""))
        runner_moved = self.query_one("#library", LibraryList).cursor_row != self._placed_row
        self._fill_table()
        if entry is not None and not runner_moved:  # the suggestion is offered, not forced on a choice made
            self._move_to(entry.name)

    def _fill_table(self) -> None:
        table = self.query_one("#library", LibraryList)
        keep = self.selected.name if self.selected is not None else None
        today = self.wall().date()
        done = last_done(self.records)
        rows = []
        for entry in self.library.entries:
            origin = "built-in" if entry.builtin else ("yours, replaces built-in" if entry.overrides_builtin
                                                       else "yours")
            if entry.session is None:
                rows.append(LibraryRow(entry.name, (shown(entry.name, markup=False, one_line=True), "", "",
                                                    f"{origin}: broken"), broken=True))
                continue
            total = self._totals.get(entry.name)
            rows.append(LibraryRow(entry.name, (shown(entry.session.title, markup=False, one_line=True),
                                                "" if total is None else clock(total),
                                                ago(done.get(entry.name), today) if self._history_read else "",
                                                origin)))
        table.show(rows)
        if keep is not None:
            self._move_to(keep)
        self._show_detail()

    def _move_to(self, name: str) -> None:
        table = self.query_one("#library", LibraryList)
        for row, entry in enumerate(self.library.entries):
            if entry.name == name:
                table.move_cursor(row)
                self._placed_row = row
                return

    @property
    def selected(self) -> Entry | None:
        table = self.query_one("#library", LibraryList)
        if not self.library.entries or table.row_count == 0:
            return None
        row = min(table.cursor_row, len(self.library.entries) - 1)
        return self.library.entries[max(0, row)]

    @on(LibraryList.Highlighted, "#library")
    def _show_detail(self) -> None:
        entry = self.selected
        detail = self.query_one("#detail", Static)
        if entry is None:
            detail.update("No sessions found.")
            return
        if entry.error is not None:
            lines = [Text(shown(f"{entry.path} cannot be used:", markup=False), style="bold red")]
            lines += [Text(shown(f"  {problem}", markup=False)) for problem in entry.error.problems]
            lines.append(Text("Press e to fix it in your editor.", style="italic"))
            detail.update(Group(*lines))
            return
        session = entry.session
        assert session is not None
        parts = [Text(session.title, style="bold")]
        checks = self.diary.checks if self.diary is not None else ()
        choice = current_week(session, self.records, self.wall().date(), self.maintenance, checks)
        if choice is not None:
            parts.append(Text(f"{choice.banner}: {choice.reason}", style="italic"))
            session = planned_session(session, choice)
        if session.summary:
            parts.append(Text(session.summary))
        if session.why:
            parts.append(Text(f"Why it works: {session.why}", style="italic"))
        parts.append(Text(" · ".join(f"{s.name} {s.dose()}" for s in session.steps), style="dim"))
        parts.append(Text(shown(str(entry.path), markup=False), style="dim"))
        detail.update(Group(*parts))

    # -- actions ------------------------------------------------------------------

    def action_start(self) -> None:
        entry = self.selected
        if entry is None:
            return
        if entry.session is None:
            self.notify("This session file has problems: press e to fix it.", severity="error")
            return
        self.post_message(self.StartSession(entry.session, self.records))

    def action_history(self) -> None:
        from hamstride.ui.screens.history import HistoryScreen

        def find_session(name: str) -> Session | None:
            return next((e.session for e in self.library.entries if e.name == name), None)

        self.app.push_screen(HistoryScreen(self.store, self.wall, self.target, find_session=find_session))

    def action_copy(self) -> None:
        entry = self.selected
        if entry is None:
            return
        from hamstride.editing import copy_to_user

        name = entry.name if entry.builtin else f"{entry.name}-copy"
        try:
            path = copy_to_user(entry, self.user_folder, name)
        except (HamstrideError, OSError) as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        self.notify(f"Copied to {path}", timeout=5)
        self.reload_library()
        self._move_to(path.stem)

    def action_edit(self) -> None:
        entry = self.selected
        if entry is None:
            return
        from hamstride.editing import copy_to_user

        path = entry.path
        if entry.builtin:
            try:
                path = copy_to_user(entry, self.user_folder)
            except (HamstrideError, OSError) as error:
                self.notify(str(error), severity="error", timeout=8)
                return
            self.notify(f"Built-in sessions stay as they are: editing your copy, {path}", timeout=6)
        self._edit(path)

    def _edit(self, path: Path) -> None:
        from hamstride.editing import editor_command, problems_in, run_editor
        from hamstride.ui.screens.confirm import ConfirmScreen

        try:
            command = editor_command()  # a bad $EDITOR is told here, before the screen is handed over
            with self.app.suspend():
                run_editor(path, command)
        except HamstrideError as error:  # no editor, `ed.sh 'unbalanced`, a path with spaces, it would not start
            self.notify(f"The editor could not be started: {error}", severity="error", timeout=10)
            return
        self.reload_library()
        self._move_to(path.stem)
        found = problems_in(path)
        if found is None:
            self.notify(f"{path.name} is valid.", timeout=4)
            return
        first = found.problems[0]
        count = len(found.problems)
        question = f"{path.name} has {count} problem{'s' if count > 1 else ''}: {first}\n\nOpen it again to fix it?"

        def answered(again: bool | None) -> None:
            if again:
                self._edit(path)

        self.app.push_screen(ConfirmScreen(question, yes="Edit again", no="Later"), answered)
