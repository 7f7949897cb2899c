"""The run screen holds its memory flat over a long session.

Textual 8.2.8's Footer rebuilt itself on every `refresh_bindings()`, and each
new FooterKey bound a watcher to `Footer.compact` that was only dropped when
`compact` changed, which it never did: a screen that refreshed its bindings at
every phase change kept every footer key it ever drew. The key bar draws its
keys as one line; the widgets alive are counted here on the fake clock over a
few hundred phase changes, so no widget that piles up goes unseen.

rich keeps the width of each text it measures (4,096 texts): the clock and the
countdown's block rows are new texts every second, so the run view measures its
own one-cell texts, and the process does not grow by that cache over the first hour.
"""

from __future__ import annotations

import gc

from rich.cells import cached_cell_len
from textual.widget import Widget

from hamstride.ui.screens.run import RunScreen
from tests.ui.helpers import make_app

# Reps of 1 s in two phases: every half second a phase change.
LONG = """
title = "Long"
[[steps]]
name = "Nordic"
tempo = "0.5-0-0.5-0"
reps = 10
sets = 4
rest = 5
eccentric = true
lead_in = 3
"""


def live_widgets() -> int:
    gc.collect()
    return sum(1 for thing in gc.get_objects() if isinstance(thing, Widget))


async def test_widgets_do_not_pile_up_over_a_long_run() -> None:
    app, clock, _ = make_app(LONG)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen)
        await pilot.pause()
        shown_at_start = live_widgets()
        for _ in range(80):  # 80 phase changes and a rest, where the keys on offer change
            clock.advance(0.5)
            screen.frame()
            await pilot.pause()
        assert not screen.engine.finished
        # A widget made per phase change (a footer key, a notice) would leave dozens alive.
        alive = live_widgets()
        assert alive <= shown_at_start + 5, f"{alive} widgets alive, {shown_at_start} at the start"


async def test_the_clock_does_not_fill_rich_s_text_width_cache() -> None:
    # rich keeps the width of each text it measures, up to 4,096 of them: a header
    # text new every second would grow the process for the first hour of a run.
    app, clock, _ = make_app('title = "Long"\n[[steps]]\nname = "Plank"\nhold = 600\nlead_in = 5\n')
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen)
        for _ in range(20):  # every glyph and the step's own texts measured once
            clock.advance(1.0)
            screen.frame()
            await pilot.pause()
        measured_before = cached_cell_len.cache_info().misses
        for _ in range(300):
            clock.advance(1.0)
            screen.frame()
            await pilot.pause()
        new_texts = cached_cell_len.cache_info().misses - measured_before
        assert new_texts < 30, f"{new_texts} new texts measured over 300 seconds of a hold"
