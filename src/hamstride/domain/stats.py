"""Streaks and the figures the history screen shows, from the records in one pass.

The rhythm that protects hamstrings is about two sessions a week, kept up:
the fascicle lengthening seen after nine weeks of Nordics fell back by
12-16% after three weeks off (see docs/dosing.md). So the main
streak counts ISO weeks that met the weekly target, and the warning watches
the days since the last eccentric session.

Days are the runner's own calendar days: a record's date is taken in the
offset it was recorded with, so travel and DST never move a session to
another day.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple, Protocol, TypeVar

from hamstride.domain.targets import DEFAULT_WEEKLY_TARGET as DEFAULT_WEEKLY_TARGET

if TYPE_CHECKING:  # the history screen adds up its figures without a record's module (its steps, their kinds)
    from hamstride.domain.record import Record

Day = TypeVar("Day", date, int)  # a day, or its ordinal (the database's)

WARN_AFTER_DAYS = 14  # say it early enough to act on
FADE_AFTER_DAYS = 21  # about three weeks: the adaptations start to fade


class DayActivity(NamedTuple):
    sessions: int = 0
    eccentric_reps: int = 0
    minutes: float = 0.0
    eccentric: bool = False


class Stats(NamedTuple):
    today: date
    target: int
    this_week: int
    week_streak: int
    longest_week_streak: int
    day_streak: int
    longest_day_streak: int
    sessions: int
    minutes: float
    nordic_reps: int
    eccentric_reps: int
    last_eccentric: date | None
    last_nordic: date | None
    days: dict[date, DayActivity]
    weekly_eccentric_reps: tuple[int, ...]  # oldest first, the current week last

    @property
    def days_since_eccentric(self) -> int | None:
        return None if self.last_eccentric is None else (self.today - self.last_eccentric).days

    @property
    def days_since_nordic(self) -> int | None:
        return None if self.last_nordic is None else (self.today - self.last_nordic).days

    @property
    def target_met(self) -> bool:
        return self.this_week >= self.target


class Tallied(Protocol):
    """What the figures read of a session: a Record, or a Tally the history's database keeps of one."""

    @property
    def completed(self) -> bool: ...
    @property
    def day(self) -> date: ...
    @property
    def active_seconds(self) -> float: ...
    @property
    def eccentric_reps(self) -> int: ...
    @property
    def nordic_reps(self) -> int: ...
    @property
    def eccentric(self) -> bool: ...
    @property
    def focused(self) -> bool: ...
    @property
    def worked(self) -> bool: ...


class Tally(NamedTuple):
    """A session's figures without its steps: ten years of these are a few thousand small tuples."""

    completed: bool
    day: date
    active_seconds: float
    eccentric_reps: int
    nordic_reps: int
    eccentric: bool
    focused: bool
    worked: bool

    @classmethod
    def of(cls, record: Record) -> Tally:
        return cls(record.completed, record.day, record.active_seconds, record.eccentric_reps, record.nordic_reps,
                   record.eccentric, record.focused, record.worked)


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def counts(record: Tallied) -> bool:
    """A session counts toward streaks, the week's target and the coach when some work was done
    (Record.worked), finished or not: a start taken back at once is not a session."""
    return record.worked or record.completed


class Sums(NamedTuple):
    """A history's figures added up, before the streaks are counted: by `sums_of` from the records, or
    by the history's database in SQL (storage/history_sums.py), which must give the same."""

    sessions: int
    minutes: float  # the sessions' active minutes, added in the order the sessions were done
    nordic_reps: int
    eccentric_reps: int
    last_eccentric: date | None  # the latest day up to today
    last_nordic: date | None
    day_numbers: Collection[int]  # each day with a session, as its ordinal
    focused_weeks: Mapping[date, int]  # each week's Monday: the days it holds a focused session
    week_reps: Mapping[date, int]  # each week's Monday: its eccentric reps (at least the chart's weeks)
    days: dict[date, DayActivity]  # what each day held (at least the calendar's days)


NO_SUMS = Sums(0, 0.0, 0, 0, None, None, (), {}, {}, {})


def compute(records: Iterable[Tallied], today: date, target: int = DEFAULT_WEEKLY_TARGET,
            chart_weeks: int = 12) -> Stats:
    return from_sums(sums_of(records, today), today, target, chart_weeks)


def add_to_day(per_day: dict[Day, list[float]], day: Day, reps: int, active: float, eccentric: bool) -> None:
    """One session added to its day's [sessions, eccentric reps, minutes, eccentric]: the history screen's
    figures add them so, from records here and from the database's rows (storage/history_sums.py)."""
    entry = per_day.get(day)
    if entry is None:
        entry = per_day[day] = [0, 0, 0.0, 0]
    entry[0] += 1
    entry[1] += reps
    entry[2] += active / 60
    if eccentric:
        entry[3] = 1


def sums_of(records: Iterable[Tallied], today: date) -> Sums:
    """The one pass over the records."""
    per_day: dict[date, list[float]] = {}  # day -> [sessions, eccentric reps, minutes, eccentric]
    focused_days: set[date] = set()  # days with a focused session: the weekly target counts these, once a day
    week_reps: Counter[date] = Counter()
    sessions = 0
    minutes = 0.0
    nordic = 0
    eccentric_total = 0
    last_eccentric: date | None = None
    last_nordic: date | None = None
    for record in records:  # the one pass over the records
        # Each figure of a record is a sum over its steps and sides: taken once here, as ten years
        # of records made these sums most of the history screen's figures.
        active = record.active_seconds
        if not (record.worked or record.completed):  # counts(record)
            continue
        day = record.day
        reps = record.eccentric_reps
        nordic_reps = record.nordic_reps
        sessions += 1
        minutes += active / 60
        eccentric_total += reps
        nordic += nordic_reps
        add_to_day(per_day, day, reps, active, record.eccentric)
        if record.eccentric and day <= today and (last_eccentric is None or day > last_eccentric):
            last_eccentric = day
        if nordic_reps > 0 and day <= today and (last_nordic is None or day > last_nordic):
            last_nordic = day
        if record.focused:
            focused_days.add(day)
    week_of = {day: monday(day) for day in per_day}  # each day's Monday, worked out once
    for day, entry in per_day.items():
        week_reps[week_of[day]] += int(entry[1])
    return Sums(sessions, minutes, nordic, eccentric_total, last_eccentric, last_nordic,
                {day.toordinal() for day in per_day}, Counter(week_of[day] for day in focused_days), week_reps,
                {d: DayActivity(int(v[0]), int(v[1]), v[2], bool(v[3])) for d, v in per_day.items()})


def from_sums(sums: Sums, today: date, target: int = DEFAULT_WEEKLY_TARGET, chart_weeks: int = 12) -> Stats:
    """The figures and streaks of a history added up (`sums_of`, or the database's)."""
    target = max(1, target)
    per_week = sums.focused_weeks
    this_monday = monday(today)
    week_streak, longest_week = _week_streaks(per_week, this_monday, target)
    day_streak, longest_day = _day_streaks(sums.day_numbers, today)
    week_reps = sums.week_reps
    chart = tuple(week_reps.get(this_monday - timedelta(weeks=n), 0) for n in range(chart_weeks - 1, -1, -1))
    return Stats(
        today=today, target=target, this_week=per_week.get(this_monday, 0), week_streak=week_streak,
        longest_week_streak=longest_week, day_streak=day_streak, longest_day_streak=longest_day,
        sessions=sums.sessions, minutes=sums.minutes, nordic_reps=sums.nordic_reps,
        eccentric_reps=sums.eccentric_reps, last_eccentric=sums.last_eccentric, last_nordic=sums.last_nordic,
        days=sums.days, weekly_eccentric_reps=chart,
    )


def _week_streaks(per_week: Mapping[date, int], this_monday: date, target: int) -> tuple[int, int]:
    met = sorted(week for week, n in per_week.items() if n >= target and week <= this_monday)
    longest = run = 0
    previous: date | None = None
    for week in met:
        run = run + 1 if previous is not None and week - previous == timedelta(weeks=1) else 1
        longest = max(longest, run)
        previous = week
    # The week in progress adds when met and never breaks: count back from it or from last week.
    current = 0
    week = this_monday if per_week.get(this_monday, 0) >= target else this_monday - timedelta(weeks=1)
    while per_week.get(week, 0) >= target:
        current += 1
        week -= timedelta(weeks=1)
    return current, longest


def _day_streaks(numbers: Collection[int], today: date) -> tuple[int, int]:
    # Day numbers, not dates: ten years of days are counted in a few thousand integer steps.
    numbers = set(numbers)
    last = today.toordinal()
    longest = run = 0
    previous = None
    for number in sorted(n for n in numbers if n <= last):
        run = run + 1 if number - 1 == previous else 1
        longest = max(longest, run)
        previous = number
    current = 0
    number = last if last in numbers else last - 1
    while number in numbers:
        current += 1
        number -= 1
    return current, longest


def detraining_warning(stats: Stats) -> str:
    """The article's warning, as the days since the last Nordic session approach three weeks.

    Nordics, not any eccentric work: the injury evidence (van Dyk 2019) and the fade after three
    weeks off (Andrews 2025) are both about Nordic programmes.
    """
    days = stats.days_since_nordic
    if days is None:
        return ("No Nordic session yet: Nordic programmes about halve hamstring injuries (van Dyk 2019); "
                "start small.")
    if days >= FADE_AFTER_DAYS:
        return (f"{days} days since your last Nordic session: after about three weeks off the "
                "adaptations start to fade (Andrews 2025). Ease back in with a lighter dose.")
    if days >= WARN_AFTER_DAYS:
        return (f"{days} days since your last Nordic session: do one within "
                f"{FADE_AFTER_DAYS - days} days to keep the adaptations (they fade after about three weeks).")
    return ""


def streak_change(before: Stats, after: Stats) -> str:
    """What a new session changed, in a sentence for the summary screen."""
    text = f"{after.this_week} of {after.target} this week"
    if after.week_streak > before.week_streak:
        text += f", week streak now {after.week_streak}"
    elif after.week_streak:
        text += f", week streak {after.week_streak}"
    elif after.this_week < after.target:
        text += f"; {after.target - after.this_week} more to meet this week's target"
    return text
