"""What creating our classes costs on the way to `hamstride run FILE`'s first screen.

Python 3.11 writes and compiles six functions for each frozen dataclass (about a
millisecond each on a slow laptop); a NamedTuple costs a fifth of that. The value
classes on the launch path are NamedTuples; what stays a dataclass has a reason
(the records the month cache pickles, mutable working state, Textual messages).
This prints how many of each the launch creates and the milliseconds spent
creating them. Printed, never asserted.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.unit.test_launch import FIRST_FRAME, HOLD, PROBE

# Times every dataclass and NamedTuple class as it is created, then prints ours at exit.
TIMING = """
import atexit, dataclasses, time, typing
created = []
cut = []  # how many were created by home's first frame (its list's first line drawn)

def timed(make, kind, name_of):
    def create(*args, **kwargs):
        start = time.perf_counter()
        made = make(*args, **kwargs)
        created.append((kind, name_of(args), time.perf_counter() - start))
        return made
    return create

dataclasses._process_class = timed(dataclasses._process_class, "dataclass",
                                   lambda a: f"{a[0].__module__}.{a[0].__qualname__}")
typing.NamedTupleMeta.__new__ = timed(typing.NamedTupleMeta.__new__, "namedtuple",
                                      lambda a: f"{a[3].get('__module__')}.{a[1]}")

@atexit.register
def report():
    for kind, name, seconds in created[:cut[0]] if cut else created:
        if name.startswith("hamstride."):
            print("CLASS", kind, name, f"{seconds * 1000:.3f}")
"""

RUNS = 5


def _launch(tmp_path: Path, home: bool = False) -> list[tuple[str, str, float]]:
    """`hamstride run FILE` to its first screen; or `hamstride` to the first frame of home's list."""
    tmp_path.mkdir()
    plan = tmp_path / "hold.toml"
    plan.write_text(HOLD)
    env = {"PYTHONPATH": str(ROOT / "src"), "HAMSTRIDE_HOME": str(tmp_path / "hh"), "HOME": str(tmp_path),
           "PATH": "/usr/bin:/bin", "TERM": "xterm-256color"}
    argv = [] if home else ["run", str(plan), "--backend", "silent"]
    first_frame = FIRST_FRAME.replace("first_frame.append(any(", "cut.append(len(created))\n        first_frame.append(any(")
    done = subprocess.run([sys.executable, "-c", TIMING + (first_frame if home else PROBE), *argv],
                          capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    rows = [line.split()[1:] for line in done.stdout.splitlines() if line.startswith("CLASS ")]
    return [(kind, name, float(ms)) for kind, name, ms in rows]


@pytest.mark.parametrize("command", ["run FILE", "home"])
def test_what_creating_our_classes_costs_at_launch(tmp_path: Path, command: str) -> None:
    runs = [_launch(tmp_path / str(n), home=command == "home") for n in range(RUNS)]
    print(f"\n  hamstride {command}, our classes created on the way to the first screen (median of {RUNS} launches):")
    for kind, label in (("dataclass", "dataclasses"), ("namedtuple", "NamedTuples")):
        names = sorted({name for run in runs for k, name, _ in run if k == kind})
        total = statistics.median(sum(ms for k, _, ms in run if k == kind) for run in runs)
        print(f"  {label:<12} {len(names):3d} classes  {total:6.1f} ms")
        if kind == "dataclass":
            each = {name: statistics.median(ms for run in runs for k, n, ms in run if n == name) for name in names}
            for name, ms in sorted(each.items(), key=lambda item: -item[1]):
                print(f"      {ms:5.2f} ms  {name}")
