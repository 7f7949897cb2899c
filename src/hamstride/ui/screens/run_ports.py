"""What the run screen is handed: where its cues go (the app's sound) and where it reports the run (its flow).

Both are small protocols, so the screen never reaches into the app, and the flow
that owns the run hears of it one way, from the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from hamstride.domain.cues import Cue, CueKind
from hamstride.domain.progress import Position, SetDone

if TYPE_CHECKING:
    from hamstride.domain.result import RunResult


class CueOutput(Protocol):
    """Where the run screen sends its cues (the app's sound)."""

    def play_now(self, cues: tuple[Cue, ...], announce: str) -> None:
        """Play cues that fell due; `announce` is a step name to speak at its get-ready."""

    def arm_next(self, cues: tuple[Cue, ...], delay: float) -> None:
        """The cues due in `delay` seconds if nothing is pressed: play them on the beat."""

    def unheard(self) -> frozenset[CueKind]:
        """Cue kinds the sound in use cannot play (the terminal bell rings only for some)."""

    def sound_line(self) -> str:
        """The status line's word on the sound."""


class RunProgress(Protocol):
    """Where the run screen reports the run (the run flow, which journals, saves and sums up)."""

    def set_reached(self, position: Position | None, sets: tuple[SetDone, ...], so_far: RunResult) -> None:
        """A set began or ended, or a rep was done or marked: what was done so far, so a crash loses no rep."""

    def finished(self, result: RunResult) -> None:
        """The run is over (done, or ended early): its result."""
