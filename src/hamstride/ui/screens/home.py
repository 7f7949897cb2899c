"""The home screen: what to do today, every session, and the way to make them your own."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from hamstride import collector
from hamstride.domain.errors import HamstrideError
from hamstride.domain.timetext import clock
from hamstride.plaintext import shown
from hamstride.storage.library import Entry, Library, Title
from hamstride.ui.commands import ScreenCommands
from hamstride.ui.keynames import KeyNames
from hamstride.ui.messages import HistoryChanged, StartSession
from hamstride.ui.watcher import FolderWatcher, SessionsChanged, folder_signature
from hamstride.ui.widgets.key_bar import KeyBar
from hamstride.ui.widgets.library_list import LibraryList, LibraryRow, ago, essentials, last_done, origin

if TYPE_CHECKING:
    from hamstride.domain.diary import Diary
    from hamstride.domain.done_by import Unsaved
    from hamstride.domain.model import Session
    from hamstride.domain.record import Record
    from hamstride.domain.suggest import Suggestion
    from hamstride.storage.history import HistoryStore
    from hamstride.storage.month_reader import Loaded

# Served to a browser tab (hamstride serve), the app has no terminal to hand to $EDITOR: Textual cannot
# suspend there, and an editor started on the laptop would wait unseen for keys nobody can type.
EDIT_SERVED = ("Editing opens $EDITOR in a terminal, and a browser tab has none: on the laptop, run "
               "hamstride edit {name} (or hamstride in a terminal, and e).")

def planned_totals(library: Library) -> dict[str, float]:
    """How long each session takes as planned, worked out once per load, not per refresh."""
    from hamstride.domain.plan import planned_seconds

    return {entry.name: planned_seconds(entry.session) for entry in library.entries
            if entry.session is not None}


class HomeScreen(Screen[None]):
    StartSession = StartSession
    COMMANDS = {ScreenCommands}

    BINDINGS = [
        Binding("enter", "start", "Start", id="start", priority=True),
        Binding("h", "history", "History", id="history"),
        Binding("e", "edit", "Edit", id="edit"),
        Binding("c", "copy", "Copy to mine", id="copy"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self, load_library: Callable[[], Library], user_folder: Path, history: Callable[[], HistoryStore | None],
                 wall: Callable[[], datetime], target: int, maintenance: str = "weekly",
                 watcher: FolderWatcher | None = None, read_diary: Callable[[], Diary] | None = None,
                 served: bool = False, load_titles: Callable[[], list[Title]] | None = None) -> None:
        super().__init__(id="home")
        self.served = served  # in a browser tab: no terminal for an editor
        self.load_library = load_library
        self.load_titles = load_titles  # the list's first frame: titles only, each file checked just after
        self.user_folder = user_folder
        self.history = history  # opens the store (None: nothing recorded) when it is first read, after the first frame
        self.wall = wall
        self.target = target
        self.maintenance = maintenance
        self.library = Library(())
        self.records: tuple[Record, ...] = ()
        self.read_diary = read_diary
        self.diary: Diary | None = None  # the checks and races ahead, read with the history
        self.suggestion: Suggestion | None = None
        self._totals: dict[str, float] = {}  # planned seconds per session, worked out once per load
        self.watcher = watcher  # the app's look at the sessions folder: it tells this screen of changes
        self._folder_changed = False  # while a run or a dialog was on top: read when this screen is back
        self._history_read = False  # until then "last done" is blank, not a wrong "never"
        self._placed_row = 0  # where the screen last put the cursor: moved from there, the runner's choice stands
        self._library_read = False  # until then the titles are listed, and there is nothing to detail

    def compose(self) -> ComposeResult:
        # Placeholders hold the advice's rows while the history is read: the list does not jump down under
        # the runner's eyes (ten years of it take a moment).
        yield Static("Today: reading your history…", id="suggestion", markup=False)
        yield Static("This week: …", id="week-status", markup=False)
        yield LibraryList(id="library")
        yield Static("", id="detail")
        yield KeyBar(compact=True)

    def on_mount(self) -> None:
        if self.load_titles is not None:
            # The titles are the first frame: every file read whole and checked (a broken one marked, the
            # detail of the one under the cursor) follows just after it, before the history.
            self._list_titles(self.load_titles())
            self.call_after_refresh(self.reload_library)
        else:
            self.reload_library()
        # After the first frame: a long history read in its thread would hold the interpreter's
        # lock in turns with the first frame's layout (ten years of it: the list 50% later).
        self.call_after_refresh(self.load_history)
        if self.watcher is not None:
            self.watcher.tell(self)
        self.query_one("#library", LibraryList).focus()

    def on_screen_resume(self) -> None:
        if self._folder_changed:
            self._folder_changed = False
            self.reload_in_background()

    # -- data -------------------------------------------------------------------

    def reload_library(self) -> None:
        """Read the sessions now: at the start, and after the runner copied or edited one.

        The titles are drawn first; each session's planned time (every session planned, some 5-10 ms
        for the built-ins) follows just after that frame, as "last done" follows the history."""
        signature = folder_signature(self.user_folder)  # before the read: a change during it is seen next
        library = self.load_library()
        self._show_library(library, {})
        self.call_after_refresh(self._plan_totals, library)
        if self.watcher is not None:
            self.watcher.seen(signature)

    def _plan_totals(self, library: Library) -> None:
        if library is self.library:  # not read again meanwhile (that read brings its own totals)
            self._show_library(library, planned_totals(library))

    @on(SessionsChanged)
    def _sessions_changed(self) -> None:
        if not self.is_active:  # under a run or a dialog: read when this screen is on top again
            self._folder_changed = True
            return
        self.reload_in_background()

    @work(thread=True, exclusive=True, group="home-reload")
    def reload_in_background(self) -> None:
        """Off the UI thread: the sessions read again after the folder changed on disk."""
        library = self.load_library()
        totals = planned_totals(library)
        self.app.call_from_thread(self._show_library, library, totals)
        self.app.call_from_thread(self.notify, "Your sessions changed on disk: reloaded.", timeout=3)

    def _list_titles(self, titles: list[Title]) -> None:
        self.query_one("#library", LibraryList).show([
            LibraryRow(title.name, (shown(title.title or title.name, markup=False, one_line=True), "", "",
                                    origin(title.builtin, title.overrides_builtin))) for title in titles])

    def _show_library(self, library: Library, totals: dict[str, float]) -> None:
        self.library, self._totals, self._library_read = library, totals, True
        self._fill_table()

    @on(HistoryChanged)
    def _history_changed(self) -> None:
        self.load_history()

    def load_history(self) -> None:
        self._read_history(self.history())  # opened here, on the app's thread: the history screen asks it too

    @work(thread=True, exclusive=True, group="home-history")
    def _read_history(self, store: HistoryStore | None) -> None:
        from hamstride.storage.month_reader import Loaded

        loaded = store.load() if store is not None else Loaded((), ())
        collector.set_aside("the history's records, kept for the coach")
        diary = self.read_diary() if self.read_diary is not None else None
        self.app.call_from_thread(self._show_history, loaded, diary, store.unsaved(loaded.records) if store else [])

    def _show_history(self, loaded: Loaded, diary: Diary | None = None, unsaved: Sequence[Unsaved] = ()) -> None:
        """The history read (the list came first): the week's figures; today's advice weighs `unsaved` too."""
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
                                  diary or _no_diary(), unsaved=unsaved)
        pick = self.suggestion.session
        entry = self.library.find(pick) if pick else None
        titles = {name: session.title for name, session in sessions.items()}
        self.query_one("#suggestion", Static).update(self.suggestion.told(titles))
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
            where = origin(entry.builtin, entry.overrides_builtin)
            if entry.session is None:
                rows.append(LibraryRow(entry.name, (shown(entry.name, markup=False, one_line=True), "", "",
                                                    f"{where}: broken"), broken=True))
                continue
            total = self._totals.get(entry.name)
            rows.append(LibraryRow(entry.name, (shown(entry.session.title, markup=False, one_line=True),
                                                "" if total is None else clock(total),
                                                ago(done.get(entry.name), today) if self._history_read else "",
                                                where), short=essentials(total, entry.session.eccentric)))
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
        if not self._library_read:
            return  # the titles only, for a frame: the detail comes with the whole read
        entry = self.selected
        detail = self.query_one("#detail", Static)
        if entry is None:
            detail.update("No sessions found.")
            return
        if entry.error is not None:
            lines = [Text(shown(f"{entry.path} cannot be used:", markup=False), style="bold red")]
            lines += [Text(shown(f"  {problem}", markup=False)) for problem in entry.error.problems]
            lines.append(Text(f"Fix it on the laptop: hamstride edit {shown(entry.name, markup=False)}." if self.served else
                              "Press e to fix it in your editor.", style="italic"))
            detail.update(Group(*lines))
            return
        session = entry.session
        assert session is not None
        parts = [Text(session.title, style="bold")]
        if self._history_read:  # a programme's week is told from the history, never before it is read
            from hamstride.domain.progression import current_week, planned_session

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

    def palette_commands(self) -> Iterable[SystemCommand]:
        key = KeyNames(self)  # the runner's keys, after config.toml's [keymap]
        for entry in self.library.entries:
            if entry.session is not None:
                yield SystemCommand(f"Start: {shown(entry.session.title)}",
                                    shown(entry.session.summary or entry.name, one_line=True),
                                    partial(self.start, entry.session))
        yield SystemCommand("History", f"Calendar, streaks and past sessions ({key('history', 'h')})",
                            self.action_history)
        yield SystemCommand("Edit the session", f"Open the highlighted session in $EDITOR ({key('edit', 'e')})",
                            self.action_edit)

    def start(self, session: Session) -> None:
        """The app runs it, as the history on disk now says (week, side): another copy may have saved a
        session since this screen read it, and a check blind to it lets a second eccentric session start."""
        store = self.history()
        records = store.load().records if store is not None else self.records
        if records != self.records:  # and this screen says so too when it is back on top
            self.load_history()
        self.post_message(self.StartSession(session, records))

    def action_start(self) -> None:
        entry = self.selected
        if entry is None:
            return
        if entry.session is None:
            fix = "fix it on the laptop with hamstride edit" if self.served else "press e to fix it"
            self.notify(f"This session file has problems: {fix}.", severity="error")
            return
        self.start(entry.session)

    def action_history(self) -> None:
        from hamstride.ui.screens.history import HistoryScreen

        def find_session(name: str) -> Session | None:
            return next((e.session for e in self.library.entries if e.name == name), None)

        self.app.push_screen(HistoryScreen(self.history(), self.wall, self.target, find_session=find_session,
                                           maintenance=self.maintenance, read_diary=self.read_diary))

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
        if self.served:
            name = shown(entry.name, markup=False, one_line=True) if entry is not None else "NAME"
            self.notify(EDIT_SERVED.format(name=name), severity="warning", timeout=10, markup=False)
            return
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
        from hamstride.editing import dose_notes_in, editor_command, problems_in, run_editor, valid_text
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
            notes = dose_notes_in(path)  # a valid file may plan an over-dose: said now, as `hamstride edit` does
            self.notify(valid_text(path, notes), severity="warning" if notes else "information",
                        timeout=20 if notes else 4)
            return
        count = len(found.problems)
        question = f"{path.name} has {count} problem{'s' if count > 1 else ''}: {found.problems[0]}\n\nOpen it again to fix it?"
        self.app.push_screen(ConfirmScreen(question, yes="Edit again", no="Later"),
                             lambda again: self._edit(path) if again else None)


def _no_diary() -> Diary:
    from hamstride.domain.diary import Diary

    return Diary()
