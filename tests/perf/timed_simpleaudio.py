"""The sound child's backend for the stall benchmark: the real simpleaudio, noting for each clip when the
request reached the backend, when the call into simpleaudio began and when it returned (one line each, appended to the
file named by HAMSTRIDE_STOPWATCH), and the child's own garbage collections (to HAMSTRIDE_STOPWATCH.gc).
CLOCK_MONOTONIC is the machine's, so the app's due times and the child's compare."""

from __future__ import annotations

import gc
import os
import resource
import threading
import time
from typing import Any

from hamstride.audio import child
from hamstride.audio.base import Clip
from hamstride.audio.simple import SimpleaudioBackend

_waits: list[float] = []  # the child's wait for the cue's moment: when it began (the request read), `at`, when it woke
_original_sleep_until = child._sleep_until


def _switches() -> tuple[int, float]:
    """This thread's involuntary context switches (the OS ran another process in its place) and the time it has
    spent runnable but waiting for a CPU (Linux's schedstat run_delay, in seconds; 0 where there is none)."""
    usage = resource.getrusage(resource.RUSAGE_THREAD)
    try:
        with open(f"/proc/self/task/{threading.get_native_id()}/schedstat") as stat:
            waited = int(stat.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        waited = 0.0
    return usage.ru_nivcsw, waited


_queued_before = [0.0]  # run_delay when the last play returned


def _timed_sleep_until(at: float) -> None:
    switches, queued = _switches()
    # the first two: when it began, the cue's moment; then the CPU wait since the last play (the pipe's read woken)
    _waits[:] = [time.monotonic(), at, queued - _queued_before[0], queued]
    _original_sleep_until(at)
    _waits.extend([time.monotonic(), *_switches()])


child._sleep_until = _timed_sleep_until  # the serve loop looks it up at each request


class TimedSimpleaudio(SimpleaudioBackend):
    def __init__(self, *, bounded: bool = False) -> None:
        super().__init__(bounded=bounded)  # as the product's child builds it (simple.in_child)
        path = os.environ["HAMSTRIDE_STOPWATCH"]
        self._out = open(path, "a", buffering=1)  # noqa: SIM115 (lives with the child)
        self._gc = open(path + ".gc", "a", buffering=1)  # noqa: SIM115
        self._gc_start = 0.0
        gc.callbacks.append(self._collected)
        if os.environ.get("HAMSTRIDE_PERF_REALTIME") == "0":  # as a user refused a real-time policy gets it
            os.sched_setscheduler(0, os.SCHED_OTHER, os.sched_param(0))
            child.short_slice()
        with open(path + ".policy", "w") as policy:  # what the OS granted the child (audio/child.py: run_first)
            slices = [line.split(":")[1].strip() for line in open("/proc/self/sched") if line.startswith("se.slice")]
            policy.write(f"{os.sched_getscheduler(0) & ~getattr(os, 'SCHED_RESET_ON_FORK', 0)} {''.join(slices) or '?'}")
        with open(path + ".ready", "w") as ready:  # when the child had its backend: it says "ready" next
            ready.write(repr(time.monotonic()))

    def _collected(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_start = time.monotonic()
        else:
            self._gc.write(f"{self._gc_start!r} {time.monotonic()!r} {info['generation']}\n")

    def play(self, clip: Clip) -> None:
        self._times = [time.monotonic()]
        super().play(clip)
        # reached, call began, call returned, then the wait (began, at, CPU wait since the last play, run_delay, woke,
        # switches, run_delay; zeros for a
        # cue played now), then the call's own switches and CPU time
        waits = list(_waits) if len(_waits) == 7 else [0.0] * 7
        _waits.clear()
        self._out.write(" ".join(repr(at) for at in [*self._times, *waits, *self._call]) + "\n")

    def _start(self, clip: Clip) -> Any:
        """Also when the call into simpleaudio began (on whatever thread makes it) and when it returned."""
        self._times.append(time.monotonic())
        switches, cpu = _switches(), time.thread_time()
        try:
            return super()._start(clip)
        finally:
            self._times.append(time.monotonic())
            after = _switches()
            _queued_before[0] = after[1]
            self._call = [after[0] - switches[0], after[1] - switches[1], time.thread_time() - cpu]
