"""Settings mistakes are named with a did-you-mean, before the app starts; `config` prints TOML."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from hamstride.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def write_config(home: Path, text: str) -> None:
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "config.toml").write_text(text)


def test_misspelt_names_get_a_did_you_mean_and_are_not_in_force(capsys: pytest.CaptureFixture[str],
                                                                 isolated_home: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    write_config(isolated_home, 'theme = "textual-drak"\nwekly_target = 3\n[keymap]\npasue = "p"\nskip = ""\n'
                                'back = "b"\n')
    code, out = run(capsys, "config")
    assert code == 0
    assert "theme 'textual-drak' is not a theme; did you mean 'textual-dark'?" in out
    assert "unknown key 'wekly_target'; did you mean 'weekly_target'?" in out
    assert "'pasue' is not a binding id; did you mean 'pause'?" in out
    assert "skip has no keys" in out
    shown = out.split("as config.toml says them)\n", 1)[1]
    settings = tomllib.loads(shown[: shown.index("\n/") if "\n/" in shown else len(shown)])
    assert settings["theme"] == "textual-dark" and settings["mute"] is False and settings["keymap"] == {"back": "b"}
    assert "False" not in shown.split("\n/")[0] and "'tones'" not in shown


def test_config_errors_are_told_before_the_app_starts(isolated_home: Path) -> None:
    from rich.console import Console

    from hamstride.cli.app import _app_config
    from hamstride.cli.context import Context

    write_config(isolated_home, 'theme = "nope"\n')
    console = Console(record=True, width=200)
    config = _app_config(Context(console))
    assert config.theme == "textual-dark" and "'nope' is not a theme" in console.export_text()


@pytest.mark.parametrize("argv", [("config",), ("report",), ("history", "--export", "csv"), ("list",)])
def test_hamstride_home_pointing_at_a_file_is_no_crash(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...]) -> None:
    """No traceback, and no quiet success over an empty history either: the runner is told what to change."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("HAMSTRIDE_HOME", str(blocker))
    code, out = run(capsys, *argv)
    assert code == 2
    assert f"Cannot use {blocker}: it is not a folder. HAMSTRIDE_HOME names it" in out.replace("\n", " ")


@pytest.mark.parametrize("make", ["folder", "loop"])
def test_a_config_that_is_a_folder_or_a_link_loop_is_reported(capsys: pytest.CaptureFixture[str],
                                                              isolated_home: Path, make: str) -> None:
    path = isolated_home / "config" / "config.toml"
    path.parent.mkdir(parents=True)
    if make == "folder":
        path.mkdir()
    else:
        path.symlink_to(path)
    code, out = run(capsys, "config")
    assert code == 0 and "cannot be read" in out and "using the defaults" in out


def test_an_unexpected_error_exits_non_zero_with_a_plain_message(capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import hamstride.cli as cli
    from hamstride.domain import plan

    def broken(*args: object) -> object:
        raise RuntimeError("[/] a bug")

    monkeypatch.setattr(plan, "build_timeline", broken)  # `list` imports it when it lists
    code, out = run(capsys, "list")
    assert code == cli.CRASHED and "unexpected error: RuntimeError: [/] a bug" in out


def test_a_crash_inside_the_app_exits_non_zero(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from hamstride.ui.app import HamstrideApp

    def crashed(self: HamstrideApp) -> None:
        self._return_code = 1  # what Textual sets when an exception ends the app

    monkeypatch.setattr(HamstrideApp, "run", crashed)
    for stream in (sys.stdin, sys.stdout):  # the history screen is drawn only in a terminal
        monkeypatch.setattr(stream, "isatty", lambda: True)
    code, _ = run(capsys, "history")
    assert code == 1


def test_a_report_keeps_config_mistakes_out_of_its_text(capsys: pytest.CaptureFixture[str],
                                                        isolated_home: Path) -> None:
    write_config(isolated_home, 'theme = "nope"\n')
    assert main(["report"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("# ") and "nope" not in captured.out and "'nope' is not a theme" in captured.err
