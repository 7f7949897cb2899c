"""The figures the charts and the report draw, on crafted histories with exact answers."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hamstride.domain import kinds
from hamstride.domain.diary import Effort
from hamstride.domain.model import Exercise, Side
from hamstride.domain.record import Record
from hamstride.domain.result import SideResult, StepResult, StepStatus
from hamstride.domain.suggest import programme_under_way
from hamstride.domain.weekly import (
    SideWork,
    balance,
    charts,
    planned_by_week,
    planned_reps,
    programme_map,
    weekly,
)
from tests.unit.helpers import session

OFFSET = timezone(timedelta(hours=1))
TODAY = date(2026, 11, 25)  # a Wednesday; its week starts on Monday 23 November
THIS_MONDAY = date(2026, 11, 23)

PROGRAMME = """
title = "Nordic programme"
sessions_per_week = { "1" = 1, "2" = 2, "3-6" = 3 }
[[steps]]
name = "Leg swings"
duration = 30
sides = true
[[steps]]
name = "Nordic hamstring curl"
tempo = "4-0-1-2"
exercise = "nordic"
sets = 2
reps = 5
week."1" = { sets = 2, reps = 5 }
week."2" = { sets = 2, reps = 6 }
week."3" = { sets = 3, reps = [8, 7, 6] }
week."4-6" = { sets = 3, reps = [10, 9, 8] }
"""


def nordic(reps: int, lost: int = 0) -> StepResult:
    return StepResult(index=0, name="Nordic hamstring curl", kind=kinds.TEMPO, eccentric=True, planned_sets=2,
                      planned_reps=5, sides=(SideResult(None, 2, reps, lost, reps * 7.0),), status=StepStatus.DONE,
                      exercise=Exercise.NORDIC)


def bridge(reps: int) -> StepResult:
    return StepResult(index=1, name="Eccentric bridge walk-out", kind=kinds.TEMPO, eccentric=True,
                      planned_sets=3, planned_reps=5, sides=(SideResult(None, 3, reps, 0, reps * 8.0),),
                      status=StepStatus.DONE)


def single_leg(left: int, left_lost: int, right: int, right_lost: int) -> StepResult:
    return StepResult(index=2, name="Single-leg eccentric bridge", kind=kinds.TEMPO, eccentric=True,
                      planned_sets=2, planned_reps=4,
                      sides=(SideResult(Side.LEFT, 2, left, left_lost, left * 7.0),
                             SideResult(Side.RIGHT, 2, right, right_lost, right * 7.0)),
                      status=StepStatus.DONE)


def plank() -> StepResult:
    return StepResult(index=3, name="Plank", kind=kinds.HOLD, eccentric=False, planned_sets=1, planned_reps=3,
                      sides=(SideResult(None, 1, 3, 0, 90.0),), status=StepStatus.DONE)


def record(day: date, *steps: StepResult, rpe: int | None = None, soreness: int | None = None,
           session_name: str = "mixed", week: int | None = None, hour: int = 18) -> Record:
    started = datetime(day.year, day.month, day.day, hour, tzinfo=OFFSET)
    return Record(id=f"r{started:%Y%m%d%H}", started=started, ended=started + timedelta(minutes=20),
                  session=session_name, title=session_name.title(), completed=True, elapsed_seconds=1200.0,
                  steps=steps, rpe=rpe, soreness=soreness, week=week)


def test_volume_soreness_and_effort_week_by_week_with_a_gap() -> None:
    history = [
        record(date(2026, 11, 2), nordic(10, 2), bridge(15), rpe=6, soreness=2),  # 4 weeks ago (Mon 2 Nov)
        record(date(2026, 11, 5), nordic(12), plank(), rpe=8, soreness=5),
        # the week of 9 November: nothing at all (a gap)
        record(date(2026, 11, 17), bridge(15), single_leg(8, 1, 8, 0), soreness=3),  # last week
        record(date(2026, 11, 24), nordic(16, 1), rpe=7),  # this week
        record(date(2026, 11, 26), nordic(99), rpe=10, soreness=10),  # tomorrow: not yet
        record(date(2026, 10, 25), nordic(99)),  # before the range
    ]
    weeks = weekly(history, TODAY, 4)
    assert [w.monday for w in weeks] == [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16), THIS_MONDAY]
    assert [w.sessions for w in weeks] == [2, 0, 1, 1]
    assert [w.nordic_reps for w in weeks] == [22, 0, 0, 16]
    assert [w.bridge_reps for w in weeks] == [15, 0, 31, 0]  # walk-outs plus both sides of the single-leg bridge
    assert [w.eccentric_reps for w in weeks] == [37, 0, 31, 16]
    assert [w.effort for w in weeks] == [7.0, None, None, 7.0]  # the average of 6 and 8
    assert [w.soreness for w in weeks] == [5, None, 3, None]  # the week's highest
    assert [w.sore_before for w in weeks] == [None] * 4  # no readiness check in these sessions
    assert [w.planned_reps for w in weeks] == [None] * 4
    assert weeks[2].left == SideWork(8, 1) and weeks[2].right == SideWork(8, 0)
    assert weeks[1].left == SideWork() and weeks[1].left.control_share is None


def test_soreness_before_sessions_comes_from_the_readiness_check() -> None:
    from dataclasses import replace

    from hamstride.domain.record import Readiness

    history = [
        replace(record(date(2026, 11, 16), nordic(10), soreness=2), readiness=Readiness(soreness=1)),
        replace(record(date(2026, 11, 18), nordic(12), soreness=3), readiness=Readiness(soreness=6, key_run=False)),
        replace(record(date(2026, 11, 24), nordic(12)), readiness=Readiness(key_run=True)),  # soreness skipped
    ]
    weeks = weekly(history, TODAY, 2)
    assert [(w.soreness, w.sore_before) for w in weeks] == [(3, 6), (None, None)]


def test_a_session_with_no_work_done_is_not_counted() -> None:
    empty = StepResult(index=0, name="Nordic hamstring curl", kind=kinds.TEMPO, eccentric=True, planned_sets=2,
                       planned_reps=5, sides=(SideResult(None, 0, 0, 0, 0.0),), status=StepStatus.NOT_REACHED)
    started = datetime(2026, 11, 24, 18, tzinfo=OFFSET)
    abandoned = Record(id="a", started=started, ended=started, session="x", title="X", completed=False,
                       elapsed_seconds=3.0, steps=(empty,), rpe=9)
    (week,) = weekly([abandoned], TODAY, 1)
    assert (week.sessions, week.eccentric_reps, week.effort) == (0, 0, None)


def lagging_left_history() -> list[Record]:
    # The last four weeks: the left side lost control on 11 of 24 reps, the right on 3 of 24.
    return [
        record(date(2026, 11, 3), single_leg(8, 4, 8, 1), hour=7),
        record(date(2026, 11, 11), single_leg(8, 4, 8, 1), hour=7),
        record(date(2026, 11, 24), single_leg(8, 3, 8, 1), hour=7),
        record(date(2026, 10, 20), single_leg(8, 8, 8, 0), hour=7),  # five weeks ago: outside the window
    ]


def test_a_lagging_side_is_named_with_its_figures() -> None:
    result = balance(weekly(lagging_left_history(), TODAY, 12))
    assert result.left == SideWork(24, 11) and result.right == SideWork(24, 3)
    assert result.lagging is Side.LEFT
    assert result.sentence == ("Your left side lags: over the last 4 weeks it lost control on 11 of 24 reps, "
                               "the right on 3 of 24.")


def test_the_right_side_can_lag_too_and_by_volume() -> None:
    history = [record(date(2026, 11, 24), single_leg(16, 1, 10, 1))]
    result = balance(weekly(history, TODAY, 4))
    assert result.lagging is Side.RIGHT
    assert result.sentence == "Your right side lags: over the last 4 weeks it did 10 eccentric reps, the left 16."


def test_sides_within_the_margin_are_alike() -> None:
    history = [record(date(2026, 11, 24), single_leg(12, 2, 12, 1))]
    result = balance(weekly(history, TODAY, 4))
    assert result.lagging is None
    assert result.sentence == ("Both sides alike over the last 4 weeks: left lost control on 2 of 12 reps, "
                               "right on 1 of 12.")


def test_too_few_reps_to_judge_says_so_and_names_no_side() -> None:
    few = balance(weekly([record(date(2026, 11, 24), single_leg(4, 4, 4, 0))], TODAY, 4))
    assert few.lagging is None
    assert few.sentence == "Too few single-leg eccentric reps in the last 4 weeks to compare the sides (left 4, right 4)."
    none = balance(weekly([record(date(2026, 11, 24), nordic(10))], TODAY, 4))
    assert none.sentence.startswith("No single-leg eccentric reps in the last 4 weeks")


def programme_history() -> list[Record]:
    # Week 1 once, week 2 twice, week 3 three times, then one session of week 4 on Monday.
    days_and_weeks = [(date(2026, 10, 26), 1), (date(2026, 11, 2), 2), (date(2026, 11, 5), 2),
                      (date(2026, 11, 9), 3), (date(2026, 11, 11), 3), (date(2026, 11, 13), 3),
                      (date(2026, 11, 23), 4)]
    return [record(day, nordic(10), session_name="test", week=week) for day, week in days_and_weeks]


def test_a_programme_in_week_4_on_its_map() -> None:
    programme = session(PROGRAMME)
    history = programme_history()
    assert programme_under_way({"test": programme}.get, history, TODAY) == programme
    found = programme_map(programme, history, TODAY)
    assert found is not None
    assert (found.week, found.total) == (4, 6)
    assert [(w.number, w.needed, w.done, w.state) for w in found.weeks] == [
        (1, 1, 1, "done"), (2, 2, 2, "done"), (3, 3, 3, "done"), (4, 3, 1, "current"),
        (5, 3, 0, "ahead"), (6, 3, 0, "ahead")]
    assert found.next_due == date(2026, 11, 25)  # Monday's session + 48 h: today
    assert found.sentence(TODAY) == "Nordic programme: week 4 of 6, 1 of 3 sessions done; next session: today."
    assert found.sentence(date(2026, 11, 24)).endswith("next session no earlier than Wed 25 Nov (48 h after the last).")


def test_a_programmes_planned_volume_per_calendar_week() -> None:
    programme = session(PROGRAMME)
    assert [planned_reps(programme, week) for week in (1, 2, 3, 4)] == [10, 24, 63, 81]  # 1x10, 2x12, 3x21, 3x27
    plan = planned_by_week(programme, programme_history(), TODAY)
    assert plan == {date(2026, 10, 26): 10, date(2026, 11, 2): 24, date(2026, 11, 9): 63, THIS_MONDAY: 81}
    weeks = weekly(programme_history(), TODAY, 5, plan)
    assert [w.planned_reps for w in weeks] == [10, 24, 63, None, 81]  # nothing planned in the week off


def test_charts_bundle_the_range_the_balance_and_the_programme() -> None:
    programme = session(PROGRAMME)
    history = programme_history() + lagging_left_history()
    bundle = charts(sorted(history, key=lambda r: r.started), TODAY, 12, target=2, programme=programme)
    assert len(bundle.weeks) == 12 and bundle.weeks[-1].monday == THIS_MONDAY
    assert bundle.balance.lagging is Side.LEFT
    assert bundle.programme is not None and bundle.programme.week == 4
    short = charts(history, TODAY, 1, target=2)
    assert len(short.weeks) == 1 and short.balance.weeks == 4  # the balance always judges four weeks
    assert short.programme is None


def test_the_tick_means_the_weekly_target_as_the_streak_counts_it() -> None:
    """Two Nordic sessions on one day and a plank day make three sessions, but one day toward the target
    of 2 (focused sessions, once a day): the charts and the report must not tick the week, while the
    report's own line says no week met the target (found walking the installed app)."""
    from hamstride.storage.export import markdown_report

    history = [
        record(THIS_MONDAY, nordic(8), hour=8),
        record(THIS_MONDAY, nordic(8), hour=18),
        record(date(2026, 11, 24), plank()),  # no eccentric work: not a focused session
    ]
    (week,) = weekly(history, TODAY, 1)
    assert (week.sessions, week.target_days) == (3, 1)
    assert not week.meets(2) and week.meets(1)
    text = markdown_report(history, TODAY, weeks=1, target=2)
    assert "- Weeks meeting the target of 2 a week: 0 of 1" in text
    assert "| 23 Nov 2026 | 3 | 16 |" in text, text


def test_a_programme_in_maintenance_says_so_on_its_map() -> None:
    """After the last week, every session went into the last week's count: the report said "week 6 of 6,
    12 of 3 sessions done". In maintenance the map shows the weeks as done and says maintenance."""
    programme = session(PROGRAMME)
    days_and_weeks = [(1, 1), (2, 2), (2, 2), (3, 3), (3, 3), (3, 3), (4, 4), (4, 4), (4, 4),
                      (5, 5), (5, 5), (5, 5), (6, 6), (6, 6), (6, 6)]
    start = date(2026, 6, 1)
    history = [record(start + timedelta(weeks=n - 1, days=2 * i), nordic(10), session_name="test", week=w)
               for i, (n, w) in enumerate(days_and_weeks)]
    # then one maintenance session a week for ten weeks
    history += [record(date(2026, 7, 13) + timedelta(weeks=n), nordic(10), session_name="test", week=6)
                for n in range(10)]
    found = programme_map(programme, history, date(2026, 9, 23))
    assert found is not None
    assert [(w.needed, w.done, w.state) for w in found.weeks] == [
        (1, 1, "done"), (2, 2, "done"), (3, 3, "done"), (3, 3, "done"), (3, 3, "done"), (3, 3, "done")]
    text = found.sentence(date(2026, 9, 23))
    assert text.startswith("Nordic programme: maintenance after 6 weeks, one session a week")
    assert " of 3 sessions" not in text
    # The day after a maintenance session the map gives the coach's date, not 48 h after the last.
    after = programme_map(programme, history, date(2026, 9, 15))
    assert after is not None
    assert after.sentence(date(2026, 9, 15)).endswith("next session no earlier than Mon 21 Sep (one a week).")


def test_a_race_ahead_or_behind_moves_the_programmes_next_session_past_its_margin() -> None:
    """Found walking `hamstride report` with a 10k on Saturday and a parkrun on Thursday: the report's
    programme said "next session: today" while home and the check kept Nordics away until after them.
    The report is what a runner (or their physio) plans by: it says the day the races leave free."""
    from hamstride.domain.diary import Race
    from hamstride.storage.export import markdown_report

    programme = session(PROGRAMME)
    history = programme_history()  # week 4, its next session due today, Wednesday 25 November
    races = (Race(date(2026, 11, 21), "Club 10k"), Race(date(2026, 11, 26), "Parkrun"))
    found = programme_map(programme, history, TODAY, races=races)
    assert found is not None
    assert found.next_due == date(2026, 11, 29)  # the 3 days after Thursday's parkrun
    assert found.sentence(TODAY).endswith(
        "next session no earlier than Sun 29 Nov (no eccentric work around race (Parkrun)).")
    text = markdown_report(history, TODAY, 4, 2, programme, races=races)
    assert "next session: today" not in text and "no earlier than Sun 29 Nov" in text

    def due(*given: Race) -> date | None:
        mapped = programme_map(programme, history, TODAY, races=given)
        assert mapped is not None
        return mapped.next_due

    assert due(Race(date(2026, 12, 20), "10k")) == TODAY  # nothing in the way: the 48 h rule alone
    assert due(Race(date(2026, 11, 26), "Intervals", Effort.HARD)) == date(2026, 11, 27)  # 48 h before, its day


def test_soreness_of_5_or_more_holds_the_programmes_next_session_as_home_does() -> None:
    """Found walking `hamstride report` the day a check was answered 7/10: home said no eccentric work
    until it is below 5, and the report's programme said "next session: today"."""
    from hamstride.domain.diary import Check

    programme = session(PROGRAMME)
    history = programme_history()  # its next session due today
    sore = (Check(datetime.combine(TODAY, datetime.min.time(), OFFSET) + timedelta(hours=8), soreness=7),)
    found = programme_map(programme, history, TODAY, checks=sore)
    assert found is not None
    assert found.sentence(TODAY).endswith("next session once soreness is below 5 (7/10 at today's check).")
    mild = (Check(sore[0].when, soreness=3),)
    mapped = programme_map(programme, history, TODAY, checks=mild)
    assert mapped is not None and mapped.sentence(TODAY).endswith("next session: today.")
    three_days_on = TODAY + timedelta(days=4)  # the answer is out of the three days the coach reads
    later = programme_map(programme, history, three_days_on, checks=sore)
    assert later is not None and "soreness" not in later.sentence(three_days_on)
