"""Commands that open the full-screen app, play sound or write files (Textual is imported only to start the app)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from hamstride.plaintext import shown

from hamstride import locations
from hamstride.cli import common, report_files
from hamstride.cli.common import library as _library
from hamstride.cli.common import open_session, print_problems
from hamstride.cli.common import store as _store
from hamstride.domain.cues import Cue, CueKind
from hamstride.domain.errors import HamstrideError
from hamstride.domain.sound import BACKENDS, SoundMode
from hamstride.storage.config import Config, LoadedConfig

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from hamstride.domain.model import Session
    from hamstride.domain.record import Record
    from hamstride.ui.app import HamstrideApp


def _checked_config(args: argparse.Namespace) -> LoadedConfig:
    """config.toml, with the theme and the [keymap]'s binding ids checked against the app's."""
    from textual.theme import BUILTIN_THEMES

    def binding_ids() -> set[str]:
        from hamstride.ui.app import binding_ids

        return binding_ids()

    return common.loaded_config(args, BUILTIN_THEMES, binding_ids)


def _config(args: argparse.Namespace, console: Console) -> Config:
    return common.config(args, console, _checked_config(args))


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = commands.add_parser("run", help="run a session full screen, with audio cues")
    run.add_argument("session", metavar="NAME|FILE", help="a session name (see `hamstride list`) or a .toml file")
    _sound_options(run)
    run.add_argument("--mute", action="store_true", help="start with the sound off (m toggles it)")
    run.set_defaults(func=cmd_run)

    new = commands.add_parser("new", help="copy a session into your folder to make it your own")
    new.add_argument("name", metavar="NAME", help="the new session's name (letters, digits, - and _)")
    new.add_argument("--from", dest="source", metavar="SESSION", required=True,
                     help="the session to start from, e.g. early-week-strength")
    new.set_defaults(func=cmd_new)

    edit = commands.add_parser("edit", help="open one of your sessions in $EDITOR and check it when you close it")
    edit.add_argument("name", metavar="NAME", help="a session name; a built-in one is copied to your folder first")
    edit.set_defaults(func=cmd_edit)

    config = commands.add_parser("config", help="where everything lives, and the settings in force")
    config.set_defaults(func=cmd_config)

    history = commands.add_parser("history", help="the history screen; or --export the records as CSV or JSON")
    history.add_argument("--export", choices=["csv", "json"], help="write the records instead of opening the screen")
    history.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of the terminal")
    history.set_defaults(func=cmd_history)

    report = commands.add_parser("report", help="a Markdown report of the last weeks, for you or your physio")
    report.add_argument("--weeks", type=int, default=4, help="how many weeks, the current one included (default 4)")
    report.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of the terminal")
    report_files.add_options(report)
    report.set_defaults(func=cmd_report)

    doctor = commands.add_parser("doctor", help="play every cue in turn and report which sound backend works")
    _sound_options(doctor)
    doctor.set_defaults(func=cmd_doctor)


def _sound_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sound", choices=list(SoundMode), default=None,
                        help="tones, spoken words, or a tone then the word (default: config.toml's, else tones)")
    parser.add_argument("--backend", choices=BACKENDS,
                        help="try this sound backend first")


def cmd_run(args: argparse.Namespace, console: Console) -> int:
    session = open_session(args, console, args.session)
    if isinstance(session, int):
        return session
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # Drawn into a pipe, a session would run unseen and be saved as done.
        sys.stderr.write("hamstride run needs a terminal: it draws the session full screen and reads your "
                         "keys. Start it in a terminal window; `hamstride show NAME` prints a session.\n")
        return 2
    from hamstride.ui.app import HamstrideApp

    config = _config(args, console)
    app = HamstrideApp(session, muted=True if args.mute else None,
                       sound_mode=SoundMode(args.sound) if args.sound else None, backend=args.backend,
                       store=_store(args), config=config, load_library=lambda: _library(args),
                       readiness_check=True)
    app.run()
    _after_app(app, console)
    if app.closed_by is not None:
        console.print("Stopped. The session so far is kept: start it again to resume it.")
        return app.return_code or 1
    result = app.result
    if result is not None:
        state = "complete" if result.completed else "partial"
        console.print(f"{shown(result.title)}: {state}, {result.eccentric_reps} eccentric reps, "
                      f"{int(result.elapsed_seconds // 60)} min {int(result.elapsed_seconds % 60)} s.")
    return app.return_code or 0  # a crash inside the app (it printed the traceback) is not a success


def _after_app(app: HamstrideApp, console: Console) -> None:
    """What could not be saved is not lost: say where it is, or print it."""
    # A record saved again with the runner's feedback replaces the first try: say it once.
    latest = {saved.record_id or str(index): saved for index, saved in enumerate(app.unsaved)}
    for saved in latest.values():
        console.print(f"[red]The session could not be saved to the history: {shown(saved.error)}[/]",
                      soft_wrap=True)
        if saved.path is not None:
            console.print(f"It is in {shown(str(saved.path))}; move it into the history folder later.",
                          soft_wrap=True)
        else:
            console.print("Here it is; keep it in a file:", soft_wrap=True)
            console.print(saved.text, markup=False, highlight=False, soft_wrap=True)


def cmd_history(args: argparse.Namespace, console: Console) -> int:
    store = _store(args)
    if args.export:
        from hamstride.storage.export import csv_text, json_text

        loaded = store.load()
        for problem in loaded.problems:
            sys.stderr.write(shown(problem, markup=False) + "\n")
        text = csv_text(loaded.records) if args.export == "csv" else json_text(loaded.records)
        return _write_out(text, args.output, console)
    from hamstride.ui.app import HamstrideApp, Start


    app = HamstrideApp(store=store, config=_config(args, console), start=Start.HISTORY,
                       load_library=lambda: _library(args))
    app.run()
    _after_app(app, console)
    return app.return_code or 0  # a crash inside the app (it printed the traceback) is not a success


def cmd_report(args: argparse.Namespace, console: Console) -> int:
    from hamstride.storage.export import markdown_report
    from hamstride.wallclock import local_now

    if args.weeks < 1:
        console.print("[red]--weeks must be 1 or more[/]")
        return 2
    if code := report_files.check(args, console):
        return code
    store = _store(args)
    loaded = store.load()
    settings = _checked_config(args)
    for problem in (*loaded.problems, *settings.problems):  # to stderr: stdout may be carrying the report
        sys.stderr.write(shown(problem, markup=False) + "\n")
    config = settings.config
    today = local_now().date()
    programme = _programme(args, loaded.records, today)
    text = markdown_report(loaded.records, today, args.weeks, config.weekly_target, programme)
    if report_files.wanted(args):
        from hamstride.domain.weekly import charts

        figures = charts(loaded.records, today, args.weeks, config.weekly_target, programme)
        title = f"hamstride: the last {args.weeks} weeks to {today:%d %b %Y}"
        if code := report_files.write(args, console, figures, text, title):
            return code
    return _write_out(text, args.output, console)


def _programme(args: argparse.Namespace, records: Sequence[Record], today: date) -> Session | None:
    """The week-by-week programme last run, for its plan and its map in the report."""
    from hamstride.domain.weekly import active_programme

    name = active_programme(records, today)
    if name is None:
        return None
    entry = next((e for e in _library(args).entries if e.name == name), None)
    return entry.session if entry is not None else None


def _write_out(text: str, output: str | None, console: Console) -> int:
    if output is None:
        sys.stdout.write(text)
        return 0
    from pathlib import Path

    from hamstride.storage.export import write_private

    try:
        write_private(Path(output), text)
    except OSError as error:
        console.print(f"[red]Cannot write {shown(output)}: {shown(error.strerror or str(error))}[/]")
        return 1
    console.print(f"Wrote {shown(output)}")
    return 0


def cmd_doctor(args: argparse.Namespace, console: Console) -> int:
    from hamstride.audio.backends import PlaybackError, available_backends
    from hamstride.audio.clips import SoundBank
    from hamstride.audio.player import CuePlayer

    def ring() -> None:
        sys.stdout.write("\a")
        sys.stdout.flush()

    notices: list[str] = []
    bank = SoundBank(locations.sounds())
    backends = available_backends(ring, args.backend)
    if args.backend and backends[0].name != args.backend:
        console.print(f"[yellow]The sound backend {shown(args.backend)} is not available here.[/]")
    console.print(f"Sounds from {shown(str(bank.folder))}")
    console.print("Backends to try, in order: " + ", ".join(b.name for b in backends))
    player = CuePlayer(bank, backends, mode=SoundMode(args.sound or "tones"), on_notice=notices.append, threaded=False)
    missing = []
    for kind in CueKind:
        cue = Cue(kind, 0.0, 3 if kind in (CueKind.COUNT, CueKind.TICK) else None)
        clip = bank.clip(cue, player.mode)
        if clip is None:
            missing.append(kind.value)
        console.print(f"  {kind.value:<18} ", end="")
        player.play_cues([cue])
        try:
            player.wait()
        except PlaybackError as error:  # a player that never finishes: the next cue moves on from it
            console.print(f"{shown(str(error))}; ", end="")
        time.sleep(0.15)
        console.print(f"played on {player.backend.name}" if player.played and player.played[-1][0] == cue
                      else f"not played on {player.backend.name}")
    for notice in notices:
        console.print(f"[yellow]{shown(notice)}[/]")
    for failure in player.failures:
        console.print(f"  {shown(failure)}", soft_wrap=True)
    console.print(f"Cues play through: [bold]{shown(player.backend.name)}[/]")
    from hamstride.audio.speech import PROGRAMS, find_program

    program = find_program()
    console.print(f"Step names spoken (voice and both modes) by: {shown(program)}" if program else
                  f"No speech program found ({', '.join(PROGRAMS)}): step names are not spoken; "
                  "the cue words still are, from sounds/voice/", soft_wrap=True)
    if missing:
        console.print(f"[red]Missing sound files: {', '.join(missing)}[/]")
        return 1
    return 0


def cmd_home(args: argparse.Namespace, console: Console) -> int:
    from hamstride.cli.plain import cmd_list
    from hamstride.ui.app import HamstrideApp, Start

    from hamstride.serve import served

    if not (sys.stdin.isatty() and sys.stdout.isatty()) and not served():
        # Piped or scripted: a full-screen app cannot run, so say what there is. Served, the pipes
        # are textual-serve's, carrying the screen to a browser.
        code = cmd_list(args, console)
        console.print("Start one with: hamstride run NAME (in a terminal)")
        return code

    config = _config(args, console)
    app = HamstrideApp(store=_store(args), config=config, start=Start.HOME, load_library=lambda: _library(args),
                       user_folder=locations.locations(args.data_dir).user_sessions, readiness_check=True,
                       served=served())
    app.run()
    _after_app(app, console)
    return app.return_code or 0  # a crash inside the app (it printed the traceback) is not a success


def cmd_new(args: argparse.Namespace, console: Console) -> int:
    from hamstride.editing import copy_to_user

    entry = _library(args).find(args.source)
    if entry is None:
        console.print(f"[red]No session named {shown(args.source)!r}; `hamstride list` shows them.[/]")
        return 2
    try:
        path = copy_to_user(entry, locations.locations(args.data_dir).user_sessions, args.name)
    except (HamstrideError, OSError) as error:
        console.print(f"[red]{shown(str(error))}[/]", soft_wrap=True)
        return 1
    console.print(f"Created {shown(str(path))} from {shown(entry.name)}. Edit it with: hamstride edit {args.name}",
                  soft_wrap=True)
    return 0


def cmd_edit(args: argparse.Namespace, console: Console) -> int:
    from hamstride.editing import copy_to_user, problems_in, run_editor

    user_folder = locations.locations(args.data_dir).user_sessions
    entry = _library(args).find(args.name)
    if entry is None:
        console.print(f"[red]No session named {shown(args.name)!r}; `hamstride new {shown(args.name)} --from "
                      "SESSION` makes one.[/]", soft_wrap=True)
        return 2
    path = entry.path
    try:
        if entry.builtin:
            path = copy_to_user(entry, user_folder)
            console.print(f"Built-in sessions stay as they are: editing your copy, {shown(str(path))}",
                          soft_wrap=True)
        while True:
            run_editor(path)
            error = problems_in(path)
            if error is None:
                console.print(f"[green]ok[/] {shown(str(path))} is valid.", soft_wrap=True)
                return 0
            print_problems(console, error)
            if not _ask("Open it again to fix it? [Y/n] "):
                console.print("Left as it is; `hamstride check` shows the problems again.")
                return 1
    except (HamstrideError, OSError) as error:
        console.print(f"[red]{shown(str(error))}[/]", soft_wrap=True)
        return 1


def _ask(question: str) -> bool:
    """Yes unless the runner says no; no answer at all (no terminal) is a no."""
    try:
        answer = input(question)
    except EOFError:
        return False
    return answer.strip().lower() not in ("n", "no")


def cmd_config(args: argparse.Namespace, console: Console) -> int:
    from hamstride.storage.config import EXAMPLE, as_toml

    place = locations.locations(args.data_dir)
    loaded = _checked_config(args)
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
