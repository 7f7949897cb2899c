"""A run's own time on the clock it is handed: its start, its pauses, a sleep noticed, its end.

The run's seconds (`elapsed`) leave out every pause and every gap in the clock, and
add what was run before a resume. The walker (domain/walker.py) asks it the time;
nothing here reads a clock but the one it is given.
"""

from __future__ import annotations

from collections.abc import Callable

Clock = Callable[[], float]


class RunTime:
    def __init__(self, clock: Clock, max_gap: float | None = None, before: float = 0.0) -> None:
        self.clock = clock
        self.max_gap = max_gap  # a jump longer than this is a gap (a suspended laptop), not a late tick
        self.before = before  # seconds run before a resume
        self.started_at: float | None = None
        self.paused_at: float | None = None
        self.paused_total = 0.0
        self.last_seen = 0.0  # the latest clock time the walk caught up with
        self.slept: float | None = None  # how long the gap that paused the run was, until it goes on
        self.ended_at: float | None = None

    @property
    def started(self) -> bool:
        return self.started_at is not None

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    def now(self) -> float:
        """The run's present: frozen at its end, or where it was paused."""
        if self.ended_at is not None:
            return self.ended_at
        return self.paused_at if self.paused_at is not None else self.clock()

    def elapsed(self, now: float) -> float:
        """Seconds of the run at clock time `now`, pauses left out."""
        if self.started_at is None:
            return self.before
        return self.before + now - self.started_at - self.paused_total

    def gap(self) -> bool:
        """Pause where the clock jumped (the process stood still), so nothing is credited for the gap."""
        if self.max_gap is None or self.paused_at is not None:
            return False
        now = self.clock()
        if now - self.last_seen <= self.max_gap:
            return False
        self.paused_at = self.last_seen
        self.slept = now - self.last_seen
        return True

    def woke(self) -> None:
        """Back from a stop the run was paused for first (ctrl+z): the time away is told as a gap's is."""
        if self.paused_at is not None:
            self.slept = self.clock() - self.paused_at
