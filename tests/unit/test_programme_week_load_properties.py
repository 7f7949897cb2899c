"""A runner's own programme by the week, over random runners and random programme files (Hypothesis).

The invariant, from docs/dosing.md ("Nordic sessions in a week"): whatever programme file (a built-in copied,
its weeks' Nordic reps and sessions a week drawn at random), a session of it that the check's dose rule lets
start, or that the readiness check lets through, never makes the 7 days up to it hold more Nordic sessions or
reps than the 10-week programme gives in the week it is at for this runner (the built-in file, under the
programme's name, replayed on the same history: 1 session of 10, 2 of 12, then 3 a week), unless 7 days of
the runner's last three weeks already held as many. A try (fewer reps than a third of a session of that
week) is not a session and its reps are not counted: 48 h apart, the tries of 7 days stay under four thirds
of a session (docs/dosing.md, "A session counts as the dose it was"). A file with the literature's own weeks
and sessions a week follows its calendar instead (tests/unit/test_dose_over_seven_days.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamstride.domain.diary import Diary
from hamstride.domain.dose import dose_reason, the_literatures
from hamstride.domain.model import Session
from hamstride.domain.progression import current_week, planned_session
from hamstride.domain.record import Readiness, Record
from hamstride.domain.suggest import check, suggest
from hamstride.domain.targets import LOW_VOLUME, WEEKLY
from tests.unit.surfaces import kept
from tests.unit.test_calendars import SESSIONS
from tests.unit.test_dose_own_programme_properties import as_started, nordics, own_situations

WEEK, RECENT = timedelta(days=7), timedelta(days=21)
answers = st.none() | st.builds(Readiness, st.none() | st.integers(0, 10), st.none() | st.booleans())


def literature_week(own: Session, past: list[Record], now: datetime, maintenance: str, diary: Diary) -> tuple[int, int]:
    """The 10-week programme's week for this runner: (sessions, Nordic reps of one session)."""
    ten = SESSIONS["nordic-programme"]._replace(name=own.name)
    choice = current_week(ten, past, now.date(), maintenance, diary.checks)
    assert choice is not None
    return (1 if choice.maintenance else ten.sessions_per_week[choice.week - 1]), nordics(planned_session(ten, choice))


def seven_days(sessions: list[Record], end: datetime) -> tuple[int, int]:
    inside = [r for r in sessions if end - WEEK < r.started <= end]
    return len(inside), sum(r.nordic_reps for r in inside)


def within(own: Session, past: list[Record], now: datetime, maintenance: str, diary: Diary) -> bool:
    a_week, one = literature_week(own, past, now, maintenance, diary)
    sessions = [r for r in past if r.nordic and 3 * r.nordic_reps >= one]  # a try aside
    done = seven_days(sessions, now)
    after = (done[0] + 1, done[1] + as_started(own, past, now, maintenance, diary))
    if after[0] <= a_week and after[1] <= a_week * one:
        return True
    return any(after[0] <= held[0] and after[1] <= held[1]
               for held in (seven_days(sessions, r.started) for r in sessions if now - r.started <= RECENT))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(own_situations(), answers, st.sampled_from((WEEKLY, LOW_VOLUME)), st.integers(1, 3))
def test_an_own_programme_never_makes_7_days_hold_more_than_the_literatures_week(
        situation: tuple[Session, list[Record], datetime, Diary], today: Readiness | None, maintenance: str,
        target: int) -> None:
    own, past, now, diary = situation
    if the_literatures(own) or not nordics(own):
        return
    sessions = {**SESSIONS, own.name: own}
    after_check = kept(diary, now, today)
    if dose_reason(past, now, own, maintenance, after_check.checks) is None:
        assert within(own, past, now, maintenance, after_check), "the dose rule let it start"
    if check(own, sessions, past, now, today, target, maintenance, diary).go:
        assert within(own, past, now, maintenance, after_check), "the check let it start"
    home = suggest(sessions, past, now, target, maintenance, after_check)
    if home.session == own.name:
        assert within(own, past, now, maintenance, after_check), ("home offered it", home)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(own_situations(), answers, st.sampled_from((WEEKLY, LOW_VOLUME)), st.integers(1, 3))
def test_what_home_offers_beside_an_own_programme_the_check_lets_through(
        situation: tuple[Session, list[Record], datetime, Diary], today: Readiness | None, maintenance: str,
        target: int) -> None:
    """Home never offers what the check would hold, a runner's own programme among the sessions: no circle."""
    own, past, now, diary = situation
    sessions = {**SESSIONS, own.name: own}
    home = suggest(sessions, past, now, target, maintenance, kept(diary, now, today))
    if home.session is None or not sessions[home.session].eccentric:
        return
    verdict = check(sessions[home.session], sessions, past, now, today, target, maintenance, diary)
    assert verdict.go, (home, verdict)
