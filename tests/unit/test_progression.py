"""Week-by-week programmes: the file format, the shipped programme, the week from history, sides, today."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

import pytest

from hamstride import locations
from hamstride.domain.errors import SessionFileError
from hamstride.storage.loader import load_session
from hamstride.domain.model import Side
from hamstride.domain.plan import Phase, build_timeline
from hamstride.domain.progression import current_week, next_first_side
from hamstride.domain.suggest import suggest
from tests.unit.helpers import make_record, session

UTC = timezone.utc
PROGRAMME = locations.builtin_sessions() / "nordic-programme.toml"

# Mjolsnes et al. 2004, as dosing.md gives it: week -> (sessions a week, sets, reps low-high per set).
PUBLISHED = {1: (1, 2, [(5, 5)] * 2), 2: (2, 2, [(6, 6)] * 2), 3: (3, 3, [(6, 8)] * 3), 4: (3, 3, [(8, 10)] * 3),
             **{w: (3, 3, [(12, 12), (10, 10), (8, 8)]) for w in range(5, 11)}}


def test_the_shipped_programme_follows_the_published_table() -> None:
    programme = load_session(PROGRAMME)
    assert programme.total_weeks == 10
    for week, (per_week, sets, reps) in PUBLISHED.items():
        nordic = next(s for s in programme.for_week(week).steps if s.eccentric)
        assert programme.sessions_per_week[week - 1] == per_week, week
        assert nordic.sets == sets, week
        done = [nordic.reps_in(n) for n in range(1, sets + 1)]
        assert all(low <= r <= high for r, (low, high) in zip(done, reps)), (week, done)
    assert "Mjolsnes et al. 2004" in PROGRAMME.read_text()


def test_per_set_reps_drive_the_plan() -> None:
    week5 = load_session(PROGRAMME).for_week(5)
    timeline = build_timeline(week5)
    nordic_index = next(i for i, s in enumerate(week5.steps) if s.eccentric)
    lowers = [s for s in timeline.segments if s.step_index == nordic_index and s.phase is Phase.LOWER]
    assert [sum(1 for s in lowers if s.set == n) for n in (1, 2, 3)] == [12, 10, 8]
    assert {s.reps for s in lowers if s.set == 2} == {10}


BAD_WEEKS = """
title = "Bad weeks"
[[steps]]
name = "Nordic"
tempo = "4-0-1-0"
reps = 5
week."1" = { sets = 2, reps = [5, 5, 5] }
week."2-0" = { sets = 2 }
week."3" = { sets = 2, repz = 4 }
"""


def test_a_bad_week_table_names_the_week_and_key() -> None:
    with pytest.raises(SessionFileError) as caught:
        session(BAD_WEEKS)
    text = "\n".join(str(p) for p in caught.value.problems)
    assert """key 'week."1".reps': lists 3 sets of reps but the step has sets = 2""" in text
    assert "key 'week.2-0': '2-0' is not a week or a range of weeks from 1 to 52" in text
    assert """key 'week."3".repz': unknown key""" in text and "did you mean 'reps'?" in text
    assert "test.toml:8:" in text  # the line of the week it is about


def programme_records(weeks_done: list[tuple[int, str]]) -> list:  # type: ignore[type-arg]
    return [replace(make_record(datetime.fromisoformat(day).replace(hour=7, tzinfo=UTC)), session="nordic-programme",
                    week=week) for week, day in weeks_done]


def test_the_week_advances_when_its_sessions_are_done() -> None:
    programme = load_session(PROGRAMME)
    assert current_week(programme, [], date(2026, 11, 2)).week == 1  # type: ignore[union-attr]
    one = programme_records([(1, "2026-11-02")])
    choice = current_week(programme, one, date(2026, 11, 9))
    assert choice is not None and choice.week == 2 and "week 1 done" in choice.reason
    half = programme_records([(1, "2026-11-02"), (2, "2026-11-09")])
    assert current_week(programme, half, date(2026, 11, 11)).week == 2  # type: ignore[union-attr]
    two = programme_records([(1, "2026-11-02"), (2, "2026-11-09"), (2, "2026-11-12")])
    assert current_week(programme, two, date(2026, 11, 16)).week == 3  # type: ignore[union-attr]


def test_three_weeks_off_steps_back_instead_of_ahead() -> None:
    programme = load_session(PROGRAMME)
    history = programme_records([(4, "2026-10-05"), (4, "2026-10-07"), (4, "2026-10-09")])
    choice = current_week(programme, history, date(2026, 10, 12))
    assert choice is not None and choice.week == 5
    back = current_week(programme, history, date(2026, 10, 30))  # 21 days off
    assert back is not None and back.week == 3 and "three weeks" in back.reason
    further = current_week(programme, history, date(2026, 11, 20))  # 42 days off
    assert further is not None and further.week == 2
    assert current_week(programme, programme_records([(1, "2026-01-01")]), date(2026, 11, 1)).week == 1  # type: ignore[union-attr]


def test_the_last_week_is_kept_as_maintenance() -> None:
    programme = load_session(PROGRAMME)
    done = programme_records([(10, "2026-11-02"), (10, "2026-11-04"), (10, "2026-11-06")])
    choice = current_week(programme, done, date(2026, 11, 9))
    assert choice is not None and choice.week == 10 and "maintenance" in choice.reason


def test_a_session_without_weeks_has_no_week() -> None:
    assert current_week(session('title = "x"\n[[steps]]\nname = "Plank"\nhold = 20\n'), [], date(2026, 1, 1)) is None


PER_SIDE = 'title = "Sides"\n[[steps]]\nname = "RDL"\nreps = 5\ntempo = "3-0-1-0"\nsides = true\nlead_in = 0\n'


def test_per_side_steps_alternate_from_one_run_to_the_next() -> None:
    plan = session(PER_SIDE, name="sides")
    assert next_first_side(plan, []) is Side.LEFT
    last = replace(make_record(datetime(2026, 11, 2, tzinfo=UTC)), session="sides", first_side=Side.LEFT)
    assert next_first_side(plan, [last]) is Side.RIGHT
    timeline = build_timeline(plan, Side.RIGHT)
    work_sides = [s.side for s in timeline.segments if s.phase is Phase.LOWER]
    assert work_sides[0] is Side.RIGHT and work_sides[-1] is Side.LEFT
    assert next(s for s in timeline.segments if s.phase is Phase.SWITCH_SIDE).side is Side.LEFT


NAMES = {"early-week-strength", "late-week-short", "nordic-first-session", "post-run-pnf", "pre-run-warmup"}


def test_today_follows_the_two_a_week_rhythm() -> None:
    monday = date(2026, 11, 16)
    assert suggest(NAMES, [], monday, 2).session == "early-week-strength"
    strength = [make_record(datetime(2026, 11, 16, 7, tzinfo=UTC))]
    assert suggest(NAMES, strength, date(2026, 11, 19), 2).session == "late-week-short"
    both = strength + [make_record(datetime(2026, 11, 19, 7, tzinfo=UTC))]
    met = suggest(NAMES, both, date(2026, 11, 20), 2)
    assert met.session == "pre-run-warmup" and "target is met" in met.reason


def test_high_soreness_suggests_the_lighter_session_with_the_reason() -> None:
    sore = [make_record(datetime(2026, 11, 16, 7, tzinfo=UTC), soreness=8)]
    today = suggest(NAMES, sore, date(2026, 11, 17), 2)
    assert today.session == "post-run-pnf" and "soreness 8/10" in today.reason
    assert suggest(NAMES, sore, date(2026, 11, 20), 2).session != "post-run-pnf"  # it has passed


def test_after_three_weeks_off_ease_back_in() -> None:
    old = [make_record(datetime(2026, 10, 1, 7, tzinfo=UTC))]
    back = suggest(NAMES, old, date(2026, 11, 2), 2)
    assert back.session == "nordic-first-session" and "three weeks" in back.reason


def test_a_missing_session_is_never_suggested() -> None:
    assert suggest({"my-own"}, [], date(2026, 11, 16), 2).session is None
