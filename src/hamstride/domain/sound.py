"""The sound a runner can choose, by name: how cues sound and which way they are played.

Settings, the command line and the audio package all take these names from here,
so a name one of them accepts is a name the others know.
"""

from __future__ import annotations

from enum import StrEnum


class SoundMode(StrEnum):
    TONES = "tones"
    VOICE = "voice"
    BOTH = "both"  # a tone, then the word


SYSTEM_PLAYERS = ("paplay", "pw-play", "aplay", "afplay")  # commands on PATH, best first
BACKENDS = ("simpleaudio", *SYSTEM_PLAYERS, "terminal bell", "silent")  # every backend, best first
