"""Issue 22's calendars: crafted records on fixed dates, each a way the coach over-dosed a runner.

Every row failed on the rules before: a 1-rep try reset the break clock, strength days kept the
programme's week, low-volume maintenance ran the full dose, a step back raised the dose, soreness
after a non-eccentric session was ignored, an answer at a check the runner backed out of was lost,
yesterday's "race ahead" was forgotten, stored week numbers were trusted, and lost control was read
from the week's last session only.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from hamstride import locations
from hamstride.domain.diary import Check, Diary
from hamstride.domain.model import Category, Exercise, Session
from hamstride.domain.progression import current_week, planned_session, weekly_volume
from hamstride.domain.readiness import assess
from hamstride.domain.record import Readiness, Record
from hamstride.domain.suggest import suggest
from hamstride.storage.library import load_library
from tests.unit.helpers import followed, make_record, rhythm

UTC = timezone.utc
SESSIONS: dict[str, Session] = {e.name: e.session for e in load_library(locations.builtin_sessions(), None).entries
                                if e.session is not None}
PROGRAMME = SESSIONS["nordic-programme"]


def at(day: str, hour: int = 7) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def other(when: datetime, name: str, *, reps: int = 0, soreness: int | None = None,
          readiness: Readiness | None = None, completed: bool = True) -> Record:
    """A session of the built-in library as the app records it (a Nordic main step when it has reps)."""
    return replace(make_record(when, session=name, eccentric_reps=reps, category=SESSIONS[name].category,
                               soreness=soreness, readiness=readiness, completed=completed, lost=0,
                               exercise=Exercise.NORDIC if reps else None, record_id=f"{name}-{when:%Y%m%d%H}"),
                   title=SESSIONS[name].title)


# Weeks 1-7 of the programme, the last full session on Sunday 18 October.
WEEKS_1_TO_7 = followed(PROGRAMME, rhythm(at("2026-09-02"), 7))


def test_the_crafted_history_is_weeks_1_to_7() -> None:
    assert WEEKS_1_TO_7[-1].day == date(2026, 10, 18) and WEEKS_1_TO_7[-1].week == 7


# 1. One Nordic rep does not reset the break clock.
def test_a_one_rep_try_is_not_training_after_a_break() -> None:
    one_rep = replace(make_record(at("2026-12-03"), session=PROGRAMME.name, eccentric_reps=1, completed=False,
                                  week=8, category=Category.ECCENTRIC, lost=0), title=PROGRAMME.title)
    assert not one_rep.main_done
    tried = current_week(PROGRAMME, [*WEEKS_1_TO_7, one_rep], date(2026, 12, 6))
    without = current_week(PROGRAMME, WEEKS_1_TO_7, date(2026, 12, 6))
    assert tried is not None and without is not None
    assert (tried.week, tried.stepped_back) == (1, True) and tried == without
    assert "49 days since your last Nordic session" in tried.reason


# 2. Weeks of strength days keep the programme's week: step back by what the runner did.
def test_weeks_of_strength_days_are_a_break_from_the_programmes_dose() -> None:
    mondays = [other(at("2026-10-19") + timedelta(weeks=n), "early-week-strength", reps=15) for n in range(8)]
    history = [*WEEKS_1_TO_7, *mondays]
    today = date(2026, 12, 15)
    choice = current_week(PROGRAMME, history, today)
    assert choice is not None and choice.stepped_back
    assert weekly_volume(PROGRAMME, choice.week) <= 15, choice  # 15 Nordics a week, not week 8's 90
    got = suggest(SESSIONS, history, at("2026-12-15", 18), 2)
    assert got.session != PROGRAMME.name or f"Week {choice.week} of" in got.reason


# 3. Low-volume maintenance runs 2 x 5, and `show` prints it.
def test_low_volume_maintenance_runs_two_sets_of_five(capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    done = followed(PROGRAMME, rhythm(at("2026-08-31"), 10))
    choice = current_week(PROGRAMME, done, date(2026, 11, 9), maintenance="low-volume")
    assert choice is not None and choice.maintenance and choice.dose == (2, 5)
    main = next(s for s in planned_session(PROGRAMME, choice).steps if s.main)
    assert (main.sets, main.reps, main.set_reps) == (2, 5, ())
    weekly = current_week(PROGRAMME, done, date(2026, 11, 9))
    assert weekly is not None and weekly.dose is None  # Petersen's maintenance: the last week's dose
    beginner = SESSIONS["nordic-beginner"]
    finished = followed(beginner, rhythm(at("2026-08-31"), 8, offsets=(0, 3)))
    kept = current_week(beginner, finished, date(2026, 11, 9))
    assert kept is not None and kept.maintenance and kept.dose == (2, 5)  # the beginner design's own 2 x 5

    from hamstride.cli import main as cli
    from hamstride.storage.history import HistoryStore

    home = locations.locations()
    home.config.mkdir(parents=True, exist_ok=True)
    (home.config / "config.toml").write_text('maintenance = "low-volume"\n')
    store = HistoryStore(home.history, lambda: done[-1].started)
    now = datetime.now(UTC)
    shift = now - timedelta(days=3) - done[-1].started  # the same calendar, ending three days ago
    for record in done:
        store.save(replace(record, started=record.started + shift, ended=record.ended + shift))
    monkeypatch.setenv("COLUMNS", "200")
    assert cli(["show", "nordic-programme"]) == 0
    out = capsys.readouterr().out
    assert "maintenance after 10 weeks, 2 x 5" in out and "2 x 5 reps" in out and "12/10/8" not in out


# 4. A step back never goes above what the runner did before the break.
@pytest.mark.parametrize("days_off", [21, 25, 30])
def test_a_step_back_after_maintenance_never_raises_the_dose(days_off: int) -> None:
    done = followed(PROGRAMME, rhythm(at("2026-01-05"), 10))
    last = done[-1].started
    weekly_2x5 = [other(last + timedelta(weeks=n), "nordic-maintenance", reps=10) for n in range(1, 10)]
    history = [*done, *weekly_2x5]
    today = weekly_2x5[-1].day + timedelta(days=days_off)
    choice = current_week(PROGRAMME, history, today)
    assert choice is not None and choice.stepped_back
    assert weekly_volume(PROGRAMME, choice.week) <= 10, choice  # they did 2 x 5 once a week


# 5. Soreness after a non-eccentric session reaches the programme, the gate and the suggestion.
def test_soreness_written_after_hip_extensors_counts() -> None:
    weeks = followed(PROGRAMME, rhythm(at("2026-11-02"), 4))  # week 4: Nov 23, 25, 27
    today = at("2026-11-30", 18)
    sore = other(at("2026-11-29"), "hip-extensors", soreness=7)
    history = [*weeks, sore]
    choice = current_week(PROGRAMME, history, today.date())
    assert choice is not None and choice.week == 4 and choice.held and "7/10" in choice.reason
    verdict = assess(history, today, None)  # Esc at the check: the history still speaks
    assert not verdict.go and "soreness 7/10 (after yesterday's Hip extensors and core)" in verdict.reasons[0]
    assert suggest(SESSIONS, history, today, 2).session == "rest-day-stretch"


# 6. An answer given at the check is kept, even when the runner backs out.
def test_an_answer_at_a_check_backed_out_of_is_kept() -> None:
    weeks = followed(PROGRAMME, rhythm(at("2026-11-02"), 2))  # week 2: Nov 9, 11
    check = Check(at("2026-11-13", 8), soreness=6)  # two days after: 6, then Esc at the verdict
    diary = Diary(checks=(check,))
    moved = current_week(PROGRAMME, weeks, date(2026, 11, 16))
    held = current_week(PROGRAMME, weeks, date(2026, 11, 16), checks=diary.checks)
    assert moved is not None and moved.week == 3  # without the answer, it moved on
    assert held is not None and held.week == 2 and held.held and "6/10" in held.reason
    next_day = at("2026-11-14", 8)
    verdict = assess(weeks, next_day, Readiness(), diary)
    assert not verdict.go and "soreness 6/10 (at yesterday's check)" in verdict.reasons[0]
    assert suggest(SESSIONS, weeks, next_day, 2, diary=diary).session == "sore-day-isometrics"


# 7. A race answered yesterday is remembered today.
def test_a_race_answered_yesterday_is_remembered() -> None:
    base = [other(at("2026-11-09", 18), "early-week-strength", reps=15),
            other(at("2026-11-12", 18), "late-week-short", reps=10)]
    monday = other(at("2026-11-16", 18), "sore-day-isometrics", readiness=Readiness(soreness=1, key_run=True))
    history = [*base, monday]
    tuesday = at("2026-11-17", 18)
    verdict = assess(history, tuesday, Readiness(soreness=1))  # the race question skipped
    assert not verdict.go and any("race or hard run" in r and "yesterday's" in r for r in verdict.reasons)
    got = suggest(SESSIONS, history, tuesday, 2)
    assert got.session == "sore-day-isometrics" and "race or hard run" in got.reason
    friday = at("2026-11-20", 18)  # the 2-3 days are over
    assert assess(history, friday, Readiness(soreness=1)).go


# 8. The week comes from the calendar, not from the week a record says.
def test_stored_week_numbers_are_not_trusted() -> None:
    said = [1, 2, 2, 3, 3, 3, 4, 4]
    history = [replace(make_record(at("2026-11-02") + timedelta(days=n), session=PROGRAMME.name, week=w,
                                   category=Category.ECCENTRIC, eccentric_reps=10, lost=0), title=PROGRAMME.title)
               for n, w in enumerate(said)]
    blank = [replace(r, week=None) for r in history]
    today = date(2026, 11, 10)
    choice = current_week(PROGRAMME, history, today)
    assert choice is not None and choice == current_week(PROGRAMME, blank, today)
    assert choice.week == 2  # eight days: week 1 (its session, then extras), then week 2


# 9. Lost control is read from the whole week.
def test_lost_control_is_read_from_the_whole_week() -> None:
    weeks = followed(PROGRAMME, rhythm(at("2026-11-02"), 3))
    week_4 = followed(PROGRAMME, [at("2026-11-23"), at("2026-11-25")], lost=27, history=weeks)
    week_4 = followed(PROGRAMME, [at("2026-11-27")], lost=0, history=week_4)
    assert [r.week for r in week_4[-3:]] == [4, 4, 4]
    choice = current_week(PROGRAMME, week_4, date(2026, 11, 30))
    assert choice is not None and choice.week == 4 and choice.held
    assert "54 of 81 reps got away" in choice.reason


# 10. `x` can be pressed where the charts count it.
@pytest.mark.parametrize(("name", "step"), [("late-week-short", "Single-leg eccentric bridge"),
                                            ("nordic-easier-hip-hinge", "Single-leg hip-hinge lowering")])
def test_single_leg_eccentric_steps_take_x(name: str, step: str) -> None:
    from hamstride.domain.phase import Action

    found = next(s for s in SESSIONS[name].steps if s.name == step)
    assert found.eccentric and found.sides and found.control and found.allows(Action.LOST_CONTROL)
    assert "Press x" in found.cue


# 11. The evidence notes say what the papers found.
def test_the_evidence_notes_say_what_the_papers_found() -> None:
    programme = SESSIONS["nordic-programme"].why
    assert "0.410" in programme and "3.1 against 8.1 per 100 player-seasons" in programme
    assert "new hamstring injuries fell to about a third" not in programme
    first = SESSIONS["nordic-first-session"].why
    assert "protects against much of that later" not in first and "the same 24 were repeated" in first


def test_two_hip_extensor_days_are_not_the_weeks_two_focused_sessions() -> None:
    from hamstride.domain.stats import compute

    days = [other(at("2026-11-16", 18), "hip-extensors"), other(at("2026-11-18", 18), "hip-extensors")]
    assert [r.main_done for r in days] == [True, True]
    assert compute(days, date(2026, 11, 19), 2).this_week == 0
    strength = other(at("2026-11-16", 18), "early-week-strength", reps=15)
    assert compute([strength], date(2026, 11, 19), 2).this_week == 1


# 12. A session done today, a race ahead: no second load today, however light (the walk-through's home).
LOADING = ("early-week-strength", "nordic-programme", "sore-day-isometrics", "hip-extensors", "late-week-short")


@pytest.mark.parametrize("done", LOADING)
@pytest.mark.parametrize(("label", "days_ahead"), [("10k", 1), ("10k", 2), ("Marathon", 5), ("parkrun", 3)])
def test_after_a_session_today_with_a_race_ahead_home_says_rest(done: str, label: str, days_ahead: int) -> None:
    from hamstride.domain.diary import Race

    morning = at("2026-12-07", 7)
    history = [other(morning, done, reps=10 if SESSIONS[done].eccentric else 0)]
    race = Race(morning.date() + timedelta(days=days_ahead), label)
    evening = at("2026-12-07", 18)
    got = suggest(SESSIONS, history, evening, 2, diary=Diary(races=(race,)))
    assert got.session is None, got  # no isometrics, no hip extensors: rest
    assert f"{SESSIONS[done].title} is done today" in got.reason and label in got.reason and "rest" in got.reason


@pytest.mark.parametrize(("label", "days_ahead", "kept_clear"), [("10k", 2, True), ("10k", 3, True),
                                                                 ("10k", 4, False), ("Marathon", 6, True),
                                                                 ("Marathon", 8, False)])
def test_the_days_before_a_race_keep_eccentric_work_away_as_dosing_says(label: str, days_ahead: int,
                                                                       kept_clear: bool) -> None:
    """docs/dosing.md: 3 days before a race, 7 before a marathon; isometric holds are what is allowed."""
    from hamstride.domain.diary import Race

    now = at("2026-12-07", 7)
    race = Race(now.date() + timedelta(days=days_ahead), label)
    strength = [other(at("2026-11-23", 18), "early-week-strength", reps=15)]
    got = suggest(SESSIONS, strength, now, 2, diary=Diary(races=(race,)))
    if kept_clear:
        assert got.session == "sore-day-isometrics" and label in got.reason, got
    else:
        assert got.session is not None and SESSIONS[got.session].eccentric, got
