"""The run screen's keys in words: what the palette lists, and why a key did nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from hamstride.domain.engine import Refusal
from hamstride.domain.phase import Action

if TYPE_CHECKING:
    from hamstride.ui.screens.run import RunScreen

Command = tuple[str, str, Callable[[], None]]  # title, what it does (with the runner's key), action

# Why a skip did nothing: the runner, two metres away, must not think the key was lost.
REFUSED = {
    Refusal.JUST_BEGUN: "{n} ignored: work just began. A moment later, {n} ends the set",
    Refusal.GET_READY_KEPT: "{n} ignored: the get-ready stays, to get into position",
    Refusal.DOUBLE_TAP: "{n} ignored: two quick taps count as one",
}
REFUSED_SECONDS = 4.0


def palette_commands(screen: RunScreen) -> Iterator[Command]:
    """The run's keys for the command palette: title, what it does (with the runner's key), action.
    Every key the step can take is listed, so searching "lost" finds x before the rep comes."""
    key = screen.key
    yield "Pause or resume", f"Stop the clock, or start it again ({key('toggle_pause', 'space')})", \
        screen.action_toggle_pause
    yield "Skip", f"Skip a rest or get-ready; during work, end the set ({key('skip', 'n')})", screen.action_skip
    yield "Back", f"Back to the start of the set; twice: the set before ({key('back', 'b')})", screen.action_back
    segment = screen.engine.current
    step = segment.step if segment is not None else None
    if step is not None and step.allows(Action.COUNT_REP):
        yield "Count a rep", f"A self-paced rep done ({key('count_rep', 'Enter')})", screen.action_count_rep
        yield "Set done", f"End a self-paced set, whatever the count ({key('finish_set', 'd')})", \
            screen.action_finish_set
    if step is not None and step.allows(Action.LOST_CONTROL):
        yield "Lost control", f"Mark this rep: control was lost; it still counts ({key('lost_control', 'x')})", \
            screen.action_lost_control
    yield "End the session", f"Stop now, keeping what you did ({key('quit_session', 'q')})", \
        screen.action_quit_session
