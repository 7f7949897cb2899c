"""Week by week: the eccentric work done, how the body answered, whether one side lags, and
where a week-by-week programme stands.

Pure functions on records: the history screen's charts and `hamstride report` draw these figures.

- Volume is counted in eccentric reps, split into Nordic curls and the rest (the eccentric
  bridges of the built-in sessions), per ISO week, Monday first.
- Soreness and effort are the runner's answers: the week's highest soreness after a session and before one (the
  readiness check: the soreness the last sessions left), the figures that say "too much", and the week's average effort.
- Balance compares the per-side eccentric steps (single-leg eccentric bridges and the like):
  reps done on each side and the reps marked with `x`, where the fall got away.
- A programme's next session is due no earlier than two days after the last one: the
  literature moves a runner on only once soreness has cleared within 48 h (docs/dosing.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from hamstride.domain.answers import Soreness, latest_soreness, soreness_reports
from hamstride.domain.diary import Check, Race, free_from
from hamstride.domain.done_by import by_day, checks_by_day
from hamstride.domain.model import Session, Side
from hamstride.domain.progression import (
    SORE,
    SORENESS_WINDOW_DAYS,
    Progress,
    WeekChoice,
    beyond,
    planned_session,
    progress,
)
from hamstride.domain.record import Record
from hamstride.domain.result import is_nordic
from hamstride.domain.stats import counts, monday
from hamstride.domain.targets import WEEKLY

if TYPE_CHECKING:
    from hamstride.domain.outline import Dated

RANGES = (4, 12, 26)  # weeks a chart can show
BALANCE_WEEKS = 4  # the window the balance sentence judges
MIN_REPS_PER_SIDE = 8  # fewer than this on a side and the shares say nothing yet
CONTROL_MARGIN = 0.15  # a side lags when it loses control on 15 points more of its reps
VOLUME_MARGIN = 0.8  # ... or does less than 80% of the other side's reps
DAYS_BETWEEN = 2  # a programme session no earlier than 48 h after the last one


@dataclass(frozen=True)
class SideWork:
    """Eccentric reps on one side, and how many of them got away (marked with x)."""

    reps: int = 0
    lost: int = 0

    @property
    def controlled(self) -> int:
        return self.reps - self.lost

    @property
    def control_share(self) -> float | None:
        """The share of reps done under control, or None without reps."""
        return None if self.reps == 0 else self.controlled / self.reps

    def __add__(self, other: SideWork) -> SideWork:
        return SideWork(self.reps + other.reps, self.lost + other.lost)


@dataclass(frozen=True)
class WeekFigures:
    monday: date
    sessions: int  # sessions with some work done
    nordic_reps: int
    bridge_reps: int  # every other eccentric rep: the eccentric bridges in the built-in sessions
    planned_reps: int | None  # the programme's eccentric reps for the week, when one ran
    effort: float | None  # average effort (1-10) of the sessions that logged it
    soreness: int | None  # highest soreness (0-10) logged after a session that week
    left: SideWork
    right: SideWork
    sore_before: int | None = None  # highest soreness (0-10) in the readiness check before a session
    target_days: int = 0  # days with a focused session: what the weekly target counts (domain/stats.py)

    @property
    def eccentric_reps(self) -> int:
        return self.nordic_reps + self.bridge_reps

    def meets(self, target: int) -> bool:
        """The week met the weekly target as the streak counts it: focused sessions, once a day (a warm-up,
        a plank day or a second session the same day is a session, not a day toward the target)."""
        return self.target_days >= target


@dataclass(frozen=True)
class Balance:
    weeks: int
    left: SideWork
    right: SideWork
    lagging: Side | None
    sentence: str


@dataclass(frozen=True)
class ProgrammeWeek:
    number: int
    needed: int  # sessions that complete the week
    done: int
    current: bool

    @property
    def count(self) -> str:
        """"1/2", or "1/1+1" for a week's session run again after "go ahead anyway" (never "2/1")."""
        return f"{min(self.done, self.needed)}/{self.needed}" + (f"+{self.done - self.needed}"
                                                                  if self.done > self.needed else "")

    @property
    def state(self) -> str:
        if self.current:
            return "current"
        if self.done >= self.needed:
            return "done"
        return "partly" if self.done else "ahead"


@dataclass(frozen=True)
class ProgrammeMap:
    session: str
    title: str
    week: int
    total: int
    weeks: tuple[ProgrammeWeek, ...]
    next_due: date | None  # None before the first session: any day will do
    reason: str  # why this week, from the progression
    maintenance: bool = False  # after the last week: one session a week, counted in no week
    wait: str = "48 h after the last"  # why not before next_due
    dose: tuple[int, int] | None = None  # sets x reps of low-volume maintenance
    sore: Soreness | None = None  # soreness of 5 or more in the last days: no eccentric work until it is below

    @property
    def this_week(self) -> ProgrammeWeek:
        return self.weeks[self.week - 1]

    @property
    def where(self) -> str:
        """Where the runner is: "week 4 of 10", or "maintenance after 10 weeks, 2 x 5"."""
        if not self.maintenance:
            return f"week {self.week} of {self.total}"
        return f"maintenance after {self.total} weeks" + (f", {self.dose[0]} x {self.dose[1]}" if self.dose else "")

    def sentence(self, today: date) -> str:
        now = self.this_week
        if self.maintenance:
            text = f"{self.title}: {self.where}, one session a week"
        else:
            text = (f"{self.title}: week {self.week} of {self.total}, {min(now.done, now.needed)} of {now.needed} "
                    f"session{'s' if now.needed != 1 else ''} done{beyond(now.done, now.needed)}")
        if self.next_due is None or self.next_due <= today:
            if self.sore is not None:  # as home and the check say it
                return text + f"; next session once soreness is below {SORE} ({self.sore.value}/10 {self.sore.source})."
            return text + "; next session: today."
        return text + f"; next session no earlier than {self.next_due:%a %d %b} ({self.wait})."


@dataclass(frozen=True)
class Charts:
    """Everything the charts draw, for one range of weeks."""

    today: date
    target: int  # sessions a week
    weeks: tuple[WeekFigures, ...]  # oldest first, the current week last
    balance: Balance
    programme: ProgrammeMap | None


# -- volume, soreness and effort -------------------------------------------------


def weekly(records: Iterable[Record], today: date, weeks: int,
           planned: Mapping[date, int] | None = None, checks: Iterable[Check] = ()) -> tuple[WeekFigures, ...]:
    """The figures of the last `weeks` ISO weeks, oldest first, the current week last. The soreness
    before sessions is also read from the checks kept beside the history (one backed out of counts:
    the coach reads it too)."""
    weeks = max(1, weeks)
    first = monday(today) - timedelta(weeks=weeks - 1)
    totals: dict[date, _Week] = {first + timedelta(weeks=n): _Week() for n in range(weeks)}
    for record in records:
        day = record.day
        if not first <= day <= today or not counts(record):
            continue
        week = totals[monday(day)]
        week.sessions += 1
        if record.focused:
            week.focused_days.add(day)
        for step in record.steps:
            if not step.eccentric:
                continue
            if is_nordic(step):
                week.nordic += step.reps_done
            else:
                week.bridge += step.reps_done
            for side in step.sides:
                if side.side is Side.LEFT:
                    week.left += SideWork(side.reps_done, side.reps_lost_control)
                elif side.side is Side.RIGHT:
                    week.right += SideWork(side.reps_done, side.reps_lost_control)
        if record.rpe is not None:
            week.efforts.append(record.rpe)
        if record.soreness is not None:
            week.soreness = max(record.soreness, week.soreness or 0)
        if record.readiness is not None and record.readiness.soreness is not None:
            week.sore_before = max(record.readiness.soreness, week.sore_before or 0)
    for check in checks:
        day = check.when.date()
        if first <= day <= today and check.soreness is not None:
            week = totals[monday(day)]
            week.sore_before = max(check.soreness, week.sore_before or 0)
    plan = planned or {}
    return tuple(
        WeekFigures(start, w.sessions, w.nordic, w.bridge, plan.get(start),
                    round(sum(w.efforts) / len(w.efforts), 1) if w.efforts else None, w.soreness, w.left, w.right,
                    w.sore_before, len(w.focused_days))
        for start, w in totals.items()
    )


class _Week:
    def __init__(self) -> None:
        self.sessions = 0
        self.nordic = 0
        self.bridge = 0
        self.efforts: list[int] = []
        self.soreness: int | None = None
        self.sore_before: int | None = None
        self.focused_days: set[date] = set()
        self.left = SideWork()
        self.right = SideWork()


# -- left and right -----------------------------------------------------------------


def balance(figures: Sequence[WeekFigures], weeks: int = BALANCE_WEEKS) -> Balance:
    """Left against right over the last `weeks` of the figures, with a plain sentence."""
    recent = figures[-weeks:]
    left = sum((w.left for w in recent), SideWork())
    right = sum((w.right for w in recent), SideWork())
    span = f"the last {len(recent)} week{'s' if len(recent) != 1 else ''}"
    if min(left.reps, right.reps) < MIN_REPS_PER_SIDE:
        if not (left.reps or right.reps):
            text = (f"No single-leg eccentric reps in {span}: single-leg eccentric bridges "
                    "show how each side copes.")
        else:
            text = (f"Too few single-leg eccentric reps in {span} to compare the sides "
                    f"(left {left.reps}, right {right.reps}).")
        return Balance(len(recent), left, right, None, text)
    lagging = _lagging(left, right)
    if lagging is None:
        text = (f"Both sides alike over {span}: left lost control on {left.lost} of {left.reps} reps, "
                f"right on {right.lost} of {right.reps}.")
        return Balance(len(recent), left, right, None, text)
    weak, strong = (left, right) if lagging is Side.LEFT else (right, left)
    other = "right" if lagging is Side.LEFT else "left"
    assert weak.control_share is not None and strong.control_share is not None
    if strong.control_share - weak.control_share >= CONTROL_MARGIN:
        text = (f"Your {lagging.value} side lags: over {span} it lost control on {weak.lost} of "
                f"{weak.reps} reps, the {other} on {strong.lost} of {strong.reps}.")
    else:
        text = (f"Your {lagging.value} side lags: over {span} it did {weak.reps} eccentric reps, "
                f"the {other} {strong.reps}.")
    return Balance(len(recent), left, right, lagging, text)


def _lagging(left: SideWork, right: SideWork) -> Side | None:
    assert left.control_share is not None and right.control_share is not None
    gap = left.control_share - right.control_share
    if abs(gap) >= CONTROL_MARGIN:
        return Side.LEFT if gap < 0 else Side.RIGHT
    if left.reps < VOLUME_MARGIN * right.reps:
        return Side.LEFT
    if right.reps < VOLUME_MARGIN * left.reps:
        return Side.RIGHT
    return None


# -- programmes ---------------------------------------------------------------------


def _session_reps(session: Session) -> int:
    return sum(sum(step.reps_in(n) for n in range(1, step.sets + 1)) * (2 if step.sides else 1)
               for step in session.steps if step.eccentric)


def planned_reps(session: Session, week: int) -> int:
    """The eccentric reps a programme plans for one of its weeks: every session of the week."""
    needed = session.sessions_per_week[week - 1] if session.sessions_per_week else 1
    return _session_reps(session.for_week(week)) * needed


def planned_for(session: Session, choice: WeekChoice) -> int:
    """The eccentric reps planned for a calendar week run on this choice: in maintenance one session a
    week of its dose (low-volume: 2 x 5), never the last week's three sessions."""
    if choice.maintenance:
        return _session_reps(planned_session(session, choice))
    return planned_reps(session, choice.week)


def planned_by_week(session: Session, records: Iterable[Dated], today: date,
                    checks: Iterable[Check] = (), found: Progress | None = None,
                    maintenance: str = WEEKLY) -> dict[date, int]:
    """The programme's planned volume for each calendar week the runner ran it, and this week: the weeks
    as the calendar gives them (progression), never a record's own `week`. `found`: the progression
    of these records already replayed."""
    found = found if found is not None else progress(session, records, today, maintenance, checks)
    plan: dict[date, int] = {}
    if found is None:
        return plan
    for record, choice in found.counted:
        start = monday(record.day)
        plan[start] = max(plan.get(start, 0), planned_for(session, choice))
    if monday(today) not in plan:
        plan[monday(today)] = planned_for(session, found.choice)
    return plan


def programme_map(session: Session, records: Sequence[Dated], today: date,
                  checks: Iterable[Check] = (), found: Progress | None = None,
                  maintenance: str = WEEKLY, races: Sequence[Race] = ()) -> ProgrammeMap | None:
    """Where the programme stands, and the first day its next session may be: 48 h after the last eccentric
    work (any session's), its week's sessions done, the days `races` keep clear (as home and the check)."""
    answers, records = checks_by_day(checks, today), by_day(records, today)  # after today: done by now
    found = found if found is not None else progress(session, records, today, maintenance, answers)
    if found is None:
        return None
    choice = found.choice
    done = [0] * choice.total
    for _, then in found.counted:
        if not then.maintenance:  # maintenance sessions belong to no week of the programme
            _begin_again(done, then)
            done[then.week - 1] += 1
    _begin_again(done, choice)  # today's week, held or stepped back to, begins anew at its next session
    needed = session.sessions_per_week or (1,) * choice.total
    current = 0 if choice.maintenance else choice.week
    weeks = tuple(ProgrammeWeek(n + 1, needed[n], done[n], n + 1 == current) for n in range(choice.total))
    last = max((r.day for r in records if r.eccentric and r.day <= today), default=None)  # any, as home: 48 h
    next_due = None if last is None else max(today, last + timedelta(days=DAYS_BETWEEN))
    wait = "48 h after the last"
    if not choice.due and choice.next_on is not None and (next_due is None or choice.next_on > next_due):
        # the coach's own date: a week's sessions done, or this week's maintenance session done
        next_due, wait = choice.next_on, ("one a week" if choice.maintenance else "this week's sessions are done")
    free, race = free_from(races, next_due or today)
    if race is not None:
        next_due, wait = free, f"no eccentric work around {race.what()}"
    return ProgrammeMap(session.name, session.title, choice.week, choice.total, weeks, next_due, choice.reason,
                        choice.maintenance, wait, choice.dose, _sore(records, answers, today))


def _sore(records: Sequence[Dated], checks: Sequence[Check], today: date) -> Soreness | None:
    """Soreness of 5 or more at the end of `today`, read as home and the check read it (answers.py)."""
    first = today - timedelta(days=SORENESS_WINDOW_DAYS + 1)  # years of history: only the last days speak
    recent = [r for r in records if first <= r.day <= today]
    given = soreness_reports(recent, checks, named=False)  # none after a session begun today (by_day)
    if not given:
        return None
    end = max(datetime.combine(today, time(23, 59), tzinfo=given[-1].when.tzinfo), given[-1].when)  # its zone
    sore = latest_soreness(soreness_reports(recent, checks, end), end, SORENESS_WINDOW_DAYS)
    return sore if sore is not None and sore.value >= SORE else None


def _begin_again(done: list[int], choice: WeekChoice) -> None:
    """A break steps back: the weeks from the one stepped back to are to do again (the sessions of two
    months ago are not this week's). A held week runs again in full (home: "week 3 again")."""
    if choice.stepped_back:
        done[choice.week - 1:] = [0] * (len(done) - choice.week + 1)
    elif choice.held:
        done[choice.week - 1] = 0


def report_start(today: date, weeks: int) -> date:
    """The first day whose sessions `charts` and the report read whole for `weeks` weeks: the Monday of
    the first week shown, or of the four the balance judges when fewer are shown."""
    return monday(today) - timedelta(weeks=max(weeks, BALANCE_WEEKS) - 1)


def charts(records: Sequence[Record], today: date, weeks: int, target: int,
           programme: Session | None = None, checks: Sequence[Check] = (),
           every: Sequence[Dated] | None = None, maintenance: str = WEEKLY, races: Sequence[Race] = ()) -> Charts:
    """The figures for the charts: `weeks` of them, the balance of the last four, the programme (its week
    from the same answers the home screen and the run read: the checks kept beside the history).

    `records` are whole records of at least the days from `report_start(today, weeks)` to today; the
    programme is replayed from `every` session (default: `records`), which may be outlines."""
    every = records if every is None else every
    found = progress(programme, every, today, maintenance, checks) if programme is not None else None
    planned = planned_by_week(programme, every, today, checks, found, maintenance) if programme is not None else None
    shown = weekly(records, today, max(weeks, BALANCE_WEEKS), planned, checks)
    return Charts(today=today, target=target, weeks=shown[-weeks:], balance=balance(shown),
                  programme=programme_map(programme, every, today, checks, found, maintenance, races)
                  if programme is not None else None)
