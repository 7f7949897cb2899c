"""The one answer to "where do files live": built-in data, the runner's sessions, history.

Tests point every location at a temporary folder by setting HAMSTRIDE_HOME, so
no test ever reads or writes the developer's real home.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

import platformdirs

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


def locations(data_dir: Path | None = None) -> Locations:
    """Where the runner's files live: HAMSTRIDE_HOME (or --data-dir) holds everything if set."""
    home = data_dir or (Path(os.environ["HAMSTRIDE_HOME"]) if os.environ.get("HAMSTRIDE_HOME") else None)
    if home is not None:
        return Locations(config=home / "config", data=home / "data", cache=home / "cache")
    return Locations(config=Path(platformdirs.user_config_dir(APP)), data=Path(platformdirs.user_data_dir(APP)),
                     cache=Path(platformdirs.user_cache_dir(APP)))


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
