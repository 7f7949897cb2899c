"""Random runners for the safety properties: histories of built-in sessions, answers and race diaries.

A history is what a runner who does not always listen leaves behind: sessions at any minute of the
day (midnight included), two a day now and then, breaks of three to eight weeks, sessions quit before
their main work, soreness answers on summaries, at checks and at checks backed out of, and the offsets
of a runner who travels. Each record is what the app would write: a programme's reps are its week's
dose on that day (progression.current_week), every other session's its file's main step.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time, timedelta, timezone
from typing import NamedTuple

from hypothesis import strategies as st

from hamstride.domain import kinds
from hamstride.domain.diary import Check, Diary, Effort, Race
from hamstride.domain.model import Exercise, Session
from hamstride.domain.progression import current_week, planned_session
from hamstride.domain.record import Readiness, Record
from hamstride.domain.result import SideResult, StepResult, StepStatus
from hamstride.domain.suggest import check
from tests.unit.test_calendars import SESSIONS

START = datetime(2026, 3, 2, tzinfo=timezone.utc)  # a Monday
HOME = timezone.utc
OFFSETS = (timezone(timedelta(hours=-5)), timezone(timedelta(hours=1)), timezone(timedelta(hours=9)))
PROGRAMMES = ("nordic-programme", "nordic-beginner")
ECCENTRIC = tuple(sorted(name for name, s in SESSIONS.items() if s.eccentric))
GENTLE = ("hip-extensors", "sore-day-isometrics", "rest-day-stretch", "pre-run-warmup", "post-run-pnf")
SORE = 5  # docs/dosing.md, "Soreness": 5/10 or more is sore (an oracle of its own, not the code's constant)

# Race labels, and whether docs/dosing.md calls them a marathon or longer (a distance of 42 km or more).
LABELS = (("10k", False), ("parkrun", False), ("Half marathon", False), ("Half marathon 21.1 km", False),
          ("London Marathon", True), ("50k trail", True), ("100 mile", True), ("Ultra trail", True),
          ("26.2 miles", True), ("42.2 km", True), ("30k", False))
LONG = dict(LABELS)


def main_dose(session: Session) -> list[int]:
    """The reps of each set of the session's main step, per side (what a run of it plans)."""
    main = session.main_step
    return [] if main is None else [main.reps_in(n) for n in range(1, main.sets + 1)]


def recorded(session: Session, when: datetime, ident: str, *, done: bool = True, lost: int = 0,
             soreness: int | None = None, readiness: Readiness | None = None, week: int | None = None,
             maintenance: bool = False, quit_after: int | None = None) -> Record:
    """A run of `session` (already planned for its week) as the app records it; quit part-way when not `done`
    (after `quit_after` main reps, or half of them)."""
    steps = []
    main = session.main_step
    if main is not None:
        reps = sum(main_dose(session)) * (2 if main.sides else 1)
        reps = reps if done else max(1, reps // 2) if quit_after is None else min(quit_after, reps)
        side = SideResult(side=None, sets_done=main.sets if done else 1, reps_done=reps,
                          reps_lost_control=min(lost, reps) if main.eccentric else 0, active_seconds=60.0 * main.sets)
        steps.append(StepResult(index=0, name=main.name, kind=kinds.TEMPO if main.eccentric else kinds.HOLD,
                                eccentric=main.eccentric, planned_sets=main.sets, planned_reps=main.reps,
                                sides=(side,), status=StepStatus.DONE if done else StepStatus.PARTIAL,
                                exercise=main.exercise if main.exercise is not Exercise.ISOMETRIC else None, main=True))
    else:
        side = SideResult(side=None, sets_done=1, reps_done=1, reps_lost_control=0, active_seconds=300.0)
        steps.append(StepResult(index=0, name=session.steps[0].name, kind=kinds.TIMED, eccentric=False,
                                planned_sets=1, planned_reps=1, sides=(side,), status=StepStatus.DONE))
    minutes = 20
    return Record(id=ident, started=when, ended=when + timedelta(minutes=minutes), session=session.name,
                  title=session.title, completed=done, elapsed_seconds=minutes * 60.0, steps=tuple(steps),
                  soreness=soreness, category=session.category, readiness=readiness, week=week,
                  maintenance=maintenance)


def run_of(name: str, history: list[Record], when: datetime, ident: str, maintenance: str = "weekly",
           sessions: Mapping[str, Session] = SESSIONS, **answers: object) -> Record:
    """A run of a built-in (or of `sessions`) as the app plans it on that day: a programme at the week the
    calendar gives."""
    session = sessions[name]
    choice = current_week(session, history, when.date(), maintenance)
    planned = planned_session(session, choice)
    return recorded(planned, when, ident, week=choice.week if choice else None,
                    maintenance=bool(choice and choice.maintenance), **answers)  # type: ignore[arg-type]


class Visit(NamedTuple):
    """One session in a random history: how long after the one before, what, and what was said."""

    gap: timedelta
    name: str
    done: bool
    lost: int
    soreness: int | None
    before: Readiness | None
    offset: timezone


gaps = st.one_of(
    st.integers(10, 8 * 60).map(lambda m: timedelta(minutes=m)),  # later the same day (or past midnight)
    st.integers(1, 4).flatmap(lambda d: st.integers(-180, 180).map(lambda m: timedelta(days=d, minutes=m))),
    st.integers(20, 60).map(lambda d: timedelta(days=d)),  # a break
)
answers = st.none() | st.integers(0, 10)


@st.composite
def visits(draw: st.DrawFn, names: tuple[str, ...]) -> Visit:
    name = draw(st.sampled_from(names))
    return Visit(draw(gaps), name, draw(st.booleans() | st.just(True)), draw(st.integers(0, 3)), draw(answers),
                 draw(st.none() | st.builds(Readiness, answers, st.none() | st.booleans())),
                 draw(st.sampled_from((HOME, HOME, HOME, *OFFSETS))))


def build(plan: list[Visit], first: datetime = START, sessions: Mapping[str, Session] = SESSIONS) -> list[Record]:
    """The records of these visits, one after another, each planned on the history before it."""
    history: list[Record] = []
    when = first
    for index, visit in enumerate(plan):
        when = (when + visit.gap).astimezone(visit.offset)
        history.append(run_of(visit.name, history, when, f"v{index}", sessions=sessions, done=visit.done,
                              lost=visit.lost, soreness=visit.soreness, readiness=visit.before))
    return history


ALL = (*PROGRAMMES, *PROGRAMMES, *ECCENTRIC, *GENTLE)
# Each history draws from a few kinds of session only (or from all): a runner who only ever did the first
# session and low-volume maintenance meets rules that a mix of everything hardly reaches.
kinds_of_runner = st.just(ALL) | st.lists(st.sampled_from(sorted(set(ALL))), min_size=1, max_size=4,
                                          unique=True).map(tuple)
histories = st.tuples(kinds_of_runner, st.integers(0, 24)).flatmap(
    lambda t: st.lists(visits(t[0]), min_size=t[1], max_size=t[1])).map(build)


@st.composite
def checks_around(draw: st.DrawFn, now: datetime) -> tuple[Check, ...]:
    """Checks the runner answered (or backed out of) in the ten days up to now."""
    found = draw(st.lists(st.tuples(st.integers(0, 10 * 24 * 60), answers, st.none() | st.booleans(),
                                    st.sampled_from((HOME, *OFFSETS))), max_size=4))
    return tuple(Check((now - timedelta(minutes=m)).astimezone(tz), s, k) for m, s, k, tz in found)


@st.composite
def races_around(draw: st.DrawFn, now: datetime) -> tuple[Race, ...]:
    """Races from ten days behind to ten days ahead of now, some with a start time, hard runs among them."""
    found = draw(st.lists(st.tuples(st.integers(-10, 10), st.sampled_from(LABELS), st.sampled_from(list(Effort)),
                                    st.none() | st.times()), max_size=3))
    return tuple(Race(now.date() + timedelta(days=d), label, effort, start) for d, (label, _), effort, start in found)


class Margin(NamedTuple):
    begins: datetime
    ends: datetime


def margin(race: Race, now: datetime) -> Margin:
    """The time docs/dosing.md ("Races and hard runs") keeps clear of eccentric work around a race, written
    from the page, not from the code: 48 h before a hard run and none after the day of it; 3 days before
    and after a race, 7 for a marathon or longer; at least the whole day of it, and an hour after a start."""
    start = datetime.combine(race.day, race.starts_at or time(0), tzinfo=now.tzinfo)
    hours = 48 if race.effort is Effort.HARD else 7 * 24 if LONG[race.label] else 72
    after = 0 if race.effort is Effort.HARD else hours
    day_over = datetime.combine(race.day + timedelta(days=1), time(0), tzinfo=now.tzinfo)
    return Margin(start - timedelta(hours=hours), max(day_over, start + timedelta(hours=1), start + timedelta(hours=after)))


def in_margin(diary: Diary, now: datetime) -> list[Race]:
    return [race for race in diary.races if margin(race, now).begins <= now < margin(race, now).ends]


def moments(last: datetime) -> st.SearchStrategy[datetime]:
    """A moment after the history, in the runner's time now: any minute, midnight and its neighbours often."""
    minute = st.one_of(st.integers(0, 24 * 60 - 1), st.sampled_from((0, 1, 59, 23 * 60 + 59, 23 * 60 + 30)))
    return st.tuples(st.integers(0, 3) | st.integers(0, 12), minute, st.sampled_from((HOME, HOME, *OFFSETS))).map(
        lambda t: datetime.combine(last.astimezone(t[2]).date() + timedelta(days=t[0]), time(0), tzinfo=t[2])
        + timedelta(minutes=t[1]))


def after(history: list[Record]) -> datetime:
    return max((r.ended for r in history), default=START)


def after_the_check(draw: st.DrawFn, name: str, history: list[Record], now: datetime, checks: list[Check],
                    races: tuple[Race, ...], maintenance: str, answers: st.SearchStrategy[int]) -> str | None:
    """The session a runner who lets the check decide does: `name`, or its gentler alternative, or None
    when the check says no and has none. An eccentric session asks first; the answer joins `checks`."""
    session = SESSIONS[name]
    if not session.eccentric:
        return name
    readiness = Readiness(draw(answers), False)
    verdict = check(session, SESSIONS, history, now, readiness, 2, maintenance, Diary(tuple(checks), races))
    checks.append(Check(now, readiness.soreness, readiness.key_run))  # kept, as the app keeps them
    return name if verdict.go else verdict.alternative
