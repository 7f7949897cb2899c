"""Text from files is text at every surface: no markup obeyed, no escape sequence reaches the terminal."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamstride.cli import main
from hamstride.plaintext import shown
from hamstride.storage.history import HistoryStore, month_text
from hamstride.storage.record_table import to_table
from tests.conftest import ROOT
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


# What `shown` did with regular expressions (before issue 25's launch work): the reference it keeps to.
_REFERENCE_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_REFERENCE_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _reference(text: str, one_line: bool) -> str:
    return (_REFERENCE_BREAKS if one_line else _REFERENCE_CONTROL).sub(
        lambda m: " " if m.group() in "\n\r\t\u2028\u2029" else "", text)


# Every character a rule is about, and its neighbours, with ordinary text between them.
_EDGES = "".join(map(chr, [*range(0x00, 0x21), *range(0x7E, 0xA1), *range(0x2027, 0x202B), *range(0x202E, 0x2030),
                           *range(0x2065, 0x206B)]))


@given(st.text(alphabet=st.sampled_from(_EDGES) | st.characters()), st.booleans())
def test_shown_removes_and_turns_into_spaces_what_it_always_did(text: str, one_line: bool) -> None:
    """The invariant: for any text, `shown` without markup removes or turns into a space exactly the
    characters the old regular expressions did, on one line and not."""
    assert shown(text, markup=False, one_line=one_line) == _reference(text, one_line)


def test_showing_text_compiles_no_pattern_at_launch() -> None:
    """Issue 25 (launch): every launch imports `shown`; its character classes above the first 256 code
    points were compiled into 64 K-entry tables at import, some 0.8 ms of each launch."""
    probe = ("import re\ncompiled = []\n_compile = re.compile\n"
             "re.compile = lambda *a, **k: compiled.append(a[0]) or _compile(*a, **k)\n"
             "import hamstride.plaintext\n"  # a class past U+00FF: it matches one of these characters
             "print([p for p in compiled if any(_compile(p).search(c) for c in '\\u202a\\u2028\\u2066')])")
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


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
