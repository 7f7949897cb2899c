"""A command line builds only its own command's parser, and argparse reads it as it read it with all of them.

Issue 25 (launch): building every command's parser was some 3 ms of `hamstride run FILE`'s and
home's launch, for one command at most.
"""

from __future__ import annotations

import argparse
import contextlib
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamstride.cli import build_parser, main


def _parsers_built(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> list[str]:
    progs: list[str] = []
    real_init = argparse.ArgumentParser.__init__

    def init(self: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        real_init(self, *args, **kwargs)
        progs.append(self.prog)

    monkeypatch.setattr(argparse.ArgumentParser, "__init__", init)
    main(argv)
    return progs


def test_run_a_file_builds_only_the_run_commands_parser(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # A file that is not there: the command is refused after its command line is read, no app opened.
    argv = ["--data-dir", str(tmp_path), "run", str(tmp_path / "missing.toml"), "--backend", "silent"]
    assert _parsers_built(monkeypatch, argv) == ["hamstride", "hamstride run"]


def test_home_builds_no_commands_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    # Not a terminal (pytest's pipes): home lists the sessions instead of opening the app.
    assert _parsers_built(monkeypatch, ["--mute"]) == ["hamstride"]


def test_help_and_what_argparse_must_refuse_build_every_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SystemExit):
        _parsers_built(monkeypatch, ["runn", "x.toml"])  # "invalid choice", listing every command
    monkeypatch.undo()
    with pytest.raises(SystemExit), contextlib.redirect_stdout(io.StringIO()) as out:
        _parsers_built(monkeypatch, ["--help"])
    for command in ("list", "show", "check", "run", "new", "edit", "config", "history", "report", "doctor",
                    "race", "serve", "completion"):
        assert f"    {command} " in out.getvalue(), command


def _read(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[object, str, str]:
    """What argparse makes of argv: the namespace (the command's function by name), or its exit and words."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            values = vars(parser.parse_args(argv))
        except SystemExit as stop:
            return ("exit", stop.code), out.getvalue(), err.getvalue()
    func = values.pop("func")
    return (getattr(func, "func", func).__name__, values), out.getvalue(), err.getvalue()


WORDS = ["run", "list", "show", "report", "history", "race", "completion", "runn", "hold.toml", "bash", "x",
         "--mute", "--data-dir", "--data-dir=d", "--data", "--mu", "-h", "--weeks", "3", "--backend", "silent",
         "--sound", "voice", "--export", "csv", "--bogus", "--", "-", "--names"]


@pytest.mark.parametrize("argv", [
    [], ["--mute"], ["run", "hold.toml"], ["--data-dir", "d", "--mute", "run", "hold.toml", "--backend", "silent"],
    ["run", "hold.toml", "--data-dir", "e"], ["--data-dir=d", "report", "--weeks", "3"], ["history", "--export", "csv"],
    ["--data-dir"], ["--data-dir", "--mute"], ["run"], ["run", "-h"], ["list", "--bogus"], ["--bogus"],
    ["--mu", "run", "x"], ["runn"], ["--", "run", "x"], ["completion", "bash"],
])
def test_a_command_line_reads_as_it_does_with_every_parser(argv: list[str]) -> None:
    assert _read(build_parser(argv), argv) == _read(build_parser(), argv)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=6))
def test_any_command_line_reads_as_it_does_with_every_parser(argv: list[str]) -> None:
    """Invariant: for any command line, the parser built for it reads it (namespace, or exit code and every
    word printed) exactly as the parser of every command does."""
    assert _read(build_parser(argv), argv) == _read(build_parser(), argv)


@pytest.mark.parametrize(("argv", "command", "backend", "sound"), [
    (["--backend", "silent"], None, "silent", None),  # the app: "invalid choice: 'silent'" before
    (["--sound=voice", "--backend", "aplay"], None, "aplay", "voice"),
    (["--backend", "silent", "run", "x.toml"], "run", "silent", None),  # given before the command: kept
    (["run", "x.toml", "--backend", "silent"], "run", "silent", None),
    (["--backend", "aplay", "run", "x.toml", "--backend", "silent"], "run", "silent", None),  # after it wins
    (["run", "x.toml"], "run", None, None),
    (["--backend", "silent", "doctor"], "doctor", "silent", None),
])
def test_the_sound_options_open_the_app_as_they_run_a_session(argv: list[str], command: str | None,
                                                                backend: str | None, sound: str | None) -> None:
    """`hamstride --backend silent` is how a runner would ask the app for a backend; it was refused with the
    backend read as a command's name."""
    for parser in (build_parser(argv), build_parser()):  # the one command's parser, and every one
        args = parser.parse_args(argv)
        assert (args.command, args.backend, args.sound) == (command, backend, sound), (argv, args)
