"""Durations as a runner reads them, on the screen and on the command line alike."""

from __future__ import annotations


def clock(seconds: float) -> str:
    """"4:05", or "1:02:00" past the hour; whole seconds, never negative."""
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


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
