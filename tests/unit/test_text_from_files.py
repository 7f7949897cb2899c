"""Text from files is text at every surface: no markup obeyed, no escape sequence reaches the terminal."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from hamstride.cli import main
from hamstride.plaintext import shown
from hamstride.storage.history import HistoryStore, month_text
from hamstride.storage.record_table import to_table
from tests.unit.helpers import make_record

OSC = "\x1b]0;pwned\x07"  # sets the terminal's title
CSI = "\x9b2J"  # the one-byte form of "clear the screen"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def clean(text: str) -> bool:
    return "\x1b" not in text and "\x07" not in text and "\x9b" not in text


def test_shown_escapes_markup_and_removes_control_characters() -> None:
    assert shown("[@click=app.quit]x[/] " + OSC + "\u202eevil") == "\\[@click=app.quit]x\\[/] ]0;pwnedevil"
    assert shown("a\nb\tc", markup=False) == "a\nb\tc"
    assert shown("a\nb\u2028c", one_line=True) == "a b c"
    assert shown("ends with \\") == "ends with \\\\"


def test_list_and_check_print_a_hostile_file_name_as_text(capsys: pytest.CaptureFixture[str],
                                                         isolated_home: Path) -> None:
    mine = isolated_home / "config" / "sessions"
    mine.mkdir(parents=True)
    hostile = mine / f"x{OSC}.toml"
    hostile.write_text('title = "T"\n[[steps]]\nname = "Plank"\nhold = -3\n')
    code, out, _ = run(capsys, "list")
    assert code == 0 and clean(out) and "]0;pwned" in out
    code, out, _ = run(capsys, "check", str(hostile))
    assert code == 1 and clean(out) and "]0;pwned" in out


def test_run_with_an_unknown_hostile_name_prints_it_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "run", f"nope{OSC}")
    assert code == 2 and clean(out) and "nope" in out


def _history_with_a_hostile_note(isolated_home: Path) -> None:
    folder = isolated_home / "data" / "history"
    folder.mkdir(parents=True)
    record = make_record(datetime.now(timezone(timedelta(hours=1))) - timedelta(days=1),
                         note=f"felt {OSC}fine{CSI}", name=f"Nordic{OSC}")
    table = to_table(record)
    table["title"] = f"T{OSC}"
    (folder / f"{record.started:%Y-%m}.toml").write_text(month_text([table]))


@pytest.mark.parametrize("argv", [("history", "--export", "csv"), ("history", "--export", "json"),
                                  ("report", "--weeks", "2")])
def test_exports_and_reports_carry_no_escape_sequences(capsys: pytest.CaptureFixture[str], isolated_home: Path,
                                                       argv: tuple[str, ...]) -> None:
    _history_with_a_hostile_note(isolated_home)
    code, out, err = run(capsys, *argv)
    assert code == 0 and clean(out) and clean(err)
    assert "fine" in out or "report" in argv[0]


def test_exports_and_reports_are_private_whatever_the_umask(capsys: pytest.CaptureFixture[str],
                                                           isolated_home: Path, tmp_path: Path) -> None:
    _history_with_a_hostile_note(isolated_home)
    old = os.umask(0)
    try:
        for name, argv in (("h.csv", ("history", "--export", "csv")), ("r.md", ("report",))):
            assert run(capsys, *argv, "-o", str(tmp_path / name))[0] == 0
            assert (tmp_path / name).stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)


def test_a_hostile_record_reads_back_clean(tmp_path: Path) -> None:
    table = to_table(make_record(datetime(2026, 11, 2, 7, tzinfo=timezone.utc), note=f"a{OSC}b"))
    (tmp_path / "2026-11.toml").write_text(month_text([table]))
    record = HistoryStore(tmp_path, lambda: datetime(2026, 11, 24, tzinfo=timezone.utc)).load().records[0]
    assert record.note == "a]0;pwnedb"
