"""How often the run screen draws, and how often it wakes the sound thread.

A frame costs the same whatever changed, so the screen draws only as often as
the runner can use: ten times a second while lowering (the runner paces the
slow phase against the bar), a few times a second in a lift or a pause, and at
each whole second otherwise. The sound thread is armed again only when what
falls due next changes: each arming wakes it.
"""

from __future__ import annotations

from textual.app import App

from hamstride.domain.cues import Cue, CueKind
from hamstride.domain.plan import Phase, build_timeline
from hamstride.ui.screens.run import RunScreen
from tests.unit.helpers import FakeClock, session

TEMPO = 'title = "t"\n[[steps]]\nname = "Nordic"\ntempo = "4-1-2-0"\nreps = 3\nlead_in = 5\n'
HOLD = 'title = "t"\n[[steps]]\nname = "Plank"\nhold = 30\nlead_in = 5\n'


class Sound:
    """The screen's sound output, keeping what it was asked to do."""

    def __init__(self) -> None:
        self.armed: list[tuple[tuple[Cue, ...], float]] = []
        self.played: list[tuple[Cue, ...]] = []

    def play_now(self, cues: tuple[Cue, ...], announce: str) -> None:
        self.played.append(cues)

    def arm_next(self, cues: tuple[Cue, ...], delay: float) -> None:
        self.armed.append((cues, delay))

    def unheard(self) -> frozenset[CueKind]:
        return frozenset()

    def sound_line(self) -> str:
        return ""


class _RunApp(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.clock = FakeClock()
        self.sound = Sound()
        self.run_screen = RunScreen(build_timeline(session(text)), clock=self.clock, sound=self.sound)

    def on_mount(self) -> None:
        self.push_screen(self.run_screen)


async def test_the_bar_moves_ten_times_a_second_only_while_lowering() -> None:
    app = _RunApp(TEMPO)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen, clock = app.run_screen, app.clock
        delays: dict[Phase, set[float]] = {}
        for _ in range(300):  # 5 s of get-ready, then reps of lower 4, pause 1, lift 2
            clock.advance(0.05)
            snap = screen.frame()
            delay = screen.frame_delay(snap)
            assert snap.segment is not None and delay is not None
            delays.setdefault(snap.segment.phase, set()).add(round(delay, 3))
        assert max(delays[Phase.LOWER]) == 0.1
        assert max(delays[Phase.LIFT]) == 0.25 and max(delays[Phase.PAUSE]) == 0.25
        # Between whole seconds the get-ready waits for the next one: the countdown changes then.
        assert max(delays[Phase.GET_READY]) > 0.9


async def test_a_hold_wakes_at_each_whole_second() -> None:
    app = _RunApp(HOLD)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen, clock = app.run_screen, app.clock
        for _ in range(21):  # into the hold, a quarter second past a whole second
            clock.advance(0.25)
            snap = screen.frame()
        assert snap.segment is not None and snap.segment.phase is Phase.HOLD
        assert screen.frame_delay(snap) == 0.75


async def test_the_sound_thread_is_armed_again_only_when_the_next_cues_change() -> None:
    app = _RunApp(HOLD)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen, clock = app.run_screen, app.clock
        for _ in range(400):  # 40 s at ten frames a second: the get-ready and the whole hold
            clock.advance(0.1)
            screen.frame()
        assert screen.engine.finished
        groups = {tuple(id(cue) for cue in cues) for cues, _ in app.sound.armed if cues}
        # Each group of cues is armed once (the last "nothing more" once too), not once a frame.
        assert len(app.sound.armed) <= len(groups) + 2, f"{len(app.sound.armed)} armings for {len(groups)} groups"
        assert len(groups) >= 3  # get-ready, go, the hold's own cues and its end


async def test_a_pause_disarms_once_and_going_on_arms_again() -> None:
    app = _RunApp(HOLD)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen, clock = app.run_screen, app.clock
        for _ in range(30):  # into the hold
            clock.advance(0.2)
            screen.frame()
        armed_before = len(app.sound.armed)
        screen.action_toggle_pause()
        for _ in range(20):
            clock.advance(0.1)
            screen.frame()
        assert app.sound.armed[armed_before:] == [((), 0.0)]
        screen.action_toggle_pause()
        cues, delay = app.sound.armed[-1]
        assert cues and delay > 0  # the hold's next cue, later by the time paused
