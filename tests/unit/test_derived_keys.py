"""Keys a record writes for other tools and people (eccentric_reps, nordic_reps, main_done, the session's
active_seconds) are worked out from its steps when read: the steps are the record. A runner who edited one is
told, with the file, the line and the key, that the edit was ignored; the month stays byte for byte."""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from hamstride.storage.history import HistoryStore, month_text
from hamstride.storage.record_table import to_table
from tests.e2e.terminal import app_env, hamstride_command
from tests.unit.helpers import make_record

PARIS = timezone(timedelta(hours=1))
FIXED = datetime(2026, 11, 24, 18, 30, tzinfo=PARIS)


def day(n: int) -> datetime:
    return datetime(2026, 11, n, 7, tzinfo=PARIS)


def _month(tmp_path: Path, key: str, value: object) -> tuple[Path, int]:
    """A month of two sessions, the second with `key` edited; the line the edit is on."""
    good, edited = to_table(make_record(day(1))), to_table(make_record(day(2), eccentric_reps=8))
    edited[key] = value
    path = tmp_path / "2026-11.toml"
    path.write_text(month_text([good, edited]))
    lines = path.read_text().split("\n")
    second = [i for i, line in enumerate(lines) if line == "[[session]]"][1]
    line = next(i for i in range(second, len(lines)) if lines[i].startswith(f"{key} =")) + 1
    return path, line


@pytest.mark.parametrize(("key", "value", "worked_out"), [
    ("eccentric_reps", "twelve", "8"),
    ("eccentric_reps", 12, "8"),
    ("eccentric_reps", True, "8"),
    ("nordic_reps", -1, "8"),
    ("main_done", "yes", "true"),
    ("main_done", False, "true"),
    ("active_seconds", 99999.0, "1200"),
    ("active_seconds", [1, 2], "1200"),
])
def test_an_edited_derived_key_is_worked_out_from_the_steps_and_the_runner_is_told(
        tmp_path: Path, key: str, value: object, worked_out: str) -> None:
    path, line = _month(tmp_path, key, value)
    before = path.read_bytes()
    store = HistoryStore(tmp_path, lambda: FIXED)
    loaded = store.load()
    edited = next(r for r in store.db.records() if r.started == day(2))  # shown, exported: what the steps say
    assert (edited.eccentric_reps, edited.nordic_reps, edited.main_done, edited.active_tenths) == (8, 8, True, 1200.0)
    coached = next(r for r in loaded.records if r.started == day(2))  # the coach: the more of the two, as a step's
    assert coached.eccentric_reps == max(8, value if isinstance(value, int) and key == "eccentric_reps" else 0)
    # key misspelt (`pside = [`) reads as less work than was done (salvaged_work.py)
    [told] = loaded.problems
    assert f"{path}, line {line}: session 2" in told and f"key '{key}'" in told, told
    assert f"worked out from the steps ({worked_out})" in told and "your edit was ignored" in told, told
    assert "left as it is" in told and "moved aside" not in told, told
    assert path.read_bytes() == before  # read, and told, but never rewritten


def test_a_month_with_an_edited_derived_key_is_added_to_with_every_byte_of_it_kept(tmp_path: Path) -> None:
    path, _ = _month(tmp_path, "eccentric_reps", "twelve")
    before = path.read_text()
    store = HistoryStore(tmp_path, lambda: FIXED)
    store.load()
    store.save(make_record(day(3)))
    assert path.read_text().startswith(before.rsplit("# 2 sessions", 1)[0])  # the edit and all before it, as they were
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("2026-11")) == ["2026-11.toml"]  # none aside
    again = HistoryStore(tmp_path, lambda: FIXED).load()
    assert len(again.records) == 3 and len(again.problems) == 1  # said each time, until the runner mends it


def test_derived_keys_as_written_or_left_out_say_nothing(tmp_path: Path) -> None:
    as_written, left_out = to_table(make_record(day(1))), to_table(make_record(day(2)))
    for key in ("eccentric_reps", "nordic_reps", "main_done", "active_seconds"):
        del left_out[key]  # an older or hand-written record
    (tmp_path / "2026-11.toml").write_text(month_text([as_written, left_out]))
    loaded = HistoryStore(tmp_path, lambda: FIXED).load()
    assert len(loaded.records) == 2 and loaded.problems == ()


def test_history_export_tells_the_edit_and_exports_what_the_steps_say(tmp_path: Path) -> None:
    history = tmp_path / "hamstride" / "data" / "history"
    history.mkdir(parents=True)
    path, line = _month(history, "eccentric_reps", "twelve")
    before = path.read_bytes()
    done = subprocess.run([hamstride_command(), "history", "--export", "csv"], capture_output=True, text=True,
                          timeout=60, env={**os.environ, **app_env(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert f"line {line}" in done.stderr and "key 'eccentric_reps'" in done.stderr
    assert "your edit was ignored" in done.stderr
    assert "twelve" not in done.stdout and ",8," in done.stdout
    assert path.read_bytes() == before


def test_steps_that_could_not_be_read_are_said_and_the_keys_worked_out_from_them_are_not(tmp_path: Path) -> None:
    """A damaged step is the runner's problem to mend; eccentric_reps = 10 beside it is no edit of theirs."""
    damaged = to_table(make_record(day(2)))
    damaged["step"][0]["side"][0]["reps"] = -15
    (tmp_path / "2026-11.toml").write_text(month_text([damaged]))
    [told] = HistoryStore(tmp_path, lambda: FIXED).load().problems
    assert "step 1: key 'reps'" in told and "edit was ignored" not in told
