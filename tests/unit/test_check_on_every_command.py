"""Every command that opens the app keeps the readiness check before eccentric work.

Found auditing the dose: `hamstride history` opened the app with the check off. Its resume offer comes
before the history screen, so a Nordic session the laptop died in the evening before was resumed the
next morning straight into its sets: no "how sore today?", no race, no 48 h (tests/ui/test_resume_check.py
holds what the check does on a resume; this holds that no command leaves it out).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from hamstride.cli import main
from hamstride.ui.app import HamstrideApp

BUILT_IN = Path(__file__).parents[2] / "sessions" / "nordic-first-session.toml"


@pytest.mark.parametrize("argv", [[], ["history"], ["run", "nordic-first-session"], ["run", "FILE"]],
                         ids=["home", "history", "run NAME", "run FILE"])
def test_every_command_that_opens_the_app_asks_the_check_first(argv: list[str], tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[bool] = []

    def opens(self: HamstrideApp) -> None:  # the app is not drawn: what it was opened with is the point
        opened.append(self.settings.readiness_check)

    monkeypatch.setattr(HamstrideApp, "run", opens)
    for stream in (sys.stdin, sys.stdout):  # the app is opened only in a terminal
        monkeypatch.setattr(stream, "isatty", lambda: True)
    if argv[-1:] == ["FILE"]:
        argv = [*argv[:-1], str(shutil.copy(BUILT_IN, tmp_path / "mine.toml"))]
    main(argv)
    assert opened == [True], f"`hamstride {' '.join(argv)}` opened the app without the readiness check"
