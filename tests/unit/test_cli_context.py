"""The command builds what its commands share once, and our errors are told, with their exit code, in one place."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest

from hamstride import locations
from hamstride.cli import main
from hamstride.domain.errors import HamstrideError, SessionNotFound
from hamstride.storage import config as config_file

HOLD = 'title = "Bench"\n[[steps]]\nname = "Plank"\nhold = 60\n'


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _counted(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[object]:
    calls: list[object] = []
    real = getattr(module, name)

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


@pytest.mark.parametrize("argv", [["run", "nordic-first"], ["run", "FILE"], [], ["history"]])
def test_a_screen_command_finds_its_folders_and_reads_its_settings_once(
        argv: list[str], tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import textual.app

    (isolated_home / "config").mkdir(parents=True)
    (isolated_home / "config" / "config.toml").write_text('backend = "silent"\nweekly_target = 2\n')
    (tmp_path / "hold.toml").write_text(HOLD)
    argv = [str(tmp_path / "hold.toml") if a == "FILE" else a for a in argv]
    places = _counted(monkeypatch, locations, "locations")
    reads = _counted(monkeypatch, config_file, "load_config")
    monkeypatch.setattr("hamstride.cli.common.load_config", config_file.load_config, raising=False)
    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr(sys, "stdout", _Terminal())
    built: list[Any] = []
    monkeypatch.setattr(textual.app.App, "run", lambda app, *a, **k: built.append(app))
    assert main(argv) == 0
    [app] = built
    app.services.library()  # the home screen and the run's "next" read the library: from the same places
    assert app.settings.config.weekly_target == 2
    assert len(places) == 1, places
    assert len(reads) == 1, reads


def test_a_command_that_only_prints_reads_no_settings_it_does_not_use(monkeypatch: pytest.MonkeyPatch,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    reads = _counted(monkeypatch, config_file, "load_config")
    assert main(["check", "nordic-first-session"]) == 0
    assert reads == []


class Refused(HamstrideError):
    exit_code = 3


@pytest.mark.parametrize("error, code", [(Refused("no, and here is why"), 3),
                                         (SessionNotFound("no session named 'x'"), 2),
                                         (HamstrideError("cannot do that"), 1)])
def test_our_errors_are_told_once_with_their_exit_code(error: HamstrideError, code: int,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    from hamstride.cli import plain

    def refusing(*_: object) -> int:
        raise error

    monkeypatch.setattr(plain, "cmd_list", refusing)
    assert main(["list"]) == code
    told = capsys.readouterr()
    assert str(error) in told.out
    assert "Traceback" not in told.err and "unexpected error" not in told.out


def test_a_broken_session_file_is_told_with_every_problem_and_exit_1(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(HOLD.replace("hold = 60", 'hold = "long"'))
    for argv in (["show", str(broken)], ["run", str(broken)]):
        assert main(argv) == 1
        out = capsys.readouterr().out
        assert f"{broken}: 1 problem" in out and "key 'hold'" in out
