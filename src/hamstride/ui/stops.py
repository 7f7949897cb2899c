"""The app closed unasked (a signal, the terminal's input gone): the line it leaves, true to what was kept."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from hamstride.ui.run_flow import RunFlow

KEPT = "The session so far is kept: start it again to resume it."
SAVED = "The session is saved."
NOTHING_KEPT = "before any set was done: nothing was recorded."


class Stopped(NamedTuple):
    """The app was closed unasked (a signal, the terminal's input gone): the closing line and the exit code."""

    why: str
    code: int


def closing_line(why: str, flow: RunFlow | None) -> str:
    """`why` and what of a run under way is kept; the run's journal is closed (and dropped when it kept nothing).

    A journal of no set done would be dropped by the next start: "kept" would be untrue."""
    if flow is None:
        return f"{why}."
    running, kept = flow.running, flow.interrupt()
    if not running and flow.saved is not None:  # on the summary: the record is written, nothing to resume
        return f"{why}. {SAVED}" if flow.saved.in_history else f"{why}."
    if kept:
        return f"{why}. {KEPT}"
    return f"{why} {NOTHING_KEPT}" if running else f"{why}."


def input_closed() -> bool:
    stdin = sys.__stdin__
    if stdin is None:
        return True
    try:
        os.fstat(stdin.fileno())
    except (OSError, ValueError):
        return True
    return False
