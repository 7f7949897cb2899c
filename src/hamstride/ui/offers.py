"""Each session a crash left unfinished, newest first: resume it, or keep what was done as partial."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App

from hamstride.domain.errors import SessionFileError
from hamstride.domain.kinds.base import plural
from hamstride.domain.model import Session
from hamstride.domain.record import Record
from hamstride.domain.result import StepStatus
from hamstride.storage.history import HistoryStore, Saved
from hamstride.storage.journal import Journal
from hamstride.storage.loader import load_session

if TYPE_CHECKING:
    from hamstride.domain.record import Readiness
    from hamstride.ui.app import HamstrideApp


def journal_session(journal: Journal) -> Session | None:
    """The session a journal was written for, if its file is still the one that was run."""
    source = Path(journal.source) if journal.source else None
    if source is None or not source.is_file():
        return None
    from hamstride.storage.record_table import file_hash

    if journal.record.file_hash and file_hash(source) != journal.record.file_hash:
        return None  # the steps may have changed: resuming "at step 3" would mean something else
    try:
        return load_session(source)
    except SessionFileError:
        return None


def history_changed(app: App[Any]) -> None:
    """A crashed run kept: every screen that shows the history (home, under the offer) reads it again, or it
    goes on saying the run is "left unfinished by a crash and not yet resumed or kept"."""
    from hamstride.ui.messages import HistoryChanged

    for screen in app.screen_stack:
        screen.post_message(HistoryChanged())


def done_words(record: Record) -> str:
    """What was done, as a runner counts it: whole steps, a step cut short in its own words (reps,
    seconds, holds), and the eccentric reps. "4 sets done" after the warm-up's timed drills read as
    four sets of work when not one rep was done."""
    work = [step for step in record.steps if not step.kind.is_break]
    full = sum(1 for step in work if step.status is StepStatus.DONE)
    parts = [f"{full} of {plural(len(work), 'step')} done"]
    for step in work:
        if step.status is StepStatus.PARTIAL:
            sides = [side for side in step.sides if side.sets_done or side.reps_done or side.active_seconds]
            parts.append(f"{step.name}: " + "; ".join((f"{side.side.value} " if side.side is not None else "")
                                                       + step.done_text(side) for side in sides))
    reps = record.eccentric_reps
    parts.append(plural(reps, "eccentric rep") if reps else "no eccentric reps yet")
    return "; ".join(parts)


def question(journal: Journal, session: Session | None) -> str:
    record = journal.record
    done = done_words(record)
    when = record.started.strftime("%a %d %b, %H:%M")
    if journal.ended:  # the run was over, but the history could not be written then
        return (f"{record.title} ({when}) ended ({done}), but could not be saved to the history "
                "then. Save it now?")
    if journal.reason:  # left on purpose, not a crash: say how, so the offer is no surprise
        when += f"; it stopped because {journal.reason}"
    if session is None:
        return (f"{record.title} was not finished ({when}): {done}. Its session file has "
                "changed or is gone, so it can only be kept as a partial session.")
    at = journal.position
    steps = len(session.for_week(record.week).steps) if record.week else len(session.steps)
    where = f"step {at.step + 1} of {steps}" + (f", set {at.set}" if at.set > 1 else "") + (
        f", {at.side.value} side" if at.side is not None else "")
    return (f"{record.title} was not finished ({when}): {done}; stopped at {where}. "
            "Resume from that set (its reps done stay done: it goes on after them), or keep what was done "
            "as a partial session?")


class ResumeOffers:
    """Offers the journals one by one; a resumed run ends the offers, the rest wait for the next start."""

    def __init__(self, app: App[Any], store: HistoryStore | None, journals: list[Journal], *,
                 resume: Callable[[Session, Journal], None], kept: Callable[[Saved], None],
                 then: Callable[[], None]) -> None:
        self.app = app
        self.store = store
        self.journals = list(journals)
        self.resume = resume
        self.kept = kept  # a journal kept as a partial record: where it went
        self.then = then  # no journal left to offer

    def next(self) -> None:
        if not self.journals or self.store is None:
            self.then()
            return
        journal = self.journals.pop()
        session = None if journal.ended else journal_session(journal)
        from hamstride.ui.screens.resume import ResumeChoice, ResumeScreen

        def chosen(choice: ResumeChoice | None) -> None:
            assert self.store is not None
            if not self.store.journals.still_offered(journal):
                # Another copy of hamstride resumed, kept or finished it since the offer: its record stands.
                self.store.journals.release(journal.path)
                self.app.notify(f"{journal.record.title} was taken over by another copy of hamstride; "
                                "nothing was changed.", severity="warning", timeout=10)
                self.next()
                return
            if choice is ResumeChoice.RESUME and session is not None:
                self.resume(session, journal)
                return
            from hamstride.storage.recorder import keep_as_partial

            saved = keep_as_partial(self.store, journal)
            if saved is not None:
                self.kept(saved)
                history_changed(self.app)
            self.next()

        self.app.push_screen(ResumeScreen(question(journal, session), can_resume=session is not None,
                                          keep="Save" if journal.ended else "Keep as partial"), chosen)


def resume_when_ready(app: HamstrideApp, session: Session, journal: Journal, *, resume: Callable[[], object],
                      kept: Callable[[Saved], None], answers: Callable[[Readiness], None]) -> None:
    """Minutes after a crash, `resume`: the check the run began with still holds. Hours after it began,
    with eccentric work to come, the readiness check again first. Go ahead: it goes on at its set.
    The gentle alternative, or back: what was done before the crash is kept as a partial session first
    (nothing lost, nothing credited that was not guided), then the alternative runs or home is back."""
    from hamstride.domain.readiness import resume_needs_check
    from hamstride.storage.recorder import keep_as_partial
    from hamstride.ui.readiness_check import ask_readiness

    now, step = app.services.wall(), journal.position.step
    store = app.services.history()
    assert store is not None  # a journal was offered: there is a history
    records = store.load().records
    unsaved = [u for u in app.services.unsaved_work(records) if u.record.id != journal.record.id]
    others = [r for r in (*records, *(u.record for u in unsaved)) if r.id != journal.record.id]
    if not app.settings.readiness_check or not resume_needs_check(session, step, journal.record.started, now,
                                                                  others, unsaved):
        resume()
        return

    def keep() -> None:
        saved = keep_as_partial(store, journal)
        if saved is not None:
            kept(saved)
            history_changed(app)

    def go(chosen: Session, given: Readiness) -> None:
        if chosen is session:
            resume()
            return
        keep()
        # The alternative comes after the crashed run's own sets, which its check has not seen yet: an eccentric
        # one is checked again with them in the history (its 48 h hold it back), as any session started is.
        again = store.load().records
        if chosen.eccentric:
            app.start_session(chosen, again)
        else:
            app.run_planned(chosen, again, given)

    def declined() -> None:
        keep()
        app.opening.begin(app)

    ask_readiness(app, session, records, app.services, app.read_diary(), go=go, declined=declined, keep=answers,
                  maintenance=app.settings.config.maintenance, target=app.settings.config.weekly_target,
                  besides={journal.record.id})  # its own sets are the run it goes on with, not another
