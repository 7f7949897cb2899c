"""The low-volume maintenance session is the programme's maintenance session, by whatever name it runs.

Found by the seven-day property (tests/unit/test_dose_over_seven_days.py, with
--hypothesis-seed=20509168264786324897705779779564916313): a runner on `maintenance = "low-volume"` did
the beginner programme's last week, came back 19 days later and ran what home offered, the 2 x 5
`nordic-maintenance`. The programme never heard of it: 21 days after its own last session it called the
time a break and stepped back to week 2, and home offered week 2's first session 48 h after the
maintenance session, then its second: 26 Nordics in 7 days against one low-volume session a week (and
one more). The maintenance session run on a day the programme is at maintenance is its session of the
week: the next comes a week later, and a break is counted from it.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from hamstride.domain.diary import Diary
from hamstride.domain.progression import current_week
from hamstride.domain.readiness import assess
from hamstride.domain.record import Record
from hamstride.domain.suggest import MAINTENANCE, check_week, suggest
from hamstride.domain.targets import LOW_VOLUME
from tests.unit.runner_histories import run_of
from tests.unit.test_calendars import SESSIONS

BEGINNER = "nordic-beginner"
FIRST = datetime(2026, 2, 2, 7, 0, tzinfo=timezone.utc)  # a Monday


def beginner_done_then_maintenance(days_later: int) -> tuple[list[Record], datetime]:
    """The beginner programme followed to its end on the app's word, then home's maintenance session
    `days_later` days after its last session."""
    history: list[Record] = []
    now = FIRST
    for _ in range(200):
        week = current_week(SESSIONS[BEGINNER], history, now.date(), LOW_VOLUME)
        assert week is not None
        if week.maintenance:
            break
        spaced = not history or now - history[-1].started >= timedelta(hours=48)
        if week.due and spaced:
            history.append(run_of(BEGINNER, history, now, f"b{len(history)}", LOW_VOLUME))
        now += timedelta(days=1)
    assert len(history) >= 8
    then = history[-1].started + timedelta(days=days_later)
    assert suggest(SESSIONS, history, then, 2, LOW_VOLUME).session == MAINTENANCE
    history.append(run_of(MAINTENANCE, history, then, "m", LOW_VOLUME))
    return history, then


@pytest.mark.parametrize("days_later", [7, 19, 20])
@pytest.mark.parametrize("hours", [49, 72, 6 * 24 + 16])  # 16 h after 07:00: 23:00 of the sixth day
def test_after_the_maintenance_session_no_nordics_for_a_week(days_later: int, hours: int) -> None:
    history, then = beginner_done_then_maintenance(days_later)
    now = then + timedelta(hours=hours)
    got = suggest(SESSIONS, history, now, 2, LOW_VOLUME)
    assert got.session is None or not SESSIONS[got.session].nordic, got
    week = current_week(SESSIONS[BEGINNER], history, now.date(), LOW_VOLUME)
    assert week is not None and week.maintenance and not week.due, week
    for name in (BEGINNER, MAINTENANCE):
        verdict = assess(history, now, None, Diary(),
                         check_week(SESSIONS.get, SESSIONS[name], history, now.date(), LOW_VOLUME))
        assert not verdict.go and any("beyond the programme's dose" in r for r in verdict.reasons), (name, verdict)


def test_a_week_after_the_maintenance_session_the_next_one_is_offered() -> None:
    history, then = beginner_done_then_maintenance(19)
    got = suggest(SESSIONS, history, then + timedelta(days=7), 2, LOW_VOLUME)
    assert got.session == MAINTENANCE, got
