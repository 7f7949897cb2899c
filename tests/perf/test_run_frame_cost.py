"""The run screen's CPU where it draws most: the bar of a lowering and of a walk-out, ten frames a second.

The real app and run screen on the real clock, headless (Textual composes each
frame; nothing is written to a terminal), for HAMSTRIDE_PERF_WINDOW seconds (30)
of each step, HAMSTRIDE_PERF_REPEATS times (3). A few minutes instead of the
twelve of the whole-session comparison (test_side_by_side.py), so that a change
to what a frame does can be judged by repeats. CPU is the process's (all its
threads) over the window. Printed, never asserted.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time

from hamstride import locations
from hamstride.audio.backends import SilentBackend
from hamstride.audio.clips import SoundBank
from hamstride.audio.player import CuePlayer
from hamstride.domain.engine import Snapshot
from hamstride.ui.app import HamstrideApp, OpenRun, Services
from hamstride.ui.screens.run import RunScreen
from hamstride.ui.services import given
from tests.unit.helpers import session

WINDOW = float(os.environ.get("HAMSTRIDE_PERF_WINDOW", "30"))
REPEATS = int(os.environ.get("HAMSTRIDE_PERF_REPEATS", "3"))
WARM_UP = 4.0  # seconds: the lead-in over, the first rep under way

# late-week-short's walk-out (out 5 s at ten frames a second, a lowering of 2 s, lift, in and pause
# at two) and a tempo of four seconds down: between them most of that session's frames.
WALK_OUT = ('title = "Walk-outs"\n[[steps]]\nname = "Eccentric bridge walk-out"\n'
            'moves = ["lift 1", "out 5", "in 2", "lower 2", "pause 3"]\nreps = 40\nlead_in = 3\n')
TEMPO = 'title = "Tempo"\n[[steps]]\nname = "Nordic"\ntempo = "4-0-2-2"\nreps = 40\nlead_in = 3\n'


async def _window(text: str) -> tuple[float, float]:
    """CPU seconds a minute and frames a second over one window of the step."""
    player = CuePlayer(SoundBank(locations.sounds()), [SilentBackend()])
    app = HamstrideApp(OpenRun(session(text)), services=Services(player=given(player)))
    frames: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen)
        draw = screen.frame

        def counted() -> Snapshot:
            frames.append(time.monotonic())
            return draw()

        screen.frame = counted  # type: ignore[method-assign]
        await pilot.pause(WARM_UP)
        cpu, began, drawn = time.process_time(), time.monotonic(), len(frames)
        await asyncio.sleep(WINDOW)
        took = time.monotonic() - began
        cpu, drawn = time.process_time() - cpu, len(frames) - drawn
    player.close()
    return cpu / took * 60, drawn / took


async def test_cpu_of_the_run_screen_in_its_busiest_steps() -> None:
    print()
    for label, text in (("walk-out (moves)", WALK_OUT), ("tempo 4-0-2-2", TEMPO)):
        windows = [await _window(text) for _ in range(REPEATS)]
        rates = sorted(rate for rate, _ in windows)
        fps = statistics.median(frames for _, frames in windows)
        print(f"  {label:<18} {statistics.median(rates):.3f} CPU-s/min median of {REPEATS} "
              f"({' '.join(f'{rate:.3f}' for rate in rates)}), {fps:.1f} frames/s, "
              f"{statistics.median(rates) / 60 / fps * 1000:.2f} ms a frame")
