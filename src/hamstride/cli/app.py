"""Commands that open the full-screen app or work on the runner's files (Textual is imported only to start the app)."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from hamstride import locations
from hamstride.cli.common import needs_terminal, print_notes, print_problems, sound_options, told
from hamstride.cli.completion import completes_sessions
from hamstride.domain.errors import HamstrideError, SessionNotFound
from hamstride.domain.timetext import spoken
from hamstride.plaintext import shown
from hamstride.storage.config import DEFAULT_THEME, Config, LoadedConfig, check_names

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from datetime import date

    from hamstride.cli.common import SubParsers
    from hamstride.cli.context import Context
    from hamstride.domain.model import Session
    from hamstride.domain.outline import Dated
    from hamstride.domain.result import RunResult
    from hamstride.storage.library import Title
    from hamstride.ui.app import HamstrideApp, Services


def _checked(context: Context) -> LoadedConfig:
    """config.toml, with its theme and its [keymap]'s binding ids checked against the app's.

    The binding ids are asked for only when there is a [keymap] to check: finding them imports
    every screen, which a launch without a keymap has no need of.
    """
    settings = context.settings
    themes: Iterable[str] = (DEFAULT_THEME,)
    if settings.config.theme != DEFAULT_THEME:
        # Only a theme the runner named is looked for among Textual's: importing Textual (0.1-0.2 s)
        # to check the default, Textual's own, was most of what `report` spent beyond the history.
        from textual.theme import BUILTIN_THEMES

        themes = BUILTIN_THEMES
    if not settings.config.keymap:
        return check_names(settings, themes, ())
    return check_names(settings, themes, binding_ids())


def binding_ids() -> set[str]:
    """Every key binding id the app and its screens have: what config.toml's [keymap] may name."""
    import importlib
    import pkgutil

    from textual.binding import Binding
    from textual.screen import Screen

    import hamstride.ui.screens as screens
    from hamstride.ui.app import HamstrideApp

    classes: list[type] = [HamstrideApp]
    for module in pkgutil.iter_modules(screens.__path__):
        loaded = importlib.import_module(f"{screens.__name__}.{module.name}")
        classes += [value for value in vars(loaded).values() if isinstance(value, type)
                    and issubclass(value, Screen) and value.__module__ == loaded.__name__]
    return {binding.id for cls in classes for binding in getattr(cls, "BINDINGS", [])
            if isinstance(binding, Binding) and binding.id}


def _app_config(context: Context) -> Config:
    """The settings the app starts with, their mistakes told first."""
    return told(_checked(context), context.console).config


def _add_run(commands: SubParsers) -> None:
    run = commands.add_parser("run", help="run a session full screen, with audio cues")
    completes_sessions(run.add_argument("session", metavar="NAME|FILE",
                                        help="a session name (see `hamstride list`) or a .toml file"))
    sound_options(run, top=False)
    run.add_argument("--mute", action="store_true", default=argparse.SUPPRESS,  # as before the command
                     help="start with the sound off (m toggles it)")
    run.set_defaults(func=cmd_run)


def _add_new(commands: SubParsers) -> None:
    new = commands.add_parser("new", help="copy a session into your folder to make it your own")
    new.add_argument("name", metavar="NAME", help="the new session's name (letters, digits, - and _)")
    completes_sessions(new.add_argument("--from", dest="source", metavar="SESSION", required=True,
                                        help="the session to start from, e.g. early-week-strength"))
    new.set_defaults(func=cmd_new)


def _add_edit(commands: SubParsers) -> None:
    edit = commands.add_parser("edit", help="open one of your sessions in $EDITOR and check it when you close it")
    completes_sessions(edit.add_argument("name", metavar="NAME",
                                         help="a session name; a built-in one is copied to your folder first"))
    edit.set_defaults(func=cmd_edit)


def _add_config(commands: SubParsers) -> None:
    config = commands.add_parser("config", help="where everything lives, and the settings in force")
    config.set_defaults(func=cmd_config)


def _add_history(commands: SubParsers) -> None:
    history = commands.add_parser("history", help="the history screen; or --export the records as CSV or JSON")
    history.add_argument("--export", choices=["csv", "json"], help="write the records instead of opening the screen")
    history.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of the terminal")
    history.set_defaults(func=cmd_history)


def _add_report(commands: SubParsers) -> None:
    report = commands.add_parser("report", help="a Markdown report of the last weeks, for you or your physio")
    report.add_argument("--weeks", type=int, default=4, help="how many weeks, the current one included (default 4)")
    report.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of the terminal")
    from hamstride.cli import report_files  # the report's pictures: for `report` only

    report_files.add_options(report)
    report.set_defaults(func=cmd_report)


def cmd_run(context: Context, args: argparse.Namespace) -> int:
    console = context.console
    session = context.session(args.session)
    # Drawn into a pipe, a session would run unseen and be saved as done.
    needs_terminal("run", "`hamstride show NAME` prints a session.")
    from hamstride.audio.backends import start_sound_early

    start_sound_early(args.backend or context.settings.config.backend)
    from hamstride.ui.app import HamstrideApp, OpenRun, Settings

    settings = Settings.of(_app_config(context), mute=True if context.mute else None, sound=args.sound,
                           backend=args.backend, readiness_check=True)
    app = HamstrideApp(OpenRun(session), settings, _services(context))
    app.run()
    _after_app(app, console)
    if app.stopped is not None:
        with contextlib.suppress(OSError):  # its window closed: nobody to read it, and a write there fails
            console.print(app.stopped.why)
        return app.return_code or 1
    if app.result is not None:
        console.print(closing_line(app.result))
    elif not app.return_code:  # left at the readiness check: the shell says the session did not start
        console.print(f"{shown(session.title)}: not started.")
    return app.return_code or 0  # a crash inside the app (it printed the traceback) is not a success


def closing_line(result: RunResult) -> str:
    """What the history now holds of the run: a run ended before any work leaves no record (recorder.py)."""
    from datetime import datetime, timezone

    from hamstride.domain.record import record_from_result
    from hamstride.domain.stats import counts

    moment = datetime.now(timezone.utc)
    if not counts(record_from_result(result, id="closing", started=moment, ended=moment)):
        return f"{shown(result.title)}: ended before anything was done; nothing was recorded."
    state = "complete" if result.completed else "partial"
    reps = f"{result.eccentric_reps} eccentric rep{'' if result.eccentric_reps == 1 else 's'}"
    return f"{shown(result.title)}: {state}, {reps}, {spoken(result.elapsed_seconds)}."


def _services(context: Context, titles: Callable[[], list[Title]] | None = None) -> Services:
    """What the app works with: the history, opened when first asked for (a first frame looks only
    for journals left, in their folder), the sessions, and their titles for home's first frame."""
    from hamstride.ui.app import Services

    return Services(open_store=lambda: context.store, journals=context.journals, library=context.library,
                    titles=titles, user_folder=context.place.user_sessions)


def _after_app(app: HamstrideApp, console: Console) -> None:
    """What could not be saved is not lost: say where it is, or print it."""
    # A record saved again with the runner's feedback replaces the first try: say it once.
    latest = {saved.record_id or str(index): saved for index, saved in enumerate(app.unsaved)}
    for saved in latest.values():
        console.print(f"[red]The session could not be saved to the history: {shown(saved.error)}[/]",
                      soft_wrap=True)
        if saved.path is not None:
            console.print(f"It is kept in {shown(str(saved.path))}: the next start of hamstride offers to "
                          "save it into the history.", soft_wrap=True)
        else:
            console.print("Here it is; keep it in a file:", soft_wrap=True)
            console.print(saved.text, markup=False, highlight=False, soft_wrap=True)


def cmd_history(context: Context, args: argparse.Namespace) -> int:
    if args.export:
        from hamstride.storage.export import csv_from_rows, json_text

        store = context.store
        problems = store.sync()
        for problem in problems:
            sys.stderr.write(shown(problem, markup=False) + "\n")
        # The CSV's rows were made as each month was read: no session is built again for them.
        text = csv_from_rows(store.db.csv_rows()) if args.export == "csv" else json_text(store.db.records())
        return _write_out(text, args.output, context.console)
    needs_terminal("history", "`hamstride history --export csv` prints the records, "
                              "`hamstride report` a summary.")
    from hamstride.ui.app import HamstrideApp, OpenHistory, Settings

    # Its resume offers come first: a run resumed from here gets the readiness check as from home.
    settings = Settings.of(_app_config(context), mute=True if context.mute else None, readiness_check=True)
    app = HamstrideApp(OpenHistory(), settings, _services(context))
    app.run()
    _after_app(app, context.console)
    return app.return_code or 0  # a crash inside the app (it printed the traceback) is not a success


MAX_REPORT_WEEKS = 1040


def cmd_report(context: Context, args: argparse.Namespace) -> int:
    from hamstride.cli import report_files
    from hamstride.domain.weekly import report_start
    from hamstride.storage.export import markdown_report
    from hamstride.wallclock import local_now

    console = context.console
    if not 1 <= args.weeks <= MAX_REPORT_WEEKS:
        # A typo of a few digits reached back before the year 1: a traceback, not a report.
        console.print(f"[red]--weeks must be 1 to {MAX_REPORT_WEEKS} (20 years), not {args.weeks}[/]", soft_wrap=True)
        return 2
    report_files.check(args)  # before anything is read or written: a misnamed file is refused first
    today = local_now().date()
    # Whole records only of the weeks shown; the streaks and the programme (replayed from its first
    # session) read every session in outline, from the database's columns.
    history = context.store.overview(report_start(today, args.weeks), today)
    settings = _checked(context)
    for problem in (*history.problems, *settings.problems):  # to stderr: stdout may be carrying the report
        sys.stderr.write(shown(problem, markup=False) + "\n")
    config = settings.config
    from hamstride.domain.done_by import with_unsaved

    # The programme map weighs a run under way in another copy (or a crash's) as home does; the weeks do not.
    coached = with_unsaved(history.outlines, context.store.unsaved(history.outlines))
    programme = _programme(context, coached, today)
    from hamstride.storage.diary import read_diary

    diary = read_diary(context.place.history, config, today)  # the answers and races the coach reads, as it reads them
    for problem in diary.problems:
        sys.stderr.write(shown(problem, markup=False) + "\n")
    records, every, checks, races = history.records, history.outlines, diary.checks, diary.races
    text = markdown_report(records, today, args.weeks, config.weekly_target, programme, checks, every,
                           config.maintenance, races, coached)
    if not report_files.wanted(args):
        return _write_out(text, args.output, console)
    # Pictures asked for: each file written is said in a line, and the Markdown goes only to -o's file
    # (the terminal is not the place for it when the report went to a file).
    from hamstride.domain.weekly import charts

    if args.output is not None:
        _write_out(text, args.output, console)
    figures = charts(records, today, args.weeks, config.weekly_target, programme, checks, coached,
                     config.maintenance, races)
    title = f"hamstride: the last {args.weeks} week{'s' if args.weeks != 1 else ''} to {today:%d %b %Y}"
    for line in report_files.write(args, figures, text, title):
        console.print(line, highlight=False, soft_wrap=True, markup=False)
    return 0


def _programme(context: Context, records: Sequence[Dated], today: date) -> Session | None:
    """The programme home follows, for its plan and its map in the report (the coach's one rule)."""
    from hamstride.domain.suggest import programme_under_way

    found: dict[str, Session | None] = {}

    def find(name: str) -> Session | None:
        # Only the files whose names start so are parsed, each name once: not the whole library.
        if name not in found:
            entry = next((e for e in context.library(name).entries if e.name == name), None)
            found[name] = entry.session if entry is not None else None
        return found[name]

    return programme_under_way(find, records, today)


def _write_out(text: str, output: str | None, console: Console) -> int:
    if output is None:
        sys.stdout.write(text)
        return 0

    from hamstride.storage.export import write_private

    try:
        write_private(Path(output), text)
    except OSError as error:
        raise HamstrideError(f"Cannot write {output}: {error.strerror or error}") from error
    console.print(f"Wrote {shown(output)}")
    return 0


def cmd_home(context: Context, args: argparse.Namespace) -> int:
    from hamstride.serve import served

    if not (sys.stdin.isatty() and sys.stdout.isatty()) and not served():
        # Piped or scripted: a full-screen app cannot run, so say what there is. Served, the pipes
        # are textual-serve's, carrying the screen to a browser.
        from hamstride.cli.plain import cmd_list

        code = cmd_list(context, argparse.Namespace(names=False))
        context.console.print("Start one with: hamstride run NAME (in a terminal)")
        return code
    from hamstride.ui.app import HamstrideApp, OpenHome, Settings

    config = _app_config(context)
    app = HamstrideApp(OpenHome(), Settings.of(config, mute=True if context.mute else None, readiness_check=True,
                                               sound=args.sound, backend=args.backend, served=served()),
                       _services(context, titles=context.titles))
    app.run()
    _after_app(app, context.console)
    return app.return_code or 0  # a crash inside the app (it printed the traceback) is not a success


def cmd_new(context: Context, args: argparse.Namespace) -> int:
    from hamstride.editing import copy_to_user

    entry = context.library().find(args.source)
    if entry is None:
        raise SessionNotFound(f"No session named {args.source!r}; `hamstride list` shows them.")
    try:
        path = copy_to_user(entry, context.place.user_sessions, args.name)
    except OSError as error:
        raise HamstrideError(f"Cannot copy {entry.name}: {error.strerror or error}") from error
    context.console.print(f"Created {shown(str(path))} from {shown(entry.name)}. "
                          f"Edit it with: hamstride edit {shown(args.name)}", soft_wrap=True)
    return 0


def cmd_edit(context: Context, args: argparse.Namespace) -> int:
    from hamstride.editing import copy_to_user, dose_notes_in, problems_in, run_editor

    console = context.console
    entry = context.library().find(args.name)
    if entry is None:
        raise SessionNotFound(f"No session named {args.name!r}; `hamstride new {args.name} --from SESSION` makes one.")
    path = entry.path
    try:
        if entry.builtin:
            path = copy_to_user(entry, context.place.user_sessions)
            console.print(f"Built-in sessions stay as they are: editing your copy, {shown(str(path))}",
                          soft_wrap=True)
        while True:
            status = run_editor(path)
            if status != 0:  # as git does: an editor that fails (vim's :cq) may not have saved
                console.print(f"[red]The editor exited with status {status}[/], so your changes may not be "
                              f"saved. `hamstride check {shown(path.stem)}` checks the file as it is now.",
                              soft_wrap=True)
                return 1
            error = problems_in(path)
            if error is None:
                console.print(f"[green]ok[/] {shown(str(path))} is valid.", soft_wrap=True)
                print_notes(console, dose_notes_in(path))
                return 0
            print_problems(console, error)
            if not _ask("Open it again to fix it? [Y/n] "):
                console.print("Left as it is; `hamstride check` shows the problems again.")
                return 1
    except OSError as error:
        raise HamstrideError(f"Cannot edit {path}: {error.strerror or error}") from error


def _ask(question: str) -> bool:
    """Yes unless the runner says no; no answer at all (no terminal) is a no."""
    try:
        answer = input(question)
    except EOFError:
        return False
    return answer.strip().lower() not in ("n", "no")


def cmd_config(context: Context, args: argparse.Namespace) -> int:
    from hamstride.storage.config import EXAMPLE, as_toml

    console = context.console
    place = context.place
    loaded = _checked(context)
    console.print("[bold]Where everything lives[/]")
    for label, path in (("built-in sessions", locations.builtin_sessions()), ("your sessions", place.user_sessions),
                        ("history", place.history), ("settings", loaded.path), ("sounds", locations.sounds())):
        state = "" if path.exists() else "  (not created yet)"
        console.print(f"  {label:<18} {shown(str(path))}{state}", soft_wrap=True, highlight=False)
    console.print("[bold]Settings in force[/] (as config.toml says them)")
    console.print(as_toml(loaded.config), markup=False, highlight=False, soft_wrap=True)
    for problem in loaded.problems:
        console.print(f"[yellow]{shown(problem)}[/]", soft_wrap=True)
    if not loaded.path.exists():
        console.print(f"No settings file yet. To change one, create {shown(str(loaded.path))} like this:")
        console.print(EXAMPLE, markup=False, highlight=False, soft_wrap=True)
    return 0


# Each command's parser by its name, in the order `hamstride --help` lists them (cli.build_parser).
PARSERS: dict[str, Callable[[SubParsers], None]] = {
    "run": _add_run, "new": _add_new, "edit": _add_edit, "config": _add_config, "history": _add_history,
    "report": _add_report,
}
