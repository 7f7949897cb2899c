"""One run of a session, from the first get-ready to the last word of feedback.

The app starts a `RunFlow` and hears back once, when it is over. In between the
flow owns the run's lifecycle: the recorder, the journal (one writer thread,
states in order, closed before the save), the save, the summary and the
feedback. Files are written off the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from textual.app import App

from hamstride.domain.engine import Clock
from hamstride.domain.model import Session, Side
from hamstride.domain.plan import build_timeline
from hamstride.domain.progression import current_week, has_sides, next_first_side
from hamstride.domain.record import Readiness, Record, record_from_result
from hamstride.domain.result import RunResult
from hamstride.storage.config import Config
from hamstride.storage.history import HistoryStore, Saved
from hamstride.storage.journal import Journal, JournalState, JournalWriter
from hamstride.storage.recorder import Outcome, RunRecorder
from hamstride.ui.screens.run import CueOutput, RunScreen

if TYPE_CHECKING:
    from hamstride.ui.screens.summary import Feedback

Wall = Callable[[], datetime]


class RunSetup(NamedTuple):
    """What a run needs from the app: its clocks, the settings and the history (None: not recorded)."""

    clock: Clock
    wall: Wall
    config: Config
    store: HistoryStore | None


def saved_text(saved: Saved) -> str:
    if saved.in_history:
        return f"Saved to {saved.path}"
    if saved.path is not None:
        return f"Could not save to the history ({saved.error}); kept in {saved.path}"
    return f"Could not save anywhere ({saved.error}); it is printed when you quit"


class Planned(NamedTuple):
    """A session as the history says to run it today."""

    session: Session  # this week of its programme
    week: int | None
    banner: str  # "Week 4 of 10"
    told: str  # the week's reason, when it is worth telling
    first_side: Side | None  # per-side steps start on the other side from last time
    maintenance: bool


def plan_for(session: Session, records: Sequence[Record], wall: Wall, maintenance: str) -> Planned:
    choice = current_week(session, records, wall().date(), maintenance)
    told = ""
    if choice is not None:
        session = session.for_week(choice.week)
        if choice.week > 1 or choice.stepped_back or choice.held or choice.maintenance:
            told = f"{choice.banner}: {choice.reason}"
    first_side = next_first_side(session, records) if has_sides(session) else None
    return Planned(session, choice.week if choice else None, choice.banner if choice else "", told, first_side,
                   choice.maintenance if choice else False)


class RunFlow:
    """A run on screen, journalled as it goes, saved and summed up at the end."""

    def __init__(self, app: App[Any], setup: RunSetup, session: Session, *, done: Callable[[RunResult | None], None],
                 unsaved: list[Saved], resume: Journal | None = None, week: int | None = None,
                 banner: str = "", first_side: Side | None = None, sound: CueOutput | None = None,
                 readiness: Readiness | None = None, maintenance: bool = False) -> None:
        self.app = app
        self.sound = sound
        self.setup = setup
        self._done = done
        self._unsaved = unsaved
        self.result: RunResult | None = None
        self.screen: RunScreen | None = None  # the run screen when it is the app's first screen
        if resume is not None:
            week, first_side = resume.record.week, resume.record.first_side
            if week is not None:
                session = session.for_week(week)
                banner = f"Week {week} of {session.total_weeks}"
        if setup.config.lead_in is not None:
            session = session.with_lead_in(setup.config.lead_in)
        self.session = session
        self.recorder: RunRecorder | None = None
        self.writer: JournalWriter | None = None
        if setup.store is not None:
            self.recorder = RunRecorder(setup.store, setup.wall, session, target=setup.config.weekly_target,
                                        resume=resume, week=week, first_side=first_side, readiness=readiness,
                                        maintenance=maintenance)
            self.writer = JournalWriter(setup.store.journals, self._journal_failed)
        self._journalled: JournalState | None = None  # the last state written: a stop repeats it, with why
        self.run_screen: RunScreen | None = None
        self._timeline = build_timeline(session, first_side or Side.LEFT)
        self._banner = banner

    def start(self, *, first: bool = False) -> None:
        """The run screen, pushed; or, `first`, kept in `screen` for the app to show as its first screen."""
        recorder = self.recorder
        screen = RunScreen(self._timeline, clock=self.setup.clock, banner=self._banner,
                           start=recorder.start_at if recorder else None,
                           done=recorder.done_before if recorder else (), sound=self.sound)
        self.run_screen = screen
        if first:
            # What push_screen does with its callback: the screen's dismiss hands its result to it.
            screen._push_result_callback(self.app, self._run_finished)
            self.screen = screen
        else:
            self.app.push_screen(screen, self._run_finished)

    def set_reached(self, message: RunScreen.SetReached) -> None:
        if self.recorder is not None and self.writer is not None:
            self._journalled = self.recorder.journal(message.position, message.sets, message.so_far)
            self.writer.put(self._journalled)

    def stopped(self, reason: str) -> None:
        """The run is left under way (its page closed): pause it, and journal why, for the resume offer.

        The journal is the last set boundary's, as after a crash: the set that was running
        starts again on resume, and nothing of it is credited that was not seen through."""
        if self.result is not None or self._journalled is None or self.writer is None:
            return  # over already (saved, or being saved), or nothing done yet to resume
        if self.run_screen is not None:
            self.run_screen.engine.pause()
        self.writer.put(self._journalled._replace(reason=reason))

    def close(self) -> None:
        """Stop journalling (the app is going away): what was written stays for a resume."""
        if self.writer is not None:
            self.writer.close()

    def _journal_failed(self, error: OSError) -> None:
        self.app.call_from_thread(self.app.notify, f"Progress cannot be saved as you go ({error.strerror}); "
                                  "the session still runs.", severity="warning", timeout=10)

    def _run_finished(self, result: RunResult | None) -> None:
        self.result = result
        if result is None:
            self.close()
            self._done(None)
            return
        from hamstride.ui.screens.summary import SummaryScreen  # when first shown: a run starts sooner

        if self.recorder is None:
            now = self.setup.wall()
            plain = record_from_result(result, id="unsaved", started=now, ended=now)
            self.app.push_screen(SummaryScreen(plain), lambda _: self._done(result))
            return
        self.app.run_worker(lambda: self._save(result), thread=True, exclusive=True, group="save")

    def _save(self, result: RunResult) -> None:
        assert self.recorder is not None
        self.close()  # the journal's last write lands before the save, never after it
        outcome = self.recorder.finish(result)
        self.app.call_from_thread(self._show_summary, outcome)

    def _show_summary(self, outcome: Outcome) -> None:
        from hamstride.domain.stats import detraining_warning, streak_change
        from hamstride.ui.screens.summary import SummaryScreen

        for problem in outcome.problems:
            self.app.notify(problem, severity="warning", timeout=15)
        if self.result is not None:
            # A resumed run's result counts the time since the resume only: the app's result (and the
            # command's last line) give the whole session's time, as saved and on the summary.
            self.result = self.result._replace(elapsed_seconds=outcome.record.elapsed_seconds)
        if outcome.saved is None:
            saved = "Nothing was done, so nothing was saved."
        else:
            saved = saved_text(outcome.saved)
            if not outcome.saved.in_history:
                self._unsaved.append(outcome.saved)
        summary = SummaryScreen(outcome.record, streak=streak_change(outcome.before, outcome.after),
                                warning=detraining_warning(outcome.after), saved=saved)

        def closed(feedback: Feedback | None) -> None:
            if feedback is None or outcome.saved is None or (
                    feedback.rpe is None and feedback.soreness is None and not feedback.note):
                self._done(self.result)
                return
            self.app.run_worker(lambda: self._save_feedback(outcome.record, feedback), thread=True,
                                exclusive=True, group="save")

        self.app.push_screen(summary, closed)

    def _save_feedback(self, record: Record, feedback: Feedback) -> None:
        assert self.recorder is not None
        saved = self.recorder.add_feedback(record, feedback.rpe, feedback.soreness, feedback.note)
        if not saved.in_history:
            self._unsaved.append(saved)
        self.app.call_from_thread(self._done, self.result)
