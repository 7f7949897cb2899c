"""A runner's own programme is weighed by the week too: its sessions a week multiply the week's Nordics.

A copy of `nordic-programme` with `sessions_per_week = { "1-10" = 3 }` passed `hamstride check` with no warning
and the readiness check let each session through (10 Nordics a session is week 1's own dose): the coach ran
week 1 three times, 30 Nordics in the week against the literature's 10, and week 2 at 36 against 24. Now a
session of a runner's own programme is held when it would make more Nordic sessions or reps in 7 days than
the 10-week programme gives in the week it is at for this runner (replayed on their sessions of the copy),
unless 7 days of their last three weeks held as much; and `hamstride check` warns of the key.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from hamstride import locations
from hamstride.cli import main
from hamstride.domain.dose import dose_reason
from hamstride.domain.model import Category
from hamstride.domain.record import Readiness
from hamstride.domain.suggest import HIP, check, suggest
from hamstride.storage.dose_notes import dose_notes
from hamstride.storage.loader import load_session
from tests.unit.helpers import followed, make_record
from tests.unit.test_calendars import SESSIONS, other

MONDAY = datetime(2026, 11, 2, 7, tzinfo=timezone.utc)
BUILT_IN = locations.builtin_sessions() / "nordic-programme.toml"
PER_WEEK = 'sessions_per_week = { "1" = 1, "2" = 2, "3-10" = 3 }'


def three_a_week(folder: Path, per_week: str = 'sessions_per_week = { "1-10" = 3 }') -> Path:
    text = BUILT_IN.read_text(encoding="utf-8")
    assert text.count(PER_WEEK) == 1
    path = folder / "my-nordics.toml"
    path.write_text(text.replace(PER_WEEK, per_week), encoding="utf-8")
    return path


def test_week_1_three_times_is_held_after_its_first_session(tmp_path: Path) -> None:
    own = load_session(three_a_week(tmp_path))
    sessions = {**SESSIONS, own.name: own}
    assert dose_reason([], MONDAY, own) is None  # week 1's one session: the literature's own
    history = followed(own, [MONDAY])
    wednesday = MONDAY + timedelta(days=2, hours=1)
    reason = dose_reason(history, wednesday, own)
    assert reason is not None and "2 Nordic sessions and 20 Nordic reps in 7 days" in reason, reason
    assert "1 session and 10 reps a week" in reason, reason
    verdict = check(own, sessions, history, wednesday, Readiness(0, False), 2)
    assert not verdict.go and any("in 7 days" in r for r in verdict.reasons), verdict
    home = suggest(sessions, history, wednesday, 2)
    assert home.session == HIP and home.held and "in 7 days" in home.reason, home  # no other Nordics instead
    for name, session in SESSIONS.items():  # nor any other eccentric session: the week's load is done
        if session.eccentric:
            assert not check(session, sessions, history, wednesday, Readiness(0, False), 2).go, name
    later = MONDAY + timedelta(days=7, hours=1)  # a week on: the 10-week programme's week 2, 2 sessions of 12
    assert dose_reason(history, later, own) is None


def test_week_2_three_times_is_held_at_its_third_session(tmp_path: Path) -> None:
    own = load_session(three_a_week(tmp_path, 'sessions_per_week = { "1" = 1, "2-10" = 3 }'))
    history = followed(own, [MONDAY - timedelta(days=7), MONDAY, MONDAY + timedelta(days=2)])
    assert [r.week for r in history] == [1, 2, 2]
    friday = MONDAY + timedelta(days=4, hours=1)
    reason = dose_reason(history, friday, own)
    assert reason is not None and "3 Nordic sessions and 36 Nordic reps in 7 days" in reason, reason


def test_a_runner_who_has_done_as_much_in_a_week_lately_goes_on(tmp_path: Path) -> None:
    """Three strength days of 15 in a week, two weeks ago: three sessions of 10 in a week is no more."""
    own = load_session(three_a_week(tmp_path))
    before = [other(MONDAY - timedelta(days=14 - 2 * k), "early-week-strength", reps=15) for k in range(3)]
    history = followed(own, [MONDAY, MONDAY + timedelta(days=2)], history=before)
    assert [r.week for r in history[3:]] == [1, 1]
    assert dose_reason(history, MONDAY + timedelta(days=4, hours=1), own) is None


def test_the_built_in_and_a_copy_with_its_weeks_are_not_weighed_by_the_week(tmp_path: Path) -> None:
    """Its calendar spaces the literature's own weeks (docs/dosing.md: a week's volume and one session more)."""
    own = load_session(three_a_week(tmp_path, PER_WEEK))._replace(name="my-nordics")
    history = followed(own, [MONDAY - timedelta(days=7), MONDAY, MONDAY + timedelta(days=4)])
    next_monday = MONDAY + timedelta(days=7, hours=1)  # week 1's day-0 session, then week 2's two in 7 days
    assert dose_reason(history, next_monday, own) is None


def test_check_warns_of_sessions_per_week_over_the_literatures(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = three_a_week(tmp_path)
    notes = dose_notes(load_session(path))
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                if text.startswith("sessions_per_week"))
    assert [(n.line, n.key) for n in notes] == [(line, 'sessions_per_week."1-10"')], notes
    assert "weeks 1 and 2" in notes[0].message and "3 sessions" in notes[0].message, notes[0]
    assert main(["check", str(path)]) == 0  # valid: a warning, not a problem
    out = " ".join(capsys.readouterr().out.split())
    assert f"warning: {path}:{line}:" in out and "sessions_per_week" in out, out
    assert dose_notes(load_session(three_a_week(tmp_path, "sessions_per_week = 3"))) != []


def test_a_copy_whose_step_lost_its_exercise_key_is_weighed_by_the_week_too(tmp_path: Path) -> None:
    """Its runs count as no Nordic session in the history (no key), yet they were its Nordics: the 7 days
    hold them all the same, by their eccentric main reps."""
    path = three_a_week(tmp_path)
    text = path.read_text(encoding="utf-8").replace('exercise = "nordic"\n', "")
    path.write_text(text.replace('name = "Nordic hamstring curl"', 'name = "Hamstring lowers"'), encoding="utf-8")
    own = load_session(path)
    first = replace(make_record(MONDAY, session=own.name, eccentric_reps=10, exercise=None, lost=0, week=1,
                                category=Category.ECCENTRIC), title=own.title)
    assert not first.nordic and first.eccentric
    reason = dose_reason([first], MONDAY + timedelta(days=2, hours=1), own)
    assert reason is not None and "2 Nordic sessions and 20 Nordic reps in 7 days" in reason, reason
