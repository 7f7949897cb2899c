"""The dose home suggests, over random runners (Hypothesis): never beyond the programme's week, never up after a break.

Invariants, at a random moment after a random history (tests/unit/runner_histories.py):
1. When home suggests a programme, its week is due, it is at most the week after the last one counted,
   a week's run still has a session to do, and the session it plans has no more sets, and no more reps
   in any set, than the programme's table gives that week (2 x 5 in low-volume maintenance).
2. After 21 days or more away from the programme, the week is never above the last one counted, and its
   whole week of reps never above the most Nordic reps done in one of the four weeks before the break
   (week 1, the programme's smallest dose, is the floor).
3. After 21 days or more without Nordic work, no suggestion plans more than 10 Nordic reps (week 1 of
   the programme, the floor); the strength day's 15 only after about 12 in one session in the last 21 days.
And a runner who does what home suggests, and lets the check decide (test at the end): no session ever
counted beyond its week, and the next week never more than one week up.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamstride.domain.diary import Check, Diary
from hamstride.domain.model import Exercise, Session
from hamstride.domain.progression import LOW_DOSE, WeekChoice, current_week, planned_session, progress, weekly_volume
from hamstride.domain.record import Record
from hamstride.domain.suggest import suggest
from hamstride.domain.targets import LOW_VOLUME, WEEKLY
from tests.unit.helpers import followed, rhythm
from tests.unit.runner_histories import (
    HOME,
    PROGRAMMES,
    SORE,
    after,
    after_the_check,
    histories,
    in_margin,
    main_dose,
    races_around,
    recorded,
)
from tests.unit.test_calendars import SESSIONS

if TYPE_CHECKING:
    from hamstride.domain.outline import Dated

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
modes = st.sampled_from((WEEKLY, LOW_VOLUME))
BREAK_DAYS = 21  # docs/dosing.md, "Breaks step back by what you did"
FLOOR_REPS = 10  # week 1 of the 10-week programme: the dose for a runner with no Nordic training
STRENGTH_DAY_AFTER = 12  # "the strength day's 15 Nordics only for a runner who has recently done about 12"


def nordic_reps(session: Session) -> int:
    main = session.main_step
    return sum(main_dose(session)) * (2 if main.sides else 1) if main and main.exercise is Exercise.NORDIC else 0


def trained(record: Dated) -> bool:
    """Nordic work as docs/dosing.md counts it: the main work done, or a third of its reps (fewer is a try).
    The record keeps its main step's sets and the most reps of a set: at least its plan, never less of a try."""
    if record.main_done:
        return True
    assert isinstance(record, Record)
    planned = sum(s.planned_sets * s.planned_reps * max(1, len(s.sides)) for s in record.steps if s.main)
    return 3 * record.main_reps[0] >= planned > 0


def days_since(records: Sequence[Dated], today: date) -> int | None:
    return min(((today - r.day).days for r in records), default=None)


def weeks_before(records: Sequence[Dated], last: date) -> list[int]:
    """Nordic reps (main work done) of each of the four 7-day weeks ending on `last`, the latest first."""
    totals = [0] * 4
    for record in records:
        back = (last - record.day).days
        if record.nordic and trained(record) and 0 <= back < 28:
            totals[back // 7] += record.nordic_reps
    return totals


def run_of_the_week(counted: tuple[tuple[Dated, WeekChoice], ...]) -> list[WeekChoice]:
    """The counted sessions of the week in progress: back to its first (or to a step back or a hold)."""
    run: list[WeekChoice] = []
    for _, choice in reversed(counted):
        if run and (choice.week != run[0].week or choice.maintenance):
            break
        run.append(choice)
        if choice.stepped_back or choice.held:
            break
    return run


def check_programme(name: str, past: list[Record], today: date, maintenance: str) -> WeekChoice:
    programme = SESSIONS[name]
    found = progress(programme, past, today, maintenance)
    assert found is not None
    choice, counted = found.choice, found.counted
    assert choice.due, choice
    table = programme.for_week(choice.week).main_step
    planned = planned_session(programme, choice).main_step
    assert table is not None and planned is not None
    if choice.dose is not None:
        assert choice.maintenance and choice.dose == LOW_DOSE
        table = table._replace(sets=LOW_DOSE[0], reps=LOW_DOSE[1], set_reps=())
    assert planned.sets <= table.sets, (planned, table)
    assert all(planned.reps_in(n) <= table.reps_in(n) for n in range(1, planned.sets + 1)), (planned, table)
    if not counted:
        assert choice.week == 1, choice
        return choice
    last = counted[-1][1]
    assert choice.week <= last.week + 1, (last, choice)
    run = run_of_the_week(counted)
    if choice.week == last.week and not (choice.stepped_back or choice.held or choice.maintenance):
        assert len(run) < programme.sessions_per_week[choice.week - 1], (run, choice)
    nordics = [r for r in past if r.nordic and trained(r)]
    away = days_since([r for r, _ in counted], today)
    assert away is not None
    if away >= BREAK_DAYS and not last.maintenance:
        assert choice.week <= last.week, (last, choice)
    if away >= BREAK_DAYS:
        before = weeks_before(past, max(r.day for r in nordics))
        cap = max(weekly_volume(programme, 1), max(before))
        assert weekly_volume(programme, choice.week) <= cap, (before, choice)
    stepped_back_well(programme, past, today, choice)
    return choice


def stepped_back_well(programme: Session, past: Sequence[Dated], day: date, choice: WeekChoice) -> None:
    """After 21 days or more without Nordic work, a programme's whole week is at most about half the
    Nordic reps of the last week before (week 1 the floor)."""
    nordics = [r for r in past if r.nordic and trained(r) and r.day < day]
    off = days_since(nordics, day)
    if off is None or off < BREAK_DAYS:
        return
    last_week = weeks_before(nordics, max(r.day for r in nordics))[0]
    assert weekly_volume(programme, choice.week) <= max(weekly_volume(programme, 1), last_week / 2), \
        (off, last_week, choice)


@FAST
@given(histories, st.integers(0, 10), modes)
def test_the_suggested_dose_never_goes_beyond_the_week_or_up_after_a_break(
        history: list[Record], days_after: int, maintenance: str) -> None:
    now = after(history) + timedelta(days=days_after)
    past = [r for r in history if r.started <= now]
    today = now.date()
    got = suggest(SESSIONS, past, now, 2, maintenance)
    if got.session is None:
        return
    planned = SESSIONS[got.session]
    if got.session in PROGRAMMES:
        planned = planned_session(planned, check_programme(got.session, past, today, maintenance))
    nordics = [r for r in past if r.nordic and trained(r)]
    off = days_since(nordics, today)
    if off is not None and off >= BREAK_DAYS:
        last_week = weeks_before(past, max(r.day for r in nordics))[0]
        assert nordic_reps(planned) <= max(FLOOR_REPS, last_week / 2), (got, last_week)
    if nordic_reps(planned) > FLOOR_REPS and got.session not in PROGRAMMES:
        recent = [r.nordic_reps for r in nordics if (today - r.day).days < BREAK_DAYS]
        assert max(recent, default=0) >= STRENGTH_DAY_AFTER, (got, recent)


@st.composite
def obedient_runs(draw: st.DrawFn) -> tuple[list[Record], Diary, str]:
    """A runner who opens the app on most days of about ten weeks, with breaks, and does what home suggests;
    before eccentric work the check decides (its alternative otherwise). Answers soreness now and then."""
    days = draw(st.integers(30, 110))
    away = set()
    for start, length in draw(st.lists(st.tuples(st.integers(0, days), st.integers(20, 45)), max_size=1)):
        away |= set(range(start, start + length))
    first = datetime(2026, 3, 2, tzinfo=HOME)
    races = draw(races_around(first + timedelta(days=draw(st.integers(0, days)))))
    checks: list[Check] = []
    maintenance = draw(modes)
    history: list[Record] = []
    on = draw(st.sampled_from((None, *PROGRAMMES)))
    if on is not None:  # weeks of a programme done before: home follows it from there
        weeks = draw(st.integers(1, SESSIONS[on].total_weeks))
        offsets = (0, 2, 4) if max(SESSIONS[on].sessions_per_week) == 3 else (0, 3)
        history = followed(SESSIONS[on], rhythm(first - timedelta(weeks=weeks, days=1), weeks, offsets),
                           maintenance=maintenance)
    for day in range(days):
        if day in away or not draw(st.integers(0, 3)):
            continue
        now = datetime.combine(first.date() + timedelta(days=day), time(0), tzinfo=HOME) + timedelta(
            minutes=draw(st.sampled_from((5, 7 * 60, 12 * 60 + 30, 19 * 60, 23 * 60 + 50))))
        diary = Diary(checks=tuple(checks), races=races)
        name = suggest(SESSIONS, history, now, 2, maintenance, diary).session
        if name is None:
            continue
        name = after_the_check(draw, name, history, now, checks, races, maintenance, st.sampled_from((0, 1, 2, 3, 4, 6, 8)))
        if name is None:
            continue
        session = SESSIONS[name]
        choice = current_week(session, history, now.date(), maintenance, tuple(checks))
        history.append(recorded(planned_session(session, choice), now, f"d{day}", done=draw(st.booleans() | st.just(True)),
                                lost=draw(st.integers(0, 4)), soreness=draw(st.sampled_from((None, None, None, 1, 3, 6))),
                                week=choice.week if choice else None,
                                maintenance=bool(choice and choice.maintenance)))
    return history, Diary(tuple(checks), races), maintenance


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(obedient_runs())
def test_a_runner_who_follows_the_app_is_never_overdosed(run: tuple[list[Record], Diary, str]) -> None:
    history, diary, maintenance = run
    eccentric = [r for r in history if r.eccentric]
    for one, two in zip(eccentric, eccentric[1:]):
        assert two.started - one.started >= timedelta(hours=46), (one.session, two.session, two.started)
    for record in (r for r in eccentric if r.id.startswith("d")):  # the app's advice, not the weeks before it
        assert not in_margin(diary, record.started), (record.session, record.started)
        said = [(c.when, c.soreness) for c in diary.checks if c.when <= record.started and c.soreness is not None]
        said += [(r.ended, r.soreness) for r in history if r.ended <= record.started and r.soreness is not None]
        recent = [pair for pair in said if record.started - pair[0] <= timedelta(hours=72)]
        assert not recent or max(recent)[1] < SORE, (record.session, record.started, max(recent))
    for name in PROGRAMMES:
        found = progress(SESSIONS[name], history, after(history).date(), maintenance, diary.checks)
        assert found is not None
        counted = found.counted
        for (_, was), (then, week) in zip(counted, counted[1:]):
            assert week.due and week.week <= was.week + 1, (then.started, was, week)
            stepped_back_well(SESSIONS[name], history, then.day, week)
        assert all(choice.due for _, choice in counted[:1])
