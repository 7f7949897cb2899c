from __future__ import annotations

from pathlib import Path

import pytest

from hamstride.cli import main
from tests.conftest import DATA


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_list_shows_builtin_and_user_sessions_and_broken_ones(capsys: pytest.CaptureFixture[str],
                                                             isolated_home: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    mine = isolated_home / "config" / "sessions"
    mine.mkdir(parents=True)
    (mine / "my-core.toml").write_text('title = "My core"\n[[steps]]\nname = "Plank"\nhold = 30\n')
    (mine / "oops.toml").write_text('title = "Oops"\n[[steps]]\nname = "Plank"\nhold = "long"\n')
    code, out = run(capsys, "list")
    assert code == 0
    from hamstride import locations
    from hamstride.domain.plan import build_timeline
    from hamstride.domain.timetext import clock as clock_text
    from hamstride.storage.loader import load_session

    strength = build_timeline(load_session(locations.builtin_sessions() / "early-week-strength.toml")).total
    assert "early-week-strength" in out and clock_text(strength) in out  # computed, never hand-written
    assert "My core" in out and "0:35" in out and "yours" in out
    assert "broken: expected a number of seconds" in out
    assert "1 session file(s) could not be loaded" in out


def test_show_prints_the_plan_with_total(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "show", "nordic-first-session")
    assert code == 0
    assert "Nordic hamstring curl" in out and "2 x 3 reps" in out and "3-0-2-2" in out
    from hamstride import locations
    from hamstride.domain.plan import build_timeline
    from hamstride.domain.timetext import clock
    from hamstride.storage.loader import load_session

    total = build_timeline(load_session(locations.builtin_sessions() / "nordic-first-session.toml")).total
    assert "total" in out and clock(total) in out


def test_show_a_file_with_markup_in_its_name_prints_it_literally(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "show", str(DATA / "good_sessions" / "markup-name.toml"))
    assert code == 0
    assert "[bold red]Not markup[/]" in out
    assert "[link=http://x]click[/link] me" in out


def test_show_unknown_name_lists_the_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "show", "nordics-please")
    assert code == 2
    assert "no session named 'nordics-please'" in out and "post-run-pnf" in out


def test_check_exit_codes_and_every_problem(capsys: pytest.CaptureFixture[str]) -> None:
    good = DATA / "good_sessions" / "every-kind.toml"
    bad = DATA / "bad_sessions" / "many-problems.toml"
    code, out = run(capsys, "check", str(good))
    assert code == 0 and out.startswith("ok ")
    code, out = run(capsys, "check", str(good), str(bad))
    assert code == 1
    assert f"{bad}: 4 problems" in out
    assert f"{bad}:15: step 3 ('Plank'), key 'eccentic': unknown key" in out
    assert "fix: did you mean 'eccentric'?" in out


def test_help_for_each_command(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("list", "show", "check"):
        with pytest.raises(SystemExit) as done:
            main([command, "--help"])
        assert done.value.code == 0
        assert "usage: hamstride" in capsys.readouterr().out


def test_no_command_without_a_terminal_lists_the_sessions(capsys: pytest.CaptureFixture[str]) -> None:
    # Under pytest stdin and stdout are not a terminal: the full-screen app cannot start.
    code = main([])
    out = capsys.readouterr().out
    assert code == 0 and "early-week-strength" in out and "hamstride run NAME" in out


def test_no_such_session_is_said_plainly(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "show", "no-such-session")
    assert code == 2 and "no session named 'no-such-session'" in out


def test_a_bug_is_not_passed_off_as_not_found(monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Only our own errors become messages: a KeyError (a LookupError) from a bug must surface,
    as a bug: its traceback, and the exit status of a crash."""
    from hamstride.cli import CRASHED
    from hamstride.storage import library

    def broken(*_: object) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(library, "load_library", broken)  # imported where a name is looked up
    assert main(["show", "early-week-strength"]) == CRASHED
    captured = capsys.readouterr()
    assert "KeyError: 'a bug'" in captured.err and "no session named" not in captured.out


def test_an_editor_that_will_not_start_is_our_error_not_a_crash(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from hamstride.domain.errors import HamstrideError, NoEditor
    from hamstride.editing import run_editor

    monkeypatch.setenv("VISUAL", str(tmp_path / "no-such-editor"))
    with pytest.raises(NoEditor, match="cannot start the editor") as caught:
        run_editor(tmp_path / "mine.toml")
    assert isinstance(caught.value, HamstrideError)


@pytest.mark.parametrize("argv", [["list"], ["show", "early-week-strength"], ["check", str(DATA / "good_sessions"
                                                                                         / "every-kind.toml")]])
def test_list_show_and_check_never_import_textual(argv: list[str]) -> None:
    import subprocess
    import sys

    probe = ("import sys\nfrom hamstride.cli import main\n"
             f"code = main({argv!r})\n"
             "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'textual' or m.startswith('hamstride.ui'))\n"
             "print('LOADED', loaded)\nsys.exit(code)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "LOADED []" in done.stdout, done.stdout


def test_check_of_a_one_step_session_says_1_step(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Walked: `hamstride check quick-nordic` said "Quick Nordics, 1 steps"."""
    one = tmp_path / "one.toml"
    one.write_text('title = "One"\n\n[[steps]]\nname = "Plank"\nhold = 30\n')
    code, out = run(capsys, "check", str(one))
    assert code == 0 and "One, 1 step, about" in " ".join(out.split()), out
