"""What every part of audio shares: a clip, a backend, and the error that moves the player on.

Standard library only: the sound child (audio/child.py) imports this and little else, so that it
starts in a few tens of milliseconds.
"""

import sys
from array import array
from typing import NamedTuple, Protocol


class Clip(NamedTuple):
    name: str
    frames: bytes  # little-endian PCM
    rate: int
    channels: int
    width: int  # bytes per sample

    @property
    def seconds(self) -> float:
        return len(self.frames) / (self.rate * self.channels * self.width)

    def scaled(self, volume: float) -> "Clip":
        """The clip at a volume from 0 to 1 (16-bit PCM; other widths are left as they are)."""
        if volume >= 1.0 or self.width != 2:
            return self
        samples = array("h", self.frames)
        if sys.byteorder == "big":  # WAV samples are little-endian
            samples.byteswap()
        samples = array("h", (int(sample * max(0.0, volume)) for sample in samples))
        if sys.byteorder == "big":
            samples.byteswap()
        return Clip(self.name, samples.tobytes(), self.rate, self.channels, self.width)

    def then(self, other: "Clip") -> "Clip":
        """This clip followed by another of the same format."""
        if (self.rate, self.channels, self.width) != (other.rate, other.channels, other.width):
            return self
        return Clip(f"{self.name}+{other.name}", self.frames + other.frames, self.rate, self.channels, self.width)


class PlaybackError(Exception):
    """A backend could not play; the player moves on to the next one."""


class Backend(Protocol):
    name: str

    def play(self, clip: Clip) -> None:
        """Start playing and return at once; raise PlaybackError if it cannot play."""

    def wait(self) -> None:
        """Block until the clip playing now has finished (for doctor and tests)."""

    def stop(self) -> None: ...
