"""The check before eccentric work, in two holes a walk through the app found.

- The wall clock stepped back (by hand, or NTP after a laptop ran fast) after a session: the record
  was then "in the future", and the gate and home read only records up to now. A Nordic session just
  done was invisible: home said "No Nordic session yet" and the check let the next one start at once.
- A runner new to Nordics (or back after three weeks without them) could start the strength day's 15
  Nordics, or a copied session of 100, with no word from the check: home suggests the small first
  session, but the check (the last word before the mat) never weighed the session's dose.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from hamstride.domain.diary import Check, Diary
from hamstride.domain.readiness import assess
from hamstride.domain.suggest import check, suggest
from tests.unit.test_calendars import SESSIONS, other

UTC = timezone.utc
DONE = datetime(2026, 12, 1, 7, tzinfo=UTC)


def test_a_session_just_done_counts_when_the_clock_stepped_back_an_hour() -> None:
    done = [other(DONE, "nordic-first-session", reps=6)]
    an_hour_back = DONE - timedelta(minutes=30)  # the session ended at 07:22; the clock now reads 06:30
    verdict = assess(done, an_hour_back, None)
    assert not verdict.go and "48 h" in verdict.reasons[0], verdict
    assert suggest(SESSIONS, done, an_hour_back, 2).session != "nordic-first-session"


@given(back=st.floats(min_value=0.0, max_value=46 * 3600.0), reps=st.integers(min_value=1, max_value=15))
def test_no_clock_stepped_back_lets_a_second_eccentric_session_follow_at_once(back: float, reps: int) -> None:
    """Invariant: an eccentric session the clock now reads as up to 46 h ahead never lets the check say go."""
    done = [other(DONE, "early-week-strength", reps=reps)]
    clock = DONE + timedelta(minutes=22) - timedelta(seconds=back)
    assert not assess(done, clock, None).go


def test_soreness_given_just_before_the_clock_stepped_back_still_holds_eccentric_work_back() -> None:
    sore = Diary(checks=(Check(DONE, soreness=8),))
    verdict = assess([], DONE - timedelta(hours=1), None, sore)
    assert not verdict.go and verdict.reasons[0].startswith("soreness 8/10"), verdict


def test_a_session_dated_days_ahead_of_the_clock_is_said_and_waited_for() -> None:
    done = [other(DONE, "early-week-strength", reps=15)]
    verdict = assess(done, DONE - timedelta(days=5), None)
    assert not verdict.go and "48 h" in verdict.reasons[0], verdict  # read as done by now (domain/done_by.py)


def test_a_new_runner_is_warned_off_the_strength_days_fifteen_nordics() -> None:
    verdict = check(SESSIONS["early-week-strength"], SESSIONS, [], DONE, None, 2)
    assert not verdict.go and "15 Nordic" in verdict.reasons[0], verdict
    assert verdict.alternative == "nordic-first-session"  # home's answer for a new runner


def test_after_three_weeks_without_nordics_a_big_session_is_stepped_down() -> None:
    long_ago = [other(DONE - timedelta(days=30), "early-week-strength", reps=15)]
    verdict = assess(long_ago, DONE, None, session=SESSIONS["nordic-harder-faster-start"])
    assert not verdict.go and "18 Nordic" in verdict.reasons[0], verdict


def test_the_small_sessions_and_a_runner_who_has_built_up_go_ahead() -> None:
    assert assess([], DONE, None, session=SESSIONS["nordic-first-session"]).go
    assert assess([], DONE, None, session=SESSIONS["nordic-maintenance"]).go
    assert assess([], DONE, None, session=SESSIONS["nordic-programme"]).go  # a programme doses itself
    built_up = [other(DONE - timedelta(days=4), "nordic-beginner", reps=12)]
    assert assess(built_up, DONE, None, session=SESSIONS["early-week-strength"]).go


def test_when_the_next_session_may_start_is_told_in_the_clocks_time_after_a_dst_change() -> None:
    """London, spring 2026: a session ended at 01:30 GMT on Saturday; by Monday the clocks read BST (+1 h),
    and 48 h later is Monday 02:30 on them, not 01:30 (at 01:35 the check would still say no)."""
    gmt, bst = timezone(timedelta(0), "GMT"), timezone(timedelta(hours=1), "BST")
    done = [other(datetime(2026, 3, 28, 1, 8, tzinfo=gmt), "nordic-first-session", reps=6)]  # 22 min: to 01:30
    sunday = datetime(2026, 3, 29, 12, tzinfo=bst)
    verdict = assess(done, sunday, None)
    assert "from Monday 02:30" in verdict.reasons[0], verdict
    assert "Monday 02:30" in suggest(SESSIONS, done, sunday, 2).reason
