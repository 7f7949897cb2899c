"""Is eccentric work a good idea today? The check before a session, and the facts it reads.

Eccentric work on a sore hamstring, two days running, or just before a race
is how a protective programme turns into an injury. The runner answers two
one-key questions (soreness today, a race or hard run in the next 2-3 days);
the gate adds what the history and the diary say: the soreness answers of the
last three days, after any session or at a check the runner backed out of
(soreness after Nordics peaks on days 2-3, Coratella 2025), a "yes, a race" of
the last three days, the races the runner told the app of or has in their plan,
and the time since the last eccentric session (48 h apart).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

__all__ = ["ISOMETRIC", "STRETCH", "VERY_SORE", "Soreness", "Verdict", "assess", "hours_since", "last_eccentric",
           "latest_soreness", "race_reasons"]

from hamstride.domain.answers import Soreness, key_run_ahead, soreness_reports
from hamstride.domain.answers import latest_soreness as pick_soreness
from hamstride.domain.done_by import Unsaved, by_now, checks_by_now, eccentric_ahead, under_way, with_unsaved
from hamstride.domain.dose import dose_reason
from hamstride.domain.progression import SORE, SORENESS_WINDOW_DAYS, SPACING_HOURS
from hamstride.domain.targets import WEEKLY
from hamstride.domain.timetext import ago

if TYPE_CHECKING:  # the diary is read at a check, not at every start (whether one is due is the session's own)
    from hamstride.domain.diary import Check, Diary
    from hamstride.domain.model import Session
    from hamstride.domain.outline import Dated
    from hamstride.domain.progression import WeekChoice
    from hamstride.domain.record import Readiness, Record

VERY_SORE = 7  # of 10: no load at all today, only gentle mobility
ISOMETRIC = "sore-day-isometrics"  # the gentle alternative: holds, no lengthening under load
STRETCH = "rest-day-stretch"  # gentler still: static stretches held softly
# A crashed run resumed this long after it began is another outing: soreness peaks a day or two after
# Nordics (Coratella 2025) and a race may be near by then, so the check asks again (a reboot does not).
RECHECK_AFTER_HOURS = 3.0
def latest_soreness(records: Iterable[Record], now: datetime, today: Readiness | None = None,
                    checks: Iterable[Check] = ()) -> Soreness | None:
    """The soreness to go by: the highest answer of the latest day with one in the last three days, from
    any session's check or summary and from checks the runner backed out of (answers.py); today's answer,
    when the runner gives one, is an answer of today among them. A "2" now does not undo this morning's
    "6": home, which reads both once the "2" is kept, would say isometrics where the check said go."""
    reports = soreness_reports(records, checks, now)
    if today is not None and today.soreness is not None:
        reports.insert(0, Soreness(today.soreness, now, "today's answer"))  # first: its name, on a tie
    return pick_soreness(reports, now, SORENESS_WINDOW_DAYS)


def last_eccentric(records: Iterable[Record], now: datetime) -> Record | None:
    """The latest session that did eccentric work (any of it: even a partial one loads the muscle), by its end."""
    return max((r for r in records if r.eccentric and r.started <= now), key=lambda r: r.ended, default=None)


def hours_since(record: Record, now: datetime) -> float:
    """Hours since the session ended: the latest its eccentric work can have been done. A session resumed
    hours after it began (a crash in the warm-up, the Nordics in the evening) did its work near its end."""
    return (now - record.ended).total_seconds() / 3600


class Verdict(NamedTuple):
    """What the check says: go ahead, or why not and what to do instead (suggest.check fills the
    alternative with the coach's one answer for today, the one home gives)."""

    reasons: tuple[str, ...] = ()
    alternative: str | None = None  # a session name from the library; None: rest
    today: str = ""  # why the alternative, as home says it

    def told(self, titles: Mapping[str, str]) -> str:
        """The verdict as the check shows it: each reason, then what today is for instead, and why."""
        lines = [f"· {reason}" for reason in self.reasons]
        title = titles.get(self.alternative, self.alternative) if self.alternative is not None else "rest"
        lines.append(f"Today: {title}. {self.today}".rstrip())  # the words of suggest.Suggestion.told
        return "\n".join(lines)

    @property
    def go(self) -> bool:
        return not self.reasons


# Another window held the start gate past the wait (storage.start_gate): its run, about to start, is not in its
# journal yet. Not knowing what it starts, the check holds (the runner can still go ahead anyway).
STARTING_ELSEWHERE = Verdict(("another hamstride window is starting a session at this moment: one session at a "
                              "time",), None, "Back (esc), then start again in a moment to see what it started.")


def resume_needs_check(session: Session, at_step: int, started: datetime, now: datetime,
                       others: Iterable[Dated] = (), unsaved: Iterable[Unsaved] = ()) -> bool:
    """A crashed run resumed hours after it began, or after eccentric work `others` did since it began (another
    window's session, saved or under way), or while another window's run has its eccentric work ahead
    (`unsaved`: one session at a time), with eccentric work still to come from its step on: the answers
    given as it began may no longer hold."""
    # Begun "after now", the clock was put right since: how long ago is not known, so it may be hours.
    later = started > now or (now - started).total_seconds() / 3600 >= RECHECK_AFTER_HOURS
    since = any(other.eccentric and other.ended > started for other in others)
    busy = eccentric_ahead(unsaved) is not None
    return (later or since or busy) and any(step.eccentric for step in session.steps[at_step:])


def race_reasons(records: Iterable[Record], now: datetime, answers: Readiness | None, diary: Diary) -> list[str]:
    """Why a race or hard run ahead keeps eccentric work away today: the races the runner told the
    app of, and a "yes" at a check in the last three days unless a later answer said no."""
    from hamstride.domain.diary import why_race

    blocking = diary.races_blocking(now)
    reasons = [why_race(race, now, blocking) for race in blocking]
    if answers is not None and answers.key_run is not None:
        said = answers.key_run
        source = "today's answer"
    else:
        ahead = key_run_ahead(records, diary.checks, now)
        said, source = ahead is not None, ahead.source if ahead is not None else ""
    if said:
        reasons.append(f"a race or hard run in the next 2-3 days ({source}): Nordics leave the hamstrings weaker "
                       "for up to three days (Coratella 2025), so keep them fresh")
    return reasons


def assess(records: Iterable[Record], now: datetime, answers: Readiness | None,
           diary: Diary | None = None, week: WeekChoice | None = None, *,
           session: Session | None = None, maintenance: str = WEEKLY, unsaved: Sequence[Unsaved] = ()) -> Verdict:
    """Eccentric work today, or why not (no diary: no races told, no checks kept). Only the reasons: what
    to do instead is the coach's one answer for today (suggest.check asks suggest.suggest for it).

    `week`: the programme week the session would run (progression.current_week), for a programme: when
    its sessions are done and the next week has not begun, another one goes beyond the week's dose.
    `session`: the session about to run, whose Nordics (a programme's: its week's, in `maintenance`) are
    weighed against what was done lately (dose.py). `unsaved`: work not in the history yet (a run under way
    in another copy, or left by a crash), weighed as done by now (done_by.with_unsaved)."""
    from hamstride.domain.diary import Check, Diary

    if diary is None:
        diary = Diary()
    # A session or an answer dated after now (a clock put right since) was done by now all the same.
    history = by_now(with_unsaved(list(records), unsaved), now)
    diary = replace(diary, checks=checks_by_now(diary.checks, now))
    reasons: list[str] = []
    sore = latest_soreness(history, now, answers, diary.checks)
    if sore is not None and sore.value >= SORE:
        reasons.append(f"soreness {sore.value}/10 ({sore.source}): eccentric work waits until it is below {SORE}")
    reasons += race_reasons(history, now, answers, diary)
    last = last_eccentric(history, now)
    if last is not None and hours_since(last, now) < SPACING_HOURS:
        ready = (last.ended + timedelta(hours=48)).astimezone(now.tzinfo)  # told in the clock's time now (DST)
        where = under_way(last, unsaved, now)
        said = f"{last.title} is {where}" if where else f"{last.title} was {ago(hours_since(last, now))}"
        reasons.append(f"{said}: eccentric sessions need about 48 h between them (from {ready:%A %H:%M})")
    coming = eccentric_ahead(unsaved)
    if coming is not None:
        reasons.append(f"{coming.title} is {under_way(coming, unsaved, now)}, its eccentric work still to come: "
                       "one session at a time")
    if week is not None and not week.due:
        reasons.append(f"{week.banner}: {week.reason}; another session before then goes beyond the "
                       "programme's dose")
    answered = (Check(now, answers.soreness, answers.key_run),) if answers is not None and answers.answered else ()
    dose = dose_reason(history, now, session, maintenance, (*diary.checks, *answered)) if session is not None else None
    if dose is not None:
        reasons.append(dose)
    return Verdict(tuple(reasons))
