"""What the run screen keeps as a session goes on: traced memory on the fake clock, by file.

Printed, never asserted. A long session of tempo reps, holds and rests is
fast-forwarded at 10 frames a (simulated) second; tracemalloc snapshots at a
third of the way and at the end give what grew, by the file that allocated
it. What grows is bounded caches (rich's cell widths, 4,096 entries; Textual's
per-widget render caches), printed with how full they are.
HAMSTRIDE_PERF_FRAMES sets the number of frames (1,800: three simulated minutes).
"""

from __future__ import annotations

import gc
import os
import tracemalloc

from rich.cells import cached_cell_len

from tests.ui.helpers import make_app, run_screen

FRAMES = int(os.environ.get("HAMSTRIDE_PERF_FRAMES", "1800"))
BLOCK = ('[[steps]]\nname = "Nordic"\ntempo = "4-0-1-1"\nreps = 5\nsets = 2\nrest = 20\nlead_in = 5\n'
         '[[steps]]\nname = "Plank"\nhold = 30\nlead_in = 5\n')


async def test_what_the_run_screen_keeps_over_a_long_session() -> None:
    app, clock, _ = make_app('title = "Long"\n' + BLOCK * 20)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = run_screen(app)
        await pilot.pause()
        tracemalloc.start(1)
        try:
            snapshots = []
            for frame in range(FRAMES):
                clock.advance(0.1)
                screen.frame()
                await pilot.pause()
                if frame in (FRAMES // 3, FRAMES - 1):
                    gc.collect()
                    snapshots.append((frame, tracemalloc.take_snapshot()))
        finally:
            tracemalloc.stop()
    (first, before), (last, after) = snapshots
    minutes = (last - first) / 10 / 60
    grown = after.compare_to(before, "filename")
    total = sum(stat.size_diff for stat in grown)
    print(f"\n  traced memory grew {total / 1024:.0f} KiB over {minutes:.1f} simulated minutes "
          f"({total / 1024 / minutes:.0f} KiB a minute); by file:")
    for stat in grown[:8]:
        print(f"    {stat.size_diff / 1024:7.1f} KiB  {stat.traceback[0].filename}")
    print(f"  rich's cell-width cache: {cached_cell_len.cache_info().currsize} of "
          f"{cached_cell_len.cache_info().maxsize} entries")
