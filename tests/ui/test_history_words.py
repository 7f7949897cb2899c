"""The history's sentences read as a person would write them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hamstride.domain.stats import compute
from hamstride.ui.screens.history import stats_lines
from tests.unit.helpers import make_record

NOW = datetime(2026, 11, 24, 19, tzinfo=timezone.utc)


def test_one_session_is_singular_and_the_minutes_say_they_are_active_time() -> None:
    record = make_record(NOW - timedelta(days=1), eccentric_reps=1, minutes=9)
    text = stats_lines(compute([record], NOW.date()))
    assert "1 session," in text and "1 sessions" not in text
    assert "9 min active" in text
    assert "1 eccentric rep" in text and "1 eccentric reps" not in text


def test_many_sessions_are_plural() -> None:
    records = [make_record(NOW - timedelta(days=n), eccentric_reps=10) for n in range(1, 4)]
    assert "3 sessions," in stats_lines(compute(records, NOW.date()))
