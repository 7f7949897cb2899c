"""Cue due -> sound started, when the backend plays in the sound child (audio/child.py) as simpleaudio
does: the thread's wait, the pipe, the child's read. Beside it, the same run with the backend in the app's
process, as before the child (test_ui_speed's figure). Printed, never asserted; HAMSTRIDE_PERF_MINUTES sets
the length of each run (10 by default)."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from hamstride import locations
from hamstride.audio.base import Clip
from hamstride.audio.clips import SoundBank
from hamstride.audio.isolated import ChildBackend
from hamstride.audio.player import CuePlayer
from hamstride.ui.app import HamstrideApp, OpenRun, Services
from hamstride.ui.services import given
from tests.conftest import ROOT
from tests.e2e.terminal import Terminal, hamstride_command
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


HOG = "while True: pass"


def _load_peers(tmp_path: Path) -> tuple[list[subprocess.Popen[bytes]], list[Terminal]]:
    """What runs beside the measured app: HAMSTRIDE_PERF_HOGS busy loops (1 by default) and, unless
    HAMSTRIDE_PERF_PEER=0, a second hamstride run (silent) in its own terminal."""
    hogs = [subprocess.Popen([sys.executable, "-c", HOG]) for _ in range(int(os.environ.get("HAMSTRIDE_PERF_HOGS", "1")))]
    peers = []
    if os.environ.get("HAMSTRIDE_PERF_PEER", "1") != "0":
        folder = tmp_path / "peer"
        folder.mkdir()
        plan = folder / "peer.toml"
        plan.write_text(_drift_session())
        peer = Terminal(folder)
        peer.start([hamstride_command(), "run", str(plan), "--backend", "silent"],
                   {"HOME": str(folder / "home"), "HAMSTRIDE_HOME": str(folder / "hh"), "TERM": "xterm-256color"})
        peers.append(peer)
    return hogs, peers


def _overlapping(spans: list[list[float]], start: float, end: float) -> list[list[float]]:
    return [span for span in spans if span[0] < end and span[1] > start]


def _stall_report(cues: list[list[Any]], reached: list[list[float]], app_gc: list[list[float]],
                  child_gc: list[list[float]], frames: list[list[float]], loads: list[tuple[float, float]],
                  total: float) -> None:
    played = [cue for cue in cues if cue[3] == "simpleaudio"]
    rows = [(due, handed, at, call, back, kind) for (due, handed, kind, *_), (at, call, back, *_) in zip(played, reached)]
    details = {row[4]: (cue, times) for row, cue, times in zip(rows, played, reached)}
    latencies = sorted((back - due) * 1000 for due, _, _, _, back, _ in rows)

    def pct(q: float) -> float:
        return float(latencies[min(len(latencies) - 1, int(len(latencies) * q))])

    averages = [load for _, load in loads]
    print(f"\n  real run on screen, {total / 60:.1f} min, {len(latencies)} sounds (of {len(cues)} cues handed over); "
          f"load average (1 min) during it: min {min(averages):.2f}, mean {statistics.mean(averages):.2f}, "
          f"max {max(averages):.2f}")
    print(f"  due -> simpleaudio's play_buffer returned in the sound child: p50 {statistics.median(latencies):.2f} ms, "
          f"p95 {pct(0.95):.2f}, p99 {pct(0.99):.2f}, max {latencies[-1]:.2f} ms")
    long_gc = sorted(end - start for start, end, _ in app_gc)[-3:]
    print(f"  app: {len(app_gc)} collections (longest {', '.join(f'{s * 1000:.1f}' for s in long_gc)} ms), "
          f"{len(frames)} frames (longest {max((e - s for s, e in frames), default=0) * 1000:.1f} ms); "
          f"child: {len(child_gc)} collections")
    start = rows[0][0] if rows else 0.0
    print("  app collections over 20 ms, at session seconds: " + ", ".join(
        f"gen {g} {(e - s) * 1000:.1f} ms at {s - start:.1f} s" for s, e, g in app_gc if e - s > 0.02))
    print("  worst 5: total = due -> handed to the backend (app) + -> reached the child's backend"
          " + -> the call into simpleaudio began + -> it returned")
    for due, handed, at, call, back, kind in sorted(rows, key=lambda row: row[4] - row[0])[-5:][::-1]:
        window = (due - 0.001, back)
        busy = [f"app gc gen {g} {(e - s) * 1000:.1f} ms" for s, e, g in _overlapping(app_gc, *window)]
        busy += [f"child gc gen {g} {(e - s) * 1000:.1f} ms" for s, e, g in _overlapping(child_gc, *window)]
        busy += [f"frame {(e - s) * 1000:.1f} ms (from {(s - due) * 1000:+.1f})" for s, e in _overlapping(frames, *window)]
        load = min(loads, key=lambda sample: abs(sample[0] - due))[1]
        print(f"   {(back - due) * 1000:7.2f} ms = {(handed - due) * 1000:6.2f} + {(at - handed) * 1000:6.2f} + "
              f"{(call - at) * 1000:6.2f} + {(back - call) * 1000:6.2f}  {kind:<12} load {load:.2f}; {'; '.join(busy) or 'nothing noted'}")
        print("            " + _child_side(*details[back]))


def _child_side(cue: list[Any], times: list[float]) -> str:
    """Where the child's part went: the pipe and its read, its wait for the moment, the call into simpleaudio."""
    handed = cue[1]
    said = f"frames sent with it ({cue[5]} bytes)" if len(cue) > 5 and cue[4] else "by name"
    if len(times) < 13:
        return said
    at, _, _, began, moment, read_queued, queued, woke, _, queued_after, call_switches, call_queued, cpu = times[:13]
    if began == 0.0:
        return (f"{said}; played at once; in the call: {call_switches:.0f} involuntary switches, "
                f"{call_queued * 1000:.2f} ms waiting for a CPU, cpu {cpu * 1000:.2f} ms")
    return (f"{said}; child read it {(began - handed) * 1000:+.2f} ms after it was handed ({read_queued * 1000:.2f} ms "
            f"waiting for a CPU since its last play); woke "
            f"{(woke - moment) * 1000:+.2f} ms after its moment ({(queued_after - queued) * 1000:.2f} ms of the wait "
            f"runnable but waiting for a CPU), then {(at - woke) * 1000:.2f} ms to the backend; in the call: "
            f"{call_switches:.0f} involuntary switches, {call_queued * 1000:.2f} ms waiting for a CPU, cpu {cpu * 1000:.2f} ms")


def test_cue_due_to_sound_started_in_a_real_run_under_load(tmp_path: Path) -> None:
    """The app as `hamstride run` builds it, drawing on a real terminal, its sound child playing through the
    real simpleaudio into an ALSA file device; beside it the load peers. Due (the session clock) -> the
    moment simpleaudio's play_buffer returned in the child (the sound has started)."""
    pytest.importorskip("simpleaudio")
    minutes = float(os.environ.get("HAMSTRIDE_PERF_MINUTES", "10"))
    home = tmp_path / "alsa-home"
    home.mkdir()
    (home / ".asoundrc").write_text('pcm.!default { type file; slave.pcm "null"; file "/dev/null"; format "raw" }\n')
    out, stopwatch = tmp_path / "app.json", tmp_path / "child.txt"
    hogs, peers = _load_peers(tmp_path)
    terminal = Terminal(tmp_path)
    loads: list[tuple[float, float]] = []
    try:
        time.sleep(5)  # the peers under way
        terminal.start([sys.executable, "-m", "tests.perf.sound_stall_run", str(out)],
                       {"HOME": str(home), "HAMSTRIDE_HOME": str(tmp_path / "hh"), "TERM": "xterm-256color",
                        "HAMSTRIDE_STOPWATCH": str(stopwatch), "HAMSTRIDE_PERF_MINUTES": str(minutes),
                        "PYTHONPATH": str(ROOT), "HAMSTRIDE_PERF_REALTIME": os.environ.get("HAMSTRIDE_PERF_REALTIME", "")})
        deadline = time.monotonic() + minutes * 60 * 1.3 + 120
        while not out.exists():
            loads.append((time.monotonic(), float(Path("/proc/loadavg").read_text().split()[0])))
            if time.monotonic() > deadline or "EXITED" in terminal.text():
                raise AssertionError("the run did not end:\n" + terminal.text())
            time.sleep(2)
    finally:
        terminal.close()
        for peer in peers:
            peer.close()
        for hog in hogs:
            hog.kill()
            hog.wait()
    time.sleep(0.5)  # the file written whole
    result = json.loads(out.read_text())
    reached = [[float(t) for t in line.split()] for line in stopwatch.read_text().splitlines()]
    child_gc = [[float(t) for t in line.split()] for line in Path(f"{stopwatch}.gc").read_text().splitlines()] \
        if Path(f"{stopwatch}.gc").exists() else []
    _stall_report(result["cues"], reached, result["gc"], child_gc, result["frames"], loads, result["total"])
    policy = Path(f"{stopwatch}.policy")
    if policy.exists():
        names = {getattr(os, name, -1): name for name in ("SCHED_OTHER", "SCHED_RR", "SCHED_FIFO", "SCHED_BATCH")}
        granted, time_slice = policy.read_text().split()
        print(f"  the sound child's scheduling policy: {names.get(int(granted), granted)}, time slice {time_slice} ns"
              f"{' (HAMSTRIDE_PERF_REALTIME=0: real-time refused, as to most users)' if os.environ.get('HAMSTRIDE_PERF_REALTIME') == '0' else ''}")
    ready = Path(f"{stopwatch}.ready")
    begun, made = result["player"]
    print(f"  the run's clock started at 0: the app began making its player at {(begun - result['started']) * 1000:+.1f} ms, "
          f"had it at {(made - result['started']) * 1000:+.1f} ms; the sound child had its backend at "
          f"{(float(ready.read_text()) - result['started']) * 1000:+.1f} ms" if ready.exists() else "")
