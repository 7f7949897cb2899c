"""Durations as a runner reads them, on the screen and on the command line alike."""

from __future__ import annotations

from collections.abc import Iterable


def clock(seconds: float) -> str:
    """"4:05", or "1:02:00" past the hour; whole seconds, never negative."""
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def tenths(seconds: float) -> float:
    """Seconds as every record and export keeps them: to a tenth. A total is the sum of its parts
    rounded so (`total_tenths`), never the exact sum rounded: the month, the JSON, the CSV and the
    screens then agree on the same session (67.7 in one, 67.6 in another was two rules)."""
    return round(seconds, 1)


def total_tenths(parts: Iterable[float]) -> float:
    return round(sum(tenths(part) for part in parts), 1)


def spoken(seconds: float) -> str:
    """"1 min 59 s", "2 min", "1 h 5 min": rounded to the whole second as `clock` rounds, so the
    screen and the command line never disagree by a second."""
    seconds = max(0, int(round(seconds)))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        minutes, secs = divmod(seconds, 60)
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    hours, rest = divmod(seconds, 3600)
    minutes = rest // 60
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"


def ago(hours: float) -> str:
    """How long ago, as a person says it: "just now", "25 min ago", "3 h ago"."""
    minutes = int(round(max(0.0, hours) * 60))
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    return f"{int(round(minutes / 60))} h ago"
