"""Settings from config.toml in the config folder; every key optional, every mistake named.

A bad value never stops the app: it is reported and the default is used.
"""

import difflib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from hamstride.domain.sound import BACKENDS, SoundMode
from hamstride.domain.targets import DEFAULT_WEEKLY_TARGET, MAINTENANCE_MODES, WEEKLY
from hamstride.storage.fields import Rule, ValueProblem, flag, list_of_text, number, one_of, table_of_text, text, whole
from hamstride.storage.files import NotAFile, read_regular

MAX_CONFIG_BYTES = 1024 * 1024  # settings are a few lines
RACE_WORDS = ("race", "parkrun", "5k", "10k", "half", "marathon", "ultra")
HARD_WORDS = ("interval", "tempo", "threshold", "hills", "track", "fartlek")
DEFAULT_THEME = "textual-dark"  # Textual's own (tests/unit/test_launch.py checks it is one of its themes)


EXAMPLE = """\
# hamstride settings. Every key is optional: delete a line for the default.
weekly_target = 2        # sessions a week for a week streak (the article: two)
maintenance = "weekly"   # after a programme: "weekly" (its last week once a week) or "low-volume" (2 x 5 a week)
mute = false             # start with the sound off (m toggles it in a session)
volume = 1.0             # the cues' loudness, 0 to 1
sound = "tones"          # tones, voice, or both
# backend = "aplay"      # try this sound backend first
theme = "textual-dark"   # any Textual theme: the command palette lists them
# lead_in = 10           # seconds of get-ready before every step, whatever the session says
# calendar = "~/plans/training.ics"  # your training plan: its races and hard runs keep eccentric work away
# race_words = ["race", "parkrun", "5k", "10k", "half", "marathon", "ultra"]  # an event with one is a race
# hard_words = ["interval", "tempo", "threshold", "hills", "track", "fartlek"]  # ... or a hard run
[keymap]                 # binding id = keys, e.g. pause = "p"
"""


class Config(NamedTuple):
    """The runner's settings from config.toml, each as read by its rule in RULES.

    A NamedTuple: a frozen dataclass (six functions written and compiled) cost some 0.8 ms at each launch."""

    weekly_target: int = DEFAULT_WEEKLY_TARGET
    # After a programme's last week: its last week's dose once a week (Petersen 2011), or 2 x 5 once a week.
    maintenance: str = WEEKLY
    mute: bool = False
    volume: float = 1.0  # 0 to 1: the cues' loudness, for a laptop turned up for music
    sound: str = "tones"
    backend: str | None = None
    theme: str = DEFAULT_THEME
    lead_in: float | None = None  # None: the file's
    keymap: Mapping[str, str] = {}
    # The runner's training plan (.ics), read on this machine only; its events whose summary holds one of
    # the words are races or hard runs ahead (docs/dosing.md, "Races").
    calendar: str | None = None
    race_words: tuple[str, ...] = RACE_WORDS
    hard_words: tuple[str, ...] = HARD_WORDS


# The rule each setting's value follows: one for every field of Config (tests/unit/test_declarations.py).
RULES: dict[str, Rule[Any]] = {
    "weekly_target": whole(1, 14, needs="must be a whole number from 1 to 14"),
    "maintenance": one_of(MAINTENANCE_MODES),
    "mute": flag(),
    "volume": number(0, 1, needs="must be a number from 0 to 1"),
    "sound": one_of(SoundMode),
    "backend": one_of(BACKENDS),
    "theme": text(required=True, needs="must be a theme name", empty="must be a theme name"),
    "lead_in": number(0, 60, needs="must be seconds from 0 to 60"),
    "keymap": table_of_text('must be a table of binding id = "keys"'),
    "calendar": text(required=True, needs="must be the path of an .ics file", empty="must be the path of an .ics file"),
    "race_words": list_of_text('must be a list of words, e.g. ["race", "10k"]'),
    "hard_words": list_of_text('must be a list of words, e.g. ["intervals"]'),
}


class LoadedConfig(NamedTuple):
    config: Config
    path: Path
    problems: tuple[str, ...]
    lines: Mapping[str, int] = {}  # the line each top-level key (or table) is written on, for the problems

    def at(self, key: str) -> str:
        """Where a key is, as a session file's problems say it: "config.toml:3"."""
        return f"{self.path}:{self.lines[key]}" if key in self.lines else f"{self.path}"

    def fix(self, key: str, what: str = "value") -> str:
        line = self.lines.get(key)
        return f"To fix it, correct the {what} on line {line}, or delete that line" if line else \
            f"To fix it, correct the {what} of {key}, or delete it"


def load_config(path: Path) -> LoadedConfig:
    try:
        # A regular file only, bounded: a FIFO as config.toml would hang the start, /dev/zero never end.
        raw = read_regular(path, MAX_CONFIG_BYTES)
        if len(raw) > MAX_CONFIG_BYTES:
            raise NotAFile(0, "it is over 1 MiB, not a settings file", str(path))
        import tomllib  # a first start, or one with no settings: no config.toml to read

        data = tomllib.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        return LoadedConfig(Config(), path, ())
    except (UnicodeDecodeError, RecursionError, ValueError) as error:  # tomllib's errors are ValueErrors
        return LoadedConfig(Config(), path, (f"{path}: {error}; using the defaults",))
    except OSError as error:  # a folder, a pipe, a link that loops, HAMSTRIDE_HOME pointing at a file
        return LoadedConfig(Config(), path, (f"{path} cannot be read ({error.strerror or error}); "
                                             "using the defaults. Make it a plain TOML file, or remove it",))
    from hamstride.storage.keylines import scan

    read = LoadedConfig(Config(), path, (), scan(raw.decode("utf-8")).session)
    problems: list[str] = []
    values: dict[str, Any] = {}
    for key, value in data.items():
        rule = RULES.get(key)
        if rule is None:
            problems.append(f"{read.at(key)}: unknown key {key[:40]!r}; {_did_you_mean(key, RULES)} "
                            f"{read.fix(key, 'key')}")
            continue
        try:
            values[key] = rule.read(value)
        except ValueProblem as problem:
            close = _close(value, str(problem))
            fix = f'To fix it, write {key} = "{close}" on line {read.lines[key]}' \
                if close and key in read.lines else read.fix(key)
            problems.append(f"{read.at(key)}: {key} {problem}{f' (did you mean {close!r}?)' if close else ''}; "
                            f"using the default. {fix}")
    return read._replace(config=Config(**values), problems=tuple(problems))


def _close(value: Any, problem: str) -> str | None:
    """The choice a mistyped word was meant to be ("lowvolume": "low-volume"), when the rule lists choices."""
    if not isinstance(value, str) or not problem.startswith("must be one of ") or len(value) > 40:
        return None
    choices = problem.removeprefix("must be one of ").split(", ")
    close = difflib.get_close_matches(value.lower(), choices, n=1, cutoff=0.6)
    return close[0] if close else None


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    choices = sorted(known)
    close = difflib.get_close_matches(name, choices, n=1) if len(name) <= 40 else []
    return f"did you mean {close[0]!r}?" if close else f"known: {', '.join(choices)}"


def check_names(loaded: LoadedConfig, themes: Iterable[str], binding_ids: Iterable[str]) -> LoadedConfig:
    """Settings that name things the app has (a theme, key bindings), checked against what it has."""
    config, problems = loaded.config, list(loaded.problems)
    themes, binding_ids = set(themes), set(binding_ids)
    if config.theme not in themes:
        problems.append(f"{loaded.at('theme')}: theme {config.theme[:40]!r} is not a theme; "
                        f"{_did_you_mean(config.theme, themes)} Using {DEFAULT_THEME}. {loaded.fix('theme')}")
        config = config._replace(theme=DEFAULT_THEME)
    keymap = {}
    for binding, keys in config.keymap.items():
        if binding not in binding_ids:
            problems.append(f"{loaded.at('keymap')}: keymap: {binding[:40]!r} is not a binding id; "
                            f"{_did_you_mean(binding, binding_ids)}")
        elif not [key for key in keys.split(",") if key.strip()]:
            problems.append(f"{loaded.at('keymap')}: keymap: {binding} has no keys; write e.g. {binding} = \"p\"")
        else:
            keymap[binding] = keys
    if keymap != config.keymap:
        config = config._replace(keymap=keymap)
    return loaded._replace(config=config, problems=tuple(problems))


def as_toml(config: Config) -> str:
    """The settings in force as config.toml would say them; a setting left to its default is a comment."""
    import tomli_w  # `hamstride config` only: not at every launch

    lines = []
    for key, value in values(config).items():
        if key == "keymap":
            continue
        value = list(value) if isinstance(value, tuple) else value
        lines.append(f"# {key} = (default)" if value is None else tomli_w.dumps({key: value}).strip())
    lines.append(tomli_w.dumps({"keymap": config.keymap}).strip() if config.keymap else "[keymap]")
    return "\n".join(lines) + "\n"


def values(config: Config) -> dict[str, Any]:
    return config._asdict()
