"""Warnings for a programme file whose Nordics start or climb beyond what the literature supports.

A valid file may still plan an over-dose: a copy of the 10-week programme with 60 Nordics in week 1, or
a week of 50 after a week of 12. The readiness check holds such a week for a runner who has not built
up to it (domain/dose.py); `hamstride check` and `hamstride edit` say so as the file is written, with
the file, the line and the key, rather than leave it to a check weeks later. Read only by those commands:
the launch reads no programme rule.

A step named like a Nordic, or a programme's main step, that leaves out `exercise = "nordic"` is weighed
as one by the check all the same (domain/dose.py); these notes ask for the key, without which its runs
build up no Nordic dose.
"""

from __future__ import annotations

from typing import Any

from hamstride.domain.errors import Problem
from hamstride.domain.model import Exercise, Session
from hamstride.storage.table_reader import Reader

MAX_NOTES = 5  # a file that climbs too fast everywhere: the first few say it


def dose_notes(session: Session) -> list[Problem]:
    """An eccentric or main step named like a Nordic without its `exercise` key; and what a programme's
    Nordic doses do beyond the literature's progressions: week 1 above 10 Nordic reps a session, or a week
    that rises more than 3 reps, or than the 10-week programme's next step (12 to 21, 21 to 27), above the
    week before. Its file is read again for the lines (gone or changed: no notes)."""
    from hamstride.domain.dose import (
        NORDIC_FLOOR,
        NORDIC_STEP_UP,
        next_step,
        planned_nordics,
        the_literatures,
        weighed_as_nordic,
        weighs_nordics,
    )
    from hamstride.storage import month_toml
    from hamstride.storage.files import MAX_FILE_BYTES, read_regular

    if not weighs_nordics(session) or session.source is None:
        return []
    try:
        text = read_regular(session.source, MAX_FILE_BYTES).decode("utf-8")
        table = month_toml.loads(text)
    except (OSError, ValueError, RecursionError):  # changed since it was loaded: `check` again says why
        return []
    raw_steps = table.get("steps")
    nordic = [n for n, step in enumerate(session.steps) if weighed_as_nordic(step, bool(session.weeks))]
    if not isinstance(raw_steps, list) or len(raw_steps) != len(session.steps):
        return []
    reader = Reader(str(session.source), text, [])
    for index in nordic:
        step = session.steps[index]
        if step.exercise is not Exercise.NORDIC:  # the key left out: a programme's main step, or named so
            reader.step, reader.step_name, reader.prefix = index, step.name, ""
            what = ("is the main step of a programme" if session.weeks and step.main else "is named like a Nordic")
            reader.problem("name", f"{what} but has no exercise key: the readiness check weighs its reps as "
                           "Nordics, yet its runs count as no Nordic session, so the doses they build up to are "
                           "never credited",
                           'add exercise = "nordic" to the step; if it is not a Nordic, the exercise it is, '
                           f"one of {', '.join(e.value for e in Exercise if e is not Exercise.NORDIC)} "
                           '(e.g. exercise = "hip-thrust")')
    if not session.weeks or the_literatures(session):
        reader.step, reader.step_name, reader.prefix = None, None, ""
        return reader.problems
    _sessions_notes(reader, session, table.get("sessions_per_week"))
    doses = [planned_nordics(session.for_week(week)) for week in range(1, session.total_weeks + 1)]
    if doses[0] > NORDIC_FLOOR:
        _at_week(reader, raw_steps, nordic, 1)
        reader.problem("reps", f"week 1 has {doses[0]} Nordic reps a session; the 10-week programme starts at "
                       f"{NORDIC_FLOOR} (2 x 5, Mjølsnes 2004), and a first session of 24 left strength down "
                       "for three days (Coratella 2025)",
                       f"start at {NORDIC_FLOOR} or fewer; the readiness check holds this week for a runner whose "
                       "Nordic sessions have not built up to it")
    for week in range(2, len(doses) + 1):
        before, now = doses[week - 2], doses[week - 1]
        most = max(before + NORDIC_STEP_UP, next_step(before))
        if now > most and len(reader.problems) < MAX_NOTES:
            _at_week(reader, raw_steps, nordic, week)
            reader.problem("reps", f"week {week} has {now} Nordic reps a session after {before} in week {week - 1}: "
                           f"the literature's progressions rise to at most {most} (3 more, or the 10-week "
                           "programme's next step: 12 to 21, 21 to 27)",
                           f"rise to {most} or fewer, or add weeks between; the readiness check holds a week "
                           "beyond what the runner has built up to")
    reader.step, reader.step_name, reader.prefix = None, None, ""
    return reader.problems


def _sessions_notes(reader: Reader, session: Session, raw: Any) -> None:
    """A `sessions_per_week` above the 10-week programme's for a week (1, 2, then 3): each session more is
    another session of the week's Nordics. One note for each key that says so, at its line."""
    from hamstride.domain.dose import TEN_WEEKS, planned_nordics
    from hamstride.storage.programme_weeks import week_range

    over: dict[str, list[int]] = {}
    for week, count in enumerate(session.sessions_per_week, start=1):
        if count > TEN_WEEKS[min(week, len(TEN_WEEKS)) - 1][0]:
            if isinstance(raw, dict):
                spans = [(span[0], key) for key in raw if (span := week_range(key)) is not None and span[0] <= week]
                key = f'sessions_per_week."{max(spans)[1]}"' if spans else "sessions_per_week"
            else:
                key = "sessions_per_week"
            over.setdefault(key, []).append(week)
    reader.step, reader.step_name, reader.prefix = None, None, ""
    for key, weeks in over.items():
        if len(reader.problems) >= MAX_NOTES:
            break
        named = " and ".join((", ".join(str(w) for w in weeks[:-1]), str(weeks[-1]))) if len(weeks) > 1 else \
            str(weeks[0])
        first, count = weeks[0], session.sessions_per_week[weeks[0] - 1]
        literature = TEN_WEEKS[min(first, len(TEN_WEEKS)) - 1][0]
        reps = planned_nordics(session.for_week(first))
        reader.problem(key, f"{count} sessions a week in week{'s' if len(weeks) > 1 else ''} {named}, more than "
                       "the 10-week programme's (1 in week 1, 2 in week 2, then 3: Mjølsnes 2004): week "
                       f"{first}'s {count} sessions of {reps} Nordic reps are {count * reps} in the week against "
                       f"its {literature * reps}",
                       'give each week at most the 10-week programme\'s sessions, e.g. sessions_per_week = '
                       '{ "1" = 1, "2" = 2, "3-10" = 3 }; the readiness check holds a session once your last 7 '
                       "days hold that programme's week, unless 7 days of your last three weeks held as much")


def _at_week(reader: Reader, raw_steps: list[Any], nordic: list[int], week: int) -> None:
    """Point the reader at the key that gives `week`'s Nordic dose: the week table's entry naming it (or
    the last before it), else the step's own reps."""
    from hamstride.storage.programme_weeks import week_range

    for index in nordic:
        table = raw_steps[index].get("week") if isinstance(raw_steps[index], dict) else None
        keys = [(span[0], key) for key in (table or {}) if (span := week_range(key)) is not None
                and span[0] <= week] if isinstance(table, dict) else []
        if keys:
            reader.step, reader.prefix = index, f'week."{max(keys)[1]}".'
            break
    else:
        reader.step, reader.prefix = nordic[0], ""
    name = raw_steps[reader.step].get("name") if isinstance(raw_steps[reader.step], dict) else None
    reader.step_name = name if isinstance(name, str) else None
