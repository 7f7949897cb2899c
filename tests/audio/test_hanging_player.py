"""A sound player that hangs: time-boxed, the next backend takes over, the runner is told once; doctor ends."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hamstride import locations
from hamstride.audio.backends import PlaybackError, SystemPlayerBackend
from hamstride.audio.clips import Clip, SoundBank
from hamstride.audio.player import CuePlayer
from hamstride.domain.cues import Cue, CueKind
from tests.ui.helpers import RecordingBackend

HANGS = f"""#!{sys.executable}
import signal, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)  # deaf to a polite stop, like a player stuck in a driver
time.sleep(3600)
"""
SILENCE = Clip("silence", b"", 22050, 1, 2)


@pytest.fixture
def hanging_aplay(tmp_path: Path) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    player = folder / "aplay"
    player.write_text(HANGS)
    player.chmod(0o755)
    return player


def test_a_player_deaf_to_sigterm_is_killed_and_reported_as_hung(hanging_aplay: Path) -> None:
    backend = SystemPlayerBackend(str(hanging_aplay))
    backend.play(SILENCE)  # it "plays" for ever: fine the first time
    started = time.monotonic()
    with pytest.raises(PlaybackError, match="aplay hung"):
        backend.play(SILENCE)
    assert time.monotonic() - started < 5  # stopping it did not wait for it
    backend.stop()


def test_the_next_backend_takes_over_and_the_runner_is_told_once(hanging_aplay: Path) -> None:
    notices: list[str] = []
    recorder = RecordingBackend()
    player = CuePlayer(SoundBank(locations.sounds()), [SystemPlayerBackend(str(hanging_aplay)), recorder],
                       on_notice=notices.append, threaded=False)
    for second in range(4):
        player.play_cues([Cue(CueKind.TICK, float(second), 3)])
    assert player.backend is recorder and len(recorder.clips) == 3
    assert len(notices) == 1 and "aplay could not play" in notices[0]
    player.close()


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="PATH games need a POSIX shell")
def test_doctor_ends_even_when_the_player_hangs(hanging_aplay: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PATH": f"{hanging_aplay.parent}{os.pathsep}{os.environ['PATH']}",
           "HAMSTRIDE_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "-m", "hamstride.cli", "doctor", "--backend", "aplay"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert "aplay hung" in done.stdout, done.stdout
    assert "Cues play through:" in done.stdout and "Cues play through: aplay" not in done.stdout


class _StuckPlay:
    """A play handle from a device that never finishes: the one edge faked here (a stalled sound card)."""

    def is_playing(self) -> bool:
        return True

    def stop(self) -> None:
        pass


def test_a_simpleaudio_sound_that_never_ends_is_a_playback_error_not_a_hang() -> None:
    pytest.importorskip("simpleaudio")
    from types import SimpleNamespace

    from hamstride.audio.simple import SimpleaudioBackend

    backend = SimpleaudioBackend()
    backend._sa = SimpleNamespace(play_buffer=lambda *args: _StuckPlay())
    backend.play(SILENCE)
    with pytest.raises(PlaybackError, match="simpleaudio hung"):
        backend.wait()


class _StuckSimpleaudio:
    """simpleaudio whose play_buffer never returns, as when a driver blocks inside ALSA (a speaker we cannot have)."""

    def __init__(self) -> None:
        import threading

        self.release = threading.Event()

    def play_buffer(self, *args: object) -> None:
        self.release.wait(30)


def test_simpleaudio_stuck_in_the_driver_is_time_boxed_and_the_next_backend_plays(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from hamstride.audio.simple import SimpleaudioBackend

    stuck = _StuckSimpleaudio()
    monkeypatch.setitem(sys.modules, "simpleaudio", stuck)
    notices: list[str] = []
    recorder = RecordingBackend()
    player = CuePlayer(SoundBank(locations.sounds()), [SimpleaudioBackend(), recorder],
                       on_notice=notices.append, threaded=False)
    started = time.monotonic()
    for second in range(3):
        player.play_cues([Cue(CueKind.TICK, float(second), 3)])
    stuck.release.set()
    assert time.monotonic() - started < 10  # the cue thread was not taken hostage
    assert player.backend is recorder and len(recorder.clips) == 3
    assert len(notices) == 1 and "simpleaudio could not play" in notices[0]
    player.close()
