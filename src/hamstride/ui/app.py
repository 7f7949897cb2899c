"""The Textual app: runs sessions, plays their cues, keeps the history, shows the screens."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING
from datetime import datetime
from functools import partial
from pathlib import Path

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from hamstride import locations
from hamstride.plaintext import shown
from hamstride.audio.backends import BellBackend, available_backends
from hamstride.audio.clips import SoundBank, SoundMode
from hamstride.audio.player import BELL_CUES, CuePlayer
from hamstride.audio.speech import Speaker
from hamstride.storage.config import Config
from hamstride.domain.cues import Cue, CueKind
from hamstride.domain.engine import Clock
from hamstride.domain.errors import SessionFileError
from hamstride.storage.history import HistoryStore, Journal, Saved
from hamstride.storage.library import Library
from hamstride.storage.loader import load_session
from hamstride.domain.model import Session, Side
from hamstride.domain.plan import build_timeline
from hamstride.domain.progression import current_week, has_sides, next_first_side
from hamstride.domain.readiness import Verdict, assess, needs_check
from hamstride.domain.record import Readiness, Record, record_from_result
from hamstride.storage.record_table import file_hash
from hamstride.storage.recorder import Outcome, RunRecorder, keep_as_partial
from hamstride.domain.result import RunResult
from hamstride.domain.stats import detraining_warning, streak_change
from hamstride.ui.messages import HistoryChanged, StartSession
from hamstride.ui.screens.run import RunScreen
from hamstride.wallclock import local_now

if TYPE_CHECKING:
    from hamstride.ui.screens.summary import Feedback

# The home, resume and summary screens are imported where they are first shown:
# `hamstride run` draws its first frame sooner without them.

Wall = Callable[[], datetime]
UNHEARD_ON_BELL = frozenset(CueKind) - BELL_CUES  # the bell rings only where the runner must act
SPEAK_AFTER = 0.8  # seconds: the get-ready sound first, then the step's name


class HamstrideApp(App[RunResult | None]):
    CSS_PATH = "hamstride.tcss"
    TITLE = "hamstride"
    BINDINGS = [Binding("m", "toggle_mute", "Mute", id="mute")]

    def __init__(self, session: Session | None = None, *, clock: Clock = time.monotonic, wall: Wall = local_now,
                 player: CuePlayer | None = None, muted: bool | None = None, sound_mode: SoundMode | None = None,
                 backend: str | None = None, store: HistoryStore | None = None, config: Config | None = None,
                 start: str = "run", load_library: Callable[[], Library] | None = None,
                 user_folder: Path | None = None, speaker: Speaker | None = None,
                 readiness_check: bool = False) -> None:
        super().__init__()
        # The check before eccentric work: the command turns it on; tests of other screens leave it off.
        self.readiness_check = readiness_check
        self._speaker = speaker
        self.load_library = load_library or (lambda: Library(()))
        self.user_folder = user_folder or locations.locations().user_sessions
        self.session = session
        self.clock = clock
        self.wall = wall
        self.config = config or Config()
        self.store = store
        self.start = start  # "run" the given session, "home", or "history"
        self._player = player
        self._muted = self.config.mute if muted is None else muted
        self._sound_mode = sound_mode or SoundMode(self.config.sound)
        self._backend = backend or self.config.backend
        self.result: RunResult | None = None
        self.unsaved: list[Saved] = []  # records that could not go into the history: told on exit
        self._recorder: RunRecorder | None = None
        self._journal_lock = threading.Lock()
        self._journal_asked = 0  # journal writes asked for, numbered in order
        self._journal_done = 0  # the newest one written; once the run is saved, no more
        self._journal_failed = False
        if self.config.theme:
            self.theme = self.config.theme if self.config.theme in self.available_themes else "textual-dark"

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every toast, from any screen: what it quotes from files (titles, notes, paths) stays text."""
        if markup:
            message, title = shown(message), shown(title)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # -- sound ----------------------------------------------------------------

    @property
    def player(self) -> CuePlayer:
        if self._player is None:
            backends = available_backends(self.bell, self._backend)
            self._player = CuePlayer(SoundBank(locations.sounds(), self.config.volume), backends,
                                     mode=self._sound_mode, muted=self._muted, on_notice=self._sound_notice)
            if self._backend and backends[0].name != self._backend:
                self._sound_notice(f"The sound backend {self._backend} is not available here: cues play "
                                   f"through {backends[0].name}.")
        return self._player

    @property
    def sound_status(self) -> str:
        player = self.player
        names = ""
        if player.mode is not SoundMode.TONES and self.speaker.available:
            names = f", names by {Path(self.speaker.program or '').name}"
        return (f"Sound: {player.backend.name}, {player.mode.value}{names}"
                + (" (muted: m)" if player.muted else " (m mutes)"))

    @on(RunScreen.CuesDue)
    def _play(self, message: RunScreen.CuesDue) -> None:
        self.play_now(message.cues, message.announce)

    # The run screen's sound output (RunScreen.CueOutput).

    def play_now(self, cues: tuple[Cue, ...], announce: str) -> None:
        self.player.play_cues(cues)
        if announce and self.player.mode is not SoundMode.TONES and not self.player.muted:
            # After the get-ready sound, not over it.
            self.set_timer(SPEAK_AFTER, partial(self.speaker.say, announce))

    def arm_next(self, cues: tuple[Cue, ...], delay: float) -> None:
        if self.clock is time.monotonic:  # the sound thread waits on the real clock only
            self.player.arm(cues, delay)

    def unheard(self) -> frozenset[CueKind]:
        player = self.player
        if player.muted or not isinstance(player.backend, BellBackend):
            return frozenset()
        return UNHEARD_ON_BELL

    def sound_line(self) -> str:
        if self.unheard():
            # Short enough for 60 columns: what will not be heard, and what shows instead.
            return "Terminal bell: counts and ticks flash instead (m mutes)"
        return self.sound_status

    @property
    def speaker(self) -> Speaker:
        if self._speaker is None:
            self._speaker = Speaker()
        return self._speaker

    def _sound_notice(self, text: str) -> None:
        # Called from the audio thread when a backend falls through.
        if threading.current_thread() is threading.main_thread():
            self._tell(text, severity="warning", timeout=8)
        else:
            self.call_from_thread(self._tell, text, severity="warning", timeout=8)

    def _tell(self, text: str, *, severity: SeverityLevel = "information", timeout: float = 5) -> None:
        """On the run screen a notice goes to its status line, where it covers nothing of the session."""
        if isinstance(self.screen, RunScreen):
            self.screen.note(text, timeout)
        else:
            self.notify(text, severity=severity, timeout=timeout)

    def action_toggle_mute(self) -> None:
        self.player.muted = not self.player.muted
        self._tell("Sound off" if self.player.muted else "Sound on", timeout=2)

    # -- starting ---------------------------------------------------------------

    def on_mount(self) -> None:
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        journal = self._pending_journal()
        if journal is not None:
            self._offer_resume(journal)
        else:
            self._begin()

    def _begin(self) -> None:
        if self.start == "history":
            from hamstride.ui.screens.history import HistoryScreen

            self.push_screen(HistoryScreen(self.store, self.wall, self.config.weekly_target,
                                           find_session=self.find_session),
                             lambda _: self.exit(None))
        elif self.start == "home":
            from hamstride.ui.screens.home import HomeScreen

            self.push_screen(HomeScreen(self.load_library, self.user_folder, self.store, self.wall,
                                        self.config.weekly_target, self.config.maintenance))
        elif self.session is not None:
            records = self.store.load().records if self.store is not None else ()
            self.start_session(self.session, records)

    def start_session(self, session: Session, records: Sequence[Record]) -> None:
        """Run a session as the history says, after the readiness check when it is eccentric work."""
        if not self.readiness_check or not needs_check(session):
            self._start_checked(session, records, None)
            return
        from hamstride.ui.screens.readiness import ALTERNATIVE, ReadinessChoice, ReadinessScreen

        library = self.load_library()

        def assess_now(answers: Readiness) -> Verdict:
            return assess(records, self.wall(), answers, library.names())

        def answered(choice: ReadinessChoice | None) -> None:
            if choice is None:  # back: nothing starts
                if self.start != "home":
                    self.exit(None)
                return
            chosen = session
            alternative = assess_now(choice.answers).alternative
            if choice.run == ALTERNATIVE and alternative is not None:
                found = library.find(alternative)
                chosen = found.session if found is not None and found.session is not None else session
            self._start_checked(chosen, records, choice.answers)

        titles = {e.name: e.session.title for e in library.entries if e.session is not None}
        self.push_screen(ReadinessScreen(session.title, assess_now, titles), answered)

    def _start_checked(self, session: Session, records: Sequence[Record], readiness: Readiness | None) -> None:
        """This week of its programme, the other side first; the why note as it starts."""
        choice = current_week(session, records, self.wall().date(), self.config.maintenance)
        if choice is not None:
            session = session.for_week(choice.week)
            if choice.week > 1 or choice.stepped_back or choice.held or choice.maintenance:
                self.notify(f"{choice.banner}: {choice.reason}", timeout=8)
        if session.why:
            self.notify(session.why, title="Why it works", timeout=10)
        first_side = next_first_side(session, records) if has_sides(session) else None
        self.run_session(session, week=choice.week if choice else None, banner=choice.banner if choice else "",
                         first_side=first_side, readiness=readiness,
                         maintenance=choice.maintenance if choice else False)

    def find_session(self, name: str) -> Session | None:
        """A session of the library by its exact name (a programme's plan, for the charts)."""
        for entry in self.load_library().entries:
            if entry.name == name:
                return entry.session
        return None

    def _pending_journal(self) -> Journal | None:
        if self.store is None:
            return None
        journal, problem = self.store.read_journal()
        if problem:
            self.notify(problem, severity="warning", timeout=15)
        return journal

    def _offer_resume(self, journal: Journal) -> None:
        session = self._journal_session(journal)
        record = journal.record
        done = sum(1 for step in record.steps if step.sets_done)
        when = record.started.strftime("%a %d %b, %H:%M")
        if session is not None:
            question = (f"{record.title} was not finished ({when}): {done} step(s) done, stopped at step "
                        f"{journal.resume_step + 1} of {len(session.steps)}. Resume from that step, or keep "
                        "what was done as a partial session?")
        else:
            question = (f"{record.title} was not finished ({when}): {done} step(s) done. Its session file has "
                        "changed or is gone, so it can only be kept as a partial session.")

        from hamstride.ui.screens.resume import RESUME, ResumeScreen

        def chosen(choice: str | None) -> None:
            if choice == RESUME and session is not None:
                if self.start == "home":
                    self._begin()  # home under the run, to come back to
                self.run_session(session, resume=journal)
                return
            assert self.store is not None
            saved = keep_as_partial(self.store, journal)
            self._tell_saved(saved, "kept as partial")
            self._begin()

        self.push_screen(ResumeScreen(question, can_resume=session is not None), chosen)

    def _journal_session(self, journal: Journal) -> Session | None:
        source = Path(journal.source) if journal.source else None
        if source is None or not source.is_file():
            return None
        if journal.record.file_hash and file_hash(source) != journal.record.file_hash:
            return None  # the steps may have changed: resuming "at step 3" would mean something else
        try:
            return load_session(source)
        except SessionFileError:
            return None

    @on(StartSession)
    def _start_from_home(self, message: StartSession) -> None:
        self.start_session(message.session, message.records)

    # -- a run --------------------------------------------------------------------

    def run_session(self, session: Session, *, resume: Journal | None = None, week: int | None = None,
                    banner: str = "", first_side: Side | None = None, readiness: Readiness | None = None,
                    maintenance: bool = False) -> None:
        if resume is not None:
            week, first_side = resume.record.week, resume.record.first_side
            if week is not None:
                session = session.for_week(week)
                banner = f"Week {week} of {session.total_weeks}"
        if self.config.lead_in is not None:
            session = session.with_lead_in(self.config.lead_in)
        if self.store is not None:
            self._recorder = RunRecorder(self.store, self.wall, session, target=self.config.weekly_target,
                                         resume=resume, week=week, first_side=first_side, readiness=readiness,
                                         maintenance=maintenance)
        start_step = resume.resume_step if resume else 0
        self._journal_asked = self._journal_done = 0
        self._journal_failed = False
        timeline = build_timeline(session, first_side or Side.LEFT)
        self.push_screen(RunScreen(timeline, clock=self.clock, start_step=start_step, banner=banner, sound=self),
                         self._run_finished)

    @on(RunScreen.StepReached)
    def _step_reached(self, message: RunScreen.StepReached) -> None:
        if self._recorder is not None:
            self._journal_asked += 1
            self._write_journal(self._recorder, self._journal_asked, message.step_index, message.so_far)

    @work(thread=True, group="journal")
    def _write_journal(self, recorder: RunRecorder, number: int, step_index: int, so_far: RunResult) -> None:
        with self._journal_lock:
            # Threads may take the lock out of order: an older state never
            # overwrites a newer one, nor brings the journal back after the save.
            if number <= self._journal_done:
                return
            self._journal_done = number
            try:
                recorder.step_reached(step_index, so_far)
            except OSError as error:
                if not self._journal_failed:
                    self._journal_failed = True
                    self.call_from_thread(self.notify, f"Progress cannot be saved as you go ({error.strerror}); "
                                          "the session still runs.", severity="warning", timeout=10)

    def _run_finished(self, result: RunResult | None) -> None:
        self.result = result
        if result is None:
            self._after_run()
            return
        if self._recorder is None:
            from hamstride.ui.screens.summary import SummaryScreen

            self.push_screen(SummaryScreen(self._plain_record(result)), lambda _: self._after_run())
            return
        self._save_run(self._recorder, result)

    def _plain_record(self, result: RunResult) -> Record:
        now = self.wall()
        return record_from_result(result, id="unsaved", started=now, ended=now)

    @work(thread=True, exclusive=True, group="save")
    def _save_run(self, recorder: RunRecorder, result: RunResult) -> None:
        with self._journal_lock:
            self._journal_done = sys.maxsize
            outcome = recorder.finish(result)
        self.call_from_thread(self._show_summary, recorder, outcome)

    def _show_summary(self, recorder: RunRecorder, outcome: Outcome) -> None:
        for problem in outcome.problems:
            self.notify(problem, severity="warning", timeout=15)
        if outcome.saved is None:
            saved = "Nothing was done, so nothing was saved."
        else:
            saved = self._saved_text(outcome.saved)
            if not outcome.saved.in_history:
                self.unsaved.append(outcome.saved)
        from hamstride.ui.screens.summary import SummaryScreen

        summary = SummaryScreen(outcome.record, streak=streak_change(outcome.before, outcome.after),
                                warning=detraining_warning(outcome.after), saved=saved)

        def closed(feedback: Feedback | None) -> None:
            if feedback is None or outcome.saved is None or (
                    feedback.rpe is None and feedback.soreness is None and not feedback.note):
                self._after_run()
                return
            self._save_feedback(recorder, outcome.record, feedback)

        self.push_screen(summary, closed)

    @work(thread=True, exclusive=True, group="save")
    def _save_feedback(self, recorder: RunRecorder, record: Record, feedback: Feedback) -> None:
        saved = recorder.add_feedback(record, feedback.rpe, feedback.soreness, feedback.note)
        if not saved.in_history:
            self.unsaved.append(saved)
        self.call_from_thread(self._after_run)

    def _after_run(self) -> None:
        self._recorder = None
        if self.start == "home":
            # The run and summary screens have dismissed themselves: home is on top again.
            self.screen.post_message(HistoryChanged())
            return
        self.exit(self.result)

    @staticmethod
    def _saved_text(saved: Saved) -> str:
        if saved.in_history:
            return f"Saved to {saved.path}"
        if saved.path is not None:
            return f"Could not save to the history ({saved.error}); kept in {saved.path}"
        return f"Could not save anywhere ({saved.error}); it is printed when you quit"

    def _tell_saved(self, saved: Saved, what: str) -> None:
        if saved.in_history:
            self.notify(f"Unfinished session {what}: {saved.path}", timeout=6)
        else:
            self.unsaved.append(saved)
            self.notify(self._saved_text(saved), severity="error", timeout=15)

    # -- commands -------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:  # type: ignore[type-arg]
        yield from super().get_system_commands(screen)
        yield SystemCommand("Mute or unmute", "Turn the cues' sound off or on (m)", self.action_toggle_mute)
        from hamstride.ui.screens.home import HomeScreen

        if isinstance(screen, HomeScreen):
            for entry in screen.library.entries:
                if entry.session is not None:
                    yield SystemCommand(f"Start: {shown(entry.session.title)}",
                                        shown(entry.session.summary or entry.name, one_line=True),
                                        partial(self.start_session, entry.session, screen.records))
            yield SystemCommand("History", "Calendar, streaks and past sessions (h)", screen.action_history)
            yield SystemCommand("Edit the session", "Open the highlighted session in $EDITOR (e)", screen.action_edit)
        yield from self._chart_commands(screen)
        if isinstance(screen, RunScreen):
            yield SystemCommand("Pause or resume", "Stop the clock, or start it again (space)",
                                screen.action_toggle_pause)
            yield SystemCommand("Skip", "Skip a rest or get-ready; during work, the rest of the step (right)",
                                screen.action_skip)
            yield SystemCommand("Back", "Back to the start of the step (left)", screen.action_back)
            yield SystemCommand("End the session", "Stop now, keeping what you did (q)", screen.action_quit_session)

    def _chart_commands(self, screen: Screen) -> Iterable[SystemCommand]:  # type: ignore[type-arg]
        # The screens load on demand; their modules are imported once one is on screen.
        history = sys.modules.get("hamstride.ui.screens.history")
        if history is not None and isinstance(screen, history.HistoryScreen):
            yield SystemCommand("Charts", "Weekly volume, soreness and effort, left and right, the programme (c)",
                                screen.action_charts)
        charts = sys.modules.get("hamstride.ui.screens.charts")
        if charts is not None and isinstance(screen, charts.ChartsScreen):
            for weeks in charts.RANGES:
                yield SystemCommand(f"Charts: last {weeks} weeks", f"Show {weeks} weeks (r cycles 4, 12, 26)",
                                    partial(screen.action_range, weeks))
            for tab, title, help in charts.CHART_COMMANDS:
                yield SystemCommand(title, help, partial(screen.action_show_chart, tab))

    def on_unmount(self) -> None:
        if self._player is not None:
            self._player.close()
        if self._speaker is not None:
            self._speaker.close()


def binding_ids() -> set[str]:
    """Every key binding id the app and its screens have: what config.toml's [keymap] may name."""
    import importlib
    import pkgutil

    from textual.binding import Binding as _Binding

    import hamstride.ui.screens as screens

    classes: list[type] = [HamstrideApp]
    for module in pkgutil.iter_modules(screens.__path__):
        loaded = importlib.import_module(f"{screens.__name__}.{module.name}")
        classes += [value for value in vars(loaded).values() if isinstance(value, type)
                    and issubclass(value, Screen) and value.__module__ == loaded.__name__]
    return {binding.id for cls in classes for binding in getattr(cls, "BINDINGS", [])
            if isinstance(binding, _Binding) and binding.id}
