"""Names on the command line: check takes them like show and run; an ambiguous start lists its matches."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamstride.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_check_takes_a_session_name(capsys: pytest.CaptureFixture[str], isolated_home: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    mine = isolated_home / "config" / "sessions"
    mine.mkdir(parents=True)
    (mine / "my-strength.toml").write_text('title = "Mine"\n[[steps]]\nname = "Plank"\nhold = -30\n')
    code, out = run(capsys, "check", "my-strength")
    assert code == 1 and "my-strength.toml:4: step 1 ('Plank'), key 'hold'" in out
    code, out = run(capsys, "check", "early-week-strength")
    assert code == 0 and "ok" in out and "early-week-strength.toml" in out
    code, out = run(capsys, "check", "no-such-session")
    assert code == 1 and "no session named 'no-such-session'" in out


def test_an_ambiguous_start_of_a_name_lists_the_matches(capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    code, out = run(capsys, "run", "nord")
    assert code == 2 and "'nord' could be any of: nordic-beginner, nordic-easier-band" in out
    assert "nordic-first-session" in out and "nordic-programme" in out
    code, out = run(capsys, "show", "nordic-f")
    assert code == 0 and "Nordic" in out
