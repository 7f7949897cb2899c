"""What the run tells the screen: a snapshot for each frame, and the cues coming next for the sound."""

import math
from collections.abc import Sequence
from typing import NamedTuple

from hamstride.domain.cues import Cue
from hamstride.domain.plan import Segment

SAME_INSTANT = 1e-6  # cues this close together fall due in the same tick


class Snapshot(NamedTuple):
    """Everything the screen needs to draw one frame, and the cues to play now."""

    segment: Segment | None  # None once the session is over
    local: float  # seconds into the segment
    remaining: float | None  # None for an open-ended segment
    elapsed: float  # session seconds run, pauses excluded, a resumed run's earlier time included
    remaining_total: float  # estimate of what is left of the session
    reps_counted: int  # self-paced reps the runner has counted in this set
    paused: bool
    started: bool
    finished: bool
    completed: bool
    cues: tuple[Cue, ...] = ()
    upcoming: Segment | None = None  # the next work: what "Next:" shows
    slept: float | None = None  # the clock jumped this many seconds: the run paused where it began
    skip_offer: str = ""  # a step whose rest another skip would pass over ("press n again...")

    @property
    def progress(self) -> float:
        """Fraction of the current segment done, 0 for an open one."""
        if self.segment is None:
            return 1.0
        if self.segment.duration is None:
            return 0.0
        return min(1.0, self.local / self.segment.duration)


def cues_ahead(coming: Sequence[Segment], first: int, local: float) -> tuple[float, tuple[Cue, ...]] | None:
    """The cues that fall due next in the segments coming (the first of them `local` seconds in,
    its cues before `first` already played), and in how many seconds."""
    offset = 0.0  # where each segment starts, from the current segment's start
    due: float | None = None
    found: list[Cue] = []
    for segment in coming:
        for cue in segment.cues[first:]:
            if math.isinf(cue.at):
                break
            at = offset + cue.at
            if due is None:
                due = at
            elif at - due > SAME_INSTANT:
                return max(0.0, due - local), tuple(found)
            found.append(cue)
        if segment.duration is None:
            break
        offset += segment.duration
        if due is not None and offset - due > SAME_INSTANT:
            break
        first = 0
    if due is None:
        return None
    return max(0.0, due - local), tuple(found)
