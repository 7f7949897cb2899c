"""Sessions quit part-way count as the dose they were (docs/dosing.md, "The programme week comes from the calendar").

Found: a session quit before its main work was done did not count towards the programme week at all.
A runner who quit week 1 at its last rep was offered week 1 again every 48 h, for ever: about three
times the week's 10 Nordics a week. Now a session counts once a third of its main reps were done (in
week 1, 4 of its 10); fewer is a try. A week whose sessions did less than two thirds of its reps, or
lost control of more than a third, runs again in full, and like any week only after its seven days.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from hamstride.domain.model import Category
from hamstride.domain.progression import WeekChoice, current_week, progress
from hamstride.domain.record import Record
from hamstride.domain.result import StepStatus
from hamstride.domain.suggest import suggest
from hamstride.domain.targets import LOW_VOLUME
from hamstride.domain.weekly import programme_map
from tests.unit.helpers import make_record
from tests.unit.test_calendars import SESSIONS

PROGRAMME = SESSIONS["nordic-programme"]
START = datetime(2026, 9, 7, 18, tzinfo=timezone.utc)  # a Monday


def quit_at(when: datetime, reps: int, week: int, lost: int = 0) -> Record:
    """A run of the programme ended by the runner after `reps` main reps (the main step partial)."""
    return replace(make_record(when, session=PROGRAMME.name, eccentric_reps=reps, completed=False, lost=lost,
                               week=week, category=Category.ECCENTRIC, record_id=f"q{when:%m%d%H}"),
                   title=PROGRAMME.title)


def week_on(history: list[Record], day: date) -> WeekChoice:
    choice = current_week(PROGRAMME, history, day)
    assert choice is not None
    return choice


def test_a_runner_who_quits_week_1_at_its_last_rep_is_not_offered_week_1_every_48_hours() -> None:
    """The shrunk example: every 48 h for two weeks the runner starts what the app offers and quits at the
    last rep. Week 1 is once in its seven days (its 10 reps, not 45), then week 2, twice."""
    history: list[Record] = []
    for n in range(8):  # days 0, 2, ..., 14
        when = START + timedelta(days=2 * n)
        choice = week_on(history, when.date())
        if choice.due:
            sets_reps = {1: 10, 2: 12}[choice.week]
            history.append(quit_at(when, sets_reps - 1, choice.week))
    assert [(r.day - START.date()).days for r in history] == [0, 8, 10]
    assert [r.week for r in history] == [1, 2, 2]
    assert sum(r.nordic_reps for r in history if r.day < START.date() + timedelta(days=7)) == 9


def test_after_week_1_quit_at_its_last_rep_the_check_says_the_week_is_done() -> None:
    history = [quit_at(START, 9, 1)]
    two_days_on = week_on(history, (START + timedelta(days=2)).date())
    assert not two_days_on.due and two_days_on.next_on == (START + timedelta(days=7)).date()
    assert week_on(history, (START + timedelta(days=7)).date()).week == 2


def test_a_try_of_a_few_reps_is_not_a_session_of_the_week() -> None:
    """Three of week 1's ten reps, then the phone rang: the week's session is still to do."""
    history = [quit_at(START, 3, 1)]
    again = week_on(history, (START + timedelta(days=2)).date())
    assert again.due and again.week == 1


def test_a_week_of_less_than_two_thirds_of_its_reps_runs_again_after_its_seven_days() -> None:
    """Four of ten reps count as week 1's session (the dose was taken), but week 2 does not follow four reps."""
    history = [quit_at(START, 4, 1)]
    assert not week_on(history, (START + timedelta(days=2)).date()).due
    held = week_on(history, (START + timedelta(days=7)).date())
    assert held.week == 1 and held.held and held.due
    assert "4 of the week's 10 reps" in held.reason


def test_a_held_week_starts_again_only_when_its_seven_days_are_over() -> None:
    """Week 1 done in full but five of its ten reps got away: it runs again, a week later, not 48 h later."""
    history = [replace(quit_at(START, 10, 1, lost=5), completed=True,
                       steps=(replace(quit_at(START, 10, 1, lost=5).steps[0], status=StepStatus.DONE),))]
    assert history[0].main_done
    two_days_on = week_on(history, (START + timedelta(days=2)).date())
    assert not two_days_on.due and "week 1 again" in two_days_on.reason
    held = week_on(history, (START + timedelta(days=7)).date())
    assert held.week == 1 and held.held and held.due


def test_the_counted_sessions_are_the_ones_quit_part_way_too() -> None:
    history = [quit_at(START, 9, 1)]
    found = progress(PROGRAMME, history, (START + timedelta(days=1)).date())
    assert found is not None and [r.id for r, _ in found.counted] == [history[0].id]


def test_a_week_run_again_after_go_ahead_anyway_is_not_2_of_1_sessions() -> None:
    """Week 1 done, then run again 48 h later after "go ahead anyway": the map said "2 of 1 session done"."""
    done = replace(quit_at(START, 10, 1), completed=True,
                   steps=(replace(quit_at(START, 10, 1).steps[0], status=StepStatus.DONE),))
    again = replace(done, id="again", started=START + timedelta(days=2), ended=START + timedelta(days=2, minutes=20))
    today = (START + timedelta(days=3)).date()
    found = programme_map(PROGRAMME, [done, again], today)
    assert found is not None
    text = found.sentence(today)
    assert "2 of 1" not in text and "1 of 1 session done, and 1 more beyond the week's dose" in text, text
    assert found.this_week.count == "1/1+1"  # the charts' strip: was "[1: 2/1]"
    reason = week_on([done, again], today).reason
    assert "2 of 1" not in reason and "1 of 1 session" in reason, reason


def test_low_volume_maintenance_quit_at_its_last_rep_is_this_weeks_session() -> None:
    """Found by the seven-day property: home offered the 2 x 5 maintenance session again 48 h after one quit
    at 9 of its 10 reps, and again, for it counted only sessions whose main step was done."""
    from tests.unit.helpers import followed, rhythm
    from tests.unit.runner_histories import recorded

    history = followed(PROGRAMME, rhythm(START - timedelta(weeks=10), 10), maintenance=LOW_VOLUME)
    now = START + timedelta(days=7)
    assert suggest(SESSIONS, history, now, 2, LOW_VOLUME).session == "nordic-maintenance"
    history.append(recorded(SESSIONS["nordic-maintenance"], now, "m1", done=False, quit_after=9))
    later = suggest(SESSIONS, history, now + timedelta(days=2), 2, LOW_VOLUME)
    assert later.session != "nordic-maintenance", later
    assert suggest(SESSIONS, history, now + timedelta(days=7), 2, LOW_VOLUME).session == "nordic-maintenance"


def test_a_strength_day_quit_at_its_last_nordic_is_this_weeks_strength_day() -> None:
    """The same hole off the programme: the strength day quit at 14 of its 15 Nordics was not a focused
    session, so home offered the strength day again 48 h later, and again: 15 Nordics every other day."""
    from tests.unit.runner_histories import recorded

    monday = START + timedelta(days=7)
    before = [recorded(SESSIONS["early-week-strength"], START - timedelta(days=n), f"s{n}") for n in (3, 10)]
    assert suggest(SESSIONS, before, monday, 2).session == "early-week-strength"
    quit = recorded(SESSIONS["early-week-strength"], monday, "s0", done=False, quit_after=14)
    assert quit.nordic_reps == 14 and not quit.main_done and quit.focused
    wednesday = suggest(SESSIONS, [*before, quit], monday + timedelta(days=2), 2)
    assert wednesday.session != "early-week-strength", wednesday


def test_show_reads_a_session_quit_at_the_last_rep_back_from_the_history_file(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the history on disk (month file and its database) as `hamstride show` reads it."""
    from hamstride import locations
    from hamstride.cli import main
    from hamstride.storage.history import HistoryStore

    today = datetime.now(timezone.utc).astimezone()
    store = HistoryStore(locations.locations().history, lambda: today)
    store.save(quit_at(today - timedelta(days=2), 9, 1))
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["show", "nordic-programme"]) == 0
    out = capsys.readouterr().out
    starts = (today - timedelta(days=2)).date() + timedelta(days=7)
    assert f"week 1 done (1 of 1 sessions); week 2 starts on {starts:%A %d %B}" in out, out
