"""Which week of a programme is next, by the calendar, and why.

A programme week lasts at least seven days and moves on only when its
sessions were done (the main eccentric step in full, at least 48 h apart),
most reps were controlled and soreness had cleared within two days (dosing.md:
"move up only if soreness cleared within 48 h"). After ten weeks comes
maintenance: one session a week (Petersen 2011), or the low-volume option.

After a break it steps back by dose: the fascicle gains of Nordics fall by
12-16% after three weeks off (Andrews 2025), so three weeks without a Nordic
session means about half the volume, and six weeks or more starts again at
week 1. The suggestion on the home screen asks this module, so the two agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from hamstride.domain.model import Session, Side
from hamstride.domain.record import Record

MIN_WEEK_DAYS = 7  # a programme week lasts at least a week, however often one trains
SPACING_HOURS = 46.0  # "48 h between eccentric sessions", with slack for the same time of day two days later
HALF_AFTER_DAYS = 21  # about three weeks off: the adaptations start to fade (Andrews 2025)
RESTART_AFTER_DAYS = 42  # six weeks off: back to week 1
HOLD_LOST_SHARE = 1 / 3  # more than a third of the main reps got away: the week holds
SORE = 5  # of 10: soreness at this level or more is not cleared
CLEARED_BY_DAY = 2  # soreness should be gone two days after (dosing.md: within 48 h)
SORENESS_WINDOW_DAYS = 3  # soreness after Nordics peaks on days 2-3 (Coratella 2025)
DEFAULT_WEEKLY_TARGET = 2  # sessions a week: the rhythm the streaks (stats) count, until config.toml sets one
WEEKLY = "weekly"
LOW_VOLUME = "low-volume"
MAINTENANCE_MODES = (WEEKLY, LOW_VOLUME)


class WeekChoice(NamedTuple):
    week: int
    total: int
    reason: str
    due: bool = True  # a session of this week is still to do; False: done, the next week starts on next_on
    next_on: date | None = None
    maintenance: bool = False  # after the last week: one session a week
    held: bool = False  # the week repeats: too many reps got away, or soreness had not cleared
    stepped_back: bool = False  # a break sent it back by dose

    @property
    def banner(self) -> str:
        if self.maintenance:
            return f"Maintenance after {self.total} weeks"
        return f"Week {self.week} of {self.total}"


def spaced(records: Iterable[Record]) -> list[Record]:
    """The records that count, oldest first: a session within 48 h of the last counted one does not."""
    kept: list[Record] = []
    for record in sorted(records, key=lambda r: r.started):
        if kept and (record.started - kept[-1].started).total_seconds() < SPACING_HOURS * 3600:
            continue
        kept.append(record)
    return kept


def main_volume(session: Session, week: int) -> int:
    """Reps of a session's main work in one session of a programme week (both sides counted)."""
    steps = session.for_week(week).steps
    main = [s for s in steps if s.main] or [s for s in steps if s.eccentric]
    return sum(sum(s.reps_in(n) for n in range(1, s.sets + 1)) * (2 if s.sides else 1) for s in main)


def half_volume_week(session: Session, week: int) -> int:
    """The week whose dose is closest to half of this week's (never more than about 60% of it)."""
    full = main_volume(session, week)
    fits = [w for w in range(1, week) if main_volume(session, w) <= 0.6 * full]
    if not fits:
        return 1
    return min(fits, key=lambda w: (abs(main_volume(session, w) - full / 2), w))


def last_nordic(records: Iterable[Record], today: date) -> Record | None:
    """The latest session with Nordic work in it, of any kind."""
    return max((r for r in records if r.nordic and r.day <= today), key=lambda r: r.started, default=None)


def current_week(session: Session, history: Iterable[Record], today: date,
                 maintenance: str = WEEKLY) -> WeekChoice | None:
    """The programme week to run today, or None for a session without a progression."""
    total = session.total_weeks
    if not total:
        return None
    records = list(history)
    mine = spaced(r for r in records if r.session == session.name and r.day <= today and r.main_done
                  and (r.week is not None or r.maintenance))
    if not mine:
        return WeekChoice(1, total, "your first week of the programme")
    last = mine[-1]
    week = total if last.maintenance else min(last.week or 1, total)
    nordic = last_nordic(records, today)
    off = (today - max(last.day, nordic.day if nordic is not None else last.day)).days
    if off >= RESTART_AFTER_DAYS:
        return WeekChoice(1, total, f"{off} days since your last Nordic session: after six weeks off the "
                                    "programme starts again at week 1", stepped_back=True)
    if off >= HALF_AFTER_DAYS:
        back = half_volume_week(session, week)
        return WeekChoice(back, total, f"{off} days since your last Nordic session: the adaptations fade after "
                                       f"about three weeks off (Andrews 2025), so about half the volume: week "
                                       f"{back} ({main_volume(session, back)} reps) instead of "
                                       f"{'maintenance' if last.maintenance else f'week {week}'} "
                                       f"({main_volume(session, week)})", stepped_back=True)
    if last.maintenance:
        return _maintenance(total, last, today, maintenance)
    run = _this_week(mine, week)
    needed = session.sessions_per_week[week - 1] if session.sessions_per_week else 1
    done = len(run)
    if done < needed:
        return WeekChoice(week, total, f"{done} of {needed} sessions of week {week} done")
    hold = _hold(last, records, today)
    if hold:
        return WeekChoice(week, total, f"week {week} again: {hold}", held=True)
    starts = run[0].day + timedelta(days=MIN_WEEK_DAYS)
    following = f"week {week + 1}" if week < total else "maintenance"
    if today < starts:
        return WeekChoice(week, total, f"week {week} done ({done} of {needed} sessions); {following} starts on "
                                       f"{starts:%A %d %B}: a programme week lasts at least {MIN_WEEK_DAYS} days",
                          due=False, next_on=starts)
    if week < total:
        return WeekChoice(week + 1, total, f"week {week} done ({done} of {needed} sessions)")
    return _maintenance(total, last, today, maintenance, first=True)


def _maintenance(total: int, last: Record, today: date, mode: str, first: bool = False) -> WeekChoice:
    how = ("one session a week of the last week's dose (Petersen 2011)" if mode != LOW_VOLUME else
           "one low-volume session a week, about 2 x 5 (Presland 2018, Lacome 2020)")
    if first:
        return WeekChoice(total, total, f"the {total} weeks are done: maintenance, {how}", maintenance=True)
    starts = last.day + timedelta(days=MIN_WEEK_DAYS)
    if today < starts:
        return WeekChoice(total, total, f"maintenance: this week's session is done; the next from "
                                        f"{starts:%A %d %B} ({how})", due=False, next_on=starts, maintenance=True)
    return WeekChoice(total, total, f"maintenance: {how}", maintenance=True)


def _this_week(counted: list[Record], week: int) -> list[Record]:
    """The sessions of the week in progress: the latest ones of that week, back to a break or another week."""
    run: list[Record] = []
    for record in reversed(counted):
        if record.week != week or record.maintenance:
            break
        if run and (run[-1].day - record.day).days >= HALF_AFTER_DAYS:
            break
        run.append(record)
    run.reverse()
    return run


def _hold(last: Record, records: Sequence[Record], today: date) -> str:
    """Why the week should not move on yet, or "" when it may."""
    reps, lost = last.main_reps
    if reps and lost / reps > HOLD_LOST_SHARE:
        return (f"{lost} of {reps} reps got away from you last time; move on when most are controlled "
                "(or take an easier variant for a while)")
    for record in records:
        days = (record.day - last.day).days
        answer = record.readiness.soreness if record.readiness is not None else None
        if (record.started > last.started and CLEARED_BY_DAY <= days <= SORENESS_WINDOW_DAYS
                and record.day <= today and answer is not None and answer >= SORE):
            return (f"soreness was still {answer}/10 {days} days after your last session; move on once it "
                    "clears within two days")
    return ""


def next_first_side(session: Session, records: Iterable[Record]) -> Side:
    """Per-side steps start on the other side from the last time this session was run."""
    last = max((r for r in records if r.session == session.name and r.first_side is not None),
               key=lambda r: r.started, default=None)
    if last is None or last.first_side is None:
        return Side.LEFT
    return Side.RIGHT if last.first_side is Side.LEFT else Side.LEFT


def has_sides(session: Session) -> bool:
    return any(step.sides for step in session.steps)
