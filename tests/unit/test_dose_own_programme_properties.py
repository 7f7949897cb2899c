"""Programmes at the check's dose rule, over random runners (Hypothesis; tests/unit/runner_histories.py).

Invariants, at a random moment after a random history, with random checks, races and answers:
1. Built-in programmes: the week home suggests always passes the check's dose rule (and the check lets
   it through when home holds nothing back): home and the check never send a runner round in a circle,
   also after a break, when the progression steps back.
2. A runner's own programme (a built-in copied, its weeks' Nordic reps and sessions a week drawn at
   random, under its own name or the built-in's): whatever the check's dose rule lets start, whatever
   home offers and whatever the check offers instead, never holds more Nordic reps than
   max(10, the biggest Nordic session of the last 21 days + 3), unless a built-in progression itself
   prescribes as many for this runner today (the built-in file, under the programme's name, replayed on
   the same history). And the session home offers passes the check's dose rule: no circle either.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamstride.domain.diary import Diary
from hamstride.domain.dose import dose_reason
from hamstride.domain.model import Exercise, Session
from hamstride.domain.progression import current_week, planned_session
from hamstride.domain.record import Readiness, Record
from hamstride.domain.suggest import check, suggest
from hamstride.domain.targets import LOW_VOLUME, WEEKLY
from tests.unit.runner_histories import (
    ALL,
    PROGRAMMES,
    after,
    build,
    checks_around,
    moments,
    races_around,
    visits,
)
from tests.unit.surfaces import kept
from tests.unit.test_calendars import SESSIONS
from tests.unit.test_safety_properties import situations

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
modes = st.sampled_from((WEEKLY, LOW_VOLUME))
answers = st.none() | st.builds(Readiness, st.none() | st.integers(0, 10), st.none() | st.booleans())
FLOOR, STEP_UP, RECENT_DAYS = 10, 3, 21  # docs/dosing.md, "Nordic reps you have built up to"


def nordics(session: Session) -> int:
    return sum(sum(s.reps_in(n) for n in range(1, s.sets + 1)) * (2 if s.sides else 1)
               for s in session.steps if s.exercise is Exercise.NORDIC)


def as_started(session: Session, past: list[Record], now: datetime, maintenance: str, diary: Diary) -> int:
    """The Nordic reps the session starts with today: a programme at the week its calendar gives."""
    choice = current_week(session, past, now.date(), maintenance, diary.checks) if session.weeks else None
    return nordics(planned_session(session, choice))


def built_in_dose(name: str, past: list[Record], now: datetime, maintenance: str, diary: Diary) -> int:
    """The most a built-in progression prescribes today for a programme of this name and this history."""
    return max(as_started(SESSIONS[p]._replace(name=name), past, now, maintenance, diary) for p in PROGRAMMES)


def within(session: Session, past: list[Record], now: datetime, maintenance: str, diary: Diary) -> bool:
    recent = max((r.nordic_reps for r in past if now - r.started <= timedelta(days=RECENT_DAYS)), default=0)
    planned = as_started(session, past, now, maintenance, diary)
    return planned <= max(FLOOR, recent + STEP_UP) or (
        bool(session.weeks) and planned <= built_in_dose(session.name, past, now, maintenance, diary))


@FAST
@given(situations(), answers, modes, st.integers(1, 3))
def test_the_week_home_suggests_of_a_built_in_programme_passes_the_dose_rule(
        situation: tuple[list[Record], datetime, Diary], today: Readiness | None, maintenance: str,
        target: int) -> None:
    past, now, diary = situation
    after_check = kept(diary, now, today)
    home = suggest(SESSIONS, past, now, target, maintenance, after_check)
    if home.session is None or not SESSIONS[home.session].nordic:
        return
    session = SESSIONS[home.session]
    assert dose_reason(past, now, session, maintenance, after_check.checks) is None, home
    verdict = check(session, SESSIONS, past, now, today, target, maintenance, diary)
    assert not any("Nordic reps and" in reason for reason in verdict.reasons), (home, verdict)


week_doses = st.lists(st.integers(1, 20), min_size=1, max_size=4).map(tuple)


@st.composite
def own_programmes(draw: st.DrawFn) -> Session:
    """A built-in programme copied and edited: each week's main Nordic reps and sessions a week at random."""
    base = SESSIONS[draw(st.sampled_from(PROGRAMMES))]
    name = draw(st.sampled_from((base.name, "my-nordics")))
    doses = [draw(week_doses) for _ in base.weeks]
    weeks = tuple(tuple(step._replace(sets=len(reps), reps=max(reps), set_reps=reps) if step.main else step
                        for step in week) for week, reps in zip(base.weeks, doses))
    per_week = tuple(draw(st.integers(1, 3)) for _ in base.weeks)
    return base._replace(name=name, steps=weeks[0], weeks=weeks, sessions_per_week=per_week)


@st.composite
def own_situations(draw: st.DrawFn) -> tuple[Session, list[Record], datetime, Diary]:
    """A runner with their own programme among the built-ins, a moment after their history, and a diary."""
    own = draw(own_programmes())
    sessions = {**SESSIONS, own.name: own}
    names = draw(st.just((*ALL, own.name, own.name, own.name)) | st.just((own.name,))
                 | st.just((own.name, "nordic-first-session", "early-week-strength", "hip-extensors")))
    plan = draw(st.lists(visits(names), max_size=20))
    history = build(plan, sessions=sessions)
    now = draw(moments(after(history) - timedelta(hours=6)))
    diary = Diary(checks=draw(checks_around(now)), races=draw(races_around(now)))
    return own, [r for r in history if r.started <= now], now, diary


@FAST
@given(own_situations(), answers, modes, st.integers(1, 3))
def test_an_own_programme_never_goes_beyond_what_was_built_up_to(
        situation: tuple[Session, list[Record], datetime, Diary], today: Readiness | None, maintenance: str,
        target: int) -> None:
    own, past, now, diary = situation
    sessions = {**SESSIONS, own.name: own}
    after_check = kept(diary, now, today)
    if dose_reason(past, now, own, maintenance, after_check.checks) is None:
        assert within(own, past, now, maintenance, after_check), "the dose rule let it start"
    verdict = check(own, sessions, past, now, today, target, maintenance, diary)
    if verdict.go:
        assert within(own, past, now, maintenance, after_check), "the check let it start"
    home = suggest(sessions, past, now, target, maintenance, after_check)
    for name in {home.session, verdict.alternative} - {None}:
        assert name is not None
        offered = sessions[name]
        assert within(offered, past, now, maintenance, after_check), (name, home, verdict)
        assert dose_reason(past, now, offered, maintenance, after_check.checks) is None, (name, home, verdict)
