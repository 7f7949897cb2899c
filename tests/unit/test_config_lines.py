"""A typo in config.toml is said by every command that reads it, with the file, the line, the key and the fix.

Walked: `maintenance = "lowvolume"` (meant: low-volume maintenance, 2 x 5 a week). `hamstride today` and
`hamstride show` used the default without a word, so a runner past the programme got its full last week's
dose; `report`, `config` and the app said "config.toml: maintenance must be one of..." with no line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hamstride.cli import main
from hamstride.storage.config import check_names, load_config

TYPO = '# my settings\nweekly_target = 2\nmaintenance = "lowvolume"\n'


def write_config(home: Path, text: str) -> Path:
    path = home / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def said_fix(text: str, path: Path) -> bool:
    return (f"{path}:3: maintenance must be one of weekly, low-volume (did you mean 'low-volume'?)" in text
            and 'To fix it, write maintenance = "low-volume" on line 3' in text)


@pytest.mark.parametrize("argv", [["today"], ["show", "nordic-programme"], ["race", "list"], ["report"]])
def test_every_plain_command_that_reads_the_settings_says_the_typo_on_stderr(
        capsys: pytest.CaptureFixture[str], isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
        argv: list[str]) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    path = write_config(isolated_home, TYPO)
    assert main(argv) == 0
    captured = capsys.readouterr()
    err = " ".join(captured.err.split())
    assert said_fix(err, path), captured.err
    assert "maintenance" not in captured.out  # stdout stays what a script reads


def test_config_says_the_line_and_the_fix(capsys: pytest.CaptureFixture[str], isolated_home: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    path = write_config(isolated_home, TYPO)
    assert main(["config"]) == 0
    assert said_fix(" ".join(capsys.readouterr().out.split()), path)


def test_each_mistake_names_its_line_and_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('volume = 3\n\nwekly_target = 2\ntheme = "textual-drak"\n[keymap]\npasue = "p"\n')
    loaded = check_names(load_config(path), ["textual-dark"], ["pause"])
    assert loaded.problems == (
        f"{path}:1: volume must be a number from 0 to 1; using the default. To fix it, correct the value on line 1, "
        "or delete that line",
        f"{path}:3: unknown key 'wekly_target'; did you mean 'weekly_target'? To fix it, correct the key on line 3, "
        "or delete that line",
        f"{path}:4: theme 'textual-drak' is not a theme; did you mean 'textual-dark'? Using textual-dark. To fix it, "
        "correct the value on line 4, or delete that line",
        f"{path}:5: keymap: 'pasue' is not a binding id; did you mean 'pause'?",
    )
