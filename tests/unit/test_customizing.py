"""Making sessions your own: new, edit with a real editor process, overrides, and config.toml."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from hamstride.cli import main
from hamstride.storage.config import load_config

FAKE_EDITOR = '''
import sys
from pathlib import Path
# Each run of this "editor" applies the next edit from the script beside it, as a person would.
path = Path(sys.argv[1])
script = Path(__file__).with_suffix(".edits")
edits = script.read_text().split("\\n---\\n")
runs = Path(__file__).with_suffix(".runs")
n = int(runs.read_text()) if runs.exists() else 0
runs.write_text(str(n + 1))
old, new = edits[n].split("\\n=>\\n")
text = path.read_text()
assert old in text, (old, text)
path.write_text(text.replace(old, new, 1))
'''


def fake_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *edits: tuple[str, str]) -> Path:
    editor = tmp_path / "editor.py"
    editor.write_text(FAKE_EDITOR)
    editor.with_suffix(".edits").write_text("\n---\n".join(f"{old}\n=>\n{new}" for old, new in edits))
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    monkeypatch.delenv("VISUAL", raising=False)
    return editor.with_suffix(".runs")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_new_copies_a_builtin_into_your_folder(capsys: pytest.CaptureFixture[str], isolated_home: Path) -> None:
    code, out = run(capsys, "new", "my-strength", "--from", "early-week")
    assert code == 0 and "hamstride edit my-strength" in out
    mine = isolated_home / "config" / "sessions" / "my-strength.toml"
    assert "Copied from the built-in session 'early-week-strength'" in mine.read_text()
    code, out = run(capsys, "new", "my-strength", "--from", "early-week")
    assert code == 1 and "already exists" in out
    assert run(capsys, "new", "../escape", "--from", "early-week")[0] == 1


def test_edit_round_trip_checks_when_the_editor_closes(capsys: pytest.CaptureFixture[str], isolated_home: Path,
                                                       tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(capsys, "new", "mine", "--from", "nordic-first-session")
    runs = fake_editor(tmp_path, monkeypatch, ("sets = 2\nreps = 3", 'sets = 2\nreps = "three"'),
                       ('reps = "three"', "reps = 4"))
    monkeypatch.setattr("builtins.input", lambda question: "y")
    code, out = run(capsys, "edit", "mine")
    assert code == 0 and runs.read_text() == "2"  # opened again after the mistake
    assert "key 'reps': expected a whole number" in out and "is valid" in out
    code, out = run(capsys, "show", "mine")
    assert "2 x 4 reps" in out


def test_edit_without_an_answer_leaves_the_file_and_says_so(capsys: pytest.CaptureFixture[str], isolated_home: Path,
                                                           tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(capsys, "new", "mine", "--from", "nordic-first-session")
    fake_editor(tmp_path, monkeypatch, ("reps = 3", "reps = 0"))

    def no_terminal(question: str) -> str:
        raise EOFError

    monkeypatch.setattr("builtins.input", no_terminal)
    code, out = run(capsys, "edit", "mine")
    assert code == 1 and "Left as it is" in out
    assert "reps = 0" in (isolated_home / "config" / "sessions" / "mine.toml").read_text()


def test_editing_a_builtin_edits_your_copy_which_then_replaces_it(
        capsys: pytest.CaptureFixture[str], isolated_home: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    fake_editor(tmp_path, monkeypatch, ('title = "Nordic curl: first session"', 'title = "My first Nordics"'))
    code, out = run(capsys, "edit", "nordic-first-session")
    assert code == 0 and "editing your copy" in out
    monkeypatch.setenv("COLUMNS", "200")
    code, out = run(capsys, "list")
    assert "My first Nordics" in out and "yours (replaces built-in)" in out
    assert "Nordic curl: first session" not in out


def test_config_reports_places_values_and_mistakes(capsys: pytest.CaptureFixture[str], isolated_home: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    config = isolated_home / "config" / "config.toml"
    code, out = run(capsys, "config")
    assert code == 0 and "No settings file yet" in out and str(config) in out
    config.parent.mkdir(parents=True)
    config.write_text('weekly_target = 3\nsound = "loud"\ncolour = "red"\n[keymap]\npause = "p"\n')
    code, out = run(capsys, "config")
    assert "weekly_target = 3" in out and '[keymap]\npause = "p"' in out  # as TOML, not Python values
    assert "sound must be one of tones, voice, both; using the default" in out
    assert "unknown key 'colour'" in out
    loaded = load_config(config)
    assert loaded.config.weekly_target == 3 and loaded.config.sound == "tones" and len(loaded.problems) == 2


def test_a_broken_config_file_falls_back_to_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("weekly_target = [")
    loaded = load_config(path)
    assert loaded.config.weekly_target == 2 and "using the defaults" in loaded.problems[0]


def test_show_week_prints_that_weeks_plan(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    code, out = run(capsys, "show", "nordic-programme", "--week", "5")
    assert code == 0 and "week 5 of 10" in out and "3 x 12/10/8 reps" in out
    assert run(capsys, "show", "nordic-programme", "--week", "11")[0] == 2
