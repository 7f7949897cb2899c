"""A month file broken by hand (found walking the installed app): the message names the file, the line,
the key and its session, says how to mend it and get its sessions back, and the bytes stay as they were."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from hamstride.storage.history import HistoryStore
from tests.unit.helpers import make_record

PARIS = timezone(timedelta(hours=1))
FIXED = datetime(2026, 11, 24, 18, 30, tzinfo=PARIS)

TWO = """[[session]]
id = "aaaa064f34ac401dbb840c459a5726b4"
started = 2026-11-20 09:55:54+00:00
{first}

[[session]]
id = "bbbb26af34ac401dbb840c459a5726b4"
started = 2026-11-21 09:55:54+00:00
{second}
"""


@pytest.mark.parametrize(("first", "second", "line", "key", "session", "fix"), [
    ('note = "felt ok"', 'note = "felt ok', 9, "note", 2, "closing quote"),
    ("elapsed_seconds = -oops", 'note = "fine"', 4, "elapsed_seconds", 1, "quotes"),
])
def test_a_month_that_does_not_parse_names_line_key_session_and_a_fix(
        tmp_path: Path, first: str, second: str, line: int, key: str, session: int, fix: str) -> None:
    month = tmp_path / "2026-11.toml"
    text = TWO.format(first=first, second=second)
    month.write_text(text)
    HistoryStore(tmp_path, lambda: FIXED).save(make_record(FIXED))  # a new session into that month
    aside = tmp_path / "2026-11.toml.corrupt-20261124T183000"
    assert aside.read_text() == text  # the bytes as they were
    problem = _problem_of(tmp_path, text)
    assert f"line {line}" in problem and f"'{key}'" in problem and f"session {session}" in problem, problem
    assert fix in problem, problem
    assert "left as it is" in problem and "moved aside unchanged" in problem, problem


def _problem_of(folder: Path, text: str) -> str:
    """The message a first read gives for the broken month (left as it is: a save sets it aside)."""
    fresh = folder / "fresh"
    fresh.mkdir()
    (fresh / "2026-11.toml").write_text(text)
    problems = HistoryStore(fresh, lambda: FIXED).load().problems
    unread = [problem for problem in problems if "could not be read" in problem]  # beside: a session too thin
    assert len(unread) == 1, problems
    assert (fresh / "2026-11.toml").read_text() == text  # reading moved nothing
    return unread[0]
