"""What to do today, knowing the whole week: soreness, spacing, the programme, the weekly target.

`suggest` is the coach's one answer for today: home shows it, `hamstride today` prints it, and the
readiness check (`check`) offers it when it holds eccentric work back, so a runner who asks twice gets
one prescription (docs/dosing.md, "One answer for today").

The rules, in order (README "The home screen" says the same):
1. Sore (5/10 or more, reported in the last three days, after any session or at any check): the gentle
   alternative, and why.
2. A race or hard run ahead (told with `hamstride race`, in the runner's calendar file, or answered "yes" at
   a check in the last three days): no eccentric work in the days kept clear before it; isometric holds,
   or on its day the warm-up. After a session already done today (any that loads: not a warm-up or a
   stretch), rest: the gentle session of rules 1 and 2 is instead of the day's load, not on top of it.
3. A focused session already done today: one a day is enough.
4. Eccentric work less than 48 h ago: no eccentric work today; hip-extensor work if the week needs it.
5. No Nordic session yet: the small first session (2 x 3), then the beginner progression.
6. A programme under way: its week, as the programme says (it steps back after breaks itself);
   it replaces the other Nordic sessions, so the rest of the week is hip-extensor work. Low-volume
   maintenance once a week: 7 days after the last Nordic session. A runner's own programme whose week
   has more Nordic reps than they have built up to (dose.py) is not offered: the rules below instead;
   one whose session would make more Nordic sessions or reps in 7 days than the 10-week programme's week
   for this runner is not either, nor any other eccentric work: hip-extensor work, as for a week done.
   No session is offered whose Nordics the check would hold back (a built-in edited): hip extensors.
7. Three weeks without Nordics: ease back in with a small dose.
8. Otherwise the article's rhythm: the strength day, then the short late-week session.
Only strength and eccentric sessions whose main work was taken (done, or a third of its reps: a try is
not) count towards the target, once a day.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from hamstride.domain.diary import Diary
from hamstride.domain.done_by import Unsaved, by_day, by_now, checks_by_now, eccentric_ahead, under_way, with_unsaved
from hamstride.domain.dose import dose_reason, weighs_nordics
from hamstride.domain.model import Category, Session
from hamstride.domain.progression import (
    HALF_AFTER_DAYS,
    MIN_WEEK_DAYS,
    SORE,
    SPACING_HOURS,
    current_week,
    planned_volume,
)
from hamstride.domain.readiness import (
    ISOMETRIC,
    STRETCH,
    VERY_SORE,
    Verdict,
    assess,
    hours_since,
    last_eccentric,
    latest_soreness,
    race_reasons,
)
from hamstride.domain.record import Record, taken
from hamstride.domain.stats import compute, counts, monday
from hamstride.domain.targets import LOW_VOLUME, LOW_VOLUME_SESSION, WEEKLY
from hamstride.domain.timetext import ago

if TYPE_CHECKING:
    from hamstride.domain.diary import Check
    from hamstride.domain.outline import Dated
    from hamstride.domain.progression import WeekChoice
    from hamstride.domain.record import Readiness

STRENGTH_DAY = "early-week-strength"
SHORT_DAY = "late-week-short"
FIRST = "nordic-first-session"
BEGINNER = "nordic-beginner"
MAINTENANCE = LOW_VOLUME_SESSION
HIP = "hip-extensors"
WARM_UP = "pre-run-warmup"
VARIANT_TAG = "variant"  # easier or harder Nordics: a choice within a programme, not a change of plan
LOADS_NOTHING = (Category.WARM_UP, Category.MOBILITY)  # the sessions that are not a load on the hamstrings
TOLERATED_REPS = 12  # the strength day's 15 Nordics only for a runner who has recently done about this many


class Suggestion(NamedTuple):
    session: str | None  # a session name to start, or None for rest
    reason: str
    held: bool = False  # a rule holds eccentric work back today (not merely a target met): the check says so
    instead: str = ""  # held: what today is for and why, without the rule (the check says the rule itself)

    def told(self, titles: Mapping[str, str]) -> str:
        """The answer as home and `hamstride today` say it: "Today: <title or rest>. <why>"."""
        title = titles.get(self.session, self.session) if self.session is not None else "rest"
        return f"Today: {title}. {self.reason}"


def suggest(sessions: Mapping[str, Session], records: Sequence[Record], now: datetime, target: int,
            maintenance: str = WEEKLY, diary: Diary = Diary(), answers: Readiness | None = None, *,
            unsaved: Sequence[Unsaved] = ()) -> Suggestion:
    """The coach's one answer for today, whatever surface asks: home, the readiness check's alternative
    (`check`) and `hamstride today`. `answers`: the runner's at a check just now, read as they
    will be kept (an answer of today among the others), so home says the same once they are.
    `unsaved`: work not in the history yet (under way in another copy, or left by a crash): done by now."""
    today = now.date()
    # A session dated after now (a clock put right since), or not saved yet, was done by now.
    past = by_now(with_unsaved(records, unsaved), now)

    def named(record: Record, done: str) -> str:
        """"<title> <done>", or, for work not in the history yet, where it is (done_by.under_way)."""
        where = under_way(record, unsaved, now)
        return f"{record.title} is {where}" if where else f"{record.title} {done}"
    diary = with_answers(replace(diary, checks=checks_by_now(diary.checks, now)), now, answers)
    stats = compute(past, today, target)
    week_status = f"{stats.this_week} of {stats.target} this week"

    def pick(name: str, reason: str, lead: str = "") -> Suggestion:
        """`name` for `reason`; `lead`: the dose rule that holds the programme's week, said before it at
        home, and left to the check's own reasons on its screen (`instead`), so it is said there once."""
        found = sessions.get(name)
        too_many = dose_reason(past, now, found, maintenance, diary.checks) if found and weighs_nordics(found) else None
        if too_many is not None:  # its file edited beyond what the runner has built up to: the check would hold it
            hip = "Hip-extensor work today has no eccentric load; that session comes back once its Nordics fit."
            return Suggestion(HIP if HIP in sessions else None, f"{sentence(too_many)} {hip}", instead=hip)
        return Suggestion(name if name in sessions else None, f"{lead}{reason}", instead=reason if lead else "")

    def hold(name: str | None, rule: str, instead: str) -> Suggestion:
        """Eccentric work waits for `rule`; today is for `name` (None: rest), as `instead` says."""
        return Suggestion(name if name in sessions else None, f"{rule} {instead}".strip(), True, instead)

    loaded = [r for r in past if r.day == today and r.category not in LOADS_NOTHING and counts(r)]
    sore = latest_soreness(past, now, answers, diary.checks)
    if sore is not None and sore.value >= SORE:
        if loaded:
            return hold(None, f"Soreness {sore.value}/10 ({sore.source}), and", f"{named(loaded[-1], 'is done today')}"
                              ": rest, nothing more to load today.")
        gentle = (STRETCH, "gentle stretching") if sore.value >= VERY_SORE else (ISOMETRIC, "isometric holds")
        return hold(gentle[0], f"Soreness {sore.value}/10 ({sore.source}): no eccentric work until it is below "
                               f"{SORE}.", f"{gentle[1].capitalize()} today, or rest.")
    ahead = race_reasons(past, now, answers, diary)
    if ahead:
        why = ahead[0][0].upper() + ahead[0][1:]
        if any(race.day <= today <= (race.ends_on or race.day) for race in diary.races_blocking(now)):
            return hold(WARM_UP, f"{why}.", "Warm up before it, and stretch after.")
        if loaded:
            return hold(None, f"{named(loaded[-1], 'is done today')}; {ahead[0]}.", "Nothing more to load "
                              "today: rest (a gentle stretch at most).")
        return hold(ISOMETRIC, f"{why}.", "Isometric holds keep the hamstrings working without lengthening "
                               "under load; or rest.")
    done_today = [r for r in past if r.day == today and r.focused]
    if done_today:
        return hold(WARM_UP, "", f"{named(done_today[-1], 'is done today')}: one focused session a day "
                                 f"({week_status}). Running? Warm up before and stretch after.")
    coming = eccentric_ahead(unsaved)
    if coming is not None:
        return hold(None, f"{named(coming, '')}, its eccentric work still to come: one session at a time.",
                    "Finish it or end it there first.")
    last = last_eccentric(past, now)
    if last is not None and hours_since(last, now) < SPACING_HOURS:
        ready = (last.ended + timedelta(hours=48)).astimezone(now.tzinfo)  # told in the clock's time now (DST)
        spacing = (f"{named(last, 'was ' + ago(hours_since(last, now)))}: eccentric work waits about 48 h, so "
                   f"the next from {ready:%A %H:%M}.")
        if stats.this_week < stats.target:
            return hold(HIP, spacing, f"Hip-extensor work today has no eccentric load ({week_status}).")
        return hold(STRETCH, spacing, f"{week_status}: rest, or gentle stretching.")

    nordics = trained_nordics(sessions.get, past)
    if not nordics:
        return pick(FIRST, "No Nordic session yet: start small, 2 sets of 3. A first session of 24 reps left "
                           "strength down for three days (Coratella 2025).")
    since = (today - nordics[-1].day).days
    recent = [r.nordic_reps for r in nordics if (today - r.day).days < HALF_AFTER_DAYS]
    programme = programme_under_way(sessions.get, past, today)
    lead = ""  # the programme's week beyond what the runner has built up to: why home offers another session
    if programme is not None:
        choice = current_week(programme, past, today, maintenance, diary.checks)
        assert choice is not None
        if choice.maintenance and maintenance == LOW_VOLUME and MAINTENANCE in sessions:
            if since >= MIN_WEEK_DAYS:
                return pick(MAINTENANCE, f"{choice.banner}: the low-volume session once a week (2 x 5).")
            nordic, plural = nordics[-1], "s" if since != 1 else ""
            why = f"{choice.banner}: {choice.reason}" if not choice.due else (
                f"{choice.banner}: the low-volume session is once a week, and {nordic.title} was {since} day{plural} "
                f"ago, so the next from {nordic.day + timedelta(days=MIN_WEEK_DAYS):%A}")
        elif choice.due:
            from hamstride.domain.dose import week_reason

            full = week_reason(past, now, programme, maintenance, diary.checks)  # its 7 days hold a week's load
            too_many = full or dose_reason(past, now, programme, maintenance, diary.checks)
            if too_many is None:
                return Suggestion(programme.name, f"{choice.banner}: {choice.reason}.")
            if full is not None:  # no other Nordic session instead: the week's load is what is done
                why = full[0].upper() + full[1:]
            else:
                lead = f"{sentence(too_many)} Instead: "
        else:
            why = f"{choice.banner}: {choice.reason}"
        if not lead:  # the week done: with a `lead`, a session that builds up to it, by the rules below
            if stats.this_week < stats.target:
                return hold(HIP, f"{why}.", f"The programme replaces the other Nordic sessions; {week_status}, so "
                                            "hip-extensor work today.")
            return hold(WARM_UP, f"{why}.", f"{week_status}: target met. Running today? Warm up before and stretch "
                                            "after.")
    if since >= HALF_AFTER_DAYS:
        return pick(FIRST, f"{since} days since your last Nordic session: the adaptations fade after about "
                           "three weeks off (Andrews 2025), so ease back in with a small dose.", lead)
    if max(recent, default=0) < TOLERATED_REPS:
        return pick(BEGINNER, f"Your Nordic sessions so far had up to {max(recent, default=0)} reps: build up "
                              "with the beginner progression (2 x 3 up to 3 x 6) before the strength day's 15.", lead)
    if stats.this_week >= stats.target:
        return pick(WARM_UP, f"This week's target is met ({week_status}). Running today? Warm up before and "
                             "stretch after.", lead)
    this_week = [r for r in past if monday(r.day) == monday(today) and r.focused]
    if any(r.session == STRENGTH_DAY for r in this_week) or (this_week and today.weekday() >= 3):
        return pick(SHORT_DAY, f"{week_status}: the short late-week session (eccentric bridges, hip extensors, "
                               "balance) completes it.", lead)
    return pick(STRENGTH_DAY, f"{week_status}: the strength day (Nordics, single-leg RDLs, core), then the "
                              "short session later in the week.", lead)


def sentence(rule: str) -> str:
    """A rule of the check's (a clause) as home says it on its own: a sentence."""
    return f"{rule[0].upper()}{rule[1:]}."


def with_answers(diary: Diary, now: datetime, answers: Readiness | None) -> Diary:
    """The diary with the answers given at a check just now, as the app keeps them (checks.toml)."""
    if answers is None or not answers.answered:
        return diary
    from hamstride.domain.diary import Check

    return replace(diary, checks=(*diary.checks, Check(now, answers.soreness, answers.key_run)))


def check(session: Session, sessions: Mapping[str, Session], records: Sequence[Record], now: datetime,
          answers: Readiness | None, target: int, maintenance: str = WEEKLY, diary: Diary = Diary(), *,
          unsaved: Sequence[Unsaved] = ()) -> Verdict:
    """The readiness check before `session`: why not today (readiness.assess, and the holds of today's
    answer), and instead the coach's one answer for today, the session home suggests (or rest).
    `unsaved`: work not in the history yet, done by now (suggest's)."""
    today = suggest(sessions, records, now, target, maintenance, diary, answers, unsaved=unsaved)
    asked = with_answers(diary, now, answers)
    week = check_week(sessions.get, session, with_unsaved(records, unsaved), now.date(), maintenance, asked.checks)
    reasons = list(assess(records, now, answers, diary, week, session=session, maintenance=maintenance,
                          unsaved=unsaved).reasons)
    if today.held and not reasons:  # a rule of today's answer the check has no words of its own for
        reasons.append(today.reason)
    if not reasons:
        return Verdict()
    # The rule in the check's own words is among its reasons: what today is for, and why, follows them,
    # without the rule again. A dose rule of another session's (not among them) home's words still say.
    said = today.instead if today.instead and (today.held or any(sentence(r) in today.reason for r in reasons)) \
        else today.reason
    return Verdict(tuple(reasons), today.session, said or today.reason)


def programme_under_way(find: Callable[[str], Session | None], records: Sequence[Dated],
                        today: date) -> Session | None:
    """The programme the coach follows today, or None: the one the latest plan Nordic session belongs to
    (after the first session, the beginner progression; after a maintenance session, the programme it
    maintains). While the beginner progression is under way (Nordics in the last three weeks, none yet
    of the strength day's dose), its own week decides though another Nordic session came last, so it is
    never run again before that week is due.

    Home's suggestion, the report's programme map and the charts all ask this, so that they never name
    two programmes (and two doses) on one day. `find` gives a session by name (None: not in the library);
    `records` oldest first, whole or in outline."""
    past = by_day(records, today)  # a session dated after today (a clock put right since) was done by now
    nordics = trained_nordics(find, past)
    plan_nordics = [r for r in nordics if not _variant(find, r.session)]
    programme = _programme(find, plan_nordics)
    if programme is None and nordics:
        since = (today - nordics[-1].day).days
        recent = [r.nordic_reps for r in nordics if (today - r.day).days < HALF_AFTER_DAYS]
        if since < HALF_AFTER_DAYS and max(recent, default=0) < TOLERATED_REPS:
            programme = _programme(find, [r for r in plan_nordics if r.session == BEGINNER])
    return programme


def check_week(find: Callable[[str], Session | None], session: Session, records: Sequence[Dated], today: date,
               maintenance: str = WEEKLY, checks: Iterable[Check] = ()) -> WeekChoice | None:
    """The programme week the readiness check weighs a session against (readiness.assess's `week`): the
    session's own, for a programme; for any other eccentric session (another programme too), the week of
    the programme under way when its sessions are done, for it replaces the other Nordic sessions: an
    easier or harder Nordic, the strength day or a maintenance session beside a week already done goes
    beyond its dose as surely as the programme again."""
    own = current_week(session, records, today, maintenance, checks)
    if not session.eccentric:
        return own
    programme = programme_under_way(find, records, today)
    if programme is None or programme.name == session.name:
        return own
    running = current_week(programme, records, today, maintenance, checks)
    return running if own is None or (running is not None and not running.due) else own


def trained_nordics(find: Callable[[str], Session | None], records: Sequence[Dated]) -> list[Dated]:
    """The Nordic sessions that were training: the main work done, or quit part-way after a third of the
    reps its file plans (progression.taken; a programme's by the file's own dose). A try of a few reps is
    not: it does not end a break, nor make a first session done. A session quit at its last rep is: the
    low-volume maintenance quit at 9 of 10 was offered again every 48 h."""
    def trained(record: Dated) -> bool:
        if record.main_done:
            return True
        session = find(record.session)
        return session is not None and taken(record.main_reps[0], planned_volume(session))
    return [r for r in records if r.nordic and trained(r)]


def _variant(find: Callable[[str], Session | None], name: str) -> bool:
    """Easier or harder Nordics: a choice within a programme, not a change of plan."""
    session = find(name)
    return session is not None and VARIANT_TAG in session.tags


def _programme(find: Callable[[str], Session | None], nordics: Sequence[Dated]) -> Session | None:
    """The programme the latest of these plan Nordic sessions belongs to."""
    if not nordics:
        return None
    name = nordics[-1].session
    if name == FIRST:
        name = BEGINNER
    elif name == MAINTENANCE:
        runs = [r for r in nordics if (s := find(r.session)) is not None and s.total_weeks]
        if not runs:
            return None
        name = runs[-1].session
    session = find(name)
    return session if session is not None and session.total_weeks else None
