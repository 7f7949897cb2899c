"""A programme's sessions are 48 h apart from the end of one to the start of the next, not start to start.

A session resumed in the evening after a crash in the morning's warm-up keeps the morning as its start. The
replay spaced a week's sessions by their starts, so the next morning but one (48 h after the first began,
some 36 h after its Nordics) counted as the week's second session: week 2 was done, and the next Monday
the programme moved on to week 3's 63 Nordics on two sessions, the second of them too soon. The readiness
check's 48 h run from a session's end (domain/readiness.py); the programme's spacing now does too.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from hamstride.domain.progression import current_week, progress
from tests.unit.helpers import followed
from tests.unit.test_calendars import SESSIONS

PROGRAMME = SESSIONS["nordic-programme"]
MONDAY = datetime(2026, 11, 2, 7, tzinfo=timezone.utc)


def test_a_session_resumed_in_the_evening_spaces_the_week_from_its_end() -> None:
    week_1 = followed(PROGRAMME, [MONDAY - timedelta(days=7)])
    crashed = followed(PROGRAMME, [MONDAY], history=week_1)[-1]
    evening = MONDAY.replace(hour=19, minute=30)  # resumed at 19:00, the Nordics done by 19:30
    resumed = replace(crashed, ended=evening, elapsed_seconds=(evening - MONDAY).total_seconds())
    wednesday = MONDAY + timedelta(days=2, minutes=30)  # 48.5 h after it began, 36 h after its Nordics
    history = followed(PROGRAMME, [wednesday], history=[*week_1, resumed])
    assert [r.week for r in history] == [1, 2, 2]
    found = progress(PROGRAMME, history, (MONDAY + timedelta(days=7)).date())
    assert found is not None
    assert [r.id for r, _ in found.counted] == [history[0].id, resumed.id], found.counted  # Wednesday's too soon
    choice = current_week(PROGRAMME, history, (MONDAY + timedelta(days=7)).date())
    assert choice is not None and (choice.week, choice.due) == (2, True), choice  # one of its two sessions


def test_sessions_of_an_ordinary_length_two_days_apart_still_count() -> None:
    """Two days on at the same time, after a session of half an hour: 47.5 h from its end, one of the week."""
    history = followed(PROGRAMME, [MONDAY - timedelta(days=7), MONDAY, MONDAY + timedelta(days=2)])
    choice = current_week(PROGRAMME, history, (MONDAY + timedelta(days=7)).date())
    assert choice is not None and choice.week == 3, choice
