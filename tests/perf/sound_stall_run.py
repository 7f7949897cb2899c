"""A real run on screen for the stall benchmark (test_sound_child_latency.py starts it in a pty).

`python -m tests.perf.sound_stall_run OUT.json`: the app as `hamstride run` builds it (its own player,
backends and sound child), the child's simpleaudio timed (timed_simpleaudio.py), a drift session of
HAMSTRIDE_PERF_MINUTES drawn on the terminal. Noted in this process only, for the benchmark: when the
sound thread handed each cue to the backend, each garbage collection, each frame of the run screen.
Written to OUT.json at the end; the child writes its own times (HAMSTRIDE_STOPWATCH).
"""

from __future__ import annotations

# ruff: noqa: E402 (the collector is paused before the app's imports, as the `hamstride` command does)
from hamstride import collector

collector.pause()

from hamstride.audio.isolated import start_early

start_early("tests.perf.timed_simpleaudio:TimedSimpleaudio")  # as `hamstride run` does (cli/app.py)

import asyncio
import gc
import json
import sys
import threading
import time
from typing import Any

from textual.pilot import Pilot

from hamstride.audio import backends
from hamstride.audio.player import CuePlayer
from hamstride.domain.cues import Cue
from hamstride.domain.engine import Snapshot
from hamstride.ui.app import HamstrideApp, OpenRun
from hamstride.ui.screens.run import RunScreen
from hamstride.ui.services import Services, real_player
from tests.perf.test_ui_speed import _drift_session
from tests.unit.helpers import session

backends.SIMPLEAUDIO = "tests.perf.timed_simpleaudio:TimedSimpleaudio"

# id(cue), when the backend's play was called, which backend, whether the clip's frames went with it, their bytes
handed: list[tuple[int, float, str, bool, int]] = []
collections: list[tuple[float, float, int]] = []
frames: list[tuple[float, float]] = []
_playing = threading.local()
_gc_start = [0.0]


def _collected(phase: str, info: dict[str, int]) -> None:
    if phase == "start":
        _gc_start[0] = time.monotonic()
    else:
        collections.append((_gc_start[0], time.monotonic(), info["generation"]))


original_play = CuePlayer._play
original_frame = RunScreen.frame


def timed_play(self: CuePlayer, cue: Cue, at: float | None = None) -> None:
    backend = self._backends[0]
    if not hasattr(backend, "timed"):
        method = "play_at" if hasattr(backend, "play_at") else "play"  # the child's play goes through play_at
        setattr(backend, method, _timed(getattr(backend, method), backend.name))
        backend.timed = True  # type: ignore[attr-defined]
    _playing.cue = cue
    original_play(self, cue, at)


def _timed(play: Any, name: str) -> Any:
    sent: set[str] = set()

    def timed(*args: Any) -> None:
        clip = args[0]
        first = clip.name not in sent  # the child gets a clip's samples with its first cue (a restart aside)
        sent.add(clip.name)
        handed.append((id(_playing.cue), time.monotonic(), name, first, len(clip.frames)))
        play(*args)

    return timed


def timed_frame(self: RunScreen) -> Snapshot:
    start = time.monotonic()
    snap = original_frame(self)
    frames.append((start, time.monotonic()))
    return snap


CuePlayer._play = timed_play  # type: ignore[method-assign]
RunScreen.frame = timed_frame  # type: ignore[method-assign]


made: list[float] = []


def timed_player(*args: Any) -> CuePlayer:
    made.append(time.monotonic())
    player = real_player(*args)
    made.append(time.monotonic())
    return player


def main(out: str) -> None:
    app = HamstrideApp(OpenRun(session(_drift_session())), services=Services(player=timed_player))
    result: dict[str, Any] = {}

    async def drive(pilot: Pilot[Any]) -> None:
        while not isinstance(app.screen, RunScreen):
            await asyncio.sleep(0.05)
        screen = app.screen
        while not screen.engine.finished:
            await asyncio.sleep(0.5)
        started = screen.engine.time.started_at
        assert started is not None
        due = {id(cue): (started + segment.start + cue.at, cue.kind.value)
               for segment in screen.timeline.segments for cue in segment.cues}
        result["cues"] = [(due[key][0], at, due[key][1], name, first, size)
                          for key, at, name, first, size in handed if key in due]
        result["total"] = screen.timeline.total
        result["started"] = started
        result["player"] = made  # when the app began making its player, and when it had it
        app.exit()

    gc.callbacks.append(_collected)
    app.run(auto_pilot=drive)
    result["gc"] = collections
    result["frames"] = frames
    with open(out, "w") as file:
        json.dump(result, file)


if __name__ == "__main__":
    main(sys.argv[1])
