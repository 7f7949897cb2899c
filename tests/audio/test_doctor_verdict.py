"""`hamstride doctor` fails (status 1) when no real sound backend works, with the line that says what to
install; a runner who asked for the bell or silence is not failed for it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from hamstride.audio.backends import BellBackend, SilentBackend, SystemPlayerBackend, what_to_install
from tests.e2e.terminal import hamstride_command

CRASHING = Path(__file__).parent / "crashing"


def _bell() -> BellBackend:
    return BellBackend(lambda: None)


def test_without_simpleaudio_or_a_player_it_says_how_to_install_both() -> None:
    lines = what_to_install(_bell(), ["terminal bell", "silent"], [], None)
    assert lines[0] == "No sound library or player works here: cues would ring the terminal bell, and counts only flash."
    assert lines[1].startswith("Install simpleaudio: `pipx install --force '.[audio]'`")
    assert "libasound2-dev" in lines[1]
    assert lines[2].startswith("Or install a sound player: `sudo apt install alsa-utils`")


def test_a_crashed_simpleaudio_is_named_and_a_present_player_is_not_offered() -> None:
    lines = what_to_install(SilentBackend(), ["simpleaudio", "aplay", "terminal bell", "silent"],
                            ["simpleaudio: crashed (SIGSEGV, 3 times)", "aplay: aplay exited with status 1"], None)
    assert "cues would be silent" in lines[0]
    assert lines[1].startswith("simpleaudio crashed: simpleaudio 1.0.4 does on Python 3.12 and later")
    assert len(lines) == 2


def test_a_real_backend_or_the_bell_asked_for_needs_nothing(tmp_path: Path) -> None:
    assert what_to_install(SystemPlayerBackend("/usr/bin/aplay"), ["simpleaudio", "aplay"], [], None) == []
    assert what_to_install(_bell(), ["terminal bell", "silent"], [], "terminal bell") == []
    assert what_to_install(SilentBackend(), ["silent"], [], "silent") == []


def test_doctor_fails_when_the_library_crashes_and_no_player_takes_over(tmp_path: Path) -> None:
    no_players = tmp_path / "bin"
    no_players.mkdir()
    env = {**os.environ, "PYTHONPATH": str(CRASHING), "HAMSTRIDE_TEST_CRASH": "end", "PATH": str(no_players),
           "HOME": str(tmp_path), "HAMSTRIDE_HOME": str(tmp_path / "hamstride")}
    done = subprocess.run([hamstride_command(), "doctor"], env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "crashed (SIGSEGV); played on simpleaudio" in done.stdout  # doctor itself lived through it
    assert "Cues play through: terminal bell" in done.stdout
    assert "simpleaudio crashed: simpleaudio 1.0.4 does on Python 3.12 and later" in done.stdout
    assert "Or install a sound player" in done.stdout
