"""What the commands share: finding a session and saying what is wrong with it, the history, the settings."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING
from functools import partial
from pathlib import Path

from rich.console import Console
from hamstride.plaintext import shown

from hamstride import locations
from hamstride.domain.errors import SessionFileError, SessionNotFound
from hamstride.domain.model import Session
from hamstride.storage.config import Config, LoadedConfig, check_names, load_config
from hamstride.storage.history import HistoryStore
from hamstride.storage.loader import load_session

if TYPE_CHECKING:
    from hamstride.storage.library import Library

# The library is read where a name is looked up: `run FILE` starts without it.


def library(args: argparse.Namespace, starting: str | None = None) -> Library:
    """The sessions; with `starting`, only those whose names start so are read (see load_library)."""
    from hamstride.storage.library import load_library

    place = locations.locations(getattr(args, "data_dir", None))
    return load_library(locations.builtin_sessions(), place.user_sessions, starting)


def session_names(args: argparse.Namespace) -> list[str]:
    from hamstride.storage.library import session_files

    place = locations.locations(getattr(args, "data_dir", None))
    return list(session_files(locations.builtin_sessions(), place.user_sessions))


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


def open_session(args: argparse.Namespace, console: Console, name_or_file: str) -> Session | int:
    """The session, or the exit code after saying why there is none (1: a broken file, 2: no such session)."""
    try:
        return resolve(name_or_file, partial(library, args), partial(session_names, args))
    except SessionFileError as error:
        print_problems(console, error)
        return 1
    except SessionNotFound as error:
        console.print(f"[red]{shown(str(error))}[/]")
        return 2


def print_problems(console: Console, error: SessionFileError) -> None:
    count = len(error.problems)
    console.print(f"[bold red]{shown(error.file)}[/]: {count} problem{'s' if count > 1 else ''}",
                  highlight=False, soft_wrap=True)
    for problem in error.problems:
        console.print(f"  {shown(str(problem))}", highlight=False, soft_wrap=True)


def store(args: argparse.Namespace) -> HistoryStore:
    from hamstride.wallclock import local_now

    place = locations.locations(args.data_dir)
    return HistoryStore(place.history, local_now, journals=place.data / "in-progress", cache=place.cache)


def loaded_config(args: argparse.Namespace, themes: Iterable[str] | None = None,
                  binding_ids: Callable[[], Iterable[str]] | None = None) -> LoadedConfig:
    """config.toml; with the app's themes and binding ids, the names it uses are checked against them.

    The binding ids are asked for only when there is a [keymap] to check: finding them imports
    every screen, which a launch without a keymap has no need of.
    """
    loaded = load_config(locations.locations(args.data_dir).config / "config.toml")
    if themes is None or binding_ids is None:
        return loaded
    return check_names(loaded, themes, binding_ids() if loaded.config.keymap else ())


def config(args: argparse.Namespace, console: Console, loaded: LoadedConfig | None = None) -> Config:
    """The settings for the app; their mistakes are told before it starts, not over the session."""
    loaded = loaded or loaded_config(args)
    for problem in loaded.problems:
        console.print(f"[yellow]{shown(problem)}[/]", soft_wrap=True)
    if loaded.problems and sys.stdin.isatty() and sys.stdout.isatty():
        console.print("Press Enter to start with the defaults for these (Ctrl+C to fix config.toml first).")
        try:
            input()
        except EOFError:
            pass
    return loaded.config
