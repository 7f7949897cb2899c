"""Durations as a runner reads them, on the screen and on the command line alike."""

from __future__ import annotations


def clock(seconds: float) -> str:
    """"4:05", or "1:02:00" past the hour; whole seconds, never negative."""
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
