"""Turns one run of a session into history: the journal while it runs, the record at the end."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from hamstride.storage.history import HistoryStore, Journal, Now, Saved
from hamstride.domain.model import Session, Side
from hamstride.domain.record import Readiness, Record, merge_resumed, record_from_result
from hamstride.storage.record_table import file_hash
from hamstride.domain.result import RunResult
from hamstride.domain.stats import Stats, compute, counts


@dataclass(frozen=True)
class Outcome:
    record: Record
    saved: Saved | None  # None: nothing was done, so nothing was saved
    before: Stats
    after: Stats
    problems: tuple[str, ...]


class RunRecorder:
    def __init__(self, store: HistoryStore, wall: Now, session: Session, *, target: int,
                 resume: Journal | None = None, week: int | None = None, first_side: Side | None = None,
                 readiness: Readiness | None = None, maintenance: bool = False) -> None:
        self.store = store
        self.wall = wall
        self.session = session
        self.target = target
        self.resume = resume
        self.start_step = resume.resume_step if resume else 0
        self.id = resume.record.id if resume else uuid.uuid4().hex
        self.started: datetime = resume.record.started if resume else wall()
        self.week = resume.record.week if resume else week
        self.first_side = resume.record.first_side if resume else first_side
        self.hash = file_hash(session.source)
        self.readiness = resume.record.readiness if resume else readiness
        self.maintenance = resume.record.maintenance if resume else maintenance

    def record(self, result: RunResult) -> Record:
        now = self.wall()
        if self.resume is not None:
            return merge_resumed(self.resume.record, result, resumed_at=self.start_step, ended=now)
        return record_from_result(result, id=self.id, started=self.started, ended=now, file_hash=self.hash,
                                  week=self.week, first_side=self.first_side, category=self.session.category,
                                  readiness=self.readiness, maintenance=self.maintenance)

    def step_reached(self, step_index: int, so_far: RunResult) -> None:
        """Journal what was done before this step; raises OSError when the folder cannot be written."""
        self.store.write_journal(self.record(so_far), step_index, self.session.source)

    def finish(self, result: RunResult) -> Outcome:
        record = self.record(result)
        loaded = self.store.load()
        others = [r for r in loaded.records if r.id != record.id]
        today = record.ended.date()
        before = compute(others, today, self.target)
        saved: Saved | None = None
        if counts(record):
            saved = self.store.save_or_fallback(record)
            if saved.path is not None:  # in the history, or whole in a fallback file the runner is told of
                self.store.clear_journal()
        else:  # started and ended at once: a record of nothing would only clutter the history
            self.store.clear_journal()
        kept = [*others, record] if saved is not None else others
        after = compute(sorted(kept, key=lambda r: r.started), today, self.target)
        return Outcome(record, saved, before, after, loaded.problems)

    def add_feedback(self, record: Record, rpe: int | None, soreness: int | None, note: str) -> Saved:
        return self.store.save_or_fallback(record.with_feedback(rpe, soreness, note))


def keep_as_partial(store: HistoryStore, journal: Journal) -> Saved:
    """An unfinished session the runner chose not to resume: into the history as it stands."""
    saved = store.save_or_fallback(journal.record)
    if saved.in_history:
        store.clear_journal()
    return saved
