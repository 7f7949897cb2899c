"""The sound child asks the OS to run it before ordinary processes: on a loaded machine its cues waited
for a CPU, not for work (tests/perf/test_sound_child_latency.py notes schedstat's run_delay).

Where the OS would refuse this user a real-time policy, the tests that need it are skipped: what the OS
grants is the edge; the refusal itself is tested with the OS call stubbed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hamstride.audio import child
from hamstride.audio.isolated import ChildBackend
from tests.audio.test_child_on_time import STOPWATCH, _clip, _played
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not hasattr(os, "SCHED_RR"), reason="real-time policies are Linux's")


def _granted() -> bool:
    """Would the OS give this user a real-time policy? Asked of a throwaway process, not of the tests'."""
    probe = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"])
    try:
        os.sched_setscheduler(probe.pid, os.SCHED_RR, os.sched_param(os.sched_get_priority_min(os.SCHED_RR)))
        return True
    except PermissionError:
        return False
    finally:
        probe.kill()
        probe.wait()


def test_the_sound_child_runs_round_robin_ahead_of_ordinary_processes(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    if not _granted():
        pytest.skip("the OS gives this user no real-time policy (RLIMIT_RTPRIO 0, no CAP_SYS_NICE)")
    monkeypatch.setenv("HAMSTRIDE_STOPWATCH", str(tmp_path / "played.txt"))
    backend = ChildBackend("stopwatch", STOPWATCH, path=[str(ROOT)])
    try:
        backend.play(_clip())  # it is up and has served a cue
        _played(tmp_path / "played.txt", 1)
        assert backend._child is not None
        pid = backend._child.process.pid
        assert os.sched_getscheduler(pid) == os.SCHED_RR | os.SCHED_RESET_ON_FORK
        assert os.sched_getparam(pid).sched_priority == child.PRIORITY
    finally:
        backend.close()


def _in_a_child_process(script: str) -> list[str]:
    """What the script printed, run in a process of its own: the tests' own scheduling stays as it was."""
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()


SLICE_OF = ("def slice_of(tid): return next(int(line.split(':')[1]) for line in open(f'/proc/self/task/{tid}/sched') "
            "if line.startswith('se.slice'))\n")


def test_threads_the_sound_library_starts_in_the_child_stay_ordinary() -> None:
    """simpleaudio starts a playback thread per sound: a driver spinning in one must not take a CPU for good."""
    if not _granted():
        pytest.skip("the OS gives this user no real-time policy (RLIMIT_RTPRIO 0, no CAP_SYS_NICE)")
    script = ("import os, threading; from hamstride.audio.child import run_first; granted = run_first(); seen = []; "
              "thread = threading.Thread(target=lambda: seen.append(os.sched_getscheduler(threading.get_native_id()))); "
              "thread.start(); thread.join(); print(granted, os.sched_getscheduler(0) & ~os.SCHED_RESET_ON_FORK, seen[0])")
    assert _in_a_child_process(script) == ["real-time", str(os.SCHED_RR), str(os.SCHED_OTHER)]


def _kernel_at_least(major: int, minor: int) -> bool:
    try:
        found = tuple(int(part) for part in os.uname().release.split("-")[0].split(".")[:2])
    except ValueError:
        return False
    return found >= (major, minor)


@pytest.mark.skipif(os.uname().machine not in ("x86_64", "aarch64") or not _kernel_at_least(6, 12),
                    reason="a custom time slice needs Linux 6.12 on x86_64 or aarch64")
def test_refused_real_time_the_child_asks_for_the_shortest_slice_and_its_threads_do_not_inherit_it() -> None:
    script = ("import os, threading\n" + SLICE_OF +
              "from hamstride.audio import child\n"
              "def refuse(pid, policy, param): raise PermissionError(1, 'Operation not permitted')\n"
              "granted = child.run_first(refuse); seen = []\n"
              "thread = threading.Thread(target=lambda: seen.append(slice_of(threading.get_native_id())))\n"
              "thread.start(); thread.join()\n"
              "print(granted, os.sched_getscheduler(0) & ~os.SCHED_RESET_ON_FORK, slice_of(threading.get_native_id()), seen[0] > child.SLICE)")
    assert _in_a_child_process(script) == ["short", "slice", str(os.SCHED_OTHER), "100000", "True"]
