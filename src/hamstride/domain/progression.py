"""Which week of a programme is next, by the calendar, and why.

The week is a function of the dated sessions that took a session's dose: the
history is replayed session by session, each one counted in the week the rules
gave on its day. A `week` written in a record is what was shown then, never an
input (an older version, a hand edit or a synced file cannot move a runner on).
A session quit part-way counts once a third of its main reps were done (the
dose was taken: quit at the last rep, it is not offered again 48 h later); fewer
is a try, which counts for nothing but the 48 h after it.

A programme week lasts at least seven days, held or not, and moves on only when
its sessions were done (at least 48 h apart), two thirds of its reps done and
most of them controlled, and soreness had cleared within two days of each of
its sessions (docs/dosing.md: "move up only if soreness cleared within 48 h").
After the last week comes maintenance: one session a week (Petersen 2011), or
the low-volume 2 x 5 (the beginner programme's own maintenance).

Time away from the programme's dose is a break, whatever else was done: after
three weeks the next dose steps back to what the runner actually did in the
four weeks before (never more), and after three weeks without any Nordic work
to about half of the last week's (the fascicle gains fall by 12-16% after three
weeks off, Andrews 2025); six weeks without Nordics start again at week 1.
The suggestion on the home screen asks this module, so the two agree.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple

from hamstride.domain.done_by import by_day, checks_by_day
from hamstride.domain.model import Session
from hamstride.domain.record import taken
from hamstride.domain.targets import LOW_VOLUME, LOW_VOLUME_SESSION, WEEKLY

if TYPE_CHECKING:  # names in signatures only: `run FILE` plans without importing the diary
    from hamstride.domain.answers import Soreness
    from hamstride.domain.diary import Check
    from hamstride.domain.outline import Dated
    from hamstride.domain.record import Record

MIN_WEEK_DAYS = 7  # a programme week lasts at least a week, however often one trains
SPACING_HOURS = 46.0  # "48 h between eccentric sessions", with slack for the same time of day two days later
HALF_AFTER_DAYS = 21  # about three weeks off: the adaptations start to fade (Andrews 2025)
RESTART_AFTER_DAYS = 42  # six weeks off: back to week 1
LOOK_BACK_WEEKS = 4  # a step back never goes above the weekly volume of the four weeks before the break
HOLD_LOST_SHARE = 1 / 3  # more than a third of the week's main reps got away: the week holds
MOVE_ON_SHARE = Fraction(2, 3)  # a week moves on only when its sessions did two thirds of its reps
SORE = 5  # of 10: soreness at this level or more is not cleared
CLEARED_BY_DAY = 2  # soreness should be gone two days after (docs/dosing.md: within 48 h)
SORENESS_WINDOW_DAYS = 3  # soreness after Nordics peaks on days 2-3 (Coratella 2025)
LOW_DOSE = (2, 5)  # low-volume maintenance: 2 x 5 once a week (the beginner design of docs/dosing.md)
BEGINNER_TAG = "beginner"  # a beginner programme keeps its own low-volume maintenance


class WeekChoice(NamedTuple):
    week: int
    total: int
    reason: str
    due: bool = True  # a session of this week is still to do; False: done, the next week starts on next_on
    next_on: date | None = None
    maintenance: bool = False  # after the last week: one session a week
    held: bool = False  # the week repeats: too many reps got away, or soreness had not cleared
    stepped_back: bool = False  # a break sent it back by dose
    dose: tuple[int, int] | None = None  # sets x reps of the main step, when not the week's own (low-volume)

    @property
    def banner(self) -> str:
        if self.maintenance:
            low = f", {self.dose[0]} x {self.dose[1]}" if self.dose else ""
            return f"Maintenance after {self.total} weeks{low}"
        return f"Week {self.week} of {self.total}"


def planned_session(session: Session, choice: WeekChoice | None) -> Session:
    """The session as this choice runs it: its week, with the low-volume dose where it says so."""
    if choice is None:
        return session
    chosen = session.for_week(choice.week)
    if choice.dose is None:
        return chosen
    sets, reps = choice.dose
    steps = tuple(s._replace(sets=sets, reps=reps, set_reps=()) if s.main else s for s in chosen.steps)
    return chosen.with_steps(steps)


def resumed_plan(session: Session, record: Record) -> tuple[Session, str]:
    """The session a crashed run is resumed with, and its banner: the plan it was started with. A
    low-volume maintenance run was 2 x 5, not its programme week's dose; the journal's record says so
    (its main step's planned sets and reps), and the week's dose would be an over-dose on resume."""
    if record.week is None:
        return session, ""
    chosen = session.for_week(record.week)
    started = next(((s.planned_sets, s.planned_reps) for s in record.steps if s.main), None)
    week_main = next(((s.sets, s.reps) for s in chosen.steps if s.main), None)
    dose = started if record.maintenance and started is not None and started != week_main else None
    choice = WeekChoice(record.week, session.total_weeks, "", maintenance=record.maintenance, dose=dose)
    return planned_session(session, choice), choice.banner


def beyond(done: int, needed: int) -> str:
    """The sessions of a week run past its dose ("go ahead anyway"): never "2 of 1 sessions done"."""
    return f", and {done - needed} more beyond the week's dose" if done > needed else ""


def too_soon(last: Dated, record: Dated) -> bool:
    """A session begun within 48 h of the end of the last counted one is not another session of the week.
    From its end, as the readiness check's 48 h: a session resumed in the evening after a morning crash
    keeps the morning as its start, and did its Nordics near its end."""
    return (record.started - last.ended).total_seconds() < SPACING_HOURS * 3600


def main_volume(session: Session, week: int) -> int:
    """Reps of a session's main work in one session of a programme week (both sides counted)."""
    return planned_volume(session.for_week(week))


def planned_volume(planned: Session) -> int:
    """Reps of main work a session plans as it is (both sides counted)."""
    steps = planned.steps
    main = [s for s in steps if s.main] or [s for s in steps if s.eccentric]
    return sum(sum(s.reps_in(n) for n in range(1, s.sets + 1)) * (2 if s.sides else 1) for s in main)


def weekly_volume(session: Session, week: int) -> int:
    """Reps of main work a programme plans for one whole week: every session of it."""
    needed = session.sessions_per_week[week - 1] if session.sessions_per_week else 1
    return main_volume(session, week) * needed


class Work(NamedTuple):
    started: datetime
    day: date
    reps: int
    record: int  # id() of its record: the replay credits the programme's sessions it counted


class WorkLog:
    """The runner's dated work of one kind (Nordic reps for a Nordic programme), looked up by time. Work
    counts as training when its main work was done, or when the replay counted it as a session of its
    week (`credit`): a try of a few reps is neither."""

    def __init__(self, records: Sequence[Dated], nordic: bool) -> None:
        work = [Work(r.started, r.day, r.nordic_reps if nordic else r.eccentric_reps, id(r))
                for r in records if (r.nordic if nordic else r.eccentric)]
        self.work = sorted(work, key=lambda w: w.started)
        self.times = [w.started for w in self.work]
        self.counted = {id(r) for r in records if r.main_done}

    def credit(self, record: Dated) -> None:
        """A session the replay counted in its week, its main work quit part-way: training all the same."""
        self.counted.add(id(record))

    def last_day(self, before: datetime | None, today: date) -> date | None:
        """The day of the latest session whose main work was done, before a time (None: up to today)."""
        end = len(self.work) if before is None else bisect_left(self.times, before)
        for index in range(end - 1, -1, -1):  # from the latest back: usually a step or two
            work = self.work[index]
            if work.record in self.counted and work.day <= today:
                return work.day
        return None

    def weeks_before(self, last: date) -> list[int]:
        """Reps done in each of the four 7-day weeks that end on `last`, the latest first (sessions whose
        main work was done: what the runner did, as the week is counted)."""
        totals = [0] * LOOK_BACK_WEEKS
        for work in self.work:
            back = (last - work.day).days
            if work.record in self.counted and 0 <= back < 7 * LOOK_BACK_WEEKS:  # a try is not training
                totals[back // 7] += work.reps
        return totals


class SoreLog:
    """Every soreness answer, by time: the answers of a few days after a session, found without a scan."""

    def __init__(self, reports: Iterable[Soreness]) -> None:
        self.reports = sorted(reports, key=lambda r: r.when)
        self.times = [r.when for r in self.reports]

    def after(self, record: Dated, days: int) -> list[Soreness]:
        """The answers given after the session started, up to the end of the `days`-th day after it."""
        first = bisect_left(self.times, record.started)
        found = []
        for report in self.reports[first:]:
            if (report.when.date() - record.day).days > days:
                break
            if report.when > record.started:
                found.append(report)
        return found


class _State(NamedTuple):
    week: int = 0  # 0: not begun
    run: tuple[Dated, ...] = ()  # the counted sessions of the week in progress
    maintenance: bool = False
    last: date | None = None  # the last counted session of the programme

    def after(self, choice: WeekChoice, record: Dated) -> _State:
        if choice.maintenance:
            return _State(choice.total, (), True, record.day)
        if choice.stepped_back or choice.held or choice.week != self.week:
            return _State(choice.week, (record,), False, record.day)  # a week (again) from its first session
        return _State(self.week, (*self.run, record), False, record.day)


class Progress(NamedTuple):
    choice: WeekChoice  # today's week
    counted: tuple[tuple[Dated, WeekChoice], ...]  # each session that counted, with the week it was


def progress(session: Session, history: Iterable[Dated], today: date, maintenance: str = WEEKLY,
             checks: Iterable[Check] = ()) -> Progress | None:
    """The programme replayed from its dated sessions: the week each one was, and today's. The sessions
    may be whole records or their outlines (domain/outline.py): the rules read the same of both."""
    total = session.total_weeks
    if not total:
        return None
    from hamstride.domain.answers import soreness_reports  # a programme's: a session without weeks plans without it

    # A session or an answer dated after today (a clock put right since) was done by today all the same.
    records = sorted(by_day(history, today), key=lambda r: r.started)
    log = WorkLog(records, session.nordic)
    sore = SoreLog(soreness_reports(records, checks_by_day(checks, today), named=False))
    state = _State()
    counted: list[tuple[Dated, WeekChoice]] = []
    for record in records:
        own = record.session == session.name
        if not (own or record.session == LOW_VOLUME_SESSION) or (counted and too_soon(counted[-1][0], record)):
            continue
        choice = _decide(session, state, record.day, record.started, log, sore, maintenance)
        if not (own or choice.maintenance):
            continue  # the low-volume session is the programme's own only as its maintenance: else other work
        if not (record.main_done or taken(record.main_reps[0], planned_volume(planned_session(session, choice)))):
            continue  # a try: not a session of the week (the 48 h after it the check keeps all the same)
        log.credit(record)
        counted.append((record, choice))
        state = state.after(choice, record)
    return Progress(_decide(session, state, today, None, log, sore, maintenance), tuple(counted))


def current_week(session: Session, history: Iterable[Dated], today: date, maintenance: str = WEEKLY,
                 checks: Iterable[Check] = ()) -> WeekChoice | None:
    """The programme week to run today, or None for a session without a progression."""
    found = progress(session, history, today, maintenance, checks)
    return found.choice if found is not None else None


def _decide(session: Session, state: _State, day: date, before: datetime | None, log: WorkLog,
            sore: SoreLog, mode: str) -> WeekChoice:
    """The week on `day`, from what was counted so far and the work done before `before`."""
    total = session.total_weeks
    if state.week == 0 or state.last is None:
        return WeekChoice(1, total, "your first week of the programme")
    worked = max(state.last, log.last_day(before, day) or state.last)
    off = (day - worked).days
    away = (day - (worked if state.maintenance else state.last)).days
    what = "Nordic session" if session.nordic else "eccentric session"
    if off >= RESTART_AFTER_DAYS:
        return WeekChoice(1, total, f"{off} days since your last {what}: after six weeks off the programme starts "
                                    "again at week 1", stepped_back=True)
    if off >= HALF_AFTER_DAYS or away >= HALF_AFTER_DAYS:
        return _step_back(session, state, log, worked, off, away, what)
    if state.maintenance:
        return _maintenance(session, worked, day, mode)
    week, run = state.week, state.run
    needed = session.sessions_per_week[week - 1] if session.sessions_per_week else 1
    done = len(run)
    if done < needed:
        return WeekChoice(week, total, f"{done} of {needed} sessions of week {week} done")
    hold = _hold(main_volume(session, week), needed, run, sore, day, before)
    starts = run[0].day + timedelta(days=MIN_WEEK_DAYS)
    following = f"week {week + 1}" if week < total else "maintenance"
    if day < starts:  # a held week too: it runs again in full, and a week lasts at least seven days
        then = f"week {week} again from {starts:%A %d %B}: {hold}" if hold else \
            f"{following} starts on {starts:%A %d %B}"
        return WeekChoice(week, total, f"week {week} done ({min(done, needed)} of {needed} sessions{beyond(done, needed)}); {then}: a programme "
                                       f"week lasts at least {MIN_WEEK_DAYS} days", due=False, next_on=starts)
    if hold:
        return WeekChoice(week, total, f"week {week} again: {hold}", held=True)
    if week < total:
        return WeekChoice(week + 1, total, f"week {week} done ({min(done, needed)} of {needed} sessions{beyond(done, needed)})")
    return _maintenance(session, worked, day, mode, first=True)


def _step_back(session: Session, state: _State, log: WorkLog, worked: date, off: int, away: int,
               what: str) -> WeekChoice:
    """Back to the highest week whose whole dose fits what the runner did before the break."""
    total = session.total_weeks
    level = total if state.maintenance else state.week
    weeks = log.weeks_before(worked)
    cap = float(max(weeks))
    if off >= HALF_AFTER_DAYS:  # no work of the kind at all: the gains fade (Andrews 2025)
        cap = min(cap, weeks[0] / 2)
        why = (f"{off} days since your last {what}: the adaptations fade after about three weeks off "
               f"(Andrews 2025), so at most about half the volume of your last week ({weeks[0]} reps)")
    else:
        why = (f"{away} days away from the programme: its dose steps back to what you did in the four weeks "
               f"before, up to {max(weeks)} reps a week")
    fits = [w for w in range(1, level + 1) if weekly_volume(session, w) <= cap]
    back = max(fits, default=1)
    dose = f"week {back} ({weekly_volume(session, back)} reps a week{'' if fits else ', the smallest dose'})"
    if back == level and not state.maintenance:
        return WeekChoice(back, total, f"{why}: {dose} again from its first session", stepped_back=True)
    was = "maintenance" if state.maintenance else f"week {level} ({weekly_volume(session, level)})"
    return WeekChoice(back, total, f"{why}: {dose} instead of {was}", stepped_back=True)


def _maintenance(session: Session, worked: date, day: date, mode: str, first: bool = False) -> WeekChoice:
    total = session.total_weeks
    low = mode == LOW_VOLUME or BEGINNER_TAG in session.tags
    how = ("one session a week of the last week's dose (Petersen 2011)" if not low else
           f"one low-volume session a week, {LOW_DOSE[0]} x {LOW_DOSE[1]} (Presland 2018, Lacome 2020)")
    dose = LOW_DOSE if low else None
    if first:
        return WeekChoice(total, total, f"the {total} weeks are done: maintenance, {how}", maintenance=True, dose=dose)
    starts = worked + timedelta(days=MIN_WEEK_DAYS)
    if day < starts:
        return WeekChoice(total, total, f"maintenance: this week's session is done; the next from "
                                        f"{starts:%A %d %B} ({how})", due=False, next_on=starts, maintenance=True,
                          dose=dose)
    return WeekChoice(total, total, f"maintenance: {how}", maintenance=True, dose=dose)


def _hold(per_session: int, needed: int, run: Sequence[Dated], sore: SoreLog, day: date,
          before: datetime | None) -> str:
    """Why the week should not move on yet, or "" when it may: read from every session of the week
    (`per_session`: the main reps one session of it plans; a session whose main work was done did them)."""
    volume = per_session * needed
    done = min(volume, sum(per_session if r.main_done else min(r.main_reps[0], per_session) for r in run))
    if done < volume * MOVE_ON_SHARE:
        return (f"{done} of the week's {volume} reps done; the next week's dose follows the week done, "
                "not the week begun")
    # Reps beyond a session's plan (a set redone after `b`) do not dilute the falls of the first go.
    reps = sum(min(r.main_reps[0], per_session or r.main_reps[0]) for r in run)
    lost = min(reps, sum(r.main_reps[1] for r in run))
    if reps and lost / reps > HOLD_LOST_SHARE:
        return (f"{lost} of {reps} reps got away from you this week; move on when most are controlled "
                "(or take an easier variant for a while)")
    for record in run:
        for answer in sore.after(record, SORENESS_WINDOW_DAYS):
            days = (answer.when.date() - record.day).days
            if (answer.when > record.started and CLEARED_BY_DAY <= days <= SORENESS_WINDOW_DAYS
                    and answer.when.date() <= day and (before is None or answer.when < before)
                    and answer.value >= SORE):
                return (f"soreness was still {answer.value}/10 {days} days after your session of "
                        f"{record.day:%A %d %B}; move on once it clears within two days")
    return ""
