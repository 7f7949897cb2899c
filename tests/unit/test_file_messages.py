"""Issue 26 item 10: a status that is not a status is said, and the TOML mistakes tomllib places
nowhere get a line (a nesting too deep, a multi-line string never closed) and a key (a number
too long to read). Real files, read as the app reads them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from hamstride.domain.errors import SessionFileError
from hamstride.storage.history import HistoryStore, month_text
from hamstride.storage.loader import load_session
from hamstride.storage.record_table import to_table
from tests.unit.helpers import make_record

DAY = datetime(2026, 11, 16, 7, tzinfo=timezone(timedelta(hours=1)))

GOOD_START = 'title = "Plank"\n\n[[steps]]\nname = "Plank"\nhold = 30\n'


@pytest.mark.parametrize("status", ["completd", 7, "COMPLETE"])
def test_a_status_that_is_not_a_status_is_said_and_read_as_partial(tmp_path: Path, status: object) -> None:
    table = to_table(make_record(DAY))
    table["status"] = status
    (tmp_path / "2026-11.toml").write_text(month_text([table]))
    loaded = HistoryStore(tmp_path, lambda: DAY).load()
    [record] = loaded.records
    assert not record.completed
    [problem] = loaded.problems
    assert "key 'status'" in problem and "must be complete or partial" in problem


def problem_of(tmp_path: Path, text: str) -> tuple[str, int | None, str | None]:
    path = tmp_path / "session.toml"
    path.write_text(text)
    with pytest.raises(SessionFileError) as caught:
        load_session(path)
    [problem] = caught.value.problems
    return problem.message, problem.line, problem.key


def test_a_deeply_nested_array_is_placed_on_its_line(tmp_path: Path) -> None:
    message, line, _ = problem_of(tmp_path, GOOD_START + "tags = " + "[" * 3000 + "]" * 3000 + "\n")
    assert "too deeply" in message and line == 6


def test_an_unclosed_multi_line_string_is_placed_where_it_opens(tmp_path: Path) -> None:
    text = 'title = "Plank"\nsummary = """\nslow and steady\n\n[[steps]]\nname = "Plank"\nhold = 30\n'
    message, line, _ = problem_of(tmp_path, text)
    assert "never closed" in message and "line 2" in message


def test_a_number_too_long_to_read_names_its_key_and_line(tmp_path: Path) -> None:
    message, line, key = problem_of(tmp_path, GOOD_START + "lead_in = " + "9" * 5000 + "\n")
    assert "too long" in message and key == "lead_in" and line == 6
