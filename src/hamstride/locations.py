"""The one answer to "where do files live": built-in data, the runner's sessions, history.

Tests point every location at a temporary folder by setting HAMSTRIDE_HOME, so
no test ever reads or writes the developer's real home.
"""

import errno
import os
import stat
from pathlib import Path
from typing import NamedTuple

import platformdirs

from hamstride.domain.errors import UnusableFolder

APP = "hamstride"


class Locations(NamedTuple):
    config: Path  # config.toml and the runner's sessions/
    data: Path  # history/
    cache: Path | None = None  # what can be rebuilt at any time: parsed history months

    @property
    def user_sessions(self) -> Path:
        return self.config / "sessions"

    @property
    def history(self) -> Path:
        return self.data / "history"


def _home(data_dir: Path | None) -> Path | None:
    return data_dir or (Path(os.environ["HAMSTRIDE_HOME"]) if os.environ.get("HAMSTRIDE_HOME") else None)


def locations(data_dir: Path | None = None) -> Locations:
    """Where the runner's files live: HAMSTRIDE_HOME (or --data-dir) holds everything if set."""
    home = _home(data_dir)
    if home is not None:
        return Locations(config=home / "config", data=home / "data", cache=home / "cache")
    return Locations(config=Path(platformdirs.user_config_dir(APP)), data=Path(platformdirs.user_data_dir(APP)),
                     cache=Path(platformdirs.user_cache_dir(APP)))


def usable(data_dir: Path | None = None) -> Locations:
    """locations(), each folder either a folder or not made yet; else UnusableFolder, saying what to change.

    Checked once, before anything is read: a home that is a symlink loop or a file would
    otherwise surface deep in a command as an OSError or RuntimeError of whatever read first.
    """
    place = locations(data_dir)
    home = _home(data_dir)
    for folder in (*([home] if home else []), place.config, place.user_sessions, place.data, place.history):
        problem = _unusable(folder)
        if problem is not None:
            chosen = ("--data-dir names it" if data_dir else "HAMSTRIDE_HOME names it" if home
                      else "it is this system's place for hamstride's files")
            raise UnusableFolder(f"Cannot use {folder}: it {problem}. {chosen}; point "
                                 f"{'it' if home else 'HAMSTRIDE_HOME or --data-dir'} at a folder, or fix the link.")
    return place


def _unusable(folder: Path) -> str | None:
    """Why the folder cannot hold our files, or None (a folder not there yet is made when first written)."""
    try:
        mode = os.stat(folder).st_mode
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "is a symlink loop (a link that leads, in the end, back to itself)"
        if error.errno == errno.ENOTDIR:
            return "is inside something that is not a folder"
        return f"cannot be read ({error.strerror or error})"
    return None if stat.S_ISDIR(mode) else "is not a folder"


def _packaged(name: str) -> Path:
    # An installed wheel carries sessions/ and sounds/ inside the package (see
    # pyproject's force-include); a source checkout has them at the top level.
    # Found beside this file, as importlib.resources would for a package on disk,
    # without importing it (and zipfile, tempfile...) at every launch.
    packaged = Path(__file__).resolve().parent / "_data" / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / name
    return checkout


def builtin_sessions() -> Path:
    return _packaged("sessions")


def sounds() -> Path:
    return _packaged("sounds")
