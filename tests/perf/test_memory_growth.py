"""What the run screen keeps as a session goes on: traced memory on the fake clock, by file.

Printed, never asserted. A long session of tempo reps, holds and rests is
fast-forwarded at 10 frames a (simulated) second; tracemalloc snapshots at a
third of the way and at the end give what grew, by the file that allocated
it. What grows is bounded caches (rich's cell widths, 4,096 entries; Textual's
per-widget render caches), printed with how full they are.
HAMSTRIDE_PERF_FRAMES sets the number of frames (1,800: three simulated minutes).
HAMSTRIDE_PERF_WARM_MINUTES first fast-forwards that many simulated minutes, a
frame a second, untraced (0). rich's cell-width cache (4,096 texts, LRU) used to
take a new entry for each second the clock showed; the run view now measures its
own one-cell texts. Our lines that grew are printed with what is left of them
once that cache is cleared, so what only the cache keeps (bounded) shows apart.
"""

from __future__ import annotations

import gc
import os
import tracemalloc

from rich.cells import cached_cell_len

from tests.ui.helpers import make_app, run_screen

FRAMES = int(os.environ.get("HAMSTRIDE_PERF_FRAMES", "1800"))
WARM_MINUTES = float(os.environ.get("HAMSTRIDE_PERF_WARM_MINUTES", "0"))
BLOCK = ('[[steps]]\nname = "Nordic"\ntempo = "4-0-1-1"\nreps = 5\nsets = 2\nrest = 20\nlead_in = 5\n'
         '[[steps]]\nname = "Plank"\nhold = 30\nlead_in = 5\n')


async def test_what_the_run_screen_keeps_over_a_long_session() -> None:
    blocks = 20 + int(WARM_MINUTES / 2)  # a block is about two minutes
    app, clock, _ = make_app('title = "Long"\n' + BLOCK * blocks)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = run_screen(app)
        await pilot.pause()
        for _ in range(int(WARM_MINUTES * 60)):
            clock.advance(1.0)
            screen.frame()
            await pilot.pause()
        print(f"\n  after {WARM_MINUTES:.0f} simulated minutes untraced, rich's cell-width cache: "
              f"{cached_cell_len.cache_info().currsize} of {cached_cell_len.cache_info().maxsize} entries", end="")
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
            filled = cached_cell_len.cache_info().currsize
            # What only rich's cache keeps (it holds every text it measured, the clock's too).
            cached_cell_len.cache_clear()
            gc.collect()
            cleared = tracemalloc.take_snapshot()
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
    ours = [stat for stat in after.compare_to(before, "lineno") if "hamstride" in stat.traceback[0].filename]
    kept = {stat.traceback[0]: stat.count for stat in cleared.statistics("lineno")}
    print("  our lines that grew most (blocks alive at the end, and once rich's cell-width cache is cleared):")
    for stat in ours[:5]:
        line = stat.traceback[0]
        print(f"    {stat.size_diff / 1024:7.1f} KiB  {stat.count_diff:+d} blocks  {stat.count} -> {kept.get(line, 0)}  "
              f"{line.filename.rsplit('hamstride/', 1)[-1]}:{line.lineno}")
    print(f"  rich's cell-width cache: {filled} of {cached_cell_len.cache_info().maxsize} entries")
