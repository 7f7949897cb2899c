"""The run screen's figures: launch to first frame, CPU while counting down, cue latency, drift, memory.

Printed, never asserted. `make perf` runs them; HAMSTRIDE_PERF_MINUTES sets the
length of the drift run (10 by default, as the issue asks).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from hamstride import locations
from hamstride.audio.clips import SoundBank
from hamstride.audio.player import CuePlayer
from hamstride.domain.cues import Cue
from hamstride.ui.app import HamstrideApp, OpenRun, Services
from hamstride.ui.screens.run import RunScreen
from hamstride.ui.services import given
from tests.e2e.terminal import Terminal, hamstride_command
from tests.unit.helpers import session

BARE_APP = """
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("BARE READY")
Bare().run()
"""

HOLD = 'title = "Bench"\n[[steps]]\nname = "Plank"\nhold = {hold}\nlead_in = 3\n'


def _env(tmp_path: Path) -> dict[str, str]:
    return {"HOME": str(tmp_path / "home"), "HAMSTRIDE_HOME": str(tmp_path / "hh"), "TERM": "xterm-256color"}


def _first_frame(tmp_path: Path, command: list[str], *markers: str) -> float:
    """Seconds from the start to a screen showing every marker (e.g. the content and the footer's keys)."""
    tmp_path.mkdir()
    terminal = Terminal(tmp_path)
    try:
        start = time.perf_counter()
        terminal.start(command, _env(tmp_path))
        while not all(any(marker in line for line in terminal.screen()) for marker in markers):
            time.sleep(0.01)
            if time.perf_counter() - start > 30:
                raise AssertionError(f"{markers} never appeared")
        return time.perf_counter() - start
    finally:
        terminal.close()


def test_launch_to_first_frame(tmp_path: Path) -> None:
    bare = tmp_path / "bare.py"
    bare.write_text(BARE_APP)
    plan = tmp_path / "bench.toml"
    plan.write_text(HOLD.format(hold=60))
    ours, home, floor = [], [], []
    for n in range(9):  # in turn, so that each pair sees the same machine
        floor.append(_first_frame(tmp_path / f"b{n}", [sys.executable, str(bare)], "BARE READY"))
        ours.append(_first_frame(tmp_path / f"r{n}", [hamstride_command(), "run", str(plan), "--backend", "silent"],
                                 "Step 1 of 1", "space Pause"))
        home.append(_first_frame(tmp_path / f"h{n}", [hamstride_command()], "Early-week strength", "History"))

    def figures(times: list[float]) -> str:
        ratio = statistics.median(t / b for t, b in zip(times, floor))
        return f"median {statistics.median(times) * 1000:.0f} ms (best {min(times) * 1000:.0f}), {ratio:.2f}x the bare app"

    print(f"\n  launch to first frame (content and footer keys on screen), 9 pairs in turn:\n"
          f"  hamstride run FILE {figures(ours)}\n  hamstride (home) {figures(home)}\n"
          f"  bare Textual Static app median {statistics.median(floor) * 1000:.0f} ms (best {min(floor) * 1000:.0f})")


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def test_cpu_and_memory_while_a_countdown_runs(tmp_path: Path) -> None:
    plan = tmp_path / "bench.toml"
    plan.write_text(HOLD.format(hold=120) + '[[steps]]\nname = "Nordic"\ntempo = "5-0-1-0"\nreps = 20\nlead_in = 0\n')
    terminal = Terminal(tmp_path)
    try:
        terminal.start([hamstride_command(), "run", str(plan), "--backend", "silent"], _env(tmp_path))
        terminal.wait_for(lambda s: any("Step 1 of 2" in line for line in s), what="the run screen")
        pid = terminal.app_pid()
        time.sleep(4)  # past the get-ready: a 120 s hold, redrawn once a second
        before, start = _cpu_seconds(pid), time.perf_counter()
        time.sleep(20)
        hold = (_cpu_seconds(pid) - before) / (time.perf_counter() - start) * 60
        terminal.keys("Right")  # to the Nordics: 10 frames a second while lowering
        time.sleep(2)
        before, start = _cpu_seconds(pid), time.perf_counter()
        time.sleep(20)
        tempo = (_cpu_seconds(pid) - before) / (time.perf_counter() - start) * 60
        peak = _peak_kib(pid)
    finally:
        terminal.close()
    print(f"\n  CPU while a hold counts down: {hold:.2f} s per minute; during tempo reps: {tempo:.2f} s per minute")
    print(f"  peak memory (VmHWM) of the running app: {peak / 1024:.1f} MiB")


class _Stopwatch:
    """A backend that notes when each cue reached it: the speaker is the part we cannot have."""

    name = "stopwatch"

    def __init__(self) -> None:
        self.times: list[float] = []

    def play(self, clip: object) -> None:
        self.times.append(time.monotonic())

    def wait(self) -> None:
        pass

    def stop(self) -> None:
        pass


def _drift_session() -> str:
    """HAMSTRIDE_PERF_MINUTES of holds and tempo reps, to run on the real monotonic clock."""
    minutes = float(os.environ.get("HAMSTRIDE_PERF_MINUTES", "10"))
    block = ('[[steps]]\nname = "Nordic"\ntempo = "4-0-1-1"\nreps = 5\nsets = 2\nrest = 20\nlead_in = 5\n'
             '[[steps]]\nname = "Plank"\nhold = 30\nlead_in = 5\n')
    block_seconds = 5 + 2 * 5 * 6 + 20 + 5 + 30
    return 'title = "Drift"\n' + block * max(1, round(minutes * 60 / block_seconds))


async def _run_to_the_end(app: HamstrideApp) -> tuple[RunScreen, float]:
    """The run screen once its session ended, and when (monotonic) it started."""
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen)
        started = screen.engine.time.started_at
        assert started is not None
        while not screen.engine.finished:
            await pilot.pause(0.5)
    return screen, started


async def test_cue_latency_and_drift_on_the_real_clock() -> None:
    text = _drift_session()
    backend = _Stopwatch()
    player = CuePlayer(SoundBank(locations.sounds()), [backend], threaded=False)
    app = HamstrideApp(OpenRun(session(text)), services=Services(player=given(player)))
    played_at: list[tuple[Cue, float]] = []
    original = player.play_cues

    def timed(cues: Sequence[Cue]) -> Cue | None:
        now = time.monotonic()
        played_at.extend((cue, now) for cue in cues)
        return original(cues)

    player.play_cues = timed  # type: ignore[method-assign]
    screen, started = await _run_to_the_end(app)
    total = screen.timeline.total
    due = {}
    for segment in screen.timeline.segments:
        for cue in segment.cues:
            due[id(cue)] = started + segment.start + cue.at
    latencies = sorted((at - due[id(cue)]) * 1000 for cue, at in played_at if id(cue) in due)
    last_cue, last_at = played_at[-1]
    drift = (last_at - (started + total)) * 1000
    p50 = statistics.median(latencies)
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(f"\n  {total / 60:.1f} min run, {len(latencies)} cues: latency (due -> play call) p50 {p50:.1f} ms, "
          f"p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms; drift at the end ({last_cue.kind.value}): {drift:.1f} ms")


async def test_cue_due_to_sound_started_with_the_sound_thread() -> None:
    """Due -> the backend's play call, on the sound thread as the app runs it (armed with the next cues)."""
    text = _drift_session()
    player = CuePlayer(SoundBank(locations.sounds()), [_Stopwatch()])
    started_at: list[tuple[Cue, float]] = []
    original = player._play

    def timed(cue: Cue, at: float | None = None) -> None:
        started_at.append((cue, time.monotonic()))
        original(cue, at)

    player._play = timed  # type: ignore[method-assign]
    app = HamstrideApp(OpenRun(session(text)), services=Services(player=given(player)))
    screen, started = await _run_to_the_end(app)
    total = screen.timeline.total
    due = {id(cue): started + segment.start + cue.at for segment in screen.timeline.segments for cue in segment.cues}
    latencies = sorted((at - due[id(cue)]) * 1000 for cue, at in started_at if id(cue) in due)
    last_cue, last_at = started_at[-1]
    drift = (last_at - (started + total)) * 1000
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(f"\n  {total / 60:.1f} min run, {len(latencies)} sounds: due -> backend play p50 "
          f"{statistics.median(latencies):.2f} ms, p95 {p95:.2f} ms, max {latencies[-1]:.2f} ms; "
          f"drift at the end ({last_cue.kind.value}): {drift:.2f} ms")
