"""The run screen's commands in the palette, with the runner's keys in their help."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand

if TYPE_CHECKING:
    from hamstride.ui.screens.run import RunScreen


def run_commands(screen: RunScreen) -> Iterator[SystemCommand]:
    key = screen.key  # after config.toml's [keymap]
    yield SystemCommand("Pause or resume", f"Stop the clock, or start it again ({key('toggle_pause', 'space')})",
                        screen.action_toggle_pause)
    yield SystemCommand("Skip", f"Skip a rest or get-ready; during work, end the set ({key('skip', 'n')})",
                        screen.action_skip)
    yield SystemCommand("Back", f"Back to the start of the set; twice: the set before ({key('back', 'b')})",
                        screen.action_back)
    yield SystemCommand("End the session", f"Stop now, keeping what you did ({key('quit_session', 'q')})",
                        screen.action_quit_session)
