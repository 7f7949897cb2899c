"""How many Nordic reps a session may hold today, for what the runner has built up to.

An unaccustomed first session of 24 Nordics left strength down for three days, and the same 24 four
weeks later did far less harm (Coratella 2025): the muscle tolerates what it has lately done. So a
session is weighed against the biggest Nordic session of the last three weeks: at most 3 reps more
(the beginner progression's biggest step), and 10 for a runner with none (week 1 of Mjølsnes 2004).

A programme whose weeks are the literature's own (the 10-week progression of Mjølsnes 2004 that
Petersen 2011 tested, or the beginner progression built on the low-volume studies) doses itself by
its weeks: its progression holds a week and steps back after a break, and this rule never fights it.
Any other programme, a built-in copied and edited included, goes no faster than the 10-week
progression would take the same runner: its week may hold the next step of the 10-week table above
the biggest recent session (12 to 21, 21 to 27: Mjølsnes' own steps) only on a day the 10-week
progression, replayed on the runner's sessions of that programme, is at that step too
(docs/dosing.md, "Nordic reps you have built up to").

Such a programme is weighed by the week too (`week_reason`): its sessions a week multiply the week's
Nordics, so the 7 days up to a session of it hold no more Nordic sessions or reps than the 10-week
programme's week for the runner, unless 7 days of their last three weeks held as many (docs/dosing.md,
"Nordic sessions in a week").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from hamstride.domain.model import Exercise, Session, Step
from hamstride.domain.progression import BEGINNER_TAG, current_week, planned_session, planned_volume
from hamstride.domain.record import taken
from hamstride.domain.targets import WEEKLY

if TYPE_CHECKING:
    from hamstride.domain.diary import Check
    from hamstride.domain.outline import Dated
    from hamstride.domain.progression import WeekChoice

NORDIC_FLOOR = 10  # a runner with no Nordic session lately: week 1 of the 10-week programme
NORDIC_STEP_UP = 3  # over the biggest recent session: the beginner progression's biggest step (12 to 15)
RECENT_NORDIC_DAYS = 21  # three weeks: after that the adaptations fade (Andrews 2025)
WEEK_DAYS = 7  # the literature's doses are by the week: sessions a week, and their reps

# The literature's progressions, week by week: sessions in the week, and the Nordic reps of each set.
TEN_WEEKS = ((1, (5, 5)), (2, (6, 6)), (3, (8, 7, 6)), (3, (10, 9, 8)), *((3, (12, 10, 8)),) * 6)  # Mjølsnes 2004
BEGINNER_WEEKS = ((1, (3, 3)), (2, (4, 4)), (2, (5, 5)), (2, (4, 4, 4)), *((2, (5, 5, 5)),) * 2,
                  *((2, (6, 6, 6)),) * 2)  # the beginner design of docs/dosing.md (Presland 2018, Lacome 2020)
TEN_WEEK_STEPS = sorted({sum(reps) for _, reps in TEN_WEEKS})  # 10, 12, 21, 27, 30 Nordic reps a session


class Dose(NamedTuple):
    """A session's Nordic reps as it would run today, and the most the runner has built up to."""

    planned: int
    allowed: int
    recent: int  # the biggest Nordic session of the last three weeks
    week: WeekChoice | None  # a programme's week today

    @property
    def over(self) -> bool:
        return self.planned > self.allowed


def weighed_as_nordic(step: Step, programme: bool = False) -> bool:
    """A step whose reps this rule weighs: marked `exercise = "nordic"`; with no `exercise` key, a
    programme's main step (what its weeks progress, whatever its name: "Hamstring lowers", "Nordisk"), or
    an eccentric or main step whose name says Nordic. A runner's file that left the key out would otherwise
    plan 60 Nordics as 0 and pass every check; its reps are weighed, though its runs build up nothing (the
    history counts marked Nordics only), and `hamstride check` asks for the key (storage/dose_notes.py).
    Another exercise is said with its key (`exercise = "hip-thrust"`)."""
    if step.exercise is not None:
        return step.exercise is Exercise.NORDIC
    return (programme and step.main and not step.kind.is_break) or ((step.eccentric or step.main) and "nordic" in step.name.casefold())


def weighed_steps(session: Session) -> list[Step]:
    """The steps of a session (a programme: of the week it is at) whose reps are weighed as Nordics."""
    return [step for step in session.steps if weighed_as_nordic(step, bool(session.weeks))]


def weighs_nordics(session: Session) -> bool:
    return bool(weighed_steps(session))


def planned_nordics(session: Session) -> int:
    """Nordic reps a session plans as it is (both sides counted)."""
    return sum(sum(step.reps_in(n) for n in range(1, step.sets + 1)) * (2 if step.sides else 1)
               for step in weighed_steps(session))


def biggest_recent(records: Iterable[Dated], now: datetime) -> int:
    """The most Nordic reps of one session in the last three weeks (a session dated after now: done by now)."""
    first = now - timedelta(days=RECENT_NORDIC_DAYS)
    return max((r.nordic_reps for r in records if first <= r.started), default=0)


def weigh(session: Session, records: Sequence[Dated], now: datetime, maintenance: str = WEEKLY,
          checks: Iterable[Check] = ()) -> Dose:
    """The session as it would start today (a programme: the week its progression gives, as home, `hamstride
    today` and `run NAME` start it), against what the runner has built up to."""
    checks = tuple(checks)
    choice = current_week(session, records, now.date(), maintenance, checks) if session.weeks else None
    planned = planned_nordics(planned_session(session, choice))
    recent = biggest_recent(records, now)
    allowed = max(NORDIC_FLOOR, recent + NORDIC_STEP_UP)
    if planned <= allowed or not session.weeks:
        return Dose(planned, allowed, recent, choice)
    if the_literatures(session):  # its own week, stepped back or held as its progression says
        return Dose(planned, planned, recent, choice)
    step = next_step(recent)
    if step > allowed:  # the next step of the 10-week table: only where that progression has the runner
        reference = ten_weeks_as(session)
        week = current_week(reference, records, now.date(), maintenance, checks)
        allowed = max(allowed, min(step, planned_nordics(planned_session(reference, week))))
    return Dose(planned, allowed, recent, choice)


def next_step(recent: int) -> int:
    """The 10-week table's next dose above a session of `recent` Nordic reps (10 below its first)."""
    reached = [n for n, dose in enumerate(TEN_WEEK_STEPS) if dose <= recent]
    return TEN_WEEK_STEPS[min(reached[-1] + 1, len(TEN_WEEK_STEPS) - 1)] if reached else TEN_WEEK_STEPS[0]


def shape(session: Session) -> tuple[object, ...]:
    """What a programme's progression reads of its doses: each week's sessions, main reps and Nordic reps."""
    weeks = tuple((session.sessions_per_week[n - 1] if session.sessions_per_week else 1,
                   planned_volume(session.for_week(n)), planned_nordics(session.for_week(n)))
                  for n in range(1, session.total_weeks + 1))
    return (*weeks, BEGINNER_TAG in session.tags)


def table_shape(table: tuple[tuple[int, tuple[int, ...]], ...], beginner: bool) -> tuple[object, ...]:
    return (*((n, sum(reps), sum(reps)) for n, reps in table), beginner)


LITERATURE = (table_shape(TEN_WEEKS, False), table_shape(BEGINNER_WEEKS, True))


def the_literatures(session: Session) -> bool:
    """A programme with the doses of a progression of the literature (its words may be the runner's own)."""
    return shape(session) in LITERATURE


def ten_weeks_as(session: Session) -> Session:
    """The 10-week progression under this programme's name: its sessions in the history read as its own."""
    nordic = weighed_steps(session)[0]
    weeks = tuple((nordic._replace(sets=len(reps), reps=max(reps), set_reps=reps, sides=False, main=True),)
                  for _, reps in TEN_WEEKS)
    return session._replace(steps=weeks[0], weeks=weeks, sessions_per_week=tuple(n for n, _ in TEN_WEEKS),
                   tags=(), week=None)


class Load(NamedTuple):
    """Nordic sessions and their reps in 7 days."""

    sessions: int
    reps: int

    def within(self, most: Load) -> bool:
        return self.sessions <= most.sessions and self.reps <= most.reps


def load_before(sessions: Iterable[tuple[Dated, int]], end: datetime) -> Load:
    """The Nordic sessions begun in the 7 days up to `end` (each with its Nordic reps), and their reps."""
    inside = [reps for r, reps in sessions if end - timedelta(days=WEEK_DAYS) < r.started <= end]
    return Load(len(inside), sum(inside))


def nordics_done(record: Dated, programme: str) -> int:
    """A session's Nordic reps; a run of the programme `programme` whose main step has no exercise key
    (weighed as Nordics, counted as none by the history) by its eccentric main reps."""
    if record.nordic:
        return record.nordic_reps
    if record.session != programme or not record.eccentric:
        return 0
    # A session read in part (domain/salvaged.py) says no main work done: its eccentric reps are the Nordics.
    return record.main_reps[0] or record.eccentric_reps


def week_reason(records: Sequence[Dated], now: datetime, session: Session, maintenance: str = WEEKLY,
                checks: Iterable[Check] = ()) -> str | None:
    """Why a runner's own programme's session today would make more Nordic sessions or reps in 7 days than
    the 10-week programme gives in its week for this runner, if it would (docs/dosing.md, "Nordic sessions
    in a week"). The literature's week is the 10-week programme replayed on the runner's sessions of this
    programme (as `weigh` finds its next step); the 7 days hold every Nordic session of the runner's, a try
    (under a third of a session of that week) aside. A runner whose 7 days, in the last three weeks, already
    held as many sessions and reps is used to that load: it passes. A programme with the literature's own
    weeks and sessions a week follows its weeks (its calendar spaces them), as `weigh` lets it."""
    if not session.weeks or the_literatures(session):
        return None
    checks, today = tuple(checks), now.date()
    own = current_week(session, records, today, maintenance, checks)
    planned = planned_nordics(planned_session(session, own))
    if not planned:
        return None
    reference = ten_weeks_as(session)
    week = current_week(reference, records, today, maintenance, checks)
    assert week is not None
    per_session = planned_nordics(planned_session(reference, week))
    a_week = 1 if week.maintenance else TEN_WEEKS[week.week - 1][0]
    literature = Load(a_week, a_week * per_session)
    first = now - timedelta(days=RECENT_NORDIC_DAYS)
    done_by = [(r, nordics_done(r, session.name)) for r in records
               if first - timedelta(days=WEEK_DAYS) < r.started <= now]
    counted = [(r, reps) for r, reps in done_by if taken(reps, per_session)]
    done = load_before(counted, now)
    after = Load(done.sessions + 1, done.reps + planned)
    if after.within(literature):
        return None
    if any(after.within(load_before(counted, r.started)) for r, _ in counted if first <= r.started):
        return None  # done as much in 7 days lately: the load the muscle is used to
    times = "1 session" if a_week == 1 else f"{a_week} sessions"
    where = "its maintenance" if week.maintenance else f"its week {week.week}"
    title = f"{session.title} ({own.banner.lower()})" if own is not None else session.title
    return (f"{title} would make {after.sessions} Nordic sessions and {after.reps} Nordic reps in 7 days: the "
            f"10-week programme, run as your sessions of this one were, is at {where}, {times} and "
            f"{literature.reps} reps a week (Mjølsnes 2004), and no 7 days of your last three weeks held as much")


def dose_reason(records: Sequence[Dated], now: datetime, session: Session, maintenance: str = WEEKLY,
                checks: Iterable[Check] = ()) -> str | None:
    """Why a session's Nordics are too many for what the runner has done lately, if they are: in the
    session, or (a runner's own programme) in its 7 days."""
    checks = tuple(checks)
    dose = weigh(session, records, now, maintenance, checks)
    if not dose.over:
        return week_reason(records, now, session, maintenance, checks)
    lately = f"your biggest Nordic session of the last three weeks had {dose.recent}" if dose.recent else \
        "no Nordic session in the last three weeks"
    week = f" ({dose.week.banner.lower()})" if dose.week is not None else ""
    return (f"{session.title}{week} has {dose.planned} Nordic reps and {lately}: build up (at most "
            f"{dose.allowed} today); a first session of 24 left strength down for three days (Coratella 2025)")
