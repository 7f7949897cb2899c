"""The 48 h between eccentric sessions run from the end of the last one, not from its start.

A session resumed hours after a crash (the laptop died in the warm-up at 08:00, the runner resumed it at
20:00 and did the Nordics then) keeps the time it began as its start: counted from that start, the check
and home let the strength day begin on Monday morning, some 36 h after Saturday evening's Nordics (46 h
"about 48 h" after 08:00). The end is the latest moment its eccentric work can have been done.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from hamstride.domain.readiness import assess
from hamstride.domain.record import Record
from hamstride.domain.suggest import check, suggest
from tests.unit.test_calendars import SESSIONS, other

UTC = timezone.utc
SATURDAY = datetime(2026, 12, 5, 8, tzinfo=UTC)
EASY = {"early-week-strength": 15}  # weeks of strength days before: 15 Nordics is what the runner is used to


def strength_days(last_start: datetime, last_end: datetime) -> list[Record]:
    """Eight strength days 3.5 days apart, the last one begun at `last_start` and ended at `last_end`."""
    before = [other(last_start - timedelta(days=3.5 * k), "early-week-strength", reps=15) for k in range(8, 0, -1)]
    last = replace(other(last_start, "early-week-strength", reps=15), ended=last_end,
                   elapsed_seconds=(last_end - last_start).total_seconds())
    return [*before, last]


def test_a_session_resumed_in_the_evening_counts_its_48_h_from_the_evening() -> None:
    history = strength_days(SATURDAY, SATURDAY.replace(hour=20, minute=30))  # resumed at 20:00, done 20:30
    monday = SATURDAY + timedelta(days=2, minutes=30)  # 48.5 h after it began, 36 h after its Nordics
    verdict = assess(history, monday, None)
    assert not verdict.go and "48 h" in verdict.reasons[0] and "Monday 20:30" in verdict.reasons[0], verdict
    assert suggest(SESSIONS, history, monday, 2).session == "hip-extensors"
    assert not check(SESSIONS["early-week-strength"], SESSIONS, history, monday, None, 2).go


@settings(max_examples=60, deadline=None)
@given(hours=st.floats(min_value=0.5, max_value=30.0), after_end=st.floats(min_value=0.0, max_value=45.9))
def test_no_eccentric_session_starts_within_46_h_of_the_last_ones_end(hours: float, after_end: float) -> None:
    """Whatever the last eccentric session's span (a resume hours later, a long pause), within 46 h of its
    end neither the check nor home lets eccentric work start."""
    end = SATURDAY + timedelta(hours=hours)
    history = strength_days(SATURDAY, end)
    now = end + timedelta(hours=after_end)
    assert not assess(history, now, None).go
    assert not SESSIONS[suggest(SESSIONS, history, now, 2).session or "hip-extensors"].eccentric
