"""One run of a session, from the first get-ready to the last word of feedback.

The flow owns the run's lifecycle and everything flows one way through it:

    RunScreen --RunProgress (set reached, finished)--> RunFlow --> journal, record, summary --> FlowEnd

The run screen reports to the flow it was handed (as it hands cues to its
`CueOutput`); the flow journals each set and each rep done or marked (one writer
thread, states in order, closed before the save), saves the record off the UI thread, shows the summary
and saves the feedback; then it tells whoever started it, once, with the result
and any record it could not put into the history. The app only starts flows and
shows their screens.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from textual.app import App

from hamstride.domain.engine import Clock
from hamstride.domain.model import Session, Side
from hamstride.domain.plan import build_timeline
from hamstride.domain.sides import has_sides, next_first_side, plan_reads_history
from hamstride.storage.recorder import RunRecorder
from hamstride.ui.screens.run import RunScreen
from hamstride.ui.screens.run_ports import CueOutput

if TYPE_CHECKING:
    from hamstride.domain.diary import Check
    from hamstride.domain.done_by import Unsaved
    from hamstride.domain.progress import Position, SetDone
    from hamstride.domain.record import Readiness, Record
    from hamstride.domain.result import RunResult
    from hamstride.storage.config import Config
    from hamstride.storage.history import HistoryStore, Saved
    from hamstride.storage.journal import Journal, JournalState, JournalWriter
    from hamstride.storage.recorder import Outcome
    from hamstride.ui.screens.summary import Feedback, SummaryScreen

Wall = Callable[[], datetime]


class RunSetup(NamedTuple):
    """What a run needs from the app: its clocks, the settings and what opens the history (None: not recorded)."""

    clock: Clock
    wall: Wall
    config: Config
    history: Callable[[], HistoryStore] | None


class FlowEnd(NamedTuple):
    """How a run ended: its result (None: it never ran) and the records the history could not take."""

    result: RunResult | None
    unsaved: tuple[Saved, ...] = ()


def set_aside_text(saved: Saved | None) -> str:
    """What became of a month the save could not fully read, in words the summary shows whole: the
    line under the fields has room for one line, and this needs the file's new name in full."""
    if saved is None or not saved.in_history or saved.set_aside is None or saved.path is None:
        return ""
    return (f"{saved.path.name} could not be fully read (said when it was read), so before this session "
            f"was saved it was moved aside, unchanged, to {saved.set_aside.name} in {saved.set_aside.parent}. "
            f"The new {saved.path.name} holds the sessions read from it and this one.")


def saved_text(saved: Saved) -> str:
    if saved.in_history and saved.set_aside is not None:
        return f"Saved to {saved.path}, started anew (above: why)"
    if saved.in_history:
        return f"Saved to {saved.path}"
    if saved.path is not None:
        # What to know first, on one line of the summary: the full reason and path follow.
        why = saved.error.split(" (", 1)[0]
        return (f"Not saved to the history ({why}): the next start of hamstride offers to save it. "
                f"Kept in {saved.path}; {saved.error}")
    return f"Could not save anywhere ({saved.error}); it is printed when you quit"


class Planned(NamedTuple):
    """A session as the history says to run it today."""

    session: Session  # this week of its programme
    week: int | None
    banner: str  # "Week 4 of 10"
    told: str  # the week's reason, when it is worth telling
    first_side: Side | None  # per-side steps start on the other side from last time
    maintenance: bool


def plan_for(session: Session, records: Sequence[Record], wall: Wall, maintenance: str,
             checks: Sequence[Check] = (), unsaved: Callable[[], Sequence[Unsaved]] | None = None) -> Planned:
    """The session as it runs today: its programme's week, and the side it starts on. `unsaved`: the work not
    in `records` yet (another copy's run under way, a crash's), counted as done by now (domain.done_by);
    asked only of a plan that reads the history (no journal: nothing read, nothing imported)."""
    more = unsaved() if unsaved is not None and plan_reads_history(session) else ()
    if more:
        from hamstride.domain.done_by import with_unsaved

        records = with_unsaved(records, more)
    choice = None
    if session.total_weeks:  # a programme's week: the coach's rules are imported for one only
        from hamstride.domain.progression import current_week, planned_session

        choice = current_week(session, records, wall().date(), maintenance, checks)
    told = ""
    if choice is not None:
        session = planned_session(session, choice)  # its week, or low-volume maintenance's 2 x 5
        # Week 1 is said too when its session is done already: run again, it goes beyond the week's dose.
        if choice.week > 1 or choice.stepped_back or choice.held or choice.maintenance or not choice.due:
            told = f"{choice.banner}: {choice.reason}"
    first_side = next_first_side(session, records) if has_sides(session) else None
    return Planned(session, choice.week if choice else None, choice.banner if choice else "", told, first_side,
                   choice.maintenance if choice else False)


class RunFlow:
    """A run on screen, journalled as it goes, saved and summed up at the end (the screen's RunProgress)."""

    def __init__(self, app: App[Any], setup: RunSetup, session: Session, *, done: Callable[[FlowEnd], None],
                 resume: Journal | None = None, week: int | None = None, banner: str = "",
                 first_side: Side | None = None, sound: CueOutput | None = None,
                 readiness: Readiness | None = None, maintenance: bool = False) -> None:
        self.app = app
        self.setup = setup
        self._done = done
        self._unsaved: list[Saved] = []  # this run's records the history could not take: handed back at the end
        self.saved: Saved | None = None  # the run's record, once written (on the summary)
        self.result: RunResult | None = None
        self._saving = False  # a save in its thread: the app waits for it before it may go
        self.writing = False  # the summary's answers being written, in their thread (the hang-up guard waits)
        self._ended = False
        if resume is not None:
            week, first_side = resume.record.week, resume.record.first_side
            if week is not None:  # the dose it was started with: a low-volume maintenance's 2 x 5 stays so
                from hamstride.domain.progression import resumed_plan

                session, banner = resumed_plan(session, resume.record)
        if setup.config.lead_in is not None:
            session = session.with_lead_in(setup.config.lead_in)
        self.session = session
        self.recorder: RunRecorder | None = None
        self.writer: JournalWriter | None = None
        if setup.history is not None:
            self.recorder = RunRecorder(setup.history, setup.wall, session, target=setup.config.weekly_target,
                                        resume=resume, week=week, first_side=first_side, readiness=readiness,
                                        maintenance=maintenance)
        recorder = self.recorder
        self.screen = RunScreen(build_timeline(session, first_side or Side.LEFT), clock=setup.clock,
                                banner=banner, start=recorder.start_at if recorder else None,
                                done=recorder.done_before if recorder else (), sound=sound, progress=self,
                                elapsed_before=recorder.elapsed_before if recorder else 0.0)
        self._pushed = False
        self._journalled: JournalState | None = None  # the last state written: a stop repeats it, with why
        self._summary: tuple[SummaryScreen, Outcome] | None = None  # on screen, its answers not yet kept

    def show(self) -> None:
        """Push the run screen (else the app shows `screen` as its first screen)."""
        self._pushed = True
        self.app.push_screen(self.screen)

    @property
    def running(self) -> bool:
        """Under way: the run screen has not reported its end."""
        return self.result is None and not self._ended

    # -- the run screen's RunProgress -------------------------------------------

    def set_reached(self, position: Position | None, sets: tuple[SetDone, ...], so_far: RunResult) -> None:
        """A set began or ended, or a rep of it was done or marked lost: journalled, so a crash loses no
        rep counted and no mark (a few writes a minute, their TOML on the writer's thread).

        The first (the run's get-ready, told once its screen's first frame is drawn) is written a refresh
        later: what writes a journal (the record, its table, TOML) was some 4 ms of `run FILE`'s
        launch. Those asked for meanwhile wait behind it, in order."""
        if self.recorder is None:
            return
        if self._journalled is None:
            self.app.call_after_refresh(self._journal, position, sets, so_far)
        else:
            self._journal(position, sets, so_far)

    def _journal(self, position: Position | None, sets: tuple[SetDone, ...], so_far: RunResult) -> None:
        if self.recorder is None or self.result is not None or self._ended:
            return  # over meanwhile: its save writes the record, and no journal follows it
        self._journalled = self.recorder.journal(position, sets, so_far)
        journals = self.recorder.store.journals
        if self.writer is None:  # the first journal opens the history (its writer's thread starts with it)
            from hamstride.storage.journal import JournalWriter

            self.writer = JournalWriter(journals, self._journal_failed)
            gate = self.recorder.store.start_gate()
            if gate.held:  # its check's "go": other copies' checks wait for this journal (storage.start_gate)
                with contextlib.suppress(OSError, ValueError):  # the writer's write says why, if it fails too
                    journals.write(self._journalled)
                gate.release()
        self.writer.put(self._journalled)

    def finished(self, result: RunResult) -> None:
        if self.result is not None or self._ended:
            return
        self.result = result
        from hamstride.ui.screens.summary import SummaryScreen  # when first shown: a run starts sooner

        if self.recorder is None:
            from hamstride.domain.record import record_from_result

            now = self.setup.wall()
            plain = record_from_result(result, id="unsaved", started=now, ended=now)
            self.app.push_screen(SummaryScreen(plain), lambda _: self._end())
            return
        self._saving = True
        self.app.run_worker(lambda: self._save(result), thread=True, exclusive=True, group="save")

    # -- ways out -------------------------------------------------------------------

    def ask_to_stop(self) -> bool:
        """A way out was asked for (the palette's Quit, ctrl+q, ctrl+c): the way `q` goes, asked first.

        True when the flow took it: the run asks "End the session now?" (or the question is open
        already), or a record is being written (a moment). False when the app may simply go: the
        record is saved, and the summary only asks how it felt.
        """
        if self.running:
            if self.app.screen is self.screen:
                self.screen.action_quit_session()
            return True
        return self._saving

    def stopped(self, reason: str) -> None:
        """The run is left under way (its browser page closed): pause it, and journal why, for the resume offer.

        The journal is the last rep's, as after a crash: the set that was running goes on at the rep
        after the last one done, and the rep cut short is not credited (unless it was marked lost)."""
        if not self.running or self._journalled is None or self.writer is None:
            return  # over already (saved, or being saved), or nothing done yet to resume
        self.screen.engine.pause()
        self.writer.put(self._journalled._replace(reason=reason))

    @contextlib.contextmanager
    def standing_still(self) -> Iterator[None]:
        """The process stops in this block (ctrl+z, SIGTSTP): the run pauses first, so nothing is credited
        while it stands still, and back, it says how long it was away, as after a gap in the clock."""
        engine = self.screen.engine
        pausing = self.running and self.screen.is_attached and engine.started and not engine.paused
        if pausing:
            engine.pause()
            self.screen.frame()  # PAUSED, and the sound disarmed
        try:
            yield
        finally:
            if pausing and engine.paused:
                engine.time.woke()
                self.screen.frame()

    def interrupt(self) -> bool:
        """The app is going away unasked (a signal, the terminal's input gone): the journal stays for a resume.

        False when it kept nothing (no set done yet): that journal is removed, as the next start would."""
        self._ended = True
        self.close()
        from hamstride.storage.journal import holds_work

        if self.recorder is None:
            return False
        last = self._journalled or self.recorder.resume  # a resumed run keeps its journal until it writes one
        if last is not None and holds_work(last):
            return True
        if self._journalled is not None:
            self.recorder.store.journals.clear(self._journalled.record.id)
        return False

    def close(self) -> None:
        """Stop journalling: what was written stays for a resume."""
        if self.recorder is not None and self.writer is None:  # over before its first journal: its check's gate
            self.recorder.store.start_gate().release()
        if self.writer is not None:
            self.writer.close()

    # -- after the run ----------------------------------------------------------------

    def _journal_failed(self, error: OSError) -> None:
        self.app.call_from_thread(self.app.notify, f"Progress cannot be saved as you go ({error.strerror}); "
                                  "the session still runs.", severity="warning", timeout=10)

    def _save(self, result: RunResult) -> None:
        assert self.recorder is not None
        self.close()  # the journal's last write lands before the save, never after it
        outcome = self.recorder.finish(result)
        self.app.call_from_thread(self._sum_up, outcome)

    def _sum_up(self, outcome: Outcome) -> None:
        from hamstride.domain.stats import detraining_warning, streak_change
        from hamstride.ui.screens.summary import SummaryScreen

        self._saving, self.saved = False, outcome.saved
        for problem in outcome.problems:
            self.app.notify(problem, severity="warning", timeout=15)
        if self.result is not None:
            # A resumed run's result counts the time since the resume only: the app's result (and the
            # command's last line) give the whole session's time, as saved and on the summary.
            self.result = self.result._replace(elapsed_seconds=outcome.record.elapsed_seconds)
        if outcome.saved is None:
            saved = "Nothing was done, so nothing was saved; a soreness you give here is kept."
        else:
            saved = saved_text(outcome.saved)
            if not outcome.saved.in_history:
                self._unsaved.append(outcome.saved)
        warnings = (set_aside_text(outcome.saved), detraining_warning(outcome.after))
        summary = SummaryScreen(outcome.record, streak=streak_change(outcome.before, outcome.after),
                                warning="\n".join(w for w in warnings if w), saved=saved)

        def closed(feedback: Feedback | None) -> None:
            self._summary = None
            if not worth_keeping(outcome, feedback):
                self._end()
                return
            assert feedback is not None
            self._saving = self.writing = True
            self.app.run_worker(lambda: self._keep_then_end(outcome, feedback), thread=True, exclusive=True,
                                group="save")

        self._summary = summary, outcome
        self.app.push_screen(summary, closed)

    def keep_answers(self) -> None:
        """The app ends under the summary (ctrl+q, a hang-up, the terminal closed): what was typed there is kept
        as escape keeps it, here and now (no worker runs once the app is going). A soreness lost is one the coach
        does not read before the next Nordics (walk14: 7 typed, ctrl+q, and `today` offered the Nordics)."""
        left, self._summary = self._summary, None
        if left is None:
            return
        summary, outcome = left
        from textual.css.query import NoMatches

        try:
            feedback = summary.answered()
        except NoMatches:  # pushed, not composed yet: nothing typed
            return
        if worth_keeping(outcome, feedback):
            assert feedback is not None
            self.writing = True  # the hang-up's last resort waits for this write
            self._keep(outcome, feedback)  # the app is going: nowhere to say a write that failed

    def _keep_then_end(self, outcome: Outcome, feedback: Feedback) -> None:
        for note in self._keep(outcome, feedback):
            self.app.call_from_thread(self.app.notify, note, severity="warning", timeout=10)
        self.app.call_from_thread(self._end)

    def _keep(self, outcome: Outcome, feedback: Feedback) -> list[str]:
        """The summary's answers written: onto the saved record; with none, a soreness as a check's is kept (the
        coach reads soreness for three days). What could not be kept, said."""
        from hamstride.domain.diary import Check
        from hamstride.storage.diary import save_check

        assert self.recorder is not None
        try:
            if outcome.saved is None:
                assert feedback.soreness is not None
                try:
                    return save_check(self.recorder.store.folder, Check(self.setup.wall(), feedback.soreness))
                except OSError as error:
                    return [f"Your soreness answer could not be kept ({error.strerror or error})"]
            saved = self.recorder.add_feedback(outcome.record, feedback.rpe, feedback.soreness, feedback.note)
            if not saved.in_history:
                self._unsaved.append(saved)
            return []
        finally:
            self.writing = False

    def _end(self) -> None:
        if self._ended:
            return
        self._ended, self._saving = True, False
        if self._pushed and self.screen in self.app.screen_stack:
            # The summary has gone; the run screen under it goes too, back to what was there before.
            self.app.pop_screen()
        self._done(FlowEnd(self.result, tuple(self._unsaved)))


def worth_keeping(outcome: Outcome, feedback: Feedback | None) -> bool:
    """Whether the summary's answers write anything: onto a record, any; with no record, a soreness alone."""
    if feedback is None:
        return False
    if outcome.saved is None:
        return feedback.soreness is not None
    return (feedback.rpe, feedback.soreness, feedback.note) != (None, None, "")
