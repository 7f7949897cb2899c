"""The run screen: one instruction, a big countdown, and what comes next.

It draws what the engine reports and forwards keys to it; it never computes
timing. Cues leave as messages for the app to play, so the screen knows
nothing of sound.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, ProgressBar, Static

from hamstride.domain.cues import Cue, CueKind
from hamstride.domain.engine import Clock, Engine, Snapshot
from hamstride.domain.kinds.base import Action
from hamstride.domain.plan import Phase, Timeline
from hamstride.domain.result import RunResult
from hamstride.ui.labels import PHASE_CLASS, clock, countdown, counters, describe_next, phase_word
from hamstride.ui.screens.confirm import ConfirmScreen
from hamstride.ui.widgets.bigtext import BigText

TEMPO_PHASES = frozenset({Phase.LOWER, Phase.PAUSE, Phase.LIFT})
FAST_FRAME = 0.1  # while a tempo phase runs the bar moves: about 10 frames a second
IDLE_FRAME = 1.0  # nothing scheduled (open-ended set): the session clock still moves


_RUNNER_ACTIONS = frozenset(action.value for action in Action)  # the bindings' action names


class RunScreen(Screen[RunResult]):
    BINDINGS = [
        Binding("space", "toggle_pause", "Pause", id="pause"),
        Binding("right,n", "skip", "Skip", id="skip"),
        Binding("left,b", "back", "Back", id="back"),
        Binding("enter", "count_rep", "Count rep", id="count-rep"),
        Binding("d", "finish_set", "Set done", id="finish-set"),
        Binding("x", "lost_control", "Lost control", id="lost-control"),
        Binding("q", "quit_session", "Quit", id="quit-session"),
    ]

    @dataclass
    class CuesDue(Message):
        """Cues that fell due: the app plays them."""

        cues: tuple[Cue, ...]
        announce: str = ""  # a step's name to speak, at its get-ready

    @dataclass
    class StepReached(Message):
        """A step began: the app journals what was done so far, so a crash loses at most this step."""

        step_index: int
        so_far: RunResult

    def __init__(self, timeline: Timeline, *, clock: Clock = time.monotonic, start_step: int = 0,
                 banner: str = "") -> None:
        super().__init__()
        self.timeline = timeline
        self.engine = Engine(timeline, clock=clock)
        self.start_step = start_step
        self.banner = banner  # e.g. "Week 4 of 10"
        self._timer: Timer | None = None
        self._phase_class = ""
        self._segment_index = -1
        self._step_index = -1
        self._done = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="run-header"):
            yield Static(id="where", markup=False)
            yield Static(id="session-time")
        yield BigText(id="phase", largest=3)
        yield BigText(id="count", largest=8)
        yield ProgressBar(id="phase-bar", total=1000, show_eta=False, show_percentage=False)
        yield Static(id="counters")
        yield Static(id="cue", markup=False)
        yield Static(id="next", markup=False)
        yield Static(id="status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.engine.start(self.start_step)
        self.frame()

    # -- drawing -------------------------------------------------------------

    def frame(self) -> Snapshot:
        """Catch the engine up with the clock, play what fell due, draw, and plan the next frame."""
        snap = self.engine.tick()
        if snap.cues:
            # To the app, not via this screen's queue: the last cues ("session
            # complete") are sent just as the screen is dismissed.
            segment = snap.segment
            announce = ""
            if segment is not None and segment.phase is Phase.GET_READY \
                    and any(c.kind is CueKind.GET_READY for c in snap.cues):
                announce = segment.step.name
            self.app.post_message(self.CuesDue(snap.cues, announce))
        self._draw(snap)
        if snap.segment is not None and snap.segment.step_index != self._step_index:
            self._step_index = snap.segment.step_index
            self.app.post_message(self.StepReached(self._step_index, self.engine.result()))
        if snap.finished:
            self._finish()
        else:
            self._schedule(snap)
        return snap

    def _draw(self, snap: Snapshot) -> None:
        segment = snap.segment
        steps = len(self.timeline.session.steps)
        self.query_one("#session-time", Static).update(
            f"{clock(snap.elapsed)} done · {clock(snap.remaining_total)} left")
        if segment is None:
            self.query_one("#phase", BigText).text = "DONE" if snap.completed else "ENDED"
            self.query_one("#count", BigText).text = clock(snap.elapsed)
            self.query_one("#where", Static).update(self.timeline.session.title)
            for widget_id in ("#counters", "#cue", "#next"):
                self.query_one(widget_id, Static).update("")
            return
        banner = f"{self.banner} · " if self.banner else ""
        self.query_one("#where", Static).update(
            f"{banner}Step {segment.step_index + 1} of {steps} · {segment.step.name}")
        self.query_one("#phase", BigText).text = "PAUSED" if snap.paused else phase_word(segment)
        if segment.open_ended:
            self.query_one("#count", BigText).text = f"{snap.reps_counted}/{segment.reps}"
        else:
            assert snap.remaining is not None
            self.query_one("#count", BigText).text = countdown(snap.remaining)
        self.query_one("#phase-bar", ProgressBar).update(progress=round(snap.progress * 1000))
        self.query_one("#counters", Static).update("   ".join(counters(segment)))
        if segment.index != self._segment_index:
            self._segment_index = segment.index
            self.query_one("#cue", Static).update(segment.step.cue)
            self.query_one("#next", Static).update(describe_next(self.timeline.next_work(segment.index), segment))
            self._set_phase_class(PHASE_CLASS[segment.phase])
            self.refresh_bindings()
        self.set_class(snap.paused, "-paused")
        self.query_one("#status", Static).update(self._status_line(snap))

    def _status_line(self, snap: Snapshot) -> str:
        segment = snap.segment
        if snap.paused:
            return "Paused: space to go on"
        if segment is not None and segment.open_ended:
            return "Enter: count a rep · d: set done"
        return str(getattr(self.app, "sound_status", ""))

    def _set_phase_class(self, name: str) -> None:
        if self._phase_class:
            self.remove_class(self._phase_class)
        self.add_class(name)
        self._phase_class = name

    def _schedule(self, snap: Snapshot) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if snap.paused:
            return
        wake = self.engine.wake_in()
        segment = snap.segment
        delay = IDLE_FRAME if wake is None else wake
        if segment is not None and segment.phase in TEMPO_PHASES:
            delay = min(delay, FAST_FRAME)
        # A frame a hair after the due time, so the clock has certainly passed it.
        self._timer = self.set_timer(max(0.005, delay + 0.002), self.frame)

    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        if self._timer is not None:
            self._timer.stop()
        self.dismiss(self.engine.result())

    # -- keys ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        segment = self.engine.current
        if action in _RUNNER_ACTIONS:
            # The runner's actions are offered only when the step's kind allows them now.
            return segment is not None and segment.allows(Action(action))
        return True

    def action_toggle_pause(self) -> None:
        self.engine.toggle_pause()
        self.frame()

    def action_skip(self) -> None:
        self.engine.skip()
        self.frame()

    def action_back(self) -> None:
        self.engine.back()
        self.frame()

    def action_count_rep(self) -> None:
        self.engine.count_rep()
        self.frame()

    def action_finish_set(self) -> None:
        self.engine.finish_set()
        self.frame()

    def action_lost_control(self) -> None:
        segment = self.engine.current
        if self.engine.mark_lost_control() and segment is not None:
            self.notify(f"Rep {segment.rep} marked: control lost. It still counts.", timeout=3)

    def action_quit_session(self) -> None:
        was_paused = self.engine.paused
        self.engine.pause()
        self.frame()

        def answered(stop: bool | None) -> None:
            if stop:
                self.engine.finish_early()
            elif not was_paused:
                self.engine.resume()
            self.frame()

        self.app.push_screen(ConfirmScreen("End the session now? What you have done is kept.",
                                           yes="End it", no="Keep going"), answered)
