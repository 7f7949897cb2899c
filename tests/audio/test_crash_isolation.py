"""A sound library that segfaults cannot end a session: it plays in a child process, which dies alone.

The stand-in library (tests/audio/crashing/simpleaudio) crashes its process with a real SIGSEGV,
as simpleaudio 1.0.4 does on Python 3.12+ when a clip ends.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from hamstride import locations
from hamstride.audio.backends import SIMPLEAUDIO
from hamstride.audio.clips import SoundBank
from hamstride.audio.isolated import ChildBackend
from hamstride.audio.player import CuePlayer
from hamstride.domain.cues import Cue, CueKind
from hamstride.storage.history import HistoryStore
from hamstride.storage.loader import load_session
from hamstride.ui.app import HamstrideApp, OpenRun, Services
from hamstride.ui.screens.run import RunScreen
from hamstride.ui.screens.summary import SummaryScreen
from hamstride.ui.services import given
from tests.ui.helpers import RecordingBackend, shown
from tests.unit.helpers import FakeClock

CRASHING = str(Path(__file__).parent / "crashing")  # holds the stand-in `simpleaudio`
NOW = datetime(2026, 11, 24, 18, 0, tzinfo=timezone(timedelta(hours=1)))


def _tick(n: int) -> Cue:
    return Cue(CueKind.TICK, float(n), 3)


def _until(condition: object, timeout: float = 20.0) -> None:
    """Wait for another process to have done something (a child to die); never a measure of speed."""
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "the child never did it"
        time.sleep(0.02)


def test_a_child_that_crashes_as_each_clip_ends_is_restarted_then_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HAMSTRIDE_TEST_CRASH", "end")
    notices: list[str] = []
    backend = ChildBackend("simpleaudio", SIMPLEAUDIO, path=[CRASHING])
    recorder = RecordingBackend()
    player = CuePlayer(SoundBank(locations.sounds()), [backend, recorder], on_notice=notices.append,
                       threaded=False)
    try:
        for n in range(ChildBackend.RESTARTS + 1):
            crashes = len(backend.crashes)
            player.play_cues([_tick(n)])
            assert player.played[-1] == (_tick(n), "simpleaudio")  # the child played it: we are alive
            _until(lambda: len(backend.crashes) > crashes)  # ... and it died as the clip ended
        player.play_cues([_tick(9)])
        assert player.played[-1] == (_tick(9), "recorder") and player.backend is recorder
    finally:
        player.close()
    assert backend.crashes == ["SIGSEGV"] * (ChildBackend.RESTARTS + 1)
    restarted = [n for n in notices if "restarted" in n]
    assert restarted == ["simpleaudio crashed (SIGSEGV): restarted, cues go on through simpleaudio."] * 2
    assert notices[-1].startswith("simpleaudio crashed (SIGSEGV, 3 times): cues now play through recorder.")
    assert player.failures == ["simpleaudio: crashed (SIGSEGV, 3 times)"]


def test_a_crash_inside_play_still_sounds_the_cue_on_the_next_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HAMSTRIDE_TEST_CRASH", "play")
    notices: list[str] = []
    recorder = RecordingBackend()
    player = CuePlayer(SoundBank(locations.sounds()),
                       [ChildBackend("simpleaudio", SIMPLEAUDIO, path=[CRASHING]), recorder],
                       on_notice=notices.append, threaded=False)
    try:
        player.play_cues([_tick(0)])
    finally:
        player.close()
    # Restarted once (the crash might have been a one-off); crashed again: replaced, and the cue was not lost.
    assert player.played[-1] == (_tick(0), "recorder") and len(recorder.clips) == 1
    assert notices[-1].startswith("simpleaudio crashed (SIGSEGV, 2 times): cues now play through recorder.")


def test_a_library_that_will_not_load_is_passed_over_at_its_first_cue(tmp_path: Path) -> None:
    broken = tmp_path / "simpleaudio"
    broken.mkdir()
    (broken / "__init__.py").write_text("raise ImportError('libasound.so.2: cannot open shared object file')\n")
    notices: list[str] = []
    recorder = RecordingBackend()
    player = CuePlayer(SoundBank(locations.sounds()),
                       [ChildBackend("simpleaudio", SIMPLEAUDIO, path=[str(tmp_path)]), recorder],
                       on_notice=notices.append, threaded=False)
    try:
        player.play_cues([_tick(0)])
    finally:
        player.close()
    assert player.played[-1] == (_tick(0), "recorder")
    assert player.failures == ["simpleaudio: libasound.so.2: cannot open shared object file"]
    assert notices == ["simpleaudio could not play: cues now play through recorder."]


def test_a_child_stuck_in_the_driver_is_time_boxed_and_ended(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HAMSTRIDE_TEST_CRASH", "hang")
    notices: list[str] = []
    backend = ChildBackend("simpleaudio", SIMPLEAUDIO, path=[CRASHING])
    recorder = RecordingBackend()
    player = CuePlayer(SoundBank(locations.sounds()), [backend, recorder], on_notice=notices.append,
                       threaded=False)
    started = time.monotonic()
    for n in range(3):
        player.play_cues([_tick(n)])
    assert time.monotonic() - started < 10  # the cue thread was not taken hostage
    assert [name for _, name in player.played] == ["recorder"] * 3
    assert notices == ["simpleaudio could not play: cues now play through recorder."]
    assert "hung" in player.failures[0]
    player.close()
    assert backend.crashes == []  # ended on purpose, not counted as a crash


SESSION = """
title = "Tiny"
[[steps]]
name = "Nordic"
tempo = "2-0-1-0"
reps = 2
lead_in = 1
[[steps]]
name = "Plank"
hold = 3
lead_in = 1
"""


async def test_a_session_whose_sound_library_segfaults_runs_to_its_end_and_is_saved(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HAMSTRIDE_TEST_CRASH", "play")  # at the first cue, on the fake clock's beat
    path = tmp_path / "tiny.toml"
    path.write_text(SESSION)
    clock = FakeClock()
    store = HistoryStore(tmp_path / "history", lambda: NOW)
    recorder = RecordingBackend()
    player = CuePlayer(SoundBank(locations.sounds()),
                       [ChildBackend("simpleaudio", SIMPLEAUDIO, path=[CRASHING]), recorder], threaded=False,
                       on_notice=lambda text: app._sound_notice(text))  # as the app's own player tells it
    app = HamstrideApp(OpenRun(load_session(path)),
                       services=Services(clock=clock, wall=lambda: NOW, player=given(player), store=store))
    statuses: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen)
        while not screen.engine.finished:
            statuses.append(shown(app)["status"])
            clock.advance(0.5)
            screen.frame()
            await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("escape")
        await pilot.pause()
    assert any(s.startswith("simpleaudio crashed (SIGSEGV, 2 times): cues now play through recorder")
               for s in statuses)
    [record] = store.load().records
    assert record.completed
    assert list(store.journals.folder.glob("*.toml")) == []
    assert [kind for kind in (c.kind for c, _ in player.played)][-1] is CueKind.SESSION_DONE
    assert {name for _, name in player.played} == {"recorder"}  # every cue sounded on what took over

