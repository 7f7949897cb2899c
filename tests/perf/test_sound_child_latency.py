"""Cue due -> sound started, when the backend plays in the sound child (audio/child.py) as simpleaudio
does: the thread's wait, the pipe, the child's read. Beside it, the same run with the backend in the app's
process, as before the child (test_ui_speed's figure). Printed, never asserted; HAMSTRIDE_PERF_MINUTES sets
the length of each run (10 by default)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest

from hamstride import locations
from hamstride.audio.base import Clip
from hamstride.audio.clips import SoundBank
from hamstride.audio.isolated import ChildBackend
from hamstride.audio.player import CuePlayer
from hamstride.ui.app import HamstrideApp, OpenRun, Services
from hamstride.ui.services import given
from tests.conftest import ROOT
from tests.perf.test_ui_speed import _drift_session, _run_to_the_end
from tests.unit.helpers import session


class _InProcess:
    name = "stopwatch"

    def __init__(self) -> None:
        self.times: list[float] = []

    def play(self, clip: Clip) -> None:
        self.times.append(time.monotonic())

    def wait(self) -> None:
        pass

    def stop(self) -> None:
        pass


def _figures(what: str, due: list[float], started: list[float], total: float) -> None:
    latencies = sorted((at - when) * 1000 for when, at in zip(due, started))
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(f"\n  {what}: {total / 60:.1f} min run, {len(latencies)} sounds: due -> sound started p50 "
          f"{statistics.median(latencies):.2f} ms, p95 {p95:.2f} ms, max {latencies[-1]:.2f} ms")


async def _run(backend: object) -> tuple[list[float], float]:
    """When each played cue fell due, and the run's length."""
    player = CuePlayer(SoundBank(locations.sounds()), [backend])  # type: ignore[list-item]
    app = HamstrideApp(OpenRun(session(_drift_session())), services=Services(player=given(player)))
    screen, started = await _run_to_the_end(app)
    due = {id(cue): started + segment.start + cue.at for segment in screen.timeline.segments for cue in segment.cues}
    player.close()
    return [due[id(cue)] for cue, _ in player.played if id(cue) in due], screen.timeline.total


async def test_cue_due_to_sound_started_in_the_app_and_in_the_sound_child(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    in_process = _InProcess()
    due, total = await _run(in_process)
    _figures("backend in the app's process", due, in_process.times, total)

    stopwatch = tmp_path / "played.txt"
    monkeypatch.setenv("HAMSTRIDE_STOPWATCH", str(stopwatch))
    child = ChildBackend("stopwatch", "tests.perf.stopwatch_child:Stopwatch", path=[str(ROOT)])
    due, total = await _run(child)
    _figures("backend in the sound child", due, [float(line) for line in stopwatch.read_text().split()], total)
