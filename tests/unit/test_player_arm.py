"""An armed sound thread plays the next cue on its own at its moment, and never twice."""

from __future__ import annotations

import sys
import threading
import time

from hamstride import locations
from hamstride.audio.base import PlaybackError
from hamstride.audio.clips import Clip, SoundBank
from hamstride.audio.player import PLAYED_KEPT, CuePlayer
from hamstride.domain.cues import Cue, CueKind

WAIT = 5.0  # a bound for a thread that should act in milliseconds, not a measurement


class Speaker:
    """The edge we cannot have; it signals each clip it is given."""

    name = "speaker"

    def __init__(self) -> None:
        self.clips: list[Clip] = []
        self.played = threading.Event()

    def play(self, clip: Clip) -> None:
        self.clips.append(clip)
        self.played.set()

    def wait(self) -> None:
        pass

    def stop(self) -> None:
        pass


def make() -> tuple[CuePlayer, Speaker]:
    speaker = Speaker()
    return CuePlayer(SoundBank(locations.sounds()), [speaker]), speaker


def test_an_armed_cue_plays_by_itself_and_not_again_when_the_screen_reports_it() -> None:
    player, speaker = make()
    lower = Cue(CueKind.LOWER, 0.0)
    assert player.arm([lower], 0.01)
    assert speaker.played.wait(WAIT)
    assert speaker.clips == [player.bank.clip(lower, player.mode)]
    speaker.played.clear()
    assert player.play_cues([lower]) is None  # the frame's report of it: already sounded
    player.wait()
    assert len(speaker.clips) == 1


def test_a_cue_reported_before_the_thread_got_to_it_plays_once() -> None:
    player, speaker = make()
    lower = Cue(CueKind.LOWER, 0.0)
    player.arm([lower], 60.0)  # far off: the screen reports it first (a key moved the clock on)
    assert player.play_cues([lower]) is lower
    player.wait()
    assert len(speaker.clips) == 1
    speaker.played.clear()
    rest = Cue(CueKind.REST, 0.0)
    player.arm([rest], 0.01)  # the next moment comes; the reported cue did not sound again before it
    assert speaker.played.wait(WAIT)
    player.wait()
    assert speaker.clips == [player.bank.clip(lower, player.mode), player.bank.clip(rest, player.mode)]


def test_re_arming_replaces_what_was_armed() -> None:
    player, speaker = make()
    first, second = Cue(CueKind.LOWER, 0.0), Cue(CueKind.REST, 0.0)
    player.arm([first], 60.0)
    player.arm([second], 0.01)  # a skip: the old moment never comes
    assert speaker.played.wait(WAIT)
    player.wait()
    assert len(speaker.clips) == 1 and speaker.clips[0] == player.bank.clip(second, player.mode)


def test_without_a_thread_arming_is_refused() -> None:
    speaker = Speaker()
    player = CuePlayer(SoundBank(locations.sounds()), [speaker], threaded=False)
    assert not player.arm([Cue(CueKind.LOWER, 0.0)], 0.0)
    assert speaker.clips == []


def test_the_sound_thread_gets_the_interpreter_within_a_millisecond_of_asking() -> None:
    # At Python's default 5 ms switch interval a long frame on the screen's thread holds an
    # armed cue back that long; the player asks for 1 ms once its thread runs.
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)
    try:
        make()
        assert sys.getswitchinterval() <= 0.001
    finally:
        sys.setswitchinterval(before)


def test_what_was_played_is_kept_only_for_the_latest_cues() -> None:
    # doctor reads the last cue played; a long session must not keep every cue it ever played.
    speaker = Speaker()
    player = CuePlayer(SoundBank(locations.sounds()), [speaker], threaded=False)
    cues = [Cue(CueKind.TICK, float(n)) for n in range(PLAYED_KEPT + 50)]
    for cue in cues:
        player.play_cues([cue])
    assert len(player.played) == PLAYED_KEPT
    assert player.played[-1][0] is cues[-1]


class WaitingSpeaker(Speaker):
    """A speaker that can be handed a clip ahead of its moment and wait for it (as the sound child does)."""

    def __init__(self) -> None:
        super().__init__()
        self.handed: list[tuple[float, float]] = []  # (when it was handed over, the moment asked for)

    def play_at(self, clip: Clip, at: float) -> None:
        self.handed.append((time.monotonic(), at))
        self.play(clip)


def test_an_armed_cue_is_handed_ahead_to_a_backend_that_waits_for_its_moment() -> None:
    speaker = WaitingSpeaker()
    player = CuePlayer(SoundBank(locations.sounds()), [speaker])
    before = time.monotonic()
    player.arm([Cue(CueKind.LOWER, 0.0)], 0.3)
    after = time.monotonic()
    assert speaker.played.wait(WAIT)
    (handed, at), = speaker.handed
    assert before + 0.3 <= at <= after + 0.3  # the moment the screen armed, to the backend
    assert handed < at  # ahead of it: the app's pauses come before the handing over, not the sound


def test_a_backend_that_cannot_wait_is_given_the_cue_at_its_moment_not_ahead() -> None:
    player, speaker = make()
    moment = time.monotonic() + 0.2
    player.arm([Cue(CueKind.LOWER, 0.0)], 0.2)
    assert speaker.played.wait(WAIT)
    assert time.monotonic() >= moment


def test_when_the_backend_falls_through_the_next_one_plays_at_the_moment() -> None:
    class Broken(WaitingSpeaker):
        name = "broken"

        def play_at(self, clip: Clip, at: float) -> None:
            raise PlaybackError("no device")

    fallback = Speaker()
    player = CuePlayer(SoundBank(locations.sounds()), [Broken(), fallback])
    moment = time.monotonic() + 0.2
    player.arm([Cue(CueKind.LOWER, 0.0)], 0.2)
    assert fallback.played.wait(WAIT)
    assert time.monotonic() >= moment and player.backend is fallback
