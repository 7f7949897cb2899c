"""Cue -> the sound to play: tones, spoken words, or both, read from sounds/."""

from __future__ import annotations

import wave
from pathlib import Path

from hamstride.audio.base import Clip
from hamstride.domain.cues import Cue, CueKind
from hamstride.domain.sound import SoundMode

__all__ = ["Clip", "SoundBank", "SoundMode"]


def read_clip(path: Path) -> Clip:
    with wave.open(str(path), "rb") as source:
        return Clip(path.stem, source.readframes(source.getnframes()), source.getframerate(),
                    source.getnchannels(), source.getsampwidth())


# Cues that speak a number rather than a word, in voice mode.
_SPOKEN_NUMBERS = {CueKind.COUNT, CueKind.TICK}


class SoundBank:
    """The clips in a sounds folder, loaded once."""

    def __init__(self, folder: Path, volume: float = 1.0) -> None:
        self.folder = folder
        self.volume = volume
        self._cache: dict[Path, Clip | None] = {}

    def _load(self, path: Path) -> Clip | None:
        if path not in self._cache:
            try:
                self._cache[path] = read_clip(path).scaled(self.volume)
            except (OSError, wave.Error, EOFError):
                self._cache[path] = None
        return self._cache[path]

    def tone(self, cue: Cue) -> Clip | None:
        return self._load(self.folder / f"{cue.kind.value}.wav")

    def voice(self, cue: Cue) -> Clip | None:
        numbered = cue.kind in _SPOKEN_NUMBERS or (cue.kind is CueKind.REP_DONE and cue.number is not None)
        if numbered and cue.number is not None:
            return self._load(self.folder / "voice" / "numbers" / f"{cue.number}.wav")
        return self._load(self.folder / "voice" / f"{cue.kind.value}.wav")

    def clip(self, cue: Cue, mode: SoundMode) -> Clip | None:
        tone = self.tone(cue)
        if mode is SoundMode.TONES:
            return tone
        voice = self.voice(cue)
        if mode is SoundMode.VOICE:
            return voice or tone
        if tone is not None and voice is not None:
            return tone.then(voice)
        return tone or voice
