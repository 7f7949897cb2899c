"""The report's programme map weighs a run under way in another copy of hamstride (domain.done_by), as
home and the check do; its lists, counts and streaks hold only the history."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from hamstride.cli import main
from hamstride.domain.progress import Position
from hamstride.storage.history import HistoryStore
from hamstride.storage.journal import JournalFolder, JournalState, process_token
from hamstride.wallclock import local_now
from tests.unit.runner_histories import run_of


def test_the_report_maps_a_programme_session_under_way_but_lists_and_counts_only_the_history(
        capsys: pytest.CaptureFixture[str], isolated_home: Path) -> None:
    """Week 2 of the 10-week programme half an hour into its Nordics in another window: the report's map
    said "0 of 2 sessions done; next session: today" (two eccentric sessions in an hour); its lists and
    counts still hold only the history's one session of week 1."""
    now = local_now()
    history = isolated_home / "data" / "history"
    store = HistoryStore(history, lambda: now, journals=isolated_home / "data" / "in-progress")
    first = run_of("nordic-programme", [], now - timedelta(days=8), "a" * 32)
    store.save(first)
    record = run_of("nordic-programme", [first], now - timedelta(minutes=30), "c" * 32, done=False)
    assert record.week == 2
    JournalFolder(store.journals.folder, owner=process_token(os.getpid())).write(  # this process: alive
        JournalState(record, Position(1, 1, None), (), None))
    assert main(["report", "--weeks", "4"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "week 2 of 10, 1 of 2 sessions done" in out, out
    assert "next session: today" not in out and "next session no earlier than" in out, out
    assert "Sessions: 1 (1 complete" in out and out.count("| Nordic programme, 10 weeks |") == 1, out  # not listed
    assert "days since the last eccentric session: 8" in out, out
