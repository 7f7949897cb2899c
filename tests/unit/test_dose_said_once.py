"""The check screen says the dose rule once (read from 2 m away).

The check lists its reasons, then "Today: <session>. <why>". The programme held on its dose gave home's
answer with that same rule in front ("Week 3 of 10 has 50 Nordic reps... Instead: ..."), and the check
showed it after its own reason: the sentence twice. Home still says it (home has no list of reasons).
"""

from __future__ import annotations

from datetime import timedelta

from hamstride.domain.record import Record
from hamstride.domain.suggest import HIP, STRENGTH_DAY, check, suggest
from tests.unit.runner_histories import run_of
from tests.unit.test_calendars import SESSIONS
from tests.unit.test_dose_own_programme import FIT, MONDAY, TEN, days, edited, followed, library


def test_a_programme_week_held_on_its_dose_is_told_once_on_the_check_screen() -> None:
    own = edited(TEN, {3: (20, 15, 15)})
    history = followed(own, days(0, 7, 10))
    now = MONDAY + timedelta(days=14)
    verdict = check(own, library(own), history, now, FIT, 2)
    screen = verdict.told({})
    assert screen.count("50 Nordic reps") == 1, screen
    assert screen.count("Coratella 2025") <= 1, screen
    assert "Today: " in screen and verdict.today, screen  # what today is for, and why, is still said
    home = suggest(library(own), history, now, 2)
    assert "50 Nordic reps" in home.reason and verdict.today in home.reason, (home, verdict)


def test_a_session_held_on_its_dose_is_told_once_on_the_check_screen() -> None:
    """The strength day edited to 60 Nordics, checked before itself: home offers hip work instead, and why."""
    strength = SESSIONS[STRENGTH_DAY]
    history: list[Record] = []
    for index, when in enumerate(days(0, 3, 7, 10)):
        history.append(run_of(STRENGTH_DAY, history, when, f"s{index}"))
    heavy = strength._replace(steps=tuple(s._replace(sets=2, reps=30, set_reps=()) if s.main else s
                                          for s in strength.steps))
    sessions = {**SESSIONS, STRENGTH_DAY: heavy}
    now = MONDAY + timedelta(days=14)
    home = suggest(sessions, history, now, 2)
    assert home.session == HIP and "60 Nordic reps" in home.reason, home
    verdict = check(heavy, sessions, history, now, FIT, 2)
    screen = verdict.told({})
    assert not verdict.go and screen.count("60 Nordic reps") == 1, screen
    assert verdict.alternative == HIP and "Hip-extensor work" in verdict.today, verdict

