"""What the app is given: the runner's settings, and the few services it works with.

`Settings` is config.toml with the command line's overrides folded in (posting's
`Settings`): the app reads no other source of settings. `Services` is what the
app works with and a test replaces: the history, the library, the clocks, and
how the sound is made.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from hamstride import locations
from hamstride.domain.sound import SoundMode
from hamstride.storage.config import Config
from hamstride.wallclock import local_now

if TYPE_CHECKING:
    from hamstride.audio.player import CuePlayer
    from hamstride.audio.speech import Speaker
    from hamstride.domain.done_by import Unsaved
    from hamstride.domain.engine import Clock
    from hamstride.domain.record import Record
    from hamstride.storage.history import HistoryStore
    from hamstride.storage.library import Library, Title

Wall = Callable[[], datetime]
# How the app makes its sound: from the settings, the terminal's bell and where notices go.
PlayerFactory = Callable[[Config, Callable[[], None], Callable[[str], None]], "CuePlayer"]


class Settings(NamedTuple):
    """The runner's settings, as config.toml says them with the command line's overrides folded in.

    Settings and Services are NamedTuples: immutable, never compared, and a fifth of a frozen
    dataclass's cost to create at launch (tests/perf/test_launch_classes.py)."""

    config: Config = Config()
    readiness_check: bool = False  # the check before eccentric work: the commands turn it on
    # In a browser tab (`hamstride serve`): keys big enough to tap, and a run left by closing
    # the tab is paused and journalled as stopped so, and why.
    served: bool = False

    @classmethod
    def of(cls, config: Config, *, mute: bool | None = None, sound: str | None = None,
           backend: str | None = None, readiness_check: bool = False, served: bool = False) -> Settings:
        """The config with what the command line said instead (None: not said)."""
        return cls(config._replace(mute=config.mute if mute is None else mute, sound=sound or config.sound,
                           backend=backend or config.backend), readiness_check, served)

    @property
    def sound_mode(self) -> SoundMode:
        return SoundMode(self.config.sound)


def no_library() -> Library:
    from hamstride.storage.library import Library  # `run FILE` starts without the library

    return Library(())


def real_player(config: Config, ring: Callable[[], None], notice: Callable[[str], None]) -> CuePlayer:
    """The sound backends this machine has, the first that works in front."""
    from hamstride.audio.backends import available_backends
    from hamstride.audio.clips import SoundBank
    from hamstride.audio.player import CuePlayer

    backends = available_backends(ring, config.backend)
    player = CuePlayer(SoundBank(locations.sounds(), config.volume), backends,
                       mode=SoundMode(config.sound), muted=config.mute, on_notice=notice)
    if config.backend and backends[0].name != config.backend:
        notice(f"The sound backend {config.backend} is not available here: cues play through {backends[0].name}.")
    return player


def real_speaker() -> Speaker:
    from hamstride.audio.speech import Speaker

    return Speaker()


def given(thing: CuePlayer) -> PlayerFactory:
    """A player made beforehand (a test's): the settings are already in it."""
    return lambda config, ring, notice: thing


class Services(NamedTuple):
    """What the app works with: the history (none: nothing is recorded), the library, the clocks, the sound.

    The history is a store made beforehand (a test's), or what opens the command's store when first
    asked for: a first frame has no need of it (what reads and writes its months was some 3 ms of a
    launch) and only looks whether a run left a journal, in `journals`."""

    store: HistoryStore | None = None
    library: Callable[[], Library] = no_library
    titles: Callable[[], list[Title]] | None = None  # the sessions' titles alone, for home's first frame
    user_folder: Path | None = None  # the runner's sessions; None: where locations() puts them
    clock: Clock = time.monotonic  # the run's clock: durations
    wall: Wall = local_now  # the calendar's clock: dates and streaks
    player: PlayerFactory = real_player
    speaker: Callable[[], Speaker] = real_speaker
    open_store: Callable[[], HistoryStore] | None = None  # the command's (its context keeps what it opened)
    journals: Path | None = None  # where open_store's store keeps the journals of runs under way

    @property
    def opener(self) -> Callable[[], HistoryStore] | None:
        """What opens the history, once, when it is first asked for; None: nothing is recorded."""
        store = self.store
        return self.open_store if store is None else lambda: store

    def history(self) -> HistoryStore | None:
        opener = self.opener
        return opener() if opener is not None else None

    def unsaved_work(self, records: Iterable[Record], besides: Collection[str] = ()) -> list[Unsaved]:
        """The work in journals not in `records`, read now: a run another copy of hamstride has under way, or
        one a crash left undecided, which the coach weighs as done by now (domain.done_by); no journal, no read.
        `besides`: the ids of runs left out (a journal this copy resumes is that run's own)."""
        store = self.history()
        return store.unsaved(records, besides) if store is not None else []

    @property
    def journal_folder(self) -> Path | None:
        """Where the history's journals are, without opening it."""
        return self.store.journals.folder if self.store is not None else self.journals

    @property
    def sessions_folder(self) -> Path:
        return self.user_folder or locations.locations().user_sessions
