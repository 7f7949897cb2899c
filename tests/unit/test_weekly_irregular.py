"""The report's and the charts' programme after an irregular training life: a break that stepped the
dose back, a held week, and maintenance (weekly or low-volume). They say what home and the run say."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from hamstride import locations
from hamstride.domain.model import Session
from hamstride.domain.progression import current_week
from hamstride.domain.stats import monday
from hamstride.domain.weekly import charts, planned_by_week, programme_map
from hamstride.storage.library import load_library
from tests.unit.helpers import followed, rhythm

ZONE = timezone(timedelta(hours=1))
FIRST = datetime(2026, 9, 7, 18, 0, tzinfo=ZONE)  # a Monday


def programme() -> Session:
    return next(s for s in load_library(locations.builtin_sessions(), None).sessions if s.name == "nordic-programme")


def test_after_four_weeks_off_the_map_shows_the_stepped_back_week_begun_anew() -> None:
    """Five weeks done, then 28 days off: home steps back to week 2 (2 x 6, twice). The report said
    "week 2 of 10, 2 of 2 sessions done; next session: today" and weeks 3-5 done, counting the sessions
    of two months ago: a runner would read week 2 as done."""
    plan = programme()
    history = followed(plan, rhythm(FIRST, 5))
    today = (history[-1].started + timedelta(days=28)).date()
    choice = current_week(plan, history, today)
    assert choice is not None and choice.stepped_back and choice.week == 2
    found = programme_map(plan, history, today)
    assert found is not None and found.week == 2
    assert [(w.number, w.done, w.state) for w in found.weeks[:6]] == [
        (1, 1, "done"), (2, 0, "current"), (3, 0, "ahead"), (4, 0, "ahead"), (5, 0, "ahead"), (6, 0, "ahead")]
    assert found.sentence(today) == "Nordic programme, 10 weeks: week 2 of 10, 0 of 2 sessions done; next session: today."
    # One session of the stepped-back week done: 1 of 2, as home says.
    again = followed(plan, [history[-1].started + timedelta(days=28)], history=history)
    later = today + timedelta(days=2)
    assert current_week(plan, again, later).reason == "1 of 2 sessions of week 2 done"  # type: ignore[union-attr]
    found = programme_map(plan, again, later)
    assert found is not None and found.this_week.done == 1


def test_a_held_week_runs_again_from_its_first_session_on_the_map() -> None:
    """Week 3 held (soreness 6/10 two days after): home says "week 3 again"; the map counts it from 0."""
    plan = programme()
    history = followed(plan, rhythm(FIRST, 3))
    answer = history[-1].started + timedelta(days=2)
    history[-2] = replace(history[-2], soreness=6)  # Wednesday's session, sore on Friday: 2 days after
    today = answer.date() + timedelta(days=1)
    choice = current_week(plan, history, today)
    assert choice is not None and choice.held and choice.week == 3
    again = followed(plan, [answer + timedelta(days=1)], history=history)
    found = programme_map(plan, again, today + timedelta(days=1))
    assert found is not None and (found.week, found.this_week.done) == (3, 1)


def test_maintenance_weeks_plan_one_session_of_its_dose() -> None:
    """After the programme, one session a week: the report's "planned" was week 10's three sessions
    (90 Nordics a week), and 90 with low-volume maintenance too, where home and the run give 2 x 5:
    a runner reading it would think they were 80 reps short."""
    plan = programme()
    done = followed(plan, rhythm(FIRST, 10))
    end = done[-1].started
    for mode, reps in (("weekly", 30), ("low-volume", 10)):
        history = followed(plan, [end + timedelta(days=8)], history=done, maintenance=mode)
        assert history[-1].nordic_reps == reps
        today = (end + timedelta(days=9)).date()
        plan_weeks = planned_by_week(plan, history, today, maintenance=mode)
        assert plan_weeks[monday(today)] == reps, mode
        figures = charts(history, today, 4, 2, plan, maintenance=mode)
        assert figures.weeks[-1].planned_reps == reps
        assert figures.programme is not None
        text = figures.programme.sentence(today)
        assert text.startswith("Nordic programme, 10 weeks: maintenance after 10 weeks" +
                               (", 2 x 5" if mode == "low-volume" else "") + ", one session a week"), text


def test_the_report_pictures_name_maintenance_as_the_screen_does() -> None:
    """`report --svg/--html` titled the programme's chart "week 10 of 10" in maintenance."""
    from hamstride.storage.report_charts import programme as programme_figure

    plan = programme()
    done = followed(plan, rhythm(FIRST, 10))
    history = followed(plan, [done[-1].started + timedelta(days=8)], history=done, maintenance="low-volume")
    today = (done[-1].started + timedelta(days=9)).date()
    figure = programme_figure(charts(history, today, 4, 2, plan, maintenance="low-volume"))
    assert figure is not None
    assert figure.title == "Nordic programme, 10 weeks: maintenance after 10 weeks, 2 x 5"
