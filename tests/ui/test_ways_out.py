"""Every way out of a running session goes the way `q` does: asked, summed up, saved.

The palette's Quit, ctrl+q and ctrl+c ask "End the session now?" as q does; the summary's
feedback form takes a burst of Enters without popping a screen that is not there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Input

from hamstride.ui.screens.confirm import ConfirmScreen
from hamstride.ui.screens.run import RunScreen
from hamstride.ui.screens.summary import SummaryScreen
from tests.ui.test_history_flow import build


async def _mid_set(app, clock, pilot) -> RunScreen:  # type: ignore[no-untyped-def]
    screen = app.screen
    assert isinstance(screen, RunScreen)
    while screen.engine.current is not None and screen.engine.current.phase.name == "GET_READY":
        clock.advance(0.5)  # past the get-ready, into the Nordic's first rep
        screen.frame()
    for _ in range(7):  # one rep of 2-0-1-0 done, the second under way
        clock.advance(0.5)
        screen.frame()
    await pilot.pause()
    assert screen.engine.current is not None and screen.engine.current.phase.name != "GET_READY"
    return screen


async def _ends_like_q(app, pilot, store) -> None:  # type: ignore[no-untyped-def]
    """The question q asks, then the summary, and the record in the history."""
    assert isinstance(app.screen, ConfirmScreen), app.screen
    assert app.is_running and app.return_code is None
    await pilot.press("y")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, SummaryScreen), app.screen
    [record] = store.load().records
    assert not record.completed and record.steps[0].reps_done == 1


@pytest.mark.parametrize("key", ["ctrl+q", "ctrl+c"])
async def test_quit_keys_mid_set_ask_as_q_does(tmp_path: Path, key: str) -> None:
    app, clock, store = build(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _mid_set(app, clock, pilot)
        await pilot.press(key)
        await pilot.pause()
        await _ends_like_q(app, pilot, store)


async def test_quit_from_the_palette_mid_set_asks_and_keeps_the_set(tmp_path: Path) -> None:
    app, clock, store = build(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _mid_set(app, clock, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"quit")
        await pilot.pause(0.3)  # the palette gathers its hits in a worker
        await pilot.press("enter")
        await pilot.pause()
        await _ends_like_q(app, pilot, store)
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_code == 0 and app.result is not None and not app.result.completed


async def test_keep_going_after_ctrl_q_carries_on(tmp_path: Path) -> None:
    app, clock, store = build(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _mid_set(app, clock, pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen_stack[-1] is screen and not screen.engine.paused and app.is_running


async def test_four_enters_in_one_burst_on_the_feedback_form(tmp_path: Path) -> None:
    app, clock, store = build(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen)
        while not screen.engine.finished:
            clock.advance(0.5)
            screen.frame()
            await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        summary.query_one("#rpe", Input).value = "7"
        summary.set_focus(summary.query_one("#note", Input))
        # In one burst, as a held key sends them: each lands before the last one's dismissal is done.
        note = summary.query_one("#note", Input)
        for _ in range(4):
            note.post_message(Input.Submitted(note, note.value))
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_code == 0, "the app ended with an error"
    [record] = store.load().records
    assert record.rpe == 7


async def test_ctrl_q_on_the_summary_goes_at_once_the_record_saved(tmp_path: Path) -> None:
    """After the run the record is in the history: only how it felt is left to ask, and a way out may skip it."""
    app, clock, store = build(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _mid_set(app, clock, pilot)
        await pilot.press("q", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen) and screen.engine.finished
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0 and app.result is not None
    [record] = store.load().records
    assert record.steps[0].reps_done == 1
