"""The coach's answer for today as each surface gives it: home's suggestion, the readiness check's
alternative, and `hamstride today` (the CLI). Each is asked the way its surface asks it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import NamedTuple

from hamstride.domain.diary import Check, Diary
from hamstride.domain.record import Readiness, Record
from hamstride.domain.suggest import check as suggest_check
from hamstride.domain.suggest import suggest
from hamstride.domain.targets import WEEKLY
from tests.unit.test_calendars import SESSIONS


class Checked(NamedTuple):
    go: bool
    alternative: str | None
    text: str  # every line the check shows when it holds back


def home(records: Sequence[Record], now: datetime, diary: Diary = Diary(), target: int = 2,
         maintenance: str = WEEKLY) -> tuple[str | None, str]:
    got = suggest(SESSIONS, records, now, target, maintenance, diary)
    return got.session, got.reason


def kept(diary: Diary, now: datetime, answers: Readiness | None) -> Diary:
    """The diary after the check: its answers kept in checks.toml, as the app keeps them."""
    if answers is None or (answers.soreness is None and answers.key_run is None):
        return diary
    return replace(diary, checks=(*diary.checks, Check(now, answers.soreness, answers.key_run)))


def check(name: str, records: Sequence[Record], now: datetime, answers: Readiness | None,
          diary: Diary = Diary(), target: int = 2, maintenance: str = WEEKLY) -> Checked:
    """The check before `name`, as ui/readiness_check.py asks it, and the text its screen shows."""
    verdict = suggest_check(SESSIONS[name], SESSIONS, records, now, answers, target, maintenance, diary)
    titles = {n: s.title for n, s in SESSIONS.items()}
    return Checked(verdict.go, verdict.alternative, verdict.told(titles) if not verdict.go else "")
