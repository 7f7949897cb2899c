"""Turns one run of a session into history: the journal while it runs, the record at the end."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from hamstride.domain.model import Session, Side
from hamstride.domain.progress import Position, SetDone

if TYPE_CHECKING:
    from hamstride.domain.record import Readiness, Record
    from hamstride.domain.result import RunResult
    from hamstride.domain.stats import Stats
    from hamstride.storage.history import HistoryStore, Now, Saved
    from hamstride.storage.journal import Journal, JournalState

# A run is recorded from its first frame, but its history (what reads and writes the months and the
# journals) is opened when the run first writes to it, just after that frame.


class Outcome(NamedTuple):
    record: Record
    saved: Saved | None  # None: nothing was done, so nothing was saved
    before: Stats
    after: Stats
    problems: tuple[str, ...]


class RunRecorder:
    def __init__(self, store: HistoryStore | Callable[[], HistoryStore], wall: Now, session: Session, *, target: int,
                 resume: Journal | None = None, week: int | None = None, first_side: Side | None = None,
                 readiness: Readiness | None = None, maintenance: bool = False,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self._store = store  # the store, or what opens it
        self.wall = wall
        self.session = session
        self.target = target
        self.resume = resume
        self.id = resume.record.id if resume else uuid.uuid4().hex
        self.started: datetime = resume.record.started if resume else wall()
        # The end is read from the monotonic clock: the time that passed since this run began, added
        # to the wall clock read once, as it began. A wall clock stepped mid-run (back 10 minutes, on
        # 2 days) would otherwise give an end before the start, or a session of days.
        self._monotonic = monotonic
        self._since = monotonic()
        # A resumed run ends after the break: from its resume, and never before what was run before it.
        self._anchor = max(wall(), resume.record.ended) if resume else self.started
        self.week = resume.record.week if resume else week
        self.first_side = resume.record.first_side if resume else first_side
        self.readiness = resume.record.readiness if resume else readiness
        self.maintenance = resume.record.maintenance if resume else maintenance

    @cached_property
    def hash(self) -> str:
        """The session file's fingerprint, as it was read; first asked for by the first journal, after the
        first frame (what hashes it, some 0.5 ms of `run FILE`'s launch, waits for it)."""
        from hamstride.storage.digest import file_hash

        return file_hash(self.session.source)

    @property
    def store(self) -> HistoryStore:
        if callable(self._store):
            self._store = self._store()
        return self._store

    @property
    def start_at(self) -> Position:
        return self.resume.position if self.resume else Position(0, 1, None)

    @property
    def done_before(self) -> tuple[SetDone, ...]:
        return self.resume.sets if self.resume else ()

    @property
    def elapsed_before(self) -> float:
        """Seconds run before the crash: the engine counts on from them, so the screen's clock,
        the summary and the record all give the whole session's time."""
        return self.resume.record.elapsed_seconds if self.resume else 0.0

    def record(self, result: RunResult) -> Record:
        """The run as a record. A resumed run's result holds the sets done before the crash
        and the time run before (the engine starts from both); its end is its start and the time run
        on the monotonic clock, so a wall clock stepped mid-run cannot move it."""
        from hamstride.domain.record import record_from_result  # at the first set's journal: a run starts sooner

        passed = timedelta(seconds=round(max(0.0, self._monotonic() - self._since)))
        return record_from_result(result, id=self.id, started=self.started, ended=self._anchor + passed,
                                  file_hash=self.hash, week=self.week, first_side=self.first_side,
                                  category=self.session.category, readiness=self.readiness,
                                  maintenance=self.maintenance)

    def journal(self, position: Position | None, sets: tuple[SetDone, ...], so_far: RunResult) -> JournalState:
        """What the journal keeps at a set boundary or a rep: written by the run flow's journal writer."""
        from hamstride.storage.journal import JournalState

        return JournalState(self.record(so_far), position or Position(len(self.session.steps), 1, None), sets,
                            self.session.source)

    def finish(self, result: RunResult) -> Outcome:
        from hamstride.domain.stats import compute, counts  # at the end of a run: it starts sooner without

        record = self.record(result)
        loaded = self.store.load()
        others = [r for r in loaded.records if r.id != record.id]
        today = record.ended.date()
        before = compute(others, today, self.target)
        saved: Saved | None = None
        if counts(record):
            saved = self._save_or_keep(record)
        else:  # started and ended at once: a record of nothing would only clutter the history
            self.store.journals.clear(record.id)
        kept = [*others, record] if saved is not None else others
        kept.sort(key=lambda r: r.started)
        after = compute(kept, today, self.target)
        problems = loaded.problems
        if saved is not None and saved.set_aside is not None and saved.path is not None:
            # read before this save moved the month aside: their fix names the month's new file
            month = str(saved.path)
            problems = tuple(p for p in problems if not (p.startswith(month) and p[len(month):][:1] in (",", ":")))
        return Outcome(record, saved, before, after, problems)

    def add_feedback(self, record: Record, rpe: int | None, soreness: int | None, note: str) -> Saved:
        return self._save_or_keep(record.with_feedback(rpe, soreness, note))

    def _save_or_keep(self, record: Record) -> Saved:
        """Into the history, then the journal goes; or, when the history cannot be written, the whole
        record into its journal, which the next start offers to save."""
        from hamstride.storage.journal import JournalState

        saved = self.store.save_or_keep(record)
        if saved.in_history:
            self.store.journals.clear(record.id)
            return saved
        state = JournalState(record, Position(len(self.session.steps), 1, None), self.done_before,
                             self.session.source, ended=True)
        try:
            self.store.journals.write(state)
        except (OSError, ValueError):
            return saved  # nowhere of ours to keep it: its text is printed when the app quits
        return saved._replace(path=self.store.journals.path_for(record.id))


def keep_as_partial(store: HistoryStore, journal: Journal) -> Saved | None:
    """An unfinished session the runner chose not to resume (or one that ended but could not be
    saved): into the history as it stands. None, and nothing written, when the journal is no longer
    the one offered: another copy resumed, kept or finished it meanwhile, and its record stands."""
    if not store.journals.still_offered(journal):
        store.journals.release(journal.path)
        return None
    saved = store.save_or_keep(journal.record)
    if saved.in_history:
        store.journals.clear(journal.record.id)
    else:
        saved = saved._replace(path=journal.path)  # the journal stays, offered again at the next start
    return saved


def orphan_journals(store: HistoryStore) -> tuple[list[Journal], list[str]]:
    """Sessions left unfinished by a copy of hamstride that is gone; those already saved are cleared.

    The history is read only when a journal is there: the app asks at start, on its first frame,
    and reading ten years of months there held the first screen back by a third of a second."""
    if not store.journals.any_left():
        return [], []
    loaded = store.load()
    journals, problems = store.journals.orphans({r.id for r in loaded.records})
    return journals, problems
