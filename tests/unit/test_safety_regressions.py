"""Over-doses the safety properties (test_safety_properties.py) found, as hand-picked cases.

- A programme week already done kept only the programme itself away: the check said go to an easier or
  harder Nordic, the strength day or low-volume maintenance, though home said the week was done and the
  programme replaces the other Nordic sessions. Week 1 (one session of 2 x 5) could be followed by a
  harder variant's 3 x 5 every 48 h. Now the check weighs any eccentric session against the week of the
  programme under way (suggest.check_week).
- Soreness answers in two time zones: the latest day was read in each answer's own offset, so after a
  flight west a later "8/10" fell on an earlier day than a "2/10" before the flight, and the check said
  go. The shrunk example: 5/10 at a check in New York at the very instant of a 0/10 in London. Days are
  now read in the runner's time now.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from hamstride.domain.diary import Check, Diary
from hamstride.domain.readiness import assess
from hamstride.domain.suggest import check, check_week, suggest
from hamstride.domain.targets import WEEKLY
from tests.unit.helpers import followed
from tests.unit.test_calendars import SESSIONS, other

UTC = timezone.utc
MONDAY = datetime(2026, 11, 30, 7, tzinfo=UTC)
WEEK_1 = followed(SESSIONS["nordic-programme"], [MONDAY])  # week 1: one session, done


@pytest.mark.parametrize("name", ["nordic-harder-loaded", "nordic-easier-band", "nordic-easier-hip-hinge",
                                  "early-week-strength", "nordic-maintenance", "late-week-short",
                                  "nordic-programme"])
def test_no_eccentric_session_goes_beyond_a_programme_week_already_done(name: str) -> None:
    thursday = MONDAY + timedelta(days=3)
    assert suggest(SESSIONS, WEEK_1, thursday, 2).session == "hip-extensors"
    week = check_week(SESSIONS.get, SESSIONS[name], WEEK_1, thursday.date(), WEEKLY, ())
    verdict = assess(WEEK_1, thursday, None, None, week)
    assert not verdict.go and "Week 1 of 10" in verdict.reasons[0] and "beyond the programme's dose" in \
        verdict.reasons[0], verdict
    checked = check(SESSIONS[name], SESSIONS, WEEK_1, thursday, None, 2)  # what the app's check offers instead
    assert not checked.go and checked.reasons[0] == verdict.reasons[0] and checked.alternative == "hip-extensors"
    next_monday = MONDAY + timedelta(days=7)
    due = check_week(SESSIONS.get, SESSIONS[name], WEEK_1, next_monday.date(), WEEKLY, ())
    assert assess(WEEK_1, next_monday, None, None, due).go


def test_without_a_programme_under_way_other_sessions_have_no_week() -> None:
    strength = [other(MONDAY, "early-week-strength", reps=15)]
    assert check_week(SESSIONS.get, SESSIONS["nordic-harder-loaded"], strength, MONDAY.date(), WEEKLY, ()) is None
    assert check_week(SESSIONS.get, SESSIONS["hip-extensors"], WEEK_1, MONDAY.date(), WEEKLY, ()) is None


def test_soreness_answered_after_a_flight_west_is_the_latest() -> None:
    tokyo, honolulu = timezone(timedelta(hours=9)), timezone(timedelta(hours=-10))
    before = Check(datetime(2026, 3, 3, 8, tzinfo=tokyo), soreness=2)  # 23:00 UTC on 2 March
    landed = Check(datetime(2026, 3, 2, 20, tzinfo=honolulu), soreness=8)  # 06:00 UTC on 3 March: later
    now = datetime(2026, 3, 2, 21, tzinfo=honolulu)
    diary = Diary(checks=(before, landed))
    verdict = assess([], now, None, diary)
    assert not verdict.go and verdict.reasons[0].startswith("soreness 8/10"), verdict
    assert suggest(SESSIONS, [], now, 2, diary=diary).session == "rest-day-stretch"


def test_two_answers_at_one_instant_in_two_offsets_the_higher_counts() -> None:
    """The shrunk example: 0/10 in London and 5/10 in New York, the same minute."""
    london = Check(datetime(2026, 3, 1, 0, 0, tzinfo=UTC), soreness=0)
    new_york = Check(datetime(2026, 2, 28, 19, 0, tzinfo=timezone(timedelta(hours=-5))), soreness=5)
    verdict = assess([], london.when, None, Diary(checks=(london, new_york)))
    assert not verdict.go and verdict.reasons[0].startswith("soreness 5/10"), verdict


def test_another_programme_is_checked_against_the_week_of_the_one_under_way() -> None:
    """The beginner progression's week 1 done: the 10-week programme's week 1 (2 x 5) beside it is beyond it."""
    beginner = followed(SESSIONS["nordic-beginner"], [MONDAY])
    thursday = MONDAY + timedelta(days=3)
    week = check_week(SESSIONS.get, SESSIONS["nordic-programme"], beginner, thursday.date(), WEEKLY, ())
    assert week is not None and week.banner == "Week 1 of 8" and not week.due
    assert not assess(beginner, thursday, None, None, week).go
