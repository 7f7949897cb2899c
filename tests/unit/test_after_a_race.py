"""After a race, and after a programme week is done: eccentric work waits (the walk-through's over-doses).

- The day after a marathon, home suggested Nordics and the check said go: a race that long damages the
  muscles as a hard eccentric session does (5-7 days to clear, Clarkson & Hubal 2002). A race keeps the
  margin after it that it keeps before it: 3 days, 7 after a marathon or an ultra. A hard run keeps none
  after it (a week's ordinary work).
- With a programme week's sessions done, the check said go as soon as 48 h had passed: week 1 (one
  session) could be run three times in its first week. Now the check says the week is done, and when the
  next begins, and offers the hip-extensor session; the runner may still go ahead anyway.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from hamstride.domain.diary import Diary, Effort, Race
from hamstride.domain.progression import current_week
from hamstride.domain.readiness import assess
from hamstride.domain.record import Readiness
from hamstride.domain.suggest import check, suggest
from hamstride.storage.config import Config
from hamstride.storage.diary import add_race, read_diary
from tests.unit.helpers import followed
from tests.unit.test_calendars import SESSIONS, other

UTC = timezone.utc
SUNDAY = date(2026, 12, 20)
FIT = Readiness(1, False)  # not sore, nothing ahead
# Nordics a week before: not too recent, so only the race decides.
HISTORY = [other(datetime(2026, 12, 13, 7, tzinfo=UTC), "early-week-strength", reps=15)]


@pytest.mark.parametrize(("label", "blocked_days"), [("London Marathon", 7), ("50k trail", 7), ("10k", 3),
                                                     ("Half marathon", 3)])
def test_a_race_keeps_eccentric_work_away_after_it_too(label: str, blocked_days: int) -> None:
    diary = Diary(races=(Race(SUNDAY, label),))
    day_after = datetime(2026, 12, 21, 18, tzinfo=UTC)
    verdict = assess(HISTORY, day_after, FIT, diary)
    assert not verdict.go and f"{blocked_days} days after" in verdict.reasons[0], verdict
    checked = check(SESSIONS["nordic-programme"], SESSIONS, HISTORY, day_after, FIT, 2, diary=diary)
    assert checked.reasons == verdict.reasons and checked.alternative == "sore-day-isometrics", checked
    got = suggest(SESSIONS, HISTORY, day_after, 2, diary=diary)
    assert got.session == "sore-day-isometrics" and label in got.reason, got
    last_blocked = datetime.combine(SUNDAY + timedelta(days=blocked_days - 1), datetime.min.time(), UTC) + \
        timedelta(hours=23)
    assert not assess(HISTORY, last_blocked, FIT, diary).go
    free = datetime.combine(SUNDAY + timedelta(days=blocked_days), datetime.min.time(), UTC) + timedelta(hours=1)
    assert assess(HISTORY, free, FIT, diary).go
    assert suggest(SESSIONS, HISTORY, free, 2, diary=diary).session != "sore-day-isometrics"


def test_a_hard_run_keeps_no_days_after_it() -> None:
    diary = Diary(races=(Race(SUNDAY, "Intervals 6 x 800", Effort.HARD),))
    assert assess(HISTORY, datetime(2026, 12, 21, 7, tzinfo=UTC), FIT, diary).go


def test_the_check_does_not_say_a_race_behind_is_ahead() -> None:
    """The check's question is about the days ahead: a race behind is not its answer."""
    diary = Diary(races=(Race(SUNDAY, "10k"),))
    assert diary.known_ahead(datetime(2026, 12, 21, 7, tzinfo=UTC)) == []


def test_race_list_shows_a_race_behind_while_it_keeps_eccentric_work_away(
        capsys: pytest.CaptureFixture[str], isolated_home: Path) -> None:
    from hamstride import locations
    from hamstride.cli import main
    from hamstride.wallclock import local_now

    yesterday = local_now().date() - timedelta(days=1)
    add_race(locations.locations().history, Race(yesterday, "Valencia Marathon"))
    assert main(["race", "list"]) == 0
    out = capsys.readouterr().out
    assert "Valencia Marathon" in out and "7 days after a marathon" in out, out
    back = yesterday + timedelta(days=7)
    assert f"eccentric work again from {back:%A %d %B})." in out, out
    # Walked: the line said when eccentric work comes back twice, in two ways, one after the other.
    assert out.count("again from") == 1, out


def test_a_race_in_the_calendar_last_weekend_still_counts(tmp_path: Path) -> None:
    plan = tmp_path / "plan.ics"
    plan.write_text("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\nBEGIN:VEVENT\nUID:1@test\n"
                    "DTSTART;VALUE=DATE:20261220\nSUMMARY:Christmas 10k\nEND:VEVENT\nEND:VCALENDAR\n")
    diary = read_diary(tmp_path, Config(calendar=str(plan)), date(2026, 12, 22))
    assert not assess(HISTORY, datetime(2026, 12, 22, 7, tzinfo=UTC), FIT, diary).go


def test_a_programme_week_done_is_not_run_again_before_the_next_week() -> None:
    programme = SESSIONS["nordic-programme"]
    monday = datetime(2026, 11, 30, 7, tzinfo=UTC)
    history = followed(programme, [monday])  # week 1: one session
    thursday = monday + timedelta(days=3)
    week = current_week(programme, history, thursday.date())
    assert week is not None and not week.due
    verdict = assess(history, thursday, FIT, None, week)
    assert not verdict.go and "Week 1 of 10" in verdict.reasons[0] and "beyond the programme's dose" in \
        verdict.reasons[0], verdict
    checked = check(programme, SESSIONS, history, thursday, FIT, 2)
    assert checked.reasons == verdict.reasons and checked.alternative == "hip-extensors", checked
    next_week = monday + timedelta(days=7)
    due = current_week(programme, history, next_week.date())
    assert due is not None and due.due and assess(history, next_week, FIT, None, due).go


def test_a_race_behind_and_one_ahead_say_when_eccentric_work_comes_back_after_both() -> None:
    """Found walking home with a calendar: a 10k yesterday (Saturday) and a parkrun tomorrow (Monday).
    Home said "eccentric work again from Tuesday 08 December", the day after the parkrun, when the
    3 days after it keep Nordics away until Thursday: a runner planning by it would load the hamstrings
    a day after a race."""
    saturday = date(2026, 12, 5)
    diary = Diary(races=(Race(saturday, "Club 10k"), Race(saturday + timedelta(days=2), "Parkrun")))
    sunday = datetime(2026, 12, 6, 18, tzinfo=UTC)
    history = [other(datetime(2026, 11, 29, 7, tzinfo=UTC), "early-week-strength", reps=15)]
    got = suggest(SESSIONS, history, sunday, 2, diary=diary)
    assert got.session == "sore-day-isometrics"
    assert "Tuesday 08 December" not in got.reason, got.reason
    assert "again from Thursday 10 December" in got.reason, got.reason
    reasons = " ".join(assess(history, sunday, FIT, diary).reasons)
    assert "Tuesday 08 December" not in reasons, reasons
    tuesday = datetime(2026, 12, 8, 9, tzinfo=UTC)
    assert not assess(history, tuesday, FIT, diary).go  # the rule itself was right all along
