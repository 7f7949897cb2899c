"""What the runner typed is kept however the app ends under it: the summary's fields, and the readiness check's
answers given before its verdict.

Walked (walk14, the installed app in tmux): soreness 7 typed on the summary, then ctrl+q (the key the summary's
own ctrl+c hint names), or the terminal closed: the 7 was lost, on a saved session and on a run with nothing
done, and `hamstride today` offered the Nordics at once. Escape kept it. At the check, soreness 6, then ctrl+q
at the race question: no check kept, and `today` prescribed the first Nordic session.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from hamstride.storage.diary import read_checks
from hamstride.ui.app import HamstrideApp
from hamstride.ui.screens.readiness import ReadinessScreen
from hamstride.ui.screens.summary import SummaryScreen
from tests.ui.test_history_flow import NOW, build, run_to_end
from tests.ui.test_readiness import checking_app, start

WAYS_OUT = ["ctrl+q", "exit"]  # exit: what a hang-up, SIGTERM or a closed terminal comes to


async def leave(app: HamstrideApp, pilot, way_out: str) -> None:  # type: ignore[no-untyped-def]
    if way_out == "exit":
        app.exit()
    else:
        await pilot.press(way_out)
    await pilot.pause()


@pytest.mark.parametrize("way_out", WAYS_OUT)
async def test_effort_and_soreness_typed_on_a_saved_sessions_summary_are_kept_on_quitting(
        tmp_path: Path, way_out: str) -> None:
    """Invariant: what the summary's escape would keep is kept by any way out."""
    app, clock, _ = build(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await run_to_end(app, clock, pilot)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("6", "tab", "7")
        await leave(app, pilot, way_out)
    [raw] = tomllib.loads((tmp_path / "history" / "2026-11.toml").read_text())["session"]
    assert (raw.get("rpe"), raw.get("soreness"), raw["status"]) == (6, 7, "complete")


@pytest.mark.parametrize("way_out", WAYS_OUT)
async def test_soreness_typed_on_the_summary_of_nothing_done_is_kept_on_quitting(
        tmp_path: Path, way_out: str) -> None:
    app, _, store = build(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("q", "y")  # in the first get-ready: nothing done, nothing saved
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("tab", "7")
        await leave(app, pilot, way_out)
    assert store.load().records == ()
    checks, problems = read_checks(tmp_path / "history")
    assert [(c.when, c.soreness) for c in checks] == [(NOW, 7)] and problems == []


@pytest.mark.parametrize("way_out", WAYS_OUT)
async def test_a_soreness_answered_at_the_check_is_kept_when_the_app_ends_before_the_verdict(
        tmp_path: Path, way_out: str) -> None:
    app, _ = checking_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await start(app, pilot, "nordic-first-session")
        await pilot.press("6")
        assert isinstance(app.screen, ReadinessScreen) and app.screen.question == 2
        await leave(app, pilot, way_out)
    checks, problems = read_checks(tmp_path / "history")
    assert [(c.soreness, c.key_run) for c in checks] == [(6, None)] and problems == []


async def test_nothing_answered_at_the_check_keeps_no_check(tmp_path: Path) -> None:
    app, _ = checking_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await start(app, pilot, "nordic-first-session")
        await pilot.press("ctrl+q")
        await pilot.pause()
    checks, problems = read_checks(tmp_path / "history")
    assert not checks and not problems


async def test_the_hang_ups_last_resort_waits_for_the_summarys_answers_being_written(tmp_path: Path) -> None:
    """review13: the answers kept on the way out were written with `writing` unset, so the hang-up's last resort
    (ui/hangup.end_soon, 3 s) could end the process in the middle of the write, the answers lost."""
    app, clock, _ = build(tmp_path)
    seen: list[bool] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await run_to_end(app, clock, pilot)
        flow = app.flow
        assert flow is not None and flow.recorder is not None
        add = flow.recorder.add_feedback

        def watched(*args: Any, **kwargs: Any) -> Any:
            assert flow is not None
            seen.append(flow.writing)
            return add(*args, **kwargs)

        flow.recorder.add_feedback = watched  # type: ignore[method-assign]
        await pilot.press("6", "tab", "7")
        app.exit()
        await pilot.pause()
    assert seen == [True]


async def test_quitting_as_the_summary_is_pushed_before_it_is_drawn_ends_the_app(tmp_path: Path) -> None:
    """review13: ctrl+q (or SIGTERM) between the summary's push and its first compose raised NoMatches inside
    exit, so the app did not end (and a SIGTERM after it was ignored)."""
    app, clock, _ = build(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        push = app.push_screen

        def push_then_quit(screen: Any, *args: Any, **kwargs: Any) -> Any:
            pushed = push(screen, *args, **kwargs)
            if isinstance(screen, SummaryScreen):
                app.exit(None, 3)
            return pushed

        app.push_screen = push_then_quit  # type: ignore[method-assign]
        await run_to_end(app, clock, pilot)
    assert app.return_code == 3
