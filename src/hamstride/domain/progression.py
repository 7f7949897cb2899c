"""Which week of a programme is next, from the history, and why.

The week advances once the previous programme week's sessions are done. After
three or more weeks without a session it steps back instead: the fascicle
gains from Nordics fade after about three weeks off (dosing.md), so picking up
where you left off would overload muscle that has partly lost them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from hamstride.domain.model import Session, Side
from hamstride.domain.record import Record
from hamstride.domain.stats import FADE_AFTER_DAYS, counts

BACK_ONE_AFTER_DAYS = FADE_AFTER_DAYS  # three weeks off: one week back
BACK_TWO_AFTER_DAYS = 2 * FADE_AFTER_DAYS  # six weeks off: two weeks back


@dataclass(frozen=True)
class WeekChoice:
    week: int
    total: int
    reason: str

    @property
    def banner(self) -> str:
        return f"Week {self.week} of {self.total}"


def current_week(session: Session, records: Iterable[Record], today: date) -> WeekChoice | None:
    """The programme week to run today, or None for a session without a progression."""
    total = session.total_weeks
    if not total:
        return None
    mine = [r for r in records if r.session == session.name and r.week is not None and r.day <= today]
    if not mine:
        return WeekChoice(1, total, "your first week of the programme")
    last = max(mine, key=lambda r: r.started)
    assert last.week is not None
    week = min(last.week, total)
    needed = session.sessions_per_week[week - 1] if session.sessions_per_week else 1
    done = sum(1 for r in mine if r.week == week and counts(r))
    off = (today - last.day).days
    if off >= BACK_ONE_AFTER_DAYS:
        back = 2 if off >= BACK_TWO_AFTER_DAYS else 1
        target = max(1, week - back)
        return WeekChoice(target, total, f"{off} days since your last session: the adaptations fade after about "
                                         f"three weeks off, so week {target} instead of picking up at week {week}")
    if done >= needed and week < total:
        return WeekChoice(week + 1, total, f"week {week} done ({done} of {needed} sessions)")
    if week == total and done >= needed:
        return WeekChoice(week, total, "the programme's last week: keep it up (maintenance)")
    return WeekChoice(week, total, f"{done} of {needed} sessions of week {week} done")


def next_first_side(session: Session, records: Iterable[Record]) -> Side:
    """Per-side steps start on the other side from the last time this session was run."""
    last = max((r for r in records if r.session == session.name and r.first_side is not None),
               key=lambda r: r.started, default=None)
    if last is None or last.first_side is None:
        return Side.LEFT
    return Side.RIGHT if last.first_side is Side.LEFT else Side.LEFT


def has_sides(session: Session) -> bool:
    return any(step.sides for step in session.steps)
