"""Settings from config.toml in the config folder; every key optional, every mistake named.

A bad value never stops the app: it is reported and the default is used.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from hamstride.domain.stats import DEFAULT_WEEKLY_TARGET

SOUND_MODES = ("tones", "voice", "both")
BACKENDS = ("simpleaudio", "paplay", "pw-play", "aplay", "afplay", "terminal bell", "silent")

EXAMPLE = """\
# hamstride settings. Every key is optional: delete a line for the default.
weekly_target = 2        # sessions a week for a week streak (the article: two)
mute = false             # start with the sound off (m toggles it in a session)
volume = 1.0             # the cues' loudness, 0 to 1
sound = "tones"          # tones, voice, or both
# backend = "aplay"      # try this sound backend first
theme = "textual-dark"   # any Textual theme: the command palette lists them
# lead_in = 10           # seconds of get-ready before every step, whatever the session says
[keymap]                 # binding id = keys, e.g. pause = "p"
"""


@dataclass(frozen=True)
class Config:
    weekly_target: int = DEFAULT_WEEKLY_TARGET
    mute: bool = False
    volume: float = 1.0  # 0 to 1: the cues' loudness, for a laptop turned up for music
    sound: str = "tones"
    backend: str | None = None
    theme: str = "textual-dark"
    lead_in: float | None = None  # None: what each session file says
    keymap: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LoadedConfig:
    config: Config
    path: Path
    problems: tuple[str, ...]


def load_config(path: Path) -> LoadedConfig:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return LoadedConfig(Config(), path, ())
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        return LoadedConfig(Config(), path, (f"{path}: {error}; using the defaults",))
    problems: list[str] = []
    values: dict[str, Any] = {}
    known = {f.name for f in fields(Config)}
    for key, value in data.items():
        if key not in known:
            problems.append(f"{path}: unknown key {key!r} (known: {', '.join(sorted(known))})")
            continue
        problem = _check(key, value)
        if problem:
            problems.append(f"{path}: {key} {problem}; using the default")
        else:
            values[key] = {k: str(v) for k, v in value.items()} if key == "keymap" else value
    return LoadedConfig(Config(**values), path, tuple(problems))


def _check(key: str, value: Any) -> str:
    match key:
        case "weekly_target":
            ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 14
            return "" if ok else "must be a whole number from 1 to 14"
        case "mute":
            return "" if isinstance(value, bool) else "must be true or false"
        case "volume":
            ok = isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1
            return "" if ok else "must be a number from 0 to 1"
        case "sound":
            return "" if value in SOUND_MODES else f"must be one of {', '.join(SOUND_MODES)}"
        case "backend":
            return "" if value in BACKENDS else f"must be one of {', '.join(BACKENDS)}"
        case "theme":
            return "" if isinstance(value, str) and value else "must be a theme name"
        case "lead_in":
            ok = isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 60
            return "" if ok else "must be seconds from 0 to 60"
        case "keymap":
            ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
            return "" if ok else 'must be a table of binding id = "keys"'
    return ""


def values(config: Config) -> dict[str, Any]:
    return {f.name: getattr(config, f.name) for f in fields(Config)}
