"""Tiny timing helpers for the benchmarks (no dependency beyond the stdlib)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def best_and_median(run: Callable[[], object], repeat: int = 7) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def report(label: str, seconds: tuple[float, float]) -> None:
    best, median = seconds
    print(f"  {label:<58} best {best * 1000:9.2f} ms   median {median * 1000:9.2f} ms")
