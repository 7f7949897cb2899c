"""Streak rules: ISO weeks, year ends, the week in progress, a target change, DST and offsets."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from hamstride.domain.model import Category, Exercise
from hamstride.domain.record import Record
from hamstride.domain.result import is_nordic
from hamstride.domain.stats import compute, detraining_warning, streak_change
from tests.unit.helpers import make_record

UTC = timezone.utc


def on(*days: str, hour: int = 8, tz: timezone | ZoneInfo = UTC, eccentric: int = 10) -> list:  # type: ignore[type-arg]
    return [make_record(datetime.fromisoformat(d).replace(hour=hour, tzinfo=tz), eccentric_reps=eccentric)
            for d in days]


def test_weeks_meeting_the_target_make_the_streak() -> None:
    # ISO weeks starting Mon 2 Nov, 9 Nov, 16 Nov 2026: two sessions each.
    records = on("2026-11-02", "2026-11-05", "2026-11-09", "2026-11-12", "2026-11-16", "2026-11-19")
    stats = compute(records, date(2026, 11, 20))
    assert (stats.week_streak, stats.longest_week_streak, stats.this_week) == (3, 3, 2)


def test_the_week_in_progress_does_not_break_the_streak() -> None:
    records = on("2026-11-02", "2026-11-05", "2026-11-09", "2026-11-12")
    monday_morning = compute(records, date(2026, 11, 16))
    assert (monday_morning.week_streak, monday_morning.this_week, monday_morning.target_met) == (2, 0, False)
    one_done = compute([*records, *on("2026-11-16")], date(2026, 11, 17))
    assert one_done.week_streak == 2
    two_done = compute([*records, *on("2026-11-16", "2026-11-18")], date(2026, 11, 18))
    assert two_done.week_streak == 3


def test_a_missed_week_breaks_it_and_longest_remembers() -> None:
    records = on("2026-10-05", "2026-10-07", "2026-10-12", "2026-10-14", "2026-10-19", "2026-10-21",
                 "2026-11-02", "2026-11-04")  # the week of 26 Oct had nothing
    stats = compute(records, date(2026, 11, 5))
    assert (stats.week_streak, stats.longest_week_streak) == (1, 3)
    # Last week missed and this week not yet met: no current streak.
    assert compute(records, date(2026, 11, 17)).week_streak == 0


def test_iso_weeks_across_a_year_end() -> None:
    # Mon 28 Dec 2026 and Sun 3 Jan 2027 are the same ISO week (2026-W53).
    records = on("2026-12-21", "2026-12-23", "2026-12-28", "2027-01-03", "2027-01-04", "2027-01-06")
    stats = compute(records, date(2027, 1, 7))
    assert stats.week_streak == 3
    # A week split 1 + 1 across the year end still meets a target of 2.
    split = on("2026-12-31", "2027-01-02")
    assert compute(split, date(2027, 1, 2)).this_week == 2


def test_a_target_change_applies_to_every_week() -> None:
    records = on("2026-11-02", "2026-11-09", "2026-11-16")
    assert compute(records, date(2026, 11, 17), target=2).week_streak == 0
    assert compute(records, date(2026, 11, 17), target=1).week_streak == 3
    three = on("2026-11-02", "2026-11-03", "2026-11-04", "2026-11-09", "2026-11-10")
    assert compute(three, date(2026, 11, 11), target=3).longest_week_streak == 1


def test_days_are_the_runners_own_even_across_dst_and_travel() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    # 23:30 in Berlin on the night DST ends (25 Oct 2026) is 22:30 UTC the same day.
    late = make_record(datetime(2026, 10, 25, 23, 30, tzinfo=berlin))
    # 00:30 in New York on 26 Oct is already 26 Oct there: a different day, not the same.
    new_york = make_record(datetime(2026, 10, 26, 0, 30, tzinfo=ZoneInfo("America/New_York")))
    stats = compute([late, new_york], date(2026, 10, 26))
    assert sorted(stats.days) == [date(2026, 10, 25), date(2026, 10, 26)]
    assert stats.day_streak == 2
    # Sunday 25 Oct and Monday 26 Oct are in different ISO weeks, whatever UTC says.
    assert stats.this_week == 1


def test_day_streaks_allow_today_to_be_still_ahead() -> None:
    records = on("2026-11-20", "2026-11-21", "2026-11-22")
    assert compute(records, date(2026, 11, 23)).day_streak == 3  # today not done yet
    assert compute(records, date(2026, 11, 24)).day_streak == 0
    assert compute(records, date(2026, 11, 24)).longest_day_streak == 3


def test_days_since_nordic_and_the_three_week_warning() -> None:
    records = on("2026-11-01") + on("2026-11-10", eccentric=0)
    stats = compute(records, date(2026, 11, 10))
    assert stats.days_since_nordic == 9 and detraining_warning(stats) == ""
    soon = compute(records, date(2026, 11, 16))
    assert "15 days" in detraining_warning(soon) and "within 6 days" in detraining_warning(soon)
    faded = compute(records, date(2026, 11, 23))
    assert "22 days since your last Nordic session" in detraining_warning(faded)
    assert "three weeks" in detraining_warning(faded) and "Andrews 2025" in detraining_warning(faded)
    assert "No Nordic session yet" in detraining_warning(compute([], date(2026, 11, 23)))
    assert "bridges" not in detraining_warning(compute([], date(2026, 11, 23)))


def test_eccentric_bridges_do_not_keep_the_nordic_adaptations() -> None:
    """The fade counts days since the last Nordic: the injury evidence is for Nordic programmes."""
    nordic = make_record(datetime(2026, 11, 1, 8, tzinfo=UTC))
    bridges = make_record(datetime(2026, 11, 20, 8, tzinfo=UTC), exercise=Exercise.ECCENTRIC_BRIDGE,
                          name="Eccentric bridge walk-out", session="late-week-short")
    stats = compute([nordic, bridges], date(2026, 11, 23))
    assert stats.days_since_eccentric == 3 and stats.days_since_nordic == 22
    assert "22 days since your last Nordic session" in detraining_warning(stats)
    # The name is no longer read: a Nordic step called anything still counts as Nordic reps.
    renamed = make_record(datetime(2026, 11, 22, 8, tzinfo=UTC), name="NHE", eccentric_reps=6)
    assert compute([renamed], date(2026, 11, 23)).nordic_reps == 6


def test_the_weekly_target_counts_focused_sessions_once_a_day() -> None:
    """Two warm-ups, an aborted run or the same session twice a day do not meet a target of two."""
    monday = datetime(2026, 11, 16, 7, tzinfo=UTC)
    warm_ups = [make_record(monday + timedelta(days=d), eccentric_reps=0, category=Category.WARM_UP,
                            session="pre-run-warmup") for d in (0, 2)]
    aborted = make_record(monday + timedelta(days=1), completed=False, minutes=0.4)
    tried = replace(aborted.steps[0].sides[0], reps_done=2, reps_lost_control=0)  # 2 of its 10 reps: a try
    aborted = replace(aborted, steps=(replace(aborted.steps[0], sides=(tried,)),))
    twice = [make_record(monday + timedelta(days=3, hours=h), category=Category.STRENGTH) for h in (0, 8)]
    stats = compute([*warm_ups, aborted, *twice], date(2026, 11, 20))
    assert stats.this_week == 1 and not stats.target_met
    assert stats.sessions == 5  # all of them are still in the history and the calendar


def test_totals_and_the_weekly_chart() -> None:
    records = on("2026-11-02", "2026-11-04", "2026-11-16")
    stats = compute(records, date(2026, 11, 18), chart_weeks=4)
    assert stats.weekly_eccentric_reps == (0, 20, 0, 10)
    assert (stats.sessions, stats.nordic_reps, round(stats.minutes)) == (3, 30, 60)


def test_the_summary_sentence() -> None:
    before = compute(on("2026-11-09", "2026-11-11", "2026-11-16"), date(2026, 11, 18))
    after = compute(on("2026-11-09", "2026-11-11", "2026-11-16", "2026-11-18"), date(2026, 11, 18))
    assert streak_change(before, after) == "2 of 2 this week, week streak now 2"
    first = compute(on("2026-11-18"), date(2026, 11, 18))
    assert streak_change(compute([], date(2026, 11, 18)), first) == "1 of 2 this week; 1 more to meet this week's target"


def test_a_mix_of_offsets_sorts_by_the_instant_but_counts_by_the_local_day() -> None:
    tokyo = timezone(timedelta(hours=9))
    records = [make_record(datetime(2026, 11, 16, 7, tzinfo=tokyo)),  # Sunday 22:00 UTC, Monday in Tokyo
               make_record(datetime(2026, 11, 15, 20, tzinfo=UTC))]
    ordered: list[Record] = sorted(records, key=lambda r: r.started)
    stats = compute(ordered, date(2026, 11, 16))
    assert sorted(stats.days) == [date(2026, 11, 15), date(2026, 11, 16)]


def test_a_record_s_figures_taken_in_one_pass_are_the_sums_over_its_steps() -> None:
    from tests.unit.test_weekly import lagging_left_history, programme_history

    for record in programme_history() + lagging_left_history():
        assert record.active_seconds == sum(step.active_seconds for step in record.steps)
        assert record.eccentric_reps == sum(step.eccentric_reps for step in record.steps)
        assert record.nordic_reps == sum(step.reps_done for step in record.steps if is_nordic(step))
        assert record.eccentric == (record.eccentric_reps > 0 or any(
            step.eccentric and step.active_seconds > 0 for step in record.steps))


def _day_streaks_by_hand(days: set[date], today: date) -> tuple[int, int]:
    """The streaks counted the slow, obvious way: walking the calendar a day at a time."""
    longest = 0
    for day in days:
        if day > today or day - timedelta(days=1) in days:
            continue
        run = 0
        while day + timedelta(days=run) in days and day + timedelta(days=run) <= today:
            run += 1
        longest = max(longest, run)
    current, day = 0, today if today in days else today - timedelta(days=1)
    while day in days:
        current, day = current + 1, day - timedelta(days=1)
    return current, longest


@settings(max_examples=200, deadline=None)
@given(st.sets(st.integers(min_value=-40, max_value=5), max_size=30))
def test_day_streaks_agree_with_counting_day_by_day(offsets: set[int]) -> None:
    today = date(2026, 11, 24)
    days = {today + timedelta(days=n) for n in offsets}
    records = [make_record(datetime(d.year, d.month, d.day, 8, tzinfo=UTC)) for d in days]
    stats = compute(records, today)
    assert (stats.day_streak, stats.longest_day_streak) == _day_streaks_by_hand(days, today)
