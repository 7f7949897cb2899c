"""What the commands share: finding a session, telling what is wrong, the settings' mistakes, a terminal."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from hamstride.domain.errors import ExitCode, HamstrideError, Problem, SessionFileError, SessionNotFound
from hamstride.domain.sound import BACKENDS, SoundMode
from hamstride.plaintext import shown

if TYPE_CHECKING:
    from typing import TypeAlias

    from hamstride.cli.context import Context
    from hamstride.domain.model import Session
    from hamstride.storage.config import Config, LoadedConfig
    from hamstride.storage.library import Library

    SubParsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]  # what adds a command's parser


class NoTerminal(HamstrideError):
    """A screen command started without a terminal to draw in or keys to read."""

    exit_code = ExitCode.USAGE


def needs_terminal(command: str, instead: str) -> None:
    """NoTerminal unless stdin and stdout are a terminal: drawn into a pipe a screen is never seen,
    a session would run unseen and be saved as done, and the app would spin a core waiting for keys."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise NoTerminal(f"hamstride {command} needs a terminal: it draws full screen and reads your keys. "
                         f"Start it in a terminal window; {instead}")


def resolve(name_or_file: str, sessions: Library | Callable[[str], Library],
            names: Callable[[], list[str]] | None = None) -> Session:
    """A session by name from the library, or from a file path; raises SessionFileError or SessionNotFound.

    `sessions` may be a library, or what reads the sessions whose names start with the name asked
    for (a path reads no library at all); then `names` lists them all, for the error.
    """
    path = Path(name_or_file)
    if path.suffix == ".toml" or path.exists():
        if not path.is_file():
            raise SessionNotFound(f"no session file at {name_or_file}")
        from hamstride.storage.loader import load_session  # here: most commands and home's first frame read none

        return load_session(path)
    from hamstride.storage.library import Library

    if isinstance(sessions, Library):
        library, all_names = sessions, sessions.names
    else:
        library, all_names = sessions(name_or_file), names or (lambda: library.names())
    matches = library.matches(name_or_file)
    if len(matches) > 1:
        raise SessionNotFound(f"{name_or_file!r} could be any of: {', '.join(e.name for e in matches)}; "
                              "type more of the name")
    if not matches:
        known = ", ".join(all_names()) or "none"
        raise SessionNotFound(f"no session named {name_or_file!r}; known sessions: {known}")
    entry = matches[0]
    if entry.error is not None:
        raise entry.error
    assert entry.session is not None
    return entry.session


def tell(console: Console, error: HamstrideError) -> None:
    """Our error as the runner reads it: a broken file with every problem, else its one message."""
    if isinstance(error, SessionFileError):
        print_problems(console, error)
    elif isinstance(error, NoTerminal):  # stdout is a pipe, maybe carrying something else
        sys.stderr.write(shown(str(error), markup=False) + "\n")
    else:
        console.print(f"[red]{shown(str(error))}[/]", soft_wrap=True)


def print_problems(console: Console, error: SessionFileError) -> None:
    count = len(error.problems)
    console.print(f"[bold red]{shown(error.file)}[/]: {count} problem{'s' if count > 1 else ''}",
                  highlight=False, soft_wrap=True)
    for problem in error.problems:
        console.print(f"  {shown(str(problem))}", highlight=False, soft_wrap=True)


def print_notes(console: Console, notes: list[Problem]) -> None:
    """Warnings for a valid file: a step named like a Nordic without its exercise key, a programme whose Nordics
    start or climb beyond the literature's progressions (storage/dose_notes.py)."""
    for note in notes:
        console.print(f"  [yellow]warning:[/] {shown(str(note))}", highlight=False, soft_wrap=True)


def settings_said(context: Context) -> Config:
    """config.toml as a plain command reads it, its mistakes said to stderr (stdout may be read by a script):
    a typo in `maintenance` must not quietly give the full last week's dose."""
    for problem in context.settings.problems:
        sys.stderr.write(shown(problem, markup=False) + "\n")
    return context.settings.config


def told(settings: LoadedConfig, console: Console) -> LoadedConfig:
    """The settings for the app, their mistakes told before it starts rather than over the session."""
    for problem in settings.problems:
        console.print(f"[yellow]{shown(problem)}[/]", soft_wrap=True)
    if settings.problems and sys.stdin.isatty() and sys.stdout.isatty():
        console.print("Press Enter to start with the defaults for these (Ctrl+C to fix config.toml first).")
        try:
            input()
        except EOFError:
            pass
    return settings


def sound_options(parser: argparse.ArgumentParser, *, top: bool = True) -> None:
    """--sound and --backend, which the app, `run` and `doctor` take. A command's own default to SUPPRESS, as
    `_global_options` does: `hamstride --backend silent run X` keeps the backend given before the command."""
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--sound", choices=list(SoundMode), default=default,
                        help="tones, spoken words, or a tone then the word (default: config.toml's, else tones)")
    parser.add_argument("--backend", choices=BACKENDS, default=default,
                        help="try this sound backend first")
