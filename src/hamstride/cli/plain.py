"""Commands that print and exit: list, show, check. They never import Textual (a test checks)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from hamstride.cli.common import print_notes, print_problems, resolve, settings_said
from hamstride.cli.completion import completes_sessions
from hamstride.domain.errors import SessionFileError, SessionNotFound
from hamstride.domain.model import Session
from hamstride.domain.timetext import clock
from hamstride.plaintext import shown
from hamstride.storage.loader import load_session

if TYPE_CHECKING:
    from collections.abc import Callable

    from hamstride.cli.common import SubParsers
    from hamstride.cli.context import Context
    from hamstride.domain.progression import WeekChoice
    from hamstride.storage.library import Entry, Library


def cmd_list(context: Context, args: argparse.Namespace) -> int:
    if args.names:  # for tab completion: names only, found without reading a file
        for name in sorted(context.session_names()):
            print(name)
        return 0
    console = context.console
    sessions = context.library()
    from rich.table import Table  # here only: `run` starts sooner without it

    table = Table(title="Sessions", title_justify="left")
    table.add_column("name", style="bold")
    table.add_column("title")
    table.add_column("time", justify="right")
    table.add_column("steps", justify="right")
    table.add_column("from")
    for entry in sessions.entries:
        table.add_row(*_list_row(entry))
    console.print(table)
    if sessions.broken:
        console.print(f"[yellow]{len(sessions.broken)} session file(s) could not be loaded; "
                      "`hamstride check FILE` shows why.[/]")
    return 0


def _list_row(entry: Entry) -> list[str]:
    origin = "built-in" if entry.builtin else ("yours (replaces built-in)" if entry.overrides_builtin else "yours")
    if entry.session is None:
        assert entry.error is not None
        first = entry.error.problems[0]
        return [shown(entry.name), f"[red]broken: {shown(first.message)}[/]", "", "", origin]
    from hamstride.domain.plan import build_timeline  # here, as in each command: the app's launch builds
    # this module's parsers, and its first frame has no plan to show

    timeline = build_timeline(entry.session)
    approx = "~" if any(s.open_ended for s in timeline.segments) else ""
    return [shown(entry.name), shown(entry.session.title), approx + clock(timeline.total),
            str(len(entry.session.steps)), origin]


def cmd_show(context: Context, args: argparse.Namespace) -> int:
    console = context.console
    session = context.session(args.session)
    heading = session.title
    why_this_week = ""
    if session.total_weeks:
        from hamstride.domain.progression import planned_session

        choice: WeekChoice | None = None
        if args.week is None:  # the week the runner is on, as the run screen picks it
            choice = _current_week(context, session)
            week, why_this_week = choice.week, f"{choice.banner}: {choice.reason}."
        else:
            week = args.week
        if not 1 <= week <= session.total_weeks:
            console.print(f"[red]{shown(session.title)} has weeks 1 to {session.total_weeks}[/]")
            return 2
        # The dose it will run: the week's, or low-volume maintenance's 2 x 5.
        session = planned_session(session, choice) if choice is not None else session.for_week(week)
        heading += f" · week {week} of {session.total_weeks}" if choice is None or not choice.maintenance else \
            f" · {choice.banner.lower()}"
    elif args.week is not None:
        console.print(f"[yellow]{shown(session.title)} is the same every week; --week is ignored.[/]")
    from rich.table import Table  # here only: `run` starts sooner without it

    from hamstride.domain.plan import Phase, build_timeline

    timeline = build_timeline(session)

    table = Table(title=shown(heading), title_justify="left",
                  caption=shown(session.summary) if session.summary else None, caption_justify="left")
    table.add_column("#", justify="right")
    table.add_column("step", style="bold")
    table.add_column("dose")
    table.add_column("tempo")
    table.add_column("rest", justify="right")
    table.add_column("time", justify="right")
    for index, step in enumerate(session.steps):
        first, end = timeline.step_starts[index], timeline.step_end(index)
        seconds = sum(s.estimate for s in timeline.segments[first:end])
        open_ended = any(s.open_ended for s in timeline.segments[first:end])
        name = shown(step.name) + (" [magenta](eccentric)[/]" if step.eccentric else "")
        table.add_row(str(index + 1), name, shown(step.dose()), step.kind.notation(step),
                      clock(step.rest) if step.sets > 1 and step.rest else "",
                      ("~" if open_ended else "") + clock(seconds))
    approx = "~" if any(s.open_ended for s in timeline.segments) else ""
    work = sum(s.estimate for s in timeline.segments if s.phase not in (Phase.GET_READY, Phase.REST, Phase.SWITCH_SIDE))
    table.add_section()
    table.add_row("", "total", "", "", "", approx + clock(timeline.total))
    console.print(table)
    console.print(f"{approx}{clock(work)} of work, {len(timeline.segments)} segments.", highlight=False)
    if why_this_week:
        # The week is the programme's; whether today is a day for it (48 h, soreness, a race) is the coach's
        # one answer, which reads whole records: show reads outlines only, so it says where to ask.
        console.print(f"{shown(why_this_week)} Whether today is a day for it: hamstride today.", highlight=False)
    if session.why:
        console.print(f"Why it works: {shown(session.why)}", highlight=False)
    return 0


def _current_week(context: Context, session: Session) -> WeekChoice:
    """This programme's week from the runner's history and settings (week 1 if the history cannot be read)."""
    from hamstride.domain.progression import current_week
    from hamstride.storage.diary import read_diary
    from hamstride.wallclock import local_now

    history = context.store
    records = history.outlines()  # the progression reads no step: no whole record is built
    config = settings_said(context)
    diary = read_diary(history.folder, config)
    choice = current_week(session, records, local_now().date(), config.maintenance, diary.checks)
    assert choice is not None
    return choice


def week_number(text: str) -> int:
    """--week N: a programme's weeks start at 1."""
    try:
        week = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a week number") from None
    if week < 1:
        raise argparse.ArgumentTypeError(f"{week}: a programme's weeks start at 1")
    return week


def cmd_check(context: Context, args: argparse.Namespace) -> int:
    console = context.console
    failed = 0
    sessions: Library | None = None
    for name in args.files:
        path = Path(name)
        try:
            if path.suffix != ".toml" and not os.path.lexists(path):  # a session name, as show and run take
                sessions = sessions or context.library()
                session = resolve(name, sessions)
                name = str(session.source or name)
            else:
                session = load_session(path)
        except SessionFileError as error:
            failed += 1
            print_problems(console, error)
            continue
        except SessionNotFound as error:
            failed += 1
            console.print(f"[red]{shown(str(error))}[/]", soft_wrap=True)
            continue
        from hamstride.domain.plan import build_timeline

        total = build_timeline(session).total
        console.print(f"[green]ok[/] {shown(name)}: {shown(session.title)}, "
                      f"{len(session.steps)} step{'s' if len(session.steps) != 1 else ''}, about {clock(total)}",
                      highlight=False)
        from hamstride.storage.dose_notes import dose_notes

        print_notes(console, dose_notes(session))
    return 1 if failed else 0


def _add_list(commands: SubParsers) -> None:
    listing = commands.add_parser("list", help="list built-in and your own sessions with their time")
    listing.add_argument("--names", action="store_true", help="only their names, one a line (for tab completion)")
    listing.set_defaults(func=cmd_list)


def _add_show(commands: SubParsers) -> None:
    show = commands.add_parser("show", help="print a session's plan: steps, sets x reps, tempo, time")
    completes_sessions(show.add_argument("session", metavar="NAME|FILE",
                                         help="a session name (see `hamstride list`) or a .toml file"))
    show.add_argument("--week", type=week_number, metavar="N",
                      help="for a week-by-week programme: the plan of week N (default: the week you are on)")
    show.set_defaults(func=cmd_show)


def _add_check(commands: SubParsers) -> None:
    check = commands.add_parser("check", help="validate session files; exit 1 listing every problem")
    completes_sessions(check.add_argument("files", nargs="+", metavar="NAME|FILE",
                                          help="session names or files to check"))
    check.set_defaults(func=cmd_check)


# Each command's parser by its name, in the order `hamstride --help` lists them (cli.build_parser).
PARSERS: dict[str, Callable[[SubParsers], None]] = {"list": _add_list, "show": _add_show, "check": _add_check}
