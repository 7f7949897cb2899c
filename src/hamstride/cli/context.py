"""What every command is handed: built once by `cli.main`, each part read when first asked for.

A command asks its context where files live, for the settings, the history and the
sessions, and never works them out again from the command line (as pipx hands
its commands one context). Each part is read once, and only by a command that uses it:
`check` reads no settings, `run FILE` reads no library. The sessions alone are read afresh
each time they are asked for: the runner may have edited one meanwhile.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from hamstride import locations
from hamstride.cli.common import resolve
from hamstride.storage import config as config_file

if TYPE_CHECKING:
    from hamstride.domain.model import Session
    from hamstride.storage.config import LoadedConfig
    from hamstride.storage.history import HistoryStore
    from hamstride.storage.library import Library, Title


class Context:
    def __init__(self, console: Console, data_dir: Path | None = None, mute: bool = False) -> None:
        self.console = console
        self.data_dir = data_dir
        self.mute = mute  # --mute: the sound starts off, whatever config.toml says

    @cached_property
    def place(self) -> locations.Locations:
        """Where the runner's files live; UnusableFolder if a folder there cannot be one."""
        return locations.usable(self.data_dir)

    @cached_property
    def settings(self) -> LoadedConfig:
        """config.toml as read, with its mistakes (the app's commands check its names against the app's)."""
        return config_file.load_config(self.place.config / "config.toml")

    @cached_property
    def store(self) -> HistoryStore:
        from hamstride.storage.history import HistoryStore
        from hamstride.wallclock import local_now

        place = self.place
        return HistoryStore(place.history, local_now, journals=self.journals, cache=place.cache)

    @property
    def journals(self) -> Path:
        """Where the store keeps the journals of runs under way: the app looks there before it opens the store."""
        return self.place.data / "in-progress"


    def library(self, starting: str | None = None) -> Library:
        """The sessions as they are on disk now (the app asks again after the runner edits one);
        with `starting`, only those whose names start so are read (see load_library)."""
        from hamstride.storage.library import load_library

        return load_library(locations.builtin_sessions(), self.place.user_sessions, starting)

    def titles(self) -> list[Title]:
        """Each session's title, its file not yet checked (home lists them first)."""
        from hamstride.storage.library import read_titles

        return read_titles(locations.builtin_sessions(), self.place.user_sessions)

    def session_names(self) -> list[str]:
        from hamstride.storage.library import session_files

        return list(session_files(locations.builtin_sessions(), self.place.user_sessions))

    def session(self, name_or_file: str) -> Session:
        """A session by (a unique start of) its name or a file; SessionFileError or SessionNotFound."""
        return resolve(name_or_file, self.library, self.session_names)
