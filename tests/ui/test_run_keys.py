"""Issue 21 on the run screen, on the fake clock: keys at the awkward moments found by hand in tmux."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from hamstride import locations
from hamstride.audio.clips import SoundBank
from hamstride.audio.player import CuePlayer
from hamstride.domain.result import StepStatus
from hamstride.storage.history import HistoryStore
from hamstride.ui.app import HamstrideApp, OpenRun, Services
from hamstride.ui.screens.summary import SummaryScreen
from hamstride.ui.services import given
from tests.ui.helpers import RecordingBackend, advance, make_app, run_screen, screen_strips, shown
from tests.unit.helpers import FakeClock, session

NOON = datetime(2026, 12, 6, 12, tzinfo=timezone.utc)

# Get-ready 5; set 1: 2 reps x 4 s; rest 10; set 2; then the plank's get-ready 5 and its 6 s hold.
SHORT = """
title = "Short"
[[steps]]
name = "Nordic"
tempo = "3-0-1-0"
reps = 2
sets = 2
rest = 10
eccentric = true
control = true
[[steps]]
name = "Plank"
hold = 6
"""

ONE_STEP = """
title = "One step"
[[steps]]
name = "Nordic"
tempo = "3-0-1-0"
reps = 2
sets = 2
rest = 10
eccentric = true
"""

BRIDGE = """
title = "Late week short"
[[steps]]
name = "Glute bridge, easy"
tempo = "2-0-1-1"
reps = 3
[[steps]]
name = "Plank"
hold = 6
"""

RDL = """
title = "RDL"
[[steps]]
name = "Single-leg RDL"
tempo = "3-0-1-0"
reps = 2
sides = true
"""


async def test_a_second_n_just_after_the_get_ready_is_ignored_and_says_why() -> None:
    app, clock, _ = make_app(SHORT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")  # the get-ready
        clock.advance(0.4)
        run_screen(app).frame()
        await pilot.press("n")  # meant for the get-ready too
        assert shown(app)["phase"] == "LOWER"
        assert shown(app)["status"] == "n ignored: work just began. A moment later, n ends the set"
        advance(app, clock, 8)
        await pilot.press("q", "y")
        await pilot.pause()
    assert app.result is not None and app.result.steps[0].reps_done == 2


async def test_n_as_the_only_set_appears_does_not_jump_a_step() -> None:
    app, clock, _ = make_app(BRIDGE)
    async with app.run_test(size=(80, 24)) as pilot:
        advance(app, clock, 5)
        clock.advance(0.1)
        await pilot.press("n")
        assert shown(app)["where"].endswith("Glute bridge, easy") and shown(app)["phase"] == "LOWER"
        assert shown(app)["status"].startswith("n ignored: work just began")


async def test_b_b_then_n_keeps_the_finished_set_and_its_mark() -> None:
    app, clock, _ = make_app(SHORT)
    async with app.run_test(size=(80, 24)) as pilot:
        advance(app, clock, 5 + 4 + 1)  # rep 2 of set 1
        await pilot.press("x")
        advance(app, clock, 3 + 10 + 1)  # set 1 done, the rest over, into set 2
        await pilot.press("b")
        clock.advance(0.3)
        run_screen(app).frame()
        await pilot.press("b", "n")  # set 1 again, past its get-ready
        assert shown(app)["phase"] == "LOWER" and "Set 1" in shown(app)["counters"]
        await pilot.press("q", "y")
        await pilot.pause()
    assert app.result is not None
    nordic = app.result.steps[0]
    assert (nordic.sets_done, nordic.reps_done, nordic.reps_lost_control) == (1, 2, 1)


async def test_a_step_skipped_with_n_n_is_skipped_and_the_summary_says_the_session_ran_to_its_end() -> None:
    app, clock, _ = make_app(SHORT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        advance(app, clock, 2)
        await pilot.press("n")  # end set 1
        advance(app, clock, 1)  # "press n again to skip the rest of Nordic" read
        await pilot.press("n")  # then the rest of the step
        assert shown(app)["where"].endswith("Plank") and shown(app)["phase"] == "GET READY"
        advance(app, clock, 5 + 6)
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert str(summary.query_one("#summary-title").render()) == "Session done, some of it skipped: Short"
        assert str(summary.query_one("#summary-skipped").render()) == (
            "Not all done: Nordic: skipped")
    assert app.result is not None and app.result.steps[0].status is StepStatus.SKIPPED


async def test_a_double_tap_that_ends_a_set_keeps_the_rest_of_the_step_and_says_why() -> None:
    """Walked in tmux (walk11): n n at once in a lowering passed over every set still to come."""
    app, clock, _ = make_app(SHORT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        advance(app, clock, 2)
        await pilot.press("n", "n")
        assert shown(app)["where"].endswith("Nordic") and shown(app)["phase"] == "REST"
        # What the runner needs is what the second tap would have meant: how to pass the rest, on purpose.
        assert shown(app)["status"] == "Press n again to skip the rest of Nordic"


async def test_quitting_before_the_end_is_still_ended_early() -> None:
    app, clock, _ = make_app(SHORT)
    async with app.run_test(size=(80, 24)) as pilot:
        advance(app, clock, 7)
        await pilot.press("q", "y")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert str(summary.query_one("#summary-title").render()).startswith("Session ended early")


async def test_n_during_switch_sides_brings_a_get_ready() -> None:
    app, clock, _ = make_app(RDL)
    async with app.run_test(size=(80, 24)) as pilot:
        advance(app, clock, 5 + 8 + 1)
        assert shown(app)["phase"] == "SWITCH SIDES"
        await pilot.press("n")
        assert shown(app)["phase"] == "GET READY" and "Right" in shown(app)["counters"]
        advance(app, clock, 5)
        assert shown(app)["phase"] == "LOWER"


async def test_n_n_during_switch_sides_keeps_the_get_ready_and_says_why() -> None:
    """Walked in tmux: a double tap on SWITCH SIDES went straight into the right side's work."""
    app, clock, _ = make_app(RDL)
    async with app.run_test(size=(80, 24)) as pilot:
        advance(app, clock, 5 + 8 + 1)
        assert shown(app)["phase"] == "SWITCH SIDES"
        await pilot.press("n", "n")
        assert shown(app)["phase"] == "GET READY" and "Right" in shown(app)["counters"]
        assert shown(app)["status"] == "n ignored: the get-ready stays, to get into position"


async def test_space_after_a_pause_brings_a_get_ready_then_the_rep_from_its_start() -> None:
    app, clock, _ = make_app(SHORT)
    async with app.run_test(size=(80, 24)) as pilot:
        advance(app, clock, 5 + 2)  # two seconds into the first lowering
        await pilot.press("space")
        clock.advance(30)
        await pilot.press("space")
        assert shown(app)["phase"] == "GET READY" and shown(app)["count"] == "5"
        advance(app, clock, 5)
        assert shown(app)["phase"] == "LOWER" and shown(app)["count"] == "3"


async def test_n_just_after_a_step_s_last_set_says_why_it_did_nothing() -> None:
    app, clock, _ = make_app(SHORT)
    async with app.run_test(size=(80, 24)) as pilot:
        advance(app, clock, 5 + 8 + 10 + 2)  # set 2 of 2
        await pilot.press("n")  # ends the step's last set: the plank's get-ready
        await pilot.press("n")  # "the rest of the step": there is none
        assert shown(app)["where"].endswith("Plank") and shown(app)["phase"] == "GET READY"
        assert shown(app)["status"] == "n ignored: the get-ready stays, to get into position"


async def test_the_header_of_a_resumed_run_counts_the_time_before() -> None:
    from hamstride.domain.plan import build_timeline
    from hamstride.domain.progress import Position
    from hamstride.ui.screens.run import RunScreen
    from tests.unit.helpers import session

    app, clock, _ = make_app(SHORT)
    async with app.run_test(size=(80, 24)) as pilot:
        resumed = RunScreen(build_timeline(session(SHORT)), clock=clock, start=Position(0, 2, None),
                            elapsed_before=95.0)
        await app.push_screen(resumed)
        await pilot.pause()
        clock.advance(2)
        resumed.frame()
        assert resumed.view.picture.time.startswith("1:37 done")


async def test_the_palette_finds_lost_control_and_it_marks_the_rep() -> None:
    """Tried in tmux: ctrl+p, "lost": nothing, though the README says the palette lists the keys."""
    from textual.command import CommandPalette

    app, clock, _ = make_app(SHORT)
    async with app.run_test(size=(80, 24)) as pilot:
        advance(app, clock, 5 + 1)  # rep 1
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"lost")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert shown(app)["status"] == "Rep 1 marked: control lost. It still counts."
        advance(app, clock, 4)
        await pilot.press("q", "y")
        await pilot.pause()
    assert app.result is not None and app.result.steps[0].reps_lost_control == 1


async def test_a_refusal_notice_does_not_come_back_once_a_later_n_did_its_work() -> None:
    """n too early (refused, noticed for 4 s), n again (set ended), n again (rest of the step
    skipped): the next step's get-ready must not show the stale "work just began" notice."""
    app, clock, _ = make_app(SHORT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")  # the get-ready
        advance(app, clock, 1.0)
        await pilot.press("n")  # refused: work just began
        assert shown(app)["status"].startswith("n ignored: work just began")
        advance(app, clock, 1.0)
        await pilot.press("n")  # ends set 1
        advance(app, clock, 1.0)
        await pilot.press("n")  # the rest of the step
        assert shown(app)["where"].endswith("Plank") and shown(app)["phase"] == "GET READY"
        assert "work just began" not in shown(app)["status"]


async def test_quitting_during_the_last_step_is_ended_early_and_the_record_says_so() -> None:
    """q, y in the plank (the last step) read "Session done, some of it skipped": a quit is a quit."""
    from hamstride.domain.record import record_from_result
    from hamstride.storage.record_table import from_table, to_table

    app, clock, _ = make_app(ONE_STEP)
    async with app.run_test(size=(80, 24)) as pilot:
        advance(app, clock, 5 + 8 + 10 + 5)  # set 1, the rest, then into set 2 of the only step
        assert "Set 2" in shown(app)["counters"]
        await pilot.press("q", "y")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert str(summary.query_one("#summary-title").render()) == "Session ended early: One step"
    assert app.result is not None and app.result.ended_early
    record = record_from_result(app.result, id="r", started=NOON, ended=NOON)
    table = to_table(record)
    assert table["ended_early"] is True and from_table(table).ended_early
    del table["ended_early"]  # a record of an older version: read as it always was
    assert not from_table(table).ended_early


async def test_running_to_the_end_with_a_step_cut_short_is_not_a_quit() -> None:
    app, clock, _ = make_app(ONE_STEP)
    async with app.run_test(size=(80, 24)) as pilot:
        advance(app, clock, 5 + 8 + 10 + 5)
        await pilot.press("n", "n")  # set 2 ended with n, then the rest of the step: the session ran to its end
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert str(summary.query_one("#summary-title").render()) == "Session done, some of it skipped: One step"
    assert app.result is not None and not app.result.ended_early


REDO = """
title = "Redo"
[[steps]]
name = "Nordic"
tempo = "3-0-1-0"
reps = 6
eccentric = true
control = true
exercise = "nordic"
"""


async def test_a_set_redone_after_b_is_summed_up_and_saved_with_every_rep_and_mark(tmp_path: Path) -> None:
    """Four Nordics, two of them lost (x), b in the fifth, then all six again: the runner lowered ten times
    and fell twice. The summary and the history said 6 reps, none lost (the redo replaced the first go):
    the week's volume and the next dose read less than was done, and the lost reps were gone from the
    programme's "more than a third got away" hold. One set, done."""
    clock = FakeClock()
    store = HistoryStore(tmp_path / "history", lambda: NOON)
    player = CuePlayer(SoundBank(locations.sounds()), [RecordingBackend()], threaded=False)
    app = HamstrideApp(OpenRun(session(REDO)),
                       services=Services(clock=clock, wall=lambda: NOON, player=given(player), store=store))
    async with app.run_test(size=(100, 30)) as pilot:
        advance(app, clock, 5 + 1)  # a second into rep 1
        await pilot.press("x")
        advance(app, clock, 4 + 4)  # a second into rep 3
        await pilot.press("x")
        advance(app, clock, 4 + 4)  # a second into rep 5
        assert "Rep 5" in shown(app)["counters"]
        await pilot.press("b")
        assert shown(app)["phase"] == "GET READY"
        advance(app, clock, 5 + 6 * 4)  # the redo, whole: the session is done
        await app.workers.wait_for_complete()
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert "eccentric reps 10" in str(summary.query_one("#summary-totals").render())
        assert any("1 set, 10 reps (2 lost control)" in strip.text for strip in screen_strips(app))
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
    [record] = store.load().records
    [nordic] = record.steps
    assert (nordic.status, nordic.sets_done, nordic.reps_done, nordic.reps_lost_control) == \
        (StepStatus.DONE, 1, 10, 2)
    assert record.completed and record.nordic_reps == 10 and record.main_reps == (10, 2)
