"""Benchmark: 1,000 saves into one month by one, two and four processes at once (issue 26).

Run: `flock /tmp/hamstride-suite.lock .venv/bin/python -m pytest tests/perf/test_writers.py -s -p no:randomly`
Prints the seconds each takes; asserts only that every record arrived (the speed is a figure).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from hamstride.storage.history import HistoryStore

pytestmark = pytest.mark.perf

SAVES = 1000
LATER = datetime(2027, 1, 1, tzinfo=timezone.utc)

WRITER = """
from datetime import datetime, timedelta, timezone
from pathlib import Path
from hamstride.storage.history import HistoryStore
from tests.unit.helpers import make_record
start = datetime(2026, 11, 1, 6, tzinfo=timezone.utc)
store = HistoryStore(Path({folder!r}), lambda: start + timedelta(days=60))
for n in range({count}):
    store.save(make_record(start + timedelta(minutes={index} * {count} + n), record_id="w{index}-%d" % n))
"""


def _saves(folder: Path, writers: int) -> float:
    count = SAVES // writers
    root = Path(__file__).resolve().parents[2]
    started = time.perf_counter()
    children = [subprocess.Popen([sys.executable, "-c", textwrap.dedent(WRITER.format(
        folder=str(folder), count=count, index=index))], cwd=root) for index in range(writers)]
    for child in children:
        assert child.wait(timeout=600) == 0
    return time.perf_counter() - started


def test_one_month_written_by_one_two_and_four_processes(tmp_path: Path) -> None:
    figures = []
    for writers in (1, 2, 4):
        folder = tmp_path / f"by-{writers}"
        seconds = _saves(folder, writers)
        loaded = HistoryStore(folder, lambda: LATER).load()
        assert len(loaded.records) == SAVES and loaded.problems == ()
        figures.append(f"{writers} process{'es' if writers > 1 else ''}: {seconds:.1f} s")
    print(f"\n{SAVES} saves into one month: " + ", ".join(figures))

