"""A runner's own programme is weighed at the check as every other session is (docs/dosing.md, "Nordic
reps you have built up to").

Sessions are plain files a runner copies and edits. A programme (a file with weeks) was let through by the
check whatever its weeks said, "a programme doses itself by its weeks": a copy of the 10-week programme
with 60 Nordics in week 1, or a week 3 of 50 after two weeks of 12, started with no word, and home
offered it as the programme under way. The built-in programmes are never held on the week home gives
(tests/unit/test_dose_own_programme_properties.py holds both over random runners).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hamstride.domain.dose import TEN_WEEKS, dose_reason, the_literatures
from hamstride.domain.model import Session
from hamstride.domain.progression import current_week
from hamstride.domain.record import Readiness, Record
from hamstride.domain.suggest import check, suggest
from tests.unit.runner_histories import run_of
from tests.unit.test_calendars import SESSIONS

MONDAY = datetime(2026, 11, 2, 7, tzinfo=timezone.utc)
FIT = Readiness(0, False)
TEN = SESSIONS["nordic-programme"]
BEGINNER = SESSIONS["nordic-beginner"]


def edited(base: Session, doses: dict[int, tuple[int, ...]], name: str = "my-nordics") -> Session:
    """A copy of a built-in programme whose main Nordic step has other reps in some weeks (one set each)."""
    weeks = tuple(tuple(step._replace(sets=len(doses[n]), reps=max(doses[n]), set_reps=doses[n])
                        if step.main and n in doses else step for step in week)
                  for n, week in enumerate(base.weeks, start=1))
    return base._replace(name=name, steps=weeks[0], weeks=weeks)


def library(own: Session) -> dict[str, Session]:
    return {**SESSIONS, own.name: own}


def followed(own: Session, times: list[datetime]) -> list[Record]:
    """The runner did these sessions of their programme, each at the week the calendar gave."""
    history: list[Record] = []
    for index, when in enumerate(times):
        history.append(run_of(own.name, history, when, f"o{index}", sessions=library(own)))
    return history


def days(*offsets: int) -> list[datetime]:
    return [MONDAY + timedelta(days=d) for d in offsets]


def test_week_one_of_sixty_is_held_with_homes_first_session() -> None:
    own = edited(TEN, {1: (30, 30)})
    verdict = check(own, library(own), [], MONDAY, FIT, 2)
    assert not verdict.go and any("60 Nordic reps" in r and "week 1 of 10" in r for r in verdict.reasons), verdict
    home = suggest(library(own), [], MONDAY, 2)
    assert verdict.alternative == home.session == "nordic-first-session", (verdict, home)


def test_the_built_in_file_edited_in_place_is_held_too() -> None:
    own = edited(TEN, {1: (30, 30)}, name="nordic-programme")
    verdict = check(own, library(own), [], MONDAY, FIT, 2)
    assert not verdict.go and any("60 Nordic reps" in r for r in verdict.reasons), verdict


def test_a_week_that_jumps_from_twelve_to_fifty_is_held_and_home_offers_another_session() -> None:
    own = edited(TEN, {3: (20, 15, 15)})
    history = followed(own, days(0, 7, 10))  # week 1 (10), week 2's two sessions of 12
    now = MONDAY + timedelta(days=14)
    assert current_week(own, history, now.date()).week == 3  # type: ignore[union-attr]
    verdict = check(own, library(own), history, now, FIT, 2)
    said = [r for r in verdict.reasons if "50 Nordic reps" in r]
    assert not verdict.go and said and "had 12" in said[0] and "at most 21" in said[0], verdict
    home = suggest(library(own), history, now, 2)
    assert home.session != own.name and "50 Nordic reps" in home.reason, home
    assert verdict.alternative == home.session


def test_the_ten_week_step_is_allowed_where_the_ten_week_programme_has_the_runner() -> None:
    """Week 1 made 2 x 4: no longer the literature's table, yet its week 3 of 21 after two weeks is Mjølsnes'
    own step (12 to 21) on the day the 10-week programme would be at week 3 too."""
    own = edited(TEN, {1: (4, 4)})
    assert not the_literatures(own)
    history = followed(own, days(0, 7, 10))
    now = MONDAY + timedelta(days=14)
    assert dose_reason(history, now, own) is None
    assert suggest(library(own), history, now, 2).session == own.name


def test_tiny_weeks_do_not_earn_the_ten_week_dose() -> None:
    """Weeks 1-4 of one rep each, then week 5's 30: the 10-week progression replayed on those sessions would
    be at week 5 (each one done), but the runner never did more than 1 Nordic rep at a time."""
    own = edited(TEN, {1: (1,), 2: (1,), 3: (1,), 4: (1,)})
    history = followed(own, days(0, 7, 10, 14, 16, 18, 21, 23, 25))
    now = MONDAY + timedelta(days=28)
    assert current_week(own, history, now.date()).week == 5  # type: ignore[union-attr]
    reason = dose_reason(history, now, own)
    assert reason is not None and "30 Nordic reps" in reason and "at most 10" in reason, reason


def test_the_built_ins_are_the_literatures_tables() -> None:
    """The rule's own copy of the 10-week and beginner tables is the built-in files' (a change to one is a
    change to the other, and to docs/dosing.md)."""
    assert the_literatures(TEN) and the_literatures(BEGINNER)
    assert [(n, sum(reps)) for n, reps in TEN_WEEKS][:5] == [(1, 10), (2, 12), (3, 21), (3, 27), (3, 30)]
    assert not the_literatures(edited(TEN, {10: (12, 10, 9)}))
