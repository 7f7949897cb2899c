"""hamstride beside its peers, measured in the same run: CPU per phase and per session, memory, launch.

Peers: termdown (a terminal countdown; HAMSTRIDE_PERF_TERMDOWN names its
command, else `termdown` on PATH, else the comparison is skipped) and bare
Textual apps in tests/perf/peers/ (a 1 Hz countdown, a 10 fps bar, one Static).
Each pair runs at the same time in two tmux terminals of 100x30, so both see
the same machine; CPU is utime+stime from /proc over the same window.
Printed, never asserted. HAMSTRIDE_PERF_WINDOW sets the window in seconds (60),
HAMSTRIDE_PERF_SESSION_MINUTES how much of a whole session to follow (3; 0 skips).
"""

from __future__ import annotations

import math
import os
import shutil
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, hamstride_command

PEERS = Path(__file__).parent / "peers"
WINDOW = float(os.environ.get("HAMSTRIDE_PERF_WINDOW", "60"))
SESSION_MINUTES = float(os.environ.get("HAMSTRIDE_PERF_SESSION_MINUTES", "3"))
WARM_UP = 5.0  # seconds after the first frame before a window opens

HOLD = 'title = "Hold"\n[[steps]]\nname = "Plank"\nhold = 600\nlead_in = 3\n'
TEMPO = ('title = "Tempo"\n[[steps]]\nname = "Nordic"\ntempo = "4-0-2-2"\nreps = 80\neccentric = true\n'
         'lead_in = 3\n')
LOWERING = 'title = "Lowering"\n[[steps]]\nname = "Nordic"\ntempo = "9-0-0.5-0"\nreps = 80\nlead_in = 3\n'


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _status_kib(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def _env(home: Path) -> dict[str, str]:
    return {"HOME": str(home / "home"), "HAMSTRIDE_HOME": str(home / "hh"), "TERM": "xterm-256color"}


@contextmanager
def _running(folder: Path, command: list[str], marker: str) -> Iterator[int]:
    """The command in a 100x30 tmux terminal, once `marker` shows; yields its pid."""
    folder.mkdir(parents=True, exist_ok=True)
    terminal = Terminal(folder, 100, 30)
    try:
        terminal.start(command, _env(folder))
        lines = terminal.wait_for(lambda lines: any(marker in line or "quick check" in line for line in lines),
                                  timeout=30, what=marker)
        for _ in range(5):  # the check before eccentric work: skipped (escape), as a runner may
            if any(marker in line for line in lines):
                break
            terminal.keys("Escape")
            time.sleep(0.3)
            lines = terminal.wait_for(lambda lines: any(marker in line or "quick check" in line for line in lines),
                                      timeout=30, what=marker)
        yield terminal.app_pid()
    finally:
        terminal.close()


def _side_by_side(pids: dict[str, int], seconds: float) -> dict[str, float]:
    """CPU seconds per minute of each process over the same window."""
    start = {name: _cpu_seconds(pid) for name, pid in pids.items()}
    began = time.monotonic()
    time.sleep(seconds)
    took = time.monotonic() - began
    return {name: (_cpu_seconds(pid) - start[name]) / took * 60 for name, pid in pids.items()}


def _ours(tmp_path: Path, name: str, text: str) -> tuple[Path, list[str]]:
    plan = tmp_path / f"{name}.toml"
    plan.write_text(text)
    return tmp_path / name, [hamstride_command(), "run", str(plan), "--backend", "silent"]


def _peer(name: str, *args: str) -> list[str]:
    return [sys.executable, str(PEERS / f"{name}.py"), *args]


def _termdown() -> str | None:
    return os.environ.get("HAMSTRIDE_PERF_TERMDOWN") or shutil.which("termdown")


def test_phases_beside_bare_textual_peers(tmp_path: Path) -> None:
    print()
    rows: list[tuple[str, float, float]] = []
    for label, text, peer, marker in (
            ("hold (1 Hz)", HOLD, _peer("countdown_1hz", "900"), "900"),
            ("tempo reps 4-0-2-2", TEMPO, _peer("bar_10fps", "900"), "━"),
            ("lowering only", LOWERING, _peer("bar_10fps", "900"), "━")):
        folder, command = _ours(tmp_path, label.split()[0], text)
        with _running(folder, command, "Step 1 of 1") as ours, \
                _running(tmp_path / f"peer-{label.split()[0]}", peer, marker) as theirs:
            time.sleep(WARM_UP)
            figures = _side_by_side({"ours": ours, "peer": theirs}, WINDOW)
        rows.append((label, figures["ours"], figures["peer"]))
    for label, mine, other in rows:
        print(f"  {label:<22} hamstride {mine:5.2f} CPU-s/min   peer {other:5.2f}   ratio {mine / max(other, 1e-3):4.2f}")


def test_a_whole_session_beside_termdown_and_memory_beside_a_bare_app(tmp_path: Path) -> None:
    termdown = _termdown()
    if SESSION_MINUTES <= 0:
        pytest.skip("HAMSTRIDE_PERF_SESSION_MINUTES=0")
    minutes = SESSION_MINUTES
    command = [hamstride_command(), "run", _session_of(tmp_path, minutes), "--backend", "silent"]
    peers = {"bare": _peer("static_app")}
    if termdown:
        peers["termdown"] = [termdown, f"{int(minutes * 60 + 60)}s"]
    with _running(tmp_path / "ours", command, "Step 1 of") as ours, \
            _running(tmp_path / "bare", peers["bare"], "BARE READY") as bare:
        with _running(tmp_path / "td", peers["termdown"], "") if termdown else _nothing() as td:
            pids = {"ours": ours, "bare": bare} | ({"termdown": td} if td else {})
            rss = [_status_kib(ours, "VmRSS")]
            windows = []
            for _ in range(max(1, round(minutes))):
                windows.append(_side_by_side(pids, 60))
                rss.append(_status_kib(ours, "VmRSS"))
            peak_ours, peak_bare = _status_kib(ours, "VmHWM"), _status_kib(bare, "VmHWM")
    ours_rate = statistics.mean(w["ours"] for w in windows)
    print(f"\n  late-week-short (repeated past 14 min), first {minutes:.0f} min: hamstride {ours_rate:.2f} CPU-s/min", end="")
    if termdown:
        td_rate = statistics.mean(w["termdown"] for w in windows)
        print(f"; termdown {td_rate:.2f}; ratio {ours_rate / max(td_rate, 1e-3):.2f}", end="")
    print(f"\n  memory: peak {peak_ours / 1024:.1f} MiB vs bare Textual Static {peak_bare / 1024:.1f} MiB "
          f"(ratio {peak_ours / max(peak_bare, 1):.2f}); RSS each minute (MiB): "
          + " ".join(f"{kib / 1024:.1f}" for kib in rss))


def _session_of(tmp_path: Path, minutes: float) -> str:
    """late-week-short (14.6 min), or for a longer run its steps again and again in one file."""
    copies = math.ceil(minutes / 14)
    if copies <= 1:
        return "late-week-short"
    text = (Path(__file__).parents[2] / "sessions" / "late-week-short.toml").read_text()
    header, steps = text.split("[[steps]]", 1)
    long = tmp_path / "late-week-long.toml"
    again = "\n".join(line for line in steps.splitlines() if not line.startswith("main ="))  # one main step
    long.write_text(header + "[[steps]]" + "\n[[steps]]".join([steps] + [again] * (copies - 1)))
    return str(long)


@contextmanager
def _nothing() -> Iterator[None]:
    yield None
