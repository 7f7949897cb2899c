"""The `hamstride` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from hamstride import locations as where
from hamstride.domain.errors import SessionFileError
from hamstride.storage.library import Entry, Library, load_library
from hamstride.storage.loader import load_session
from hamstride.domain.model import Session
from hamstride.domain.plan import Phase, build_timeline
from hamstride.domain.timetext import clock


def _library(args: argparse.Namespace) -> Library:
    place = where.locations(getattr(args, "data_dir", None))
    return load_library(where.builtin_sessions(), place.user_sessions)


def resolve(name_or_file: str, library: Library) -> Session:
    """A session by name from the library, or from a file path; raises SessionFileError or LookupError."""
    path = Path(name_or_file)
    if path.suffix == ".toml" or path.exists():
        if not path.is_file():
            raise LookupError(f"no session file at {name_or_file}")
        return load_session(path)
    entry = library.find(name_or_file)
    if entry is None:
        known = ", ".join(library.names()) or "none"
        raise LookupError(f"no session named {name_or_file!r}; known sessions: {known}")
    if entry.error is not None:
        raise entry.error
    assert entry.session is not None
    return entry.session


def _print_problems(console: Console, error: SessionFileError) -> None:
    count = len(error.problems)
    console.print(f"[bold red]{escape(error.file)}[/]: {count} problem{'s' if count > 1 else ''}",
                  highlight=False, soft_wrap=True)
    for problem in error.problems:
        console.print(f"  {escape(str(problem))}", highlight=False, soft_wrap=True)


def cmd_list(args: argparse.Namespace, console: Console) -> int:
    library = _library(args)
    from rich.table import Table

    table = Table(title="Sessions", title_justify="left")
    table.add_column("name", style="bold")
    table.add_column("title")
    table.add_column("time", justify="right")
    table.add_column("steps", justify="right")
    table.add_column("from")
    for entry in library.entries:
        table.add_row(*_list_row(entry))
    console.print(table)
    if library.broken:
        console.print(f"[yellow]{len(library.broken)} session file(s) could not be loaded; "
                      "`hamstride check FILE` shows why.[/]")
    return 0


def _list_row(entry: Entry) -> list[str]:
    origin = "built-in" if entry.builtin else ("yours (replaces built-in)" if entry.overrides_builtin else "yours")
    if entry.session is None:
        assert entry.error is not None
        first = entry.error.problems[0]
        return [escape(entry.name), f"[red]broken: {escape(first.message)}[/]", "", "", origin]
    timeline = build_timeline(entry.session)
    approx = "~" if any(s.open_ended for s in timeline.segments) else ""
    return [escape(entry.name), escape(entry.session.title), approx + clock(timeline.total),
            str(len(entry.session.steps)), origin]


def cmd_show(args: argparse.Namespace, console: Console) -> int:
    try:
        session = resolve(args.session, _library(args))
    except SessionFileError as error:
        _print_problems(console, error)
        return 1
    except LookupError as error:
        console.print(f"[red]{escape(str(error))}[/]")
        return 2
    heading = session.title
    if session.total_weeks:
        week = args.week or 1
        if not 1 <= week <= session.total_weeks:
            console.print(f"[red]{escape(session.title)} has weeks 1 to {session.total_weeks}[/]")
            return 2
        session = session.for_week(week)
        heading += f" · week {week} of {session.total_weeks}"
    elif args.week is not None:
        console.print(f"[yellow]{escape(session.title)} is the same every week; --week is ignored.[/]")
    timeline = build_timeline(session)
    from rich.table import Table

    table = Table(title=escape(heading), title_justify="left",
                  caption=escape(session.summary) if session.summary else None, caption_justify="left")
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
        name = escape(step.name) + (" [magenta](eccentric)[/]" if step.eccentric else "")
        table.add_row(str(index + 1), name, escape(step.dose()), step.kind.notation(step),
                      clock(step.rest) if step.sets > 1 and step.rest else "",
                      ("~" if open_ended else "") + clock(seconds))
    approx = "~" if any(s.open_ended for s in timeline.segments) else ""
    work = sum(s.estimate for s in timeline.segments if s.phase not in (Phase.GET_READY, Phase.REST, Phase.SWITCH_SIDE))
    table.add_section()
    table.add_row("", "total", "", "", "", approx + clock(timeline.total))
    console.print(table)
    console.print(f"{approx}{clock(work)} of work, {len(timeline.segments)} segments.", highlight=False)
    return 0


def cmd_check(args: argparse.Namespace, console: Console) -> int:
    failed = 0
    for name in args.files:
        path = Path(name)
        try:
            session = load_session(path)
        except SessionFileError as error:
            failed += 1
            _print_problems(console, error)
            continue
        total = build_timeline(session).total
        console.print(f"[green]ok[/] {escape(name)}: {escape(session.title)}, "
                      f"{len(session.steps)} steps, about {clock(total)}", highlight=False)
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hamstride",
        description="A guided hamstring session for runners: tempo countdowns, reps, sides and rests, "
                    "with audio cues. With no command, opens the app.",
    )
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="keep config, your sessions and history here (also: HAMSTRIDE_HOME)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    listing = commands.add_parser("list", help="list built-in and your own sessions with their time")
    listing.set_defaults(func=cmd_list)

    show = commands.add_parser("show", help="print a session's plan: steps, sets x reps, tempo, time")
    show.add_argument("session", metavar="NAME|FILE", help="a session name (see `hamstride list`) or a .toml file")
    show.add_argument("--week", type=int, metavar="N", help="for a week-by-week programme: the plan of week N")
    show.set_defaults(func=cmd_show)

    check = commands.add_parser("check", help="validate session files; exit 1 listing every problem")
    check.add_argument("files", nargs="+", metavar="FILE", help="session files to check")
    check.set_defaults(func=cmd_check)

    from hamstride import cli_app  # the TUI commands live apart so `check` starts fast

    cli_app.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    console = Console(highlight=False)
    if args.command is None:
        from hamstride import cli_app

        return cli_app.cmd_home(args, console)
    return int(args.func(args, console))


if __name__ == "__main__":
    sys.exit(main())
