"""What the runner told the coach outside a session: answers at the check, and the races ahead.

The history holds what was done; the diary holds what was said. An answer given
at the readiness check is kept even when no session followed (the runner backed
out, or took nothing), because soreness is about the hamstrings whatever came
next (docs/dosing.md, "Soreness"). Races come from `hamstride race` and from an
iCalendar file of the runner's plan: eccentric work waits until well after them.

Pure values: storage reads and writes them (storage/diary.py, storage/plan_ics.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from enum import StrEnum

# Hours before a start that keep eccentric work away (docs/dosing.md, "Races"):
HARD_HOURS = 48  # a hard run: the 48 h the programme keeps between hard eccentric efforts
RACE_HOURS = 72  # a race: strength stays down for up to three days after Nordics (Coratella 2025)
LONG_RACE_HOURS = 7 * 24  # a marathon or longer: damage takes 5-7 days to clear (Clarkson & Hubal 2002)
LONG_WORDS = ("marathon", "ultra")  # ... but a half marathon is a race like a 10k
NOT_LONG_WORDS = ("half",)
MARATHON_KM = 42.0  # a distance in the label from this on is a marathon or an ultra: "50k trail", "100 mile"
_DISTANCE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(km|k|kilomet(?:er|re)s?|mi|miles?)\b")
_KM_PER = {"mi": 1.609344}
KEY_RUN_HOURS = 72  # the check's "in the next 2-3 days"
RACES_FILE = "races.toml"  # where `hamstride race` keeps them (storage/diary.py), named to the runner


def long_label(label: str) -> bool:
    """A marathon or longer: by name, or by a distance in the label (an ultra is often named only by
    it, "50k trail"; a half marathon by name is not, unless its distance says otherwise)."""
    words = label.casefold()
    for number, unit in _DISTANCE.findall(words):
        if float(number.replace(",", ".")) * _KM_PER.get(unit[:2], 1.0) >= MARATHON_KM:
            return True
    return any(w in words for w in LONG_WORDS) and not any(w in words for w in NOT_LONG_WORDS)


class Effort(StrEnum):
    RACE = "race"
    HARD = "hard"  # a hard run or session from the runner's plan


@dataclass(frozen=True)
class Check:
    """The answers at one readiness check, kept whatever happened next."""

    when: datetime  # aware
    soreness: int | None = None  # hamstring soreness 0-10
    key_run: bool | None = None  # a race or hard run in the next 2-3 days


@dataclass(frozen=True)
class Race:
    """A race or hard run ahead: from `hamstride race` or the runner's calendar file."""

    day: date
    label: str
    effort: Effort = Effort.RACE
    starts_at: time | None = None  # the calendar may say; a date alone means from midnight
    source: str = "hamstride race"  # or the calendar file's name
    # The calendar's end, for an event that lasts past its start (a race weekend, a night race): the days
    # after a race are counted from its end. `ends_on` is its last day; with `ends_at` None it is all day
    # long, and counts as a date alone does: from its first minute.
    ends_on: date | None = None
    ends_at: time | None = None

    @property
    def long(self) -> bool:
        return long_label(self.label)

    @property
    def hours_clear(self) -> int:
        """How long before the start eccentric work stops."""
        if self.effort is Effort.HARD:
            return HARD_HOURS
        return LONG_RACE_HOURS if self.long else RACE_HOURS

    @property
    def hours_after(self) -> int:
        """How long after the start eccentric work waits: a race is itself a hard bout for the
        hamstrings, so the margin kept before it is kept after it too; a hard run is a week's
        ordinary work (the 48 h between eccentric sessions is about Nordics), so none."""
        if self.effort is Effort.HARD:
            return 0
        return LONG_RACE_HOURS if self.long else RACE_HOURS

    def start(self, now: datetime) -> datetime:
        """The start in the runner's time zone (now's): a date alone counts from its first minute."""
        return datetime.combine(self.day, self.starts_at or time(0), tzinfo=now.tzinfo)

    def blocks(self, now: datetime) -> bool:
        """Eccentric work now would fall in the days kept clear before it, on its day, or after it."""
        return self.blocks_before(now) or self.blocks_after(now)

    def blocks_before(self, now: datetime) -> bool:
        """Eccentric work now would fall in the days kept clear before it (or on its day)."""
        start = self.start(now)
        return start - timedelta(hours=self.hours_clear) <= now < self._day_over(now)

    def blocks_after(self, now: datetime) -> bool:
        """The race is over, and the hamstrings still recovering from it."""
        return self._day_over(now) <= now < self.clear_after(now)

    def finish(self, now: datetime) -> datetime:
        """Its end, as the calendar gives it (never before its start), else its start: the margin after it
        runs from here (a 10k on Saturday and a half on Sunday, one event, are over on Sunday)."""
        if self.ends_on is None:
            return self.start(now)
        return max(self.start(now), datetime.combine(self.ends_on, self.ends_at or time(0), tzinfo=now.tzinfo))

    def _day_over(self, now: datetime) -> datetime:
        day_after = datetime.combine((self.ends_on or self.day) + timedelta(days=1), time(0), tzinfo=now.tzinfo)
        return max(day_after, self.start(now) + timedelta(hours=1), self.finish(now))

    def clear_from(self, now: datetime) -> datetime:
        return self.start(now) - timedelta(hours=self.hours_clear)

    def clear_after(self, now: datetime) -> datetime:
        """When eccentric work may come back: the day after it, or the margin after its end."""
        return max(self._day_over(now), self.finish(now) + timedelta(hours=self.hours_after))

    def what(self) -> str:
        return f"{'race' if self.effort is Effort.RACE else 'hard run'} ({self.label})"


@dataclass(frozen=True)
class Diary:
    checks: tuple[Check, ...] = ()
    races: tuple[Race, ...] = field(default=())
    problems: tuple[str, ...] = ()  # files that could not be read, for the runner

    def races_blocking(self, now: datetime) -> list[Race]:
        return sorted((r for r in self.races if r.blocks(now)), key=lambda r: (r.day, r.label))

    def known_ahead(self, now: datetime, hours: int = KEY_RUN_HOURS) -> list[Race]:
        """The races the check's question asks about ("a race or hard run in the next 2-3 days?"),
        known already: those whose days kept clear have begun, or that start within `hours`."""
        return sorted((r for r in self.races
                       if r.blocks_before(now) or now < r.start(now) <= now + timedelta(hours=hours)),
                      key=lambda r: (r.day, r.label))

    def next_race(self, now: datetime) -> Race | None:
        ahead = [r for r in self.races if r.start(now) > now]
        return min(ahead, key=lambda r: r.start(now), default=None)


def free_from(races: Iterable[Race], day: date) -> tuple[date, Race | None]:
    """The first day from `day` that no race keeps eccentric work away from as it begins, and the race
    that held it back last (None: `day` itself is free). Each race's margin is in hours from its start,
    so any one time zone gives the same days."""
    races = tuple(races)
    moment = datetime.combine(day, time(0), tzinfo=timezone.utc)
    holding = None
    for _ in range(len(races) + 1):  # each race pushes at most once
        blocking = [r for r in races if r.blocks(moment)]
        if not blocking:
            break
        holding = max(blocking, key=lambda r: r.clear_after(moment))
        moment = holding.clear_after(moment)
    return moment.date(), holding


def race_rule(race: Race, after: bool = False) -> str:
    """The rule that keeps eccentric work away from this race (before it, or `after` it), and its source."""
    if after:
        if race.long:
            return ("no eccentric work in the 7 days after a marathon: a race that long damages the muscles as a "
                    "hard eccentric session does, and that takes 5-7 days to clear (Clarkson & Hubal 2002)")
        return ("no eccentric work in the 3 days after a race: it was a hard bout for the hamstrings, so the "
                "margin kept before it is kept after it")
    if race.effort is Effort.HARD:
        return "no eccentric work in the 48 h before a hard run, so it meets fresh hamstrings"
    if race.long:
        return ("no eccentric work in the 7 days before a marathon: the damage of a hard eccentric session takes "
                "5-7 days to clear (Clarkson & Hubal 2002)")
    return ("no eccentric work in the 3 days before a race: Nordics leave the hamstrings weaker for up to "
            "three days (Coratella 2025)")


def why_race(race: Race, now: datetime, others: Iterable[Race] = ()) -> str:
    """Why eccentric work waits for this race (or after it), in a sentence. `others`: the races blocking
    now beside it; when one of them keeps eccentric work away longer, the day it comes back is theirs."""
    if race.blocks_after(now):
        when = "yesterday" if race.day == now.date() - timedelta(days=1) else f"on {race.day:%A %d %B}"
        later = max((r for r in others if r.clear_after(now) > race.clear_after(now)),
                    key=lambda r: r.clear_after(now), default=None)
        back = race.clear_after(now) if later is None else later.clear_after(now)
        timed = (race if later is None else later).starts_at is not None
        again = f"{back:%A %d %B %H:%M}" if timed else f"{back:%A %d %B}"
        then = "" if later is None else f", after {later.what()} too"
        return f"{race.what()} {when}: {race_rule(race, after=True)} (eccentric work again from {again}{then})"
    when = "today" if race.day == now.date() else f"on {race.day:%A %d %B}"
    return f"{race.what()} {when}: {race_rule(race)}"


def known_race(race: Race, now: datetime) -> str:
    """A race the check knows of, and where from: said instead of asked."""
    when = "today" if race.day == now.date() else f"on {race.day:%A %d %B}"
    where = RACES_FILE if race.source == "hamstride race" else race.source
    return f"{race.what()} {when} ({where})"


def recent_checks(checks: Iterable[Check], now: datetime, days: int) -> list[Check]:
    first = now.date() - timedelta(days=days)
    return sorted((c for c in checks if first <= c.when.date() and c.when <= now), key=lambda c: c.when)
