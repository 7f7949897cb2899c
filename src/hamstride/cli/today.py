"""`hamstride today`: the coach's one answer for today, and why, without opening the app.

A run a crash left unfinished, or one another copy of hamstride is running now, comes first (a line
each): its work is not in the history until the app saves, resumes or keeps it, and advice given
without it would be given as if it had not been done.

It is the answer home shows and the readiness check offers instead of eccentric work it holds back
(domain.suggest.suggest, asked the same way): a runner who asks twice gets one prescription.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from hamstride.plaintext import shown

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from datetime import datetime

    from hamstride.cli.common import SubParsers
    from hamstride.cli.context import Context
    from hamstride.domain.diary import Diary
    from hamstride.domain.done_by import Unsaved
    from hamstride.domain.model import Session
    from hamstride.domain.record import Record
    from hamstride.storage.journal import Left


def add_command(commands: SubParsers) -> None:
    today = commands.add_parser("today", help="what to do today and why: home's suggestion (or the runs not yet in "
                                "the history)",
                                description=__doc__.split("\n\n")[0] if __doc__ else None)
    today.set_defaults(func=cmd_today)


def today_text(context: Context, now: datetime) -> str:
    """"Today: <session title or rest>. <why>", from the history, the checks and races kept, and the settings;
    or, while a run's work is not in the history yet, a line for each such run and what waits for them."""
    from hamstride.cli.common import settings_said
    from hamstride.storage.diary import read_diary

    loaded = context.store.load()
    config = settings_said(context)  # a typo in `maintenance` said, not a full week's dose given quietly
    diary = read_diary(context.place.history, config, now.date())
    for problem in (*loaded.problems, *diary.problems):  # to stderr: the line may be read by a script
        sys.stderr.write(shown(problem, markup=False) + "\n")
    journals = context.store.journals
    left = journals.left_behind({r.id for r in loaded.records}) if journals.any_left() else []
    if any(not running for _, running in left):  # a run to resume or keep first: that is today's first step
        return unfinished(left, now)
    library = context.library()
    sessions = {e.name: e.session for e in library.entries if e.session is not None}
    advice = said(sessions, loaded.records, now, config.weekly_target, config.maintenance, diary,
                  context.store.unsaved(loaded.records) if left else ())
    return unfinished(left, now, advice) if left else advice


def unfinished(journals: Sequence[Left], now: datetime, advice: str = "") -> str:
    """Runs a crash left (or runs over whose record could not be saved then), and runs another copy of
    hamstride has under way, before any advice: their work is not in the history yet. With one to resume
    or keep, the advice waits for that; with runs under way only, `advice` follows, their work so far
    weighed as done by now (domain.done_by), as the other copy's own home will weigh it once saved."""
    from hamstride.domain.kinds.base import plural

    lines = []
    for journal, running in journals:
        record = journal.record
        began = record.started.astimezone(now.tzinfo)
        at = f"{'today' if began.date() == now.date() else f'{began:%a %d %b}'} at {began:%H:%M}"
        reps = record.eccentric_reps
        if running and journal.ended:
            lines.append(f"Unsaved: {record.title} ({at}) ended in the hamstride running now; its record is not in "
                         "the history yet.")
            continue
        if running:
            so_far = plural(reps, "eccentric rep") + " so far" if reps else "no eccentric reps yet"
            lines.append(f"Under way: {record.title}, begun {at}, running in hamstride now ({so_far}).")
            continue
        if journal.ended:
            lines.append(f"Unsaved: {record.title} ({at}) ended, but its record is not in the history yet. "
                         "Open hamstride to save it.")
            continue
        done = plural(reps, "eccentric rep") + " done" if reps else "no eccentric reps yet"
        lines.append(f"Unfinished: {record.title}, begun {at}, stopped part-way ({done}). Open hamstride to resume "
                     "it at its set (after the readiness check, if hours have passed) or keep what was done as a "
                     "partial session.")
    if advice:
        lines.append(f"Meanwhile, its work so far counts as done. {advice}")
    else:
        lines.append("Today's advice waits for it: what was done counts once it is in the history.")
    return "\n".join(lines)


def said(sessions: Mapping[str, Session], records: Sequence[Record], now: datetime, target: int, maintenance: str,
         diary: Diary, unsaved: Sequence[Unsaved] = ()) -> str:
    """The line, from what was read: home's suggestion, asked as home asks it (`unsaved`: runs under way)."""
    from hamstride.domain.suggest import suggest

    advice = suggest(sessions, records, now, target, maintenance, diary, unsaved=unsaved)
    return advice.told({name: session.title for name, session in sessions.items()})


def cmd_today(context: Context, args: argparse.Namespace) -> int:
    from hamstride.wallclock import local_now

    context.console.print(shown(today_text(context, local_now()), markup=False), soft_wrap=True, highlight=False, markup=False)
    return 0


PARSERS: dict[str, Callable[[SubParsers], None]] = {"today": add_command}  # cli.build_parser's
