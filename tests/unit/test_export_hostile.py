"""Issue 26 item 8 and the files of exports: what a month file holds reaches a CSV, a report or a
JSON export as text, never as a terminal's escape sequence or a spreadsheet's formula; an export is
written for the runner alone and never through a link.

The months are written as a hostile file would be and read by the store, as `hamstride` reads them.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from hamstride.cli import main
from hamstride.storage.export import csv_text, json_text, markdown_report, write_private
from hamstride.storage.history import HistoryStore, month_text
from hamstride.storage.record_table import to_table
from tests.unit.helpers import make_record

OFFSET = timezone(timedelta(hours=1))
DAY = datetime(2026, 11, 16, 7, tzinfo=OFFSET)
ESCAPES = "\x1b]0;owned\x07\x1b[2J\x9b31m"  # an OSC title change, a screen clear, a C1 CSI
CONTROLS = ("\x1b", "\x07", "\x9b")
LEADS = ["=HYPERLINK(\"http://x\",\"y\")", "@SUM(1)", "+1+1", "-1-1", "\t=1", "\r=1"]


def loaded(folder: Path, **changes: object) -> list:  # type: ignore[type-arg]
    table = to_table(make_record(DAY, note="a note"))
    for key, value in changes.items():
        if key == "step_name":
            table["step"][0]["name"] = value
        else:
            table[key] = value
    (folder / "2026-11.toml").write_text(month_text([table]))
    return list(HistoryStore(folder, lambda: DAY).load().records)


def csv_row(records: list) -> dict[str, str]:  # type: ignore[type-arg]
    [row] = list(csv.DictReader(io.StringIO(csv_text(records))))
    return row


@pytest.mark.parametrize("field", ["session", "title", "note"])
def test_escape_sequences_in_a_text_field_never_reach_the_csv(tmp_path: Path, field: str) -> None:
    cell = csv_row(loaded(tmp_path, **{field: f"bridges{ESCAPES}"}))[field]
    assert not any(c in cell for c in CONTROLS) and cell.startswith("bridges")


@pytest.mark.parametrize("field", ["session", "title", "note"])
@pytest.mark.parametrize("lead", LEADS)
def test_a_formula_in_a_text_field_stays_text_in_the_csv(tmp_path: Path, field: str, lead: str) -> None:
    cell = csv_row(loaded(tmp_path, **{field: lead}))[field]
    assert cell.startswith("'") and "\r" not in cell  # OWASP: a leading ' keeps the cell text


def test_plain_text_and_numbers_are_left_as_they_are(tmp_path: Path) -> None:
    row = csv_row(loaded(tmp_path, note="felt 7/10, left-side tight"))
    assert row["note"] == "felt 7/10, left-side tight" and row["eccentric_reps"] == "10"


@pytest.mark.parametrize("field", ["title", "note", "step_name"])
def test_escape_sequences_in_a_text_field_never_reach_the_report(tmp_path: Path, field: str) -> None:
    records = loaded(tmp_path, **{field: f"bridges{ESCAPES}"})
    text = markdown_report(records, date(2026, 11, 18), weeks=4, target=2)
    assert "bridges" in text and not any(c in text for c in CONTROLS)


@pytest.mark.parametrize("field", ["session", "title", "note", "step_name", "from_a_newer_version"])
def test_escape_sequences_in_a_text_field_never_reach_the_json(tmp_path: Path, field: str) -> None:
    text = json_text(loaded(tmp_path, **{field: f"bridges{ESCAPES}"}))
    assert not any(c in text for c in CONTROLS) and "\\u001b" not in text and "\\u009b" not in text
    assert "bridges" in json.dumps(json.loads(text))


def test_the_report_command_shows_no_escape_sequence(capsys: pytest.CaptureFixture[str],
                                                     isolated_home: Path) -> None:
    history = isolated_home / "data" / "history"
    history.mkdir(parents=True)
    today = datetime.now(OFFSET).replace(microsecond=0) - timedelta(days=1)
    table = to_table(make_record(today, note=f"sore{ESCAPES}"))
    table["session"] = f"early{ESCAPES}"
    (history / f"{today:%Y-%m}.toml").write_text(month_text([table]))
    assert main(["report"]) == 0
    assert main(["history", "--export", "csv"]) == 0
    out = capsys.readouterr().out
    assert "sore" in out and not any(c in out for c in CONTROLS)


# -- the files of exports ---------------------------------------------------------------------


def test_an_export_over_a_planted_link_leaves_its_target_alone(tmp_path: Path) -> None:
    target = tmp_path / "someone-elses.txt"
    target.write_text("theirs")
    target.chmod(0o644)
    link = tmp_path / "report.md"
    link.symlink_to(target)
    with pytest.raises(OSError, match="symbolic link"):
        write_private(link, "ours")
    assert target.read_text() == "theirs" and target.stat().st_mode & 0o777 == 0o644


def test_an_export_over_an_existing_public_file_becomes_private(tmp_path: Path) -> None:
    path = tmp_path / "history.csv"
    path.write_text("old")
    path.chmod(0o644)
    write_private(path, "new")
    assert path.read_text() == "new" and path.stat().st_mode & 0o777 == 0o600


def test_an_export_over_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    os.mkfifo(path)
    with pytest.raises(OSError, match="a pipe"):
        write_private(path, "rows")


def test_the_report_command_says_why_it_will_not_write_through_a_link(capsys: pytest.CaptureFixture[str],
                                                                      isolated_home: Path,
                                                                      tmp_path: Path) -> None:
    target = tmp_path / "target"
    target.write_text("theirs")
    (tmp_path / "out.md").symlink_to(target)
    assert main(["report", "-o", str(tmp_path / "out.md")]) == 1
    assert "symbolic link" in capsys.readouterr().out and target.read_text() == "theirs"


def test_a_planted_lock_link_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.write_text("x")
    target.chmod(0o644)
    history = tmp_path / "history"
    history.mkdir()
    (history / ".lock").symlink_to(target)
    saved = HistoryStore(history, lambda: DAY).save_or_keep(make_record(DAY))
    assert not saved.in_history and "symbolic links" in saved.error
    assert target.stat().st_mode & 0o777 == 0o644
