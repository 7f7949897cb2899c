"""A programme file whose Nordics start or climb beyond the literature's progressions is valid, but `hamstride
check` (and `hamstride edit`, as the editor closes) warns of it with the file, the line and the key; the
built-in programmes, and a copy with their doses, get no warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamstride import locations
from hamstride.cli import main
from hamstride.storage.dose_notes import dose_notes
from hamstride.storage.loader import load_session

BUILT_IN = locations.builtin_sessions() / "nordic-programme.toml"


def own_copy(folder: Path, old: str, new: str) -> Path:
    text = BUILT_IN.read_text(encoding="utf-8")
    assert old in text
    path = folder / "my-nordics.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if text in line)


def test_a_first_week_of_sixty_is_warned_of_at_its_line_and_key(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = own_copy(tmp_path, 'week."1" = { sets = 2, reps = 5 }', 'week."1" = { sets = 2, reps = 30 }')
    notes = dose_notes(load_session(path))
    assert len(notes) == 1, notes
    note = notes[0]
    assert (note.file, note.line, note.key) == (str(path), line_of(path, 'week."1"'), 'week."1".reps'), note
    assert "week 1 has 60 Nordic reps" in note.message and note.hint, note
    assert main(["check", str(path)]) == 0  # valid: a warning, not a problem
    out = " ".join(capsys.readouterr().out.split())
    assert f"warning: {path}:{note.line}:" in out and "key 'week.\"1\".reps'" in out and "60 Nordic reps" in out, out


def test_a_rise_from_twelve_to_fifty_is_warned_of_at_the_week_that_rises(tmp_path: Path) -> None:
    path = own_copy(tmp_path, 'week."3" = { sets = 3, reps = [8, 7, 6] }',
                    'week."3" = { sets = 3, reps = [20, 15, 15] }')
    notes = dose_notes(load_session(path))
    assert [n.line for n in notes] == [line_of(path, 'week."3"')], notes
    assert "week 3 has 50 Nordic reps a session after 12 in week 2" in notes[0].message
    assert "at most 21" in notes[0].message, notes[0]


def test_the_built_ins_and_a_copy_with_their_doses_are_not_warned_of(tmp_path: Path) -> None:
    for name in ("nordic-programme", "nordic-beginner"):
        assert dose_notes(load_session(locations.builtin_sessions() / f"{name}.toml")) == []
    reworded = own_copy(tmp_path, 'title = "Nordic programme, 10 weeks"', 'title = "My Nordics"')
    assert dose_notes(load_session(reworded)) == []
    steady = own_copy(tmp_path, 'week."5-10" = { sets = 3, reps = [12, 10, 8]', 'week."5-10" = { sets = 3, reps = [10, 9, 8]')
    assert dose_notes(load_session(steady)) == []  # 10, 12, 21, 27, 27: the 10-week programme's own steps
    sharper = own_copy(tmp_path, 'week."1" = { sets = 2, reps = 5 }', 'week."1" = { sets = 2, reps = 4 }')
    assert [n.key for n in dose_notes(load_session(sharper))] == ['week."2".reps']  # 8 to 12: 4 more, not 10 to 12
