"""Seven days of Nordics for a runner who follows the app but quits sessions part-way (Hypothesis).

The invariant, from docs/dosing.md ("The programme week comes from the calendar"), not from the code:
in any 7 days, the Nordic reps a runner who follows the app does (every rep, a try's too) are never more
than the weekly volume of the highest programme week the app gave them in those days, plus one session
of that week.

The margin, written out: a programme week lasts at least 7 days and its sessions are at least 48 h
apart, so 7 days hold at most four sessions, of at most two programme weeks (N, then N+1). The table
never lowers the sessions a week or the reps of a session from one week to the next (1 x 10, 2 x 12,
3 x 21 ...; the beginner's 1 x 6, 2 x 8 ...), so k sessions of N and m of N+1 (k + m <= 4, m at most
N+1's sessions a week) are at most N+1's whole week and one of its sessions: week 1's session and week
2's two (34 <= 24 + 12); two of week 2 and two of week 3 (66 <= 63 + 21). Maintenance is one session a
week (Petersen 2011). A try (fewer than a third of a session's main reps) is not a session of the week,
and only the 48 h after it hold: the sessions that count are held to the allowance, and the tries of the
same 7 days (at most four, 48 h apart, each under a third of a session) to under four thirds of one.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamstride.domain.diary import Check, Diary
from hamstride.domain.model import Session
from hamstride.domain.progression import current_week, planned_session
from hamstride.domain.record import Record
from hamstride.domain.suggest import suggest
from hamstride.domain.targets import LOW_VOLUME, WEEKLY
from tests.unit.helpers import followed, rhythm
from tests.unit.runner_histories import HOME, PROGRAMMES, after_the_check, main_dose, recorded
from tests.unit.test_calendars import SESSIONS

WINDOW_DAYS = 7
LOW_VOLUME_DOSE = (2, 5)  # docs/dosing.md, "Maintenance": 2 x 5 once a week
MAINTENANCE_SESSION = "nordic-maintenance"  # that dose as a session of its own, home's in low-volume maintenance


def session_reps(planned: Session) -> int:
    """The Nordic reps one session plans (its main step, both sides)."""
    main = planned.main_step
    return 0 if main is None else sum(main_dose(planned)) * (2 if main.sides else 1)


def one_session(record: Record) -> int:
    """The Nordic reps of one session of this programme session's week (low-volume maintenance: its 2 x 5)."""
    if record.session == MAINTENANCE_SESSION:
        return LOW_VOLUME_DOSE[0] * LOW_VOLUME_DOSE[1]
    programme = SESSIONS[record.session]
    assert record.week is not None
    main = next(s for s in record.steps if s.main)
    low = record.maintenance and (main.planned_sets, main.planned_reps) == LOW_VOLUME_DOSE
    return LOW_VOLUME_DOSE[0] * LOW_VOLUME_DOSE[1] if low else session_reps(programme.for_week(record.week))


def allowance(record: Record) -> int:
    """The most Nordic reps 7 days may hold beside this programme session: its week's volume (maintenance:
    one session a week) and one more session of it."""
    a_week = 1 if record.maintenance or record.session == MAINTENANCE_SESSION else \
        SESSIONS[record.session].sessions_per_week[record.week - 1]  # type: ignore[operator]
    return one_session(record) * (a_week + 1)


def a_try(record: Record) -> bool:
    """Fewer than a third of the main reps the record planned, its main work not done (docs/dosing.md)."""
    main = [s for s in record.steps if s.main]
    planned = sum(s.planned_sets * s.planned_reps * (2 if any(side.side is not None for side in s.sides) else 1)
                  for s in main)
    if record.week is not None and (record.session in PROGRAMMES or record.session == MAINTENANCE_SESSION):
        # A record keeps a step's first-set reps only: week 3's sets of 8, 7, 6 read as 3 x 8 = 24, and 7 reps
        # (a third of its 21) as a try. The week's own dose is what the session planned.
        planned = one_session(record)
    return not record.main_done and record.main_reps[0] < session_at_least(planned)


def session_at_least(reps: int) -> int:
    """The fewest main reps that make a session of the week: a third of them (docs/dosing.md)."""
    return -(-reps // 3)


# How a runner quits, a habit kept for the whole history (what a quit at random hardly repeats): in full,
# at the last rep, at random, with the most reps that stay a try, with the fewest that make a session.
habits = st.sampled_from((
    lambda reps: st.none(),
    lambda reps: st.none() | st.just(reps - 1),
    lambda reps: st.none() | st.integers(0, max(0, reps - 1)),
    lambda reps: st.none() | st.just(max(0, session_at_least(reps) - 1)),
    lambda reps: st.none() | st.just(session_at_least(reps)),
    lambda reps: st.just(max(0, session_at_least(reps) - 1)) | st.integers(0, max(0, reps - 1)),
))


@st.composite
def runners_who_quit(draw: st.DrawFn) -> tuple[list[Record], str]:
    """A runner on a programme (new to it, or weeks of it done) who opens the app on most days for up to three
    months, does what home suggests (the check decides before eccentric work, its alternative otherwise),
    and quits sessions part-way by a habit of theirs."""
    maintenance = draw(st.sampled_from((WEEKLY, LOW_VOLUME)))
    on = draw(st.sampled_from(PROGRAMMES))
    first = datetime(2026, 3, 2, tzinfo=HOME)
    weeks = draw(st.integers(0, SESSIONS[on].total_weeks))
    offsets = (0, 2, 4) if max(SESSIONS[on].sessions_per_week) == 3 else (0, 3)
    history = followed(SESSIONS[on], rhythm(first - timedelta(weeks=weeks, days=1), weeks, offsets),
                       maintenance=maintenance)
    if not weeks:  # a new runner who picks the programme itself: the app plans its week 1
        history = []
    checks: list[Check] = []
    habit = draw(habits)
    keen = draw(st.sampled_from((None, 5, 19 * 60)))  # a keen runner opens the app every day at one time
    for day in range(draw(st.integers(14, 90))):
        if keen is None and not draw(st.integers(0, 3)):
            continue
        minute = keen if keen is not None else draw(st.sampled_from((5, 7 * 60, 12 * 60 + 30, 19 * 60, 23 * 60 + 50)))
        now = datetime.combine(first.date() + timedelta(days=day), time(0), tzinfo=HOME) + timedelta(minutes=minute)
        name = suggest(SESSIONS, history, now, 2, maintenance, Diary(checks=tuple(checks))).session
        name = on if not history else name
        if name is None:
            continue
        name = after_the_check(draw, name, history, now, checks, (), maintenance, st.sampled_from((0, 1, 2, 3, 4, 6)))
        if name is None:
            continue
        session = SESSIONS[name]
        choice = current_week(session, history, now.date(), maintenance, tuple(checks))
        planned = planned_session(session, choice)
        reps = session_reps(planned)
        quit_after = draw(habit(reps))
        done = quit_after is None or reps == 0
        history.append(recorded(planned, now, f"d{day}", done=done, quit_after=quit_after,
                                lost=draw(st.integers(0, 3) | st.integers(0, reps)), week=choice.week if choice else None,
                                maintenance=bool(choice and choice.maintenance)))
    return history, maintenance


def heaviest_seven_days(history: list[Record]) -> tuple[int, int, date] | None:
    """The 7 days whose Nordic reps (tries aside) most exceed their allowance: (reps, allowance, first
    day), or None."""
    worst = None
    days = sorted({r.day for r in history if r.nordic})
    for start in days:
        inside = [r for r in history if start <= r.day < start + timedelta(days=WINDOW_DAYS)]
        programme = [r for r in inside if any(s.main for s in r.steps) and (
            r.session == MAINTENANCE_SESSION or (r.session in PROGRAMMES and r.week is not None))]
        if not programme:
            continue
        reps = sum(r.nordic_reps for r in inside if not a_try(r))
        most = max(allowance(r) for r in programme)
        if worst is None or reps - most > worst[0] - worst[1]:
            worst = (reps, most, start)
    return worst


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(runners_who_quit())
def test_seven_days_never_hold_more_than_a_week_and_one_session(run: tuple[list[Record], str]) -> None:
    history, _ = run
    worst = heaviest_seven_days(history)
    if worst is None:
        return
    reps, most, start = worst
    sessions = [(r.day.isoformat(), r.session, r.week, r.nordic_reps, r.main_done) for r in history
                if start <= r.day < start + timedelta(days=WINDOW_DAYS) and r.nordic]
    assert reps <= most, (reps, most, sessions)


def tries_beyond_one_session(history: list[Record]) -> list[tuple[date, int, int]]:
    """Each 7 days whose tries hold four thirds of a session of its highest programme week or more:
    (first day, reps of the tries, reps of that session)."""
    found = []
    for start in sorted({r.day for r in history if r.nordic}):
        inside = [r for r in history if start <= r.day < start + timedelta(days=WINDOW_DAYS)]
        programme = [r for r in inside if any(s.main for s in r.steps) and (
            r.session == MAINTENANCE_SESSION or (r.session in PROGRAMMES and r.week is not None))]
        tries = sum(r.nordic_reps for r in inside if a_try(r))
        if programme and 3 * tries >= 4 * max(one_session(r) for r in programme):
            found.append((start, tries, max(one_session(r) for r in programme)))
    return found


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(runners_who_quit())
def test_the_tries_of_seven_days_stay_under_four_thirds_of_a_session(run: tuple[list[Record], str]) -> None:
    history, _ = run
    assert tries_beyond_one_session(history) == []
