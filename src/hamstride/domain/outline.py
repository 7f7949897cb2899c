"""A session in outline: what the coach's rules and the streaks read of it, without its steps.

The progression replays every dated session of a programme, and the streaks count every one; neither
reads a step. Ten years of whole records take a tenth of a second to build, and an outline of each is
a small tuple the history's database keeps in columns (storage/history_db.py). A `Record` answers the
same questions (`Dated`), so the rules run on either and give the same answers: the suite holds the
progression and the report from outlines to those from whole records (tests/unit/test_report_outline.py).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple, Protocol

from hamstride.domain.record import Record


class Dated(Protocol):
    """What the progression, the soreness answers and the programme's name read of a session."""

    @property
    def id(self) -> str: ...
    @property
    def started(self) -> datetime: ...
    @property
    def ended(self) -> datetime: ...
    @property
    def day(self) -> date: ...
    @property
    def session(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def week(self) -> int | None: ...
    @property
    def eccentric_reps(self) -> int: ...
    @property
    def nordic_reps(self) -> int: ...
    @property
    def eccentric(self) -> bool: ...
    @property
    def nordic(self) -> bool: ...
    @property
    def main_done(self) -> bool: ...
    @property
    def main_reps(self) -> tuple[int, int]: ...
    @property
    def sore_before(self) -> int | None: ...
    @property
    def soreness(self) -> int | None: ...


class Outline(NamedTuple):
    """A session's dates and figures, each as its `Record` gives it (`Outline.of`)."""

    id: str
    started: datetime  # aware, with the offset it was recorded with
    ended: datetime
    day: date  # the runner's calendar day: started's date
    session: str
    title: str
    completed: bool
    week: int | None
    active_seconds: float
    eccentric_reps: int
    nordic_reps: int
    eccentric: bool
    focused: bool
    main_done: bool
    main_reps: tuple[int, int]  # reps of the main work, and how many got away
    sore_before: int | None  # soreness at the check before it
    soreness: int | None  # soreness on the summary after it
    worked: bool  # some work done (Record.worked): what makes it count

    @property
    def nordic(self) -> bool:
        return self.nordic_reps > 0

    @classmethod
    def of(cls, record: Record) -> Outline:
        return cls(record.id, record.started, record.ended, record.day, record.session, record.title,
                   record.completed, record.week, record.active_seconds, record.eccentric_reps, record.nordic_reps,
                   record.eccentric, record.focused, record.main_done, record.main_reps, record.sore_before,
                   record.soreness, record.worked)
