"""A cue armed ahead sounds at its moment from the sound child, whatever the app is doing then.

The child's backend is the stopwatch (tests/perf/stopwatch_child.py): the speaker is the edge we cannot
have, so it notes on CLOCK_MONOTONIC when each clip reached it. Order is asserted, never speed.
"""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from hamstride import locations
from hamstride.audio.clips import Clip, SoundBank, SoundMode
from hamstride.audio.isolated import ChildBackend
from hamstride.audio.player import CuePlayer
from hamstride.domain.cues import Cue, CueKind
from tests.conftest import ROOT

STOPWATCH = "tests.perf.stopwatch_child:Stopwatch"


def _clip() -> Clip:
    clip = SoundBank(locations.sounds()).clip(Cue(CueKind.LOWER, 0.0), SoundMode.TONES)
    assert clip is not None
    return clip


def _played(path: Path, count: int) -> list[float]:
    """When the child's backend got each clip (waits for the child to have written them)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        times = [float(line) for line in path.read_text().split()] if path.exists() else []
        if len(times) >= count:
            return times
        time.sleep(0.02)
    raise AssertionError(f"the child played {path.read_text() if path.exists() else 'nothing'}")


def test_a_clip_handed_ahead_is_played_at_its_moment_not_before(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HAMSTRIDE_STOPWATCH", str(tmp_path / "played.txt"))
    backend = ChildBackend("stopwatch", STOPWATCH, path=[str(ROOT)])
    try:
        at = time.monotonic() + 0.3
        backend.play_at(_clip(), at)
        (played,) = _played(tmp_path / "played.txt", 1)
    finally:
        backend.close()
    assert played >= at




def test_an_armed_cue_sounds_while_the_app_holds_the_interpreter(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HAMSTRIDE_STOPWATCH", str(tmp_path / "played.txt"))
    player = CuePlayer(SoundBank(locations.sounds()), [ChildBackend("stopwatch", STOPWATCH, path=[str(ROOT)])])
    try:
        player.play_cues([Cue(CueKind.TICK, 0.0, 1)])  # the child started and ready
        _played(tmp_path / "played.txt", 1)
        numbers = [random.random() for _ in range(2_000_000)]  # made before: only the sort holds on
        moment = time.monotonic() + 0.4
        player.arm([Cue(CueKind.LOWER, 0.0)], 0.4)
        time.sleep(max(0.0, moment - 0.01 - time.monotonic()))  # the app busy from just before the moment
        numbers.sort()
        let_go = time.monotonic()
        assert let_go > moment + 0.05, "the sort was too short to hold the interpreter past the moment"
        played = _played(tmp_path / "played.txt", 2)[1]
    finally:
        player.close()
    assert moment <= played < let_go  # the child played it on its own, with the app still busy


def test_the_sound_child_calls_simpleaudio_on_its_own_thread() -> None:
    pytest.importorskip("simpleaudio")
    from hamstride.audio.simple import in_child

    backend = in_child()
    threads: list[threading.Thread] = []
    backend._sa = SimpleNamespace(play_buffer=lambda *args: threads.append(threading.current_thread()))
    backend.play(_clip())
    assert threads == [threading.current_thread()]  # no helper thread to wait for: the app time-boxes the child


def test_a_child_started_early_is_the_one_the_backend_plays_through(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """`hamstride run` starts the sound child before the app is built, so the first get-ready finds it ready."""
    from hamstride.audio import isolated

    monkeypatch.setenv("HAMSTRIDE_STOPWATCH", str(tmp_path / "played.txt"))
    isolated.start_early(STOPWATCH, [str(ROOT)])
    early = isolated._early[(STOPWATCH, (str(ROOT),))].process
    backend = ChildBackend("stopwatch", STOPWATCH, path=[str(ROOT)])
    try:
        backend.play(_clip())
        _played(tmp_path / "played.txt", 1)
        assert early.poll() is None and (STOPWATCH, (str(ROOT),)) not in isolated._early
    finally:
        backend.close()
    assert early.poll() is not None  # it was the backend's child: closing the backend ended it
