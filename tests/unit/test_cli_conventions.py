"""What a runner expects of a Python command: `python -m`, `--version`, tab completion, options anywhere.

The command is run as the runner runs it, in its own process (the installed `hamstride`
beside this interpreter, or `python -m hamstride`), except where a test must see inside.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from hamstride.cli import main

HAMSTRIDE = str(Path(sys.executable).parent / "hamstride")
MINE = 'title = "Only in X"\n[[steps]]\nname = "Plank"\nhold = 30\n'


def command(*argv: str, home: Path, stdin: int | None = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HAMSTRIDE_HOME": str(home), "COLUMNS": "200"}
    return subprocess.run(list(argv), capture_output=True, text=True, timeout=60, env=env, stdin=stdin)


def test_python_dash_m_hamstride_is_the_command(isolated_home: Path) -> None:
    listed = command(sys.executable, "-m", "hamstride", "list", home=isolated_home)
    assert listed.returncode == 0, listed.stderr
    assert "early-week-strength" in listed.stdout
    asked = command(sys.executable, "-m", "hamstride", "--version", home=isolated_home)
    assert asked.returncode == 0 and asked.stdout.startswith(f"hamstride {version('hamstride')}"), asked


def test_version_names_the_installed_release_and_the_python(isolated_home: Path) -> None:
    done = command(HAMSTRIDE, "--version", home=isolated_home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[:2] == ["hamstride", version("hamstride")]
    assert f"Python {sys.version_info.major}.{sys.version_info.minor}" in done.stdout


def _bash_completes(script: str, line: str) -> list[str]:
    """What bash offers for `line` (the cursor at its end), through the completion function the script installs."""
    words = line.split(" ")
    probe = (f"{script}\n"
             "fn=$(complete -p hamstride | sed -E 's/.*-F ([^ ]+).*/\\1/')\n"
             f"COMP_WORDS=({' '.join(repr(w) for w in words)}); COMP_CWORD={len(words) - 1}\n"
             f"COMP_LINE={line!r}; COMP_POINT=${{#COMP_LINE}}\n"
             f"$fn hamstride {words[-1]!r} {words[-2]!r}\n"
             "printf '%s\\n' \"${COMPREPLY[@]}\"\n")
    bash = shutil.which("bash")
    assert bash is not None
    done = subprocess.run([bash, "--norc", "-c", probe], capture_output=True, text=True, timeout=30,
                          env={**os.environ, "PATH": f"{Path(HAMSTRIDE).parent}:{os.environ['PATH']}"})
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_bash_completion_offers_commands_options_and_session_names(isolated_home: Path) -> None:
    mine = isolated_home / "config" / "sessions"
    mine.mkdir(parents=True)
    (mine / "my-own.toml").write_text(MINE)
    done = command(HAMSTRIDE, "completion", "bash", home=isolated_home)
    assert done.returncode == 0, done.stderr
    script = done.stdout
    assert {"run", "list", "show", "history", "report", "doctor", "completion"} <= set(
        _bash_completes(script, "hamstride "))
    assert "--data-dir" in _bash_completes(script, "hamstride list --")
    assert {"--mute", "--version"} <= set(_bash_completes(script, "hamstride --"))
    assert _bash_completes(script, "hamstride report --wee") == ["--weeks"]
    # A session's name is completed from the runner's own library, built-in and theirs.
    offered = _bash_completes(script, "hamstride run ")
    assert "early-week-strength" in offered and "my-own" in offered
    assert _bash_completes(script, "hamstride show nordic-f") == ["nordic-first-session"]


def test_zsh_completion_loads_and_names_every_command(isolated_home: Path) -> None:
    zsh = shutil.which("zsh")
    if zsh is None:
        if os.environ.get("CI") == "true":
            pytest.fail("zsh is missing in CI: .ci/run installs it")
        pytest.skip("zsh is not installed on this machine")
    done = command(HAMSTRIDE, "completion", "zsh", home=isolated_home)
    assert done.returncode == 0, done.stderr
    script = isolated_home.parent / "_hamstride"
    script.write_text(done.stdout)
    # Loaded as the README tells a runner to in .zshrc: compinit, then eval the script.
    loaded = subprocess.run([zsh, "-f", "-c", f'autoload -U compinit && compinit -u && eval "$(<{script})" && '
                                              "print -r -- ${_comps[hamstride]}"],
                            capture_output=True, text=True, timeout=30, env={**os.environ, "HOME": str(isolated_home)})
    assert loaded.returncode == 0 and loaded.stdout.strip(), loaded.stdout + loaded.stderr
    assert loaded.stderr == ""
    for word in ("run", "list", "show", "history", "report", "doctor", "completion", "--data-dir", "--mute"):
        assert word in done.stdout


def test_completion_asks_for_a_shell_it_knows(isolated_home: Path) -> None:
    done = command(HAMSTRIDE, "completion", "tcsh-please", home=isolated_home)
    assert done.returncode == 2 and "bash" in done.stderr and "zsh" in done.stderr


@pytest.mark.parametrize("before", [True, False], ids=["before the command", "after the command"])
def test_data_dir_goes_before_or_after_the_command(before: bool, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    elsewhere = tmp_path / "x"
    (elsewhere / "config" / "sessions").mkdir(parents=True)
    (elsewhere / "config" / "sessions" / "only-in-x.toml").write_text(MINE)
    option = ["--data-dir", str(elsewhere)]
    for argv in (["list"], ["show", "only-in-x"], ["check", "only-in-x"], ["history", "--export", "csv"]):
        code = main([*option, *argv] if before else [*argv, *option])
        out = capsys.readouterr().out
        assert code == 0, (argv, out)
        if argv[0] != "history":
            assert "Only in X" in out, (argv, out)


def test_an_option_given_after_the_command_wins_over_the_same_before_it(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str],
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    (tmp_path / "x" / "config" / "sessions").mkdir(parents=True)
    (tmp_path / "x" / "config" / "sessions" / "only-in-x.toml").write_text(MINE)
    assert main(["--data-dir", str(tmp_path / "elsewhere"), "list", "--data-dir", str(tmp_path / "x")]) == 0
    assert "Only in X" in capsys.readouterr().out


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _run_app_headless(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Stands in for a terminal and for App.run: the apps the command built, not run."""
    import textual.app

    built: list[object] = []
    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr(sys, "stdout", _Terminal())
    monkeypatch.setattr(textual.app.App, "run", lambda app, *a, **k: built.append(app))
    return built


@pytest.mark.parametrize("argv", [["--mute"], ["--mute", "run", "nordic-first"], ["run", "nordic-first", "--mute"]])
def test_mute_on_the_bare_command_as_on_run(argv: list[str], isolated_home: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    (isolated_home / "config").mkdir(parents=True)
    (isolated_home / "config" / "config.toml").write_text('backend = "silent"\n')
    built = _run_app_headless(monkeypatch)
    assert main(argv) == 0
    [app] = built
    assert app.player.muted  # type: ignore[attr-defined]
    built.clear()
    assert main([a for a in argv if a != "--mute"]) == 0
    assert not built[0].player.muted  # type: ignore[attr-defined]
