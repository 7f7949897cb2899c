"""`hamstride race`: tell the coach of a race or hard run ahead once, instead of at every check.

    hamstride race 2026-12-20 "10k"          add a race (--hard: a hard run)
    hamstride race list                      the races ahead, with the calendar file's
    hamstride race remove 2026-12-20 ["10k"] remove (all races that day, or the one named)

Kept in races.toml beside the history (storage/diary.py), on this machine only.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from hamstride.plaintext import shown

if TYPE_CHECKING:
    from collections.abc import Callable

    from hamstride.cli.common import SubParsers
    from hamstride.cli.context import Context
    from hamstride.domain.diary import Race

# The coach's diary is imported when the command runs: `--help` builds this parser too.

USAGE = ('hamstride race DATE LABEL (e.g. hamstride race 2026-12-20 "10k"), hamstride race list, '
         "or hamstride race remove DATE [LABEL]")


def add_command(commands: SubParsers) -> None:
    race = commands.add_parser("race", help="add, list or remove a race or hard run ahead: no eccentric work "
                                            "in the days before it",
                               description=__doc__.split("\n\n")[0] if __doc__ else None)
    race.add_argument("words", nargs="*", metavar="DATE LABEL | list | remove DATE [LABEL]",
                      help='a date (YYYY-MM-DD) and what it is, e.g. 2026-12-20 "10k"; "list"; or "remove" and a date')
    race.add_argument("--hard", action="store_true", help="a hard run (intervals, a long run), not a race")
    race.set_defaults(func=cmd_race)


RACE_HORIZON = timedelta(days=731)


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def cmd_race(context: Context, args: argparse.Namespace) -> int:
    from hamstride.domain.diary import Effort, Race, race_rule, why_race
    from hamstride.storage.diary import MAX_LABEL, add_race, kept_label, read_diary, remove_race
    from hamstride.wallclock import local_now

    console = context.console
    folder = context.place.history
    words: list[str] = args.words
    now = local_now()
    if not words or words == ["list"]:
        from hamstride.cli.common import settings_said

        diary = read_diary(folder, settings_said(context), now.date())
        for problem in diary.problems:
            console.print(f"[yellow]{shown(problem)}[/]", soft_wrap=True)
        ahead = sorted((r for r in diary.races if r.day >= now.date() or r.blocks_after(now)),
                       key=lambda r: (r.day, r.label))
        if not ahead:
            console.print('No races ahead. Add one: hamstride race 2026-12-20 "10k"')
            return 0
        for race in ahead:
            where = "" if race.source == "hamstride race" else f"  (from {shown(race.source)})"
            console.print(f"{race.day:%a %d %b %Y}  {shown(race.what())}{where}", highlight=False)
            # A race behind already says when eccentric work comes back; one ahead says it after its rule.
            back = "" if race.blocks_after(now) else f"; eccentric work {again(race, now)}"
            console.print(f"    {shown(why_race(race, now))}{back}.", highlight=False)
        return 0
    if words[0] == "remove":
        day = _day(words[1]) if len(words) >= 2 else None
        if day is None or len(words) > 3:
            console.print(f"[red]remove needs a date: {USAGE}[/]", soft_wrap=True)
            return 2
        removed, notes = remove_race(folder, day, words[2] if len(words) == 3 else None)
        for note in notes:
            console.print(f"[yellow]{shown(note)}[/]", soft_wrap=True)
        console.print(f"Removed {removed} race{'s' if removed != 1 else ''} on {day:%a %d %b %Y}." if removed else
                      f"No race on {day:%a %d %b %Y} to remove (`hamstride race list` shows them).")
        return 0 if removed else 1
    day = _day(words[0])
    if day is None or len(words) != 2 or not words[1].strip():
        console.print(f"[red]{shown(' '.join(words))[:80]}: {USAGE}[/]", soft_wrap=True)
        return 2
    race = Race(day, kept_label(words[1]), Effort.HARD if args.hard else Effort.RACE)
    # A race run but not told before still keeps its days after clear (a marathon's 7): told now, it holds.
    if day < now.date() and not race.blocks_after(now):
        console.print(f"[red]{day:%a %d %b %Y} is past: a race ahead, please (or one whose days after "
                      "still keep eccentric work away).[/]", soft_wrap=True)
        return 2
    if day > now.date() + RACE_HORIZON:
        # 9999-12-31 was kept, then stopped `race` and `race list` on a traceback; 2062 for 2026 is a typo.
        console.print(f"[red]{day:%a %d %b %Y} is more than two years ahead: a race in the next two years, "
                      "please (a typo in the year?).[/]", soft_wrap=True)
        return 2
    if race.label != words[1].strip():
        console.print(f"[yellow]The label is shortened to {MAX_LABEL} characters: {shown(race.label)}[/]",
                      soft_wrap=True, highlight=False)
    for note in add_race(folder, race):
        console.print(f"[yellow]{shown(note)}[/]", soft_wrap=True)
    rule = shown(race_rule(race, after=race.blocks_after(now)))  # not str.capitalize(): it lowercases "Nordics" and "Coratella"
    console.print(f"Kept: {shown(race.what())} on {day:%a %d %b %Y}. {rule[:1].upper() + rule[1:]}; "
                  f"{when_it_stops(race, now)}.", soft_wrap=True, highlight=False)
    return 0


def again(race: Race, now: datetime) -> str:
    """When eccentric work comes back after it (a race keeps its margin after it too)."""
    back = race.clear_after(now)
    when = f"{back:%a %d %b %H:%M}" if race.starts_at is not None else f"{back:%a %d %b}"
    if race.hours_after:
        return f"again from {when} ({race.hours_after // 24} days after it)"
    return f"again from {when}"


def when_it_stops(race: Race, now: datetime) -> str:
    """When eccentric work stops for this race, said from now: a moment already past is "now"."""
    back = again(race, now)
    if race.blocks_after(now):
        return f"it is behind you: no eccentric work from now; {back}"
    if race.day == now.date():
        return f"it is today: no eccentric work before it; {back}"
    start = race.clear_from(now)
    if start > now:
        return f"eccentric work stops from {start:%a %d %b %H:%M}; {back}"
    days = f"{race.hours_clear // 24} days" if race.hours_clear >= 72 else f"{race.hours_clear} h"
    return f"that is inside the {days} kept clear before it: no eccentric work from now; {back}"


PARSERS: dict[str, Callable[[SubParsers], None]] = {"race": add_command}  # cli.build_parser's
