"""The one place that reads the wall clock, for the app and the commands (the core never does)."""

from __future__ import annotations

from datetime import datetime


def local_now() -> datetime:
    """Now, with the laptop's offset; whole seconds are all a history needs."""
    return datetime.now().astimezone().replace(microsecond=0)
