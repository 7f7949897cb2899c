"""Real simpleaudio into a real ALSA device: the `file` plugin writes what was played to disk.

Each test runs the player in a subprocess whose HOME holds an .asoundrc, because
ALSA reads its configuration once per process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from array import array
from pathlib import Path

import pytest

from hamstride import locations
from hamstride.audio.clips import SoundBank, SoundMode
from hamstride.domain.cues import Cue, CueKind
from tests.e2e.terminal import hamstride_command

pytestmark = pytest.mark.alsa


@pytest.fixture
def alsa_home(tmp_path: Path) -> tuple[Path, Path]:
    try:
        import simpleaudio  # noqa: F401
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("simpleaudio is missing in CI: .ci/run installs libasound2-dev and `make test` the extra")
        pytest.skip("simpleaudio is not installed (needs libasound2-dev)")
    home = tmp_path / "alsa-home"
    home.mkdir()
    out = tmp_path / "out.raw"
    # Through `cat >>` because the plugin truncates a plain file at each open.
    (home / ".asoundrc").write_text(
        f'pcm.!default {{ type file; slave.pcm "null"; file "| cat >> {out}"; format "raw" }}\n')
    return home, out


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "HOME": str(home), "HAMSTRIDE_HOME": str(home / "hamstride")}


def _settled(path: Path, timeout: float = 5.0) -> bytes:
    """The file once `cat` has finished writing it."""
    deadline = time.monotonic() + timeout
    last = -1
    while time.monotonic() < deadline:
        size = path.stat().st_size if path.exists() else -1
        if size == last and size >= 0:
            return path.read_bytes()
        last = size
        time.sleep(0.2)
    return path.read_bytes() if path.exists() else b""


def _play(home: Path, script: str) -> str:
    done = subprocess.run([sys.executable, "-c", script], env=_env(home), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_playing_a_cue_writes_exactly_its_samples(alsa_home: tuple[Path, Path]) -> None:
    home, out = alsa_home
    _play(home, """
from hamstride import locations
from hamstride.audio.simple import SimpleaudioBackend
from hamstride.audio.clips import SoundBank
from hamstride.audio.player import CuePlayer
from hamstride.domain.cues import Cue, CueKind
player = CuePlayer(SoundBank(locations.sounds()), [SimpleaudioBackend()], threaded=False)
player.play_cues([Cue(CueKind.LOWER, 0.0)])
player.wait()
assert player.played[0][1] == "simpleaudio", player.played
""")
    expected = SoundBank(locations.sounds()).tone(Cue(CueKind.LOWER, 0.0))
    assert expected is not None
    assert _settled(out) == expected.frames


def test_the_volume_setting_plays_quieter_samples(alsa_home: tuple[Path, Path]) -> None:
    home, out = alsa_home
    _play(home, """
from hamstride import locations
from hamstride.audio.simple import SimpleaudioBackend
from hamstride.audio.clips import SoundBank
from hamstride.audio.player import CuePlayer
from hamstride.domain.cues import Cue, CueKind
player = CuePlayer(SoundBank(locations.sounds(), volume=0.25), [SimpleaudioBackend()], threaded=False)
player.play_cues([Cue(CueKind.LOWER, 0.0)])
player.wait()
""")
    full = SoundBank(locations.sounds()).tone(Cue(CueKind.LOWER, 0.0))
    assert full is not None
    loud, quiet = array("h", full.frames), array("h", _settled(out))
    assert len(quiet) == len(loud) and max(quiet) > 0
    assert all(q == int(s * 0.25) for q, s in zip(quiet, loud))


RUN_SCRIPT = """
import json, sys
from hamstride import locations
from hamstride.audio.simple import SimpleaudioBackend
from hamstride.audio.clips import SoundBank, SoundMode
from hamstride.audio.player import CuePlayer
from hamstride.domain.engine import Engine
from hamstride.storage.loader import parse_session
from hamstride.domain.plan import build_timeline

class Clock:
    now = 0.0
    def __call__(self):
        return self.now

text = sys.argv[1]
clock = Clock()
engine = Engine(build_timeline(parse_session(text, file="t.toml", name="t")), clock=clock)
player = CuePlayer(SoundBank(locations.sounds()), [SimpleaudioBackend()], mode=SoundMode(sys.argv[2]),
                   threaded=False)
engine.start()
while True:
    cue = player.play_cues(engine.tick().cues)
    if cue is not None:
        player.wait()  # every clip whole, so the file is their plain concatenation
    if engine.finished:
        break
    clock.now += 0.5
print(json.dumps([[c.kind.value, c.number] for c, _ in player.played]))
"""

SHORT = """
title = "Short"
[[steps]]
name = "Nordic"
tempo = "2-0-1-0"
reps = 2
lead_in = 1
[[steps]]
name = "Swap"
duration = 1
sides = true
switch = 1
lead_in = 0
"""


@pytest.mark.parametrize("mode", ["tones", "voice"])
def test_a_short_session_writes_its_cues_in_the_planned_order(alsa_home: tuple[Path, Path], mode: str) -> None:
    home, out = alsa_home
    done = subprocess.run([sys.executable, "-c", RUN_SCRIPT, SHORT, mode], env=_env(home),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    played = [Cue(CueKind(kind), 0.0, count) for kind, count in json.loads(done.stdout)]
    # Every step starts with a get-ready of 5 s at least, its last three seconds counted. Where cues
    # coincide the most important plays: "last rep" over "lower" at 8 s, "set done" over the next
    # step's "get ready" at 11 s, "switch sides" over "set done" at 17 s.
    count = CueKind.COUNT
    assert [c.kind for c in played] == [
        CueKind.GET_READY, count, count, count, CueKind.LOWER, CueKind.TICK, CueKind.LIFT, CueKind.LAST_REP,
        CueKind.TICK, CueKind.LIFT, CueKind.SET_DONE, count, count, count, CueKind.GO, CueKind.SWITCH_SIDES,
        CueKind.GO, CueKind.SESSION_DONE]
    bank = SoundBank(locations.sounds())
    clips = [bank.clip(c, SoundMode(mode)) for c in played]
    assert all(clip is not None for clip in clips)
    assert _settled(out) == b"".join(clip.frames for clip in clips if clip is not None)


def test_doctor_plays_every_cue_through_simpleaudio(alsa_home: tuple[Path, Path]) -> None:
    home, out = alsa_home
    done = subprocess.run([hamstride_command(), "doctor"], env=_env(home), capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Cues play through: simpleaudio" in done.stdout
    assert done.stdout.count("played on simpleaudio") == len(CueKind)
    bank = SoundBank(locations.sounds())
    expected = b"".join(bank.tone(Cue(kind, 0.0)).frames for kind in CueKind)  # type: ignore[union-attr]
    assert _settled(out) == expected


def test_a_missing_device_falls_back_to_the_bell_says_so_once_and_doctor_fails(tmp_path: Path,
                                                                                alsa_home: tuple[Path, Path]) -> None:
    home, _ = alsa_home
    (home / ".asoundrc").write_text('pcm.!default { type hw; card 97 }\n')
    done = subprocess.run([hamstride_command(), "doctor"], env=_env(home), capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 1, done.stdout + done.stderr  # only the bell: a runner 2 m away misses the counts
    assert done.stdout.count("No sound device worked") == 1
    assert "Cues play through: terminal bell" in done.stdout
    assert "No sound library or player works here" in done.stdout
    assert "simpleaudio is installed but could not play" in done.stdout
    assert "ALSA lib" not in done.stdout + done.stderr  # ALSA's own noise is kept off the terminal
