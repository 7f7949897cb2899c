"""Is eccentric work a good idea today? The check before a session, and the facts it reads.

Eccentric work on a sore hamstring, two days running, or just before a race
is how a protective programme turns into an injury. The runner answers two
one-key questions (soreness today, a race or hard run in the next 2-3 days);
the gate adds what the history says: the latest soreness answer in the last
three days (soreness after Nordics peaks on days 2-3, Coratella 2025) and the
time since the last eccentric session (48 h apart).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime, timedelta
from typing import NamedTuple

from hamstride.domain.model import Session
from hamstride.domain.progression import SORE, SORENESS_WINDOW_DAYS, SPACING_HOURS
from hamstride.domain.record import Readiness, Record
from hamstride.domain.timetext import ago

VERY_SORE = 7  # of 10: no load at all today, only gentle mobility
ISOMETRIC = "sore-day-isometrics"  # the gentle alternative: holds, no lengthening under load
STRETCH = "rest-day-stretch"  # gentler still: static stretches held softly


class Soreness(NamedTuple):
    value: int
    when: datetime
    source: str  # "today's answer", "before Tuesday's session", "after Monday's Nordic programme"


def latest_soreness(records: Iterable[Record], now: datetime, today: Readiness | None = None) -> Soreness | None:
    """The most recent soreness the runner reported in the last three days, or None.

    Readiness answers of any session count; of the answers given after a session only those
    after eccentric work do (a stretch session's "2" says nothing about Nordic soreness).
    """
    if today is not None and today.soreness is not None:
        return Soreness(today.soreness, now, "today's answer")
    found: Soreness | None = None
    first_day = now.date() - timedelta(days=SORENESS_WINDOW_DAYS)
    for record in records:
        if not first_day <= record.day <= now.date() or record.started > now:
            continue
        reports = []
        if record.readiness is not None and record.readiness.soreness is not None:
            reports.append(Soreness(record.readiness.soreness, record.started,
                                    f"before {_day(record, now)} {record.title}"))
        if record.eccentric and record.soreness is not None:
            reports.append(Soreness(record.soreness, record.ended, f"after {_day(record, now)} {record.title}"))
        for report in reports:
            if found is None or report.when > found.when:
                found = report
    return found


def _day(record: Record, now: datetime) -> str:
    days = (now.date() - record.day).days
    return "today's" if days == 0 else "yesterday's" if days == 1 else f"{record.day:%A}'s"


def last_eccentric(records: Iterable[Record], now: datetime) -> Record | None:
    """The latest session that did eccentric work (any of it: even a partial one loads the muscle)."""
    return max((r for r in records if r.eccentric and r.started <= now), key=lambda r: r.started, default=None)


def hours_since(record: Record, now: datetime) -> float:
    return (now - record.started).total_seconds() / 3600


class Verdict(NamedTuple):
    """What the check says: go ahead, or why not and what to do instead."""

    reasons: tuple[str, ...] = ()
    alternative: str | None = None  # a session name from the library, when there is one

    @property
    def go(self) -> bool:
        return not self.reasons


def needs_check(session: Session) -> bool:
    """The check comes before eccentric work only."""
    return session.eccentric


def assess(records: Iterable[Record], now: datetime, answers: Readiness | None,
           names: Collection[str]) -> Verdict:
    """Eccentric work today, or the gentle alternative and why."""
    history = [r for r in records if r.started <= now]
    reasons: list[str] = []
    very_sore = False
    sore = latest_soreness(history, now, answers)
    if sore is not None and sore.value >= SORE:
        very_sore = sore.value >= VERY_SORE
        reasons.append(f"soreness {sore.value}/10 ({sore.source}): eccentric work waits until it is below {SORE}")
    if answers is not None and answers.key_run:
        reasons.append("a race or hard run in the next 2-3 days: Nordics leave the hamstrings weaker for up to "
                       "three days (Coratella 2025), so keep them fresh")
    last = last_eccentric(history, now)
    if last is not None and hours_since(last, now) < SPACING_HOURS:
        ready = last.started + timedelta(hours=48)
        reasons.append(f"{last.title} was {ago(hours_since(last, now))}: eccentric sessions need about 48 h "
                       f"between them (from {ready:%A %H:%M})")
    if not reasons:
        return Verdict()
    gentle = STRETCH if very_sore else ISOMETRIC
    return Verdict(tuple(reasons), gentle if gentle in names else None)
