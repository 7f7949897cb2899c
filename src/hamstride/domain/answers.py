"""Every answer the runner gave about their hamstrings, wherever it was written.

Soreness is about the hamstrings, whatever session it was written with: the
answer at the check before a session, the one on the summary after any session
(a hip-extensor day's "7" is a sore hamstring too), and the answers of a check
the runner backed out of. The question "a race or hard run in the next 2-3
days?" is answered for those days, so a "yes" stands until they are over or a
later answer says otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # names in signatures only
    from hamstride.domain.diary import Check
    from hamstride.domain.record import Record

if TYPE_CHECKING:
    from hamstride.domain.outline import Dated

KEY_RUN_DAYS = 3  # "a race or hard run in the next 2-3 days": the answer covers three days


class Soreness(NamedTuple):
    value: int
    when: datetime
    source: str  # "today's answer", "before Tuesday's session", "after Monday's Nordic programme"


def _day(day: date, now: datetime | None) -> str:
    if now is None:
        return f"{day:%A}'s"
    days = (now.date() - day).days
    return "today's" if days == 0 else "yesterday's" if days == 1 else f"{day:%A}'s"


def soreness_reports(records: Iterable[Dated], checks: Iterable[Check], now: datetime | None = None, *,
                     named: bool = True) -> list[Soreness]:
    """Every soreness answer given up to now (None: all of them), oldest first; `now` names the days.
    Unnamed (source ""), they are found faster: the programme replays years of them."""
    found: list[Soreness] = []

    def day(when: date) -> str:
        return _day(when, now) if named else ""

    for record in records:
        if now is not None and record.started > now:
            continue
        sore_before = record.sore_before
        if sore_before is not None:
            found.append(Soreness(sore_before, record.started,
                                  f"before {day(record.day)} {record.title}" if named else ""))
        if record.soreness is not None and (now is None or record.ended <= now):
            found.append(Soreness(record.soreness, record.ended,
                                  f"after {day(record.day)} {record.title}" if named else ""))
    for check in checks:
        if check.soreness is not None and (now is None or check.when <= now):
            found.append(Soreness(check.soreness, check.when, f"at {day(check.when.date())} check" if named else ""))
    found.sort(key=lambda s: s.when)
    return found


def latest_soreness(reports: Iterable[Soreness], now: datetime, days: int) -> Soreness | None:
    """The soreness to go by: the highest answer of the latest day with one, in the last `days` days
    (days in now's time zone, whatever offset an answer was given in).

    The highest, not the last: a "6" before a stretch and a "2" after it are the same hamstring on
    the same day, and the app would rather wait a day than load a sore muscle.
    """
    def day(report: Soreness) -> date:
        # The runner's days as they are now: read in each answer's own offset, a later answer given
        # after a flight west fell on an earlier day than the one before the flight, and went unread.
        return report.when.astimezone(now.tzinfo).date()

    first = now.date() - timedelta(days=days)
    recent = [r for r in reports if first <= day(r) and r.when <= now]
    if not recent:
        return None
    latest = max(day(r) for r in recent)
    return max((r for r in recent if day(r) == latest), key=lambda r: (r.value, r.when))


class KeyRun(NamedTuple):
    when: datetime
    source: str


def key_run_ahead(records: Iterable[Record], checks: Iterable[Check], now: datetime) -> KeyRun | None:
    """A "yes, a race or hard run in the next 2-3 days" that still stands: the latest answer of the
    last three days, when it was yes."""
    first = now - timedelta(days=KEY_RUN_DAYS)
    answers: list[tuple[datetime, bool, str]] = []
    for record in records:
        if record.readiness is not None and record.readiness.key_run is not None and first <= record.started <= now:
            answers.append((record.started, record.readiness.key_run, f"before {_day(record.day, now)} "
                                                                        f"{record.title}"))
    for check in checks:
        if check.key_run is not None and first <= check.when <= now:
            answers.append((check.when, check.key_run, f"at {_day(check.when.date(), now)} check"))
    if not answers:
        return None
    when, yes, source = max(answers, key=lambda a: a[0])
    return KeyRun(when, source) if yes else None
