"""A screen answers once: keys sent in a burst after the answer must not close what lies beneath it."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import Screen

R = TypeVar("R")


def answer(screen: Screen[R], result: R | None = None) -> None:
    """Dismiss `screen` with `result` if it is still the one on top.

    A dismissal takes the screen off the stack at once, but the keys already queued behind the
    first (four Enters in one burst) still reach it: each would dismiss again, and pop the screen
    under it, or fail with "Can't pop screen".
    """
    if screen.is_active:
        screen.dismiss(result)
