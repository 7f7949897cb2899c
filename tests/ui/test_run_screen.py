from __future__ import annotations

from hamstride.domain.cues import CueKind
from hamstride.domain.result import StepStatus
from hamstride.ui.screens.confirm import ConfirmScreen
from hamstride.ui.screens.run import RunScreen
from hamstride.ui.screens.summary import SummaryScreen
from tests.ui.helpers import advance, make_app, played, run_screen, shown

SHORT = """
title = "Short"
[[steps]]
name = "Nordic"
cue = "Lean forward slowly."
tempo = "3-0-1-0"
reps = 2
sets = 2
rest = 10
eccentric = true
control = true
lead_in = 5
[[steps]]
name = "Plank"
hold = 6
"""


async def test_a_short_session_runs_start_to_finish() -> None:
    app, clock, player = make_app(SHORT)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen)
        seen = []
        while not screen.engine.finished:
            view = shown(app)
            seen.append((view["phase"], view["count"], view["counters"]))
            clock.advance(1.0)
            screen.frame()
            await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    # Every second of the plan, in order.
    assert seen[:8] == [
        ("GET READY", "5", "Set 1 / 2"), ("GET READY", "4", "Set 1 / 2"), ("GET READY", "3", "Set 1 / 2"),
        ("GET READY", "2", "Set 1 / 2"), ("GET READY", "1", "Set 1 / 2"),
        ("LOWER", "3", "Rep 1 / 2   Set 1 / 2"), ("LOWER", "2", "Rep 1 / 2   Set 1 / 2"),
        ("LOWER", "1", "Rep 1 / 2   Set 1 / 2")]
    assert ("LIFT", "1", "Rep 2 / 2   Set 1 / 2") in seen
    # A rest shows what is coming: the next set, not the one just finished.
    assert ("REST", "10", "Set 2 / 2") in seen and ("REST", "10", "Set 1 / 2") not in seen
    assert ("HOLD", "6", "") in seen
    assert len(seen) == 5 + 8 + 10 + 8 + 5 + 6
    # Each cue asked for once, in order; the most important one when several coincide.
    assert played(player) == [
        CueKind.GET_READY, CueKind.COUNT, CueKind.COUNT, CueKind.COUNT, CueKind.LOWER, CueKind.TICK, CueKind.TICK, CueKind.LIFT,
        CueKind.LAST_REP, CueKind.TICK, CueKind.TICK, CueKind.LIFT,
        CueKind.SET_DONE, CueKind.COUNT, CueKind.COUNT, CueKind.COUNT,
        CueKind.LOWER, CueKind.TICK, CueKind.TICK, CueKind.LIFT,
        CueKind.LAST_REP, CueKind.TICK, CueKind.TICK, CueKind.LIFT,
        CueKind.SET_DONE, CueKind.COUNT, CueKind.COUNT, CueKind.COUNT,
        CueKind.HOLD, CueKind.COUNT, CueKind.COUNT, CueKind.COUNT, CueKind.SESSION_DONE]
    assert app.result is not None and app.result.completed
    assert app.result.eccentric_reps == 4


async def test_screen_shows_step_cue_and_next() -> None:
    app, clock, _ = make_app(SHORT)
    async with app.run_test(size=(80, 24)):
        view = shown(app)
        assert view["where"] == "Step 1 of 2 · Nordic"
        assert view["cue"] == "Lean forward slowly."
        assert view["next"] == "Next: Lower, Rep 1 / 2, Set 1 / 2"
        assert "Sound: recorder" in view["status"]
        advance(app, clock, 5 + 8)
        assert shown(app)["next"] == "Next: Lower, Rep 1 / 2, Set 2 / 2"
        # 42 s in all: 5 get-ready + 2 sets x 2 reps x 4 s + 10 rest + 5 get-ready + 6 hold
        assert shown(app)["session-time"] == "0:13 done · 0:29 left"


async def test_space_pauses_and_the_countdown_freezes() -> None:
    app, clock, player = make_app(SHORT)
    async with app.run_test(size=(80, 24)) as pilot:
        clock.advance(1.0)
        await pilot.press("space")
        assert shown(app)["phase"] == "PAUSED" and shown(app)["count"] == "4"
        clock.advance(60.0)
        run_screen(app).frame()
        assert shown(app)["count"] == "4"
        assert "space to go on" in shown(app)["status"]
        before = len(player.played)
        await pilot.press("space")  # pressed at the laptop: the whole get-ready again, to get back to the mat
        await pilot.pause()
        assert shown(app)["phase"] == "GET READY" and shown(app)["count"] == "5"
        advance(app, clock, 4.0)
        await pilot.pause()
        assert shown(app)["phase"] == "GET READY" and shown(app)["count"] == "1"
        advance(app, clock, 1.0)
        await pilot.pause()
        assert shown(app)["phase"] == "LOWER" and shown(app)["count"] == "3"
        assert played(player)[before:] == [CueKind.GET_READY, CueKind.COUNT, CueKind.COUNT, CueKind.COUNT,
                                           CueKind.LOWER]


async def test_n_ends_the_set_and_a_second_n_skips_the_rest_of_the_step() -> None:
    app, clock, _ = make_app(SHORT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")  # get-ready skipped
        assert shown(app)["phase"] == "LOWER"
        advance(app, clock, 5.0)  # rep 1 done, one second into rep 2
        await pilot.press("n")  # the set ends here: to its rest, the rep kept
        view = shown(app)
        assert view["where"] == "Step 1 of 2 · Nordic" and view["phase"] == "REST"
        assert view["status"] == "Press n again to skip the rest of Nordic"
        advance(app, clock, 1.0)  # read, then pressed
        await pilot.press("n")
        assert shown(app)["where"] == "Step 2 of 2 · Plank" and shown(app)["phase"] == "GET READY"
        await pilot.press("q", "y")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert str(summary.query_one("#summary-skipped").render()) == (
            "Not all done: Nordic: 1 set, 1 rep, of 2 x 2; Plank: not reached")
    assert app.result is not None and not app.result.completed
    nordic = app.result.steps[0]
    assert (nordic.reps_done, nordic.sets_done, nordic.status) == (1, 1, StepStatus.PARTIAL)


async def test_skipping_a_rest_brings_a_get_ready_not_straight_into_lowering() -> None:
    app, clock, player = make_app(SHORT)
    async with app.run_test(size=(80, 24)) as pilot:
        advance(app, clock, 5 + 8 + 1)
        assert shown(app)["phase"] == "REST"
        await pilot.press("n")
        view = shown(app)
        assert (view["phase"], view["count"]) == ("GET READY", "5")
        assert view["next"] == "Next: Lower, Rep 1 / 2, Set 2 / 2"
        advance(app, clock, 5)
        assert shown(app)["phase"] == "LOWER" and "Set 2 / 2" in shown(app)["counters"]


async def test_b_goes_back_to_the_set_start_then_the_set_before_then_the_step_before() -> None:
    app, clock, _ = make_app(SHORT)
    async with app.run_test(size=(80, 24)) as pilot:
        advance(app, clock, 5 + 8 + 10 + 5)  # set 2, rep 2
        await pilot.press("b")
        assert (shown(app)["phase"], shown(app)["count"]) == ("GET READY", "5")
        assert "Set 2 / 2" in shown(app)["counters"]
        assert run_screen(app).engine.result().steps[0].reps_done == 2 + 1
        await pilot.press("b")  # at once: the set before
        assert "Set 1 / 2" in shown(app)["counters"] and shown(app)["phase"] == "GET READY"
        advance(app, clock, 5 + 8 + 10 + 8 + 5 + 1)
        assert shown(app)["where"] == "Step 2 of 2 · Plank"
        await pilot.press("left", "left")
        assert shown(app)["where"] == "Step 1 of 2 · Nordic" and shown(app)["phase"] == "GET READY"
        await pilot.press("q", "y")
        await pilot.pause()
    assert app.result is not None
    # Every rep lowered counts: set 2's first rep, then set 1 again, then set 2 on at its second rep (its first
    # is not lowered twice); a set done twice is one set.
    nordic = app.result.steps[0]
    assert (nordic.reps_done, nordic.sets_done, nordic.status) == (1 + 2 + 2 + 1, 2, StepStatus.DONE)


async def test_a_stopped_clock_pauses_the_run_and_says_so() -> None:
    app, clock, player = make_app(SHORT)
    async with app.run_test(size=(80, 24)) as pilot:
        advance(app, clock, 5 + 2)
        await pilot.pause()
        before = len(player.played)
        clock.advance(62.0)  # SIGSTOP, a closed lid: the next frame comes a minute late
        run_screen(app).frame()
        await pilot.pause()
        view = shown(app)
        assert view["phase"] == "PAUSED" and view["count"] == "1"
        assert view["status"] == "Paused: the laptop slept for 1:02 · space to go on"
        assert len(player.played) == before  # nothing fell due in the gap
        await pilot.press("space")  # back into position first, then the rep from its start
        assert shown(app)["phase"] == "GET READY" and shown(app)["count"] == "5"
        assert run_screen(app).engine.result().steps[0].active_seconds == 2.0  # before the gap, not in it


async def test_self_paced_reps_count_with_enter_and_d_ends_a_set() -> None:
    app, clock, player = make_app('title = "t"\n[[steps]]\nname = "Lunges"\nreps = 3\nsides = true\nlead_in = 0\n')
    async with app.run_test(size=(80, 24)) as pilot:
        advance(app, clock, 5)
        assert shown(app)["count"] == "0/3" and shown(app)["counters"] == "Left"
        assert "Enter: count a rep" in shown(app)["status"]
        await pilot.press("enter")
        await pilot.press("enter")
        assert shown(app)["count"] == "2/3"
        await pilot.press("enter")
        assert shown(app)["phase"] == "SWITCH SIDES"
        advance(app, clock, 5)
        assert shown(app)["counters"] == "Right"
        await pilot.press("enter")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    assert app.result is not None
    left, right = app.result.steps[0].sides
    assert (left.reps_done, right.reps_done) == (3, 1)
    assert CueKind.SWITCH_SIDES in played(player)


async def test_rep_keys_only_work_where_they_mean_something() -> None:
    app, _, _ = make_app(SHORT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # not a self-paced set: nothing happens
        await pilot.press("d")
        assert shown(app)["phase"] == "GET READY" and shown(app)["count"] == "5"


async def test_x_flags_the_rep_where_control_was_lost() -> None:
    app, clock, _ = make_app(SHORT)
    async with app.run_test(size=(80, 24)) as pilot:
        advance(app, clock, 6.0)
        await pilot.press("x")
        advance(app, clock, 6.0)  # the rep ends: it counts, with its mark
        await pilot.press("q")
        await pilot.press("y")
        await pilot.pause()
    assert app.result is not None and not app.result.completed
    assert app.result.steps[0].sides[0].reps_lost_control == 1


async def test_q_asks_before_quitting_and_no_keeps_going() -> None:
    app, clock, _ = make_app(SHORT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        clock.advance(30.0)  # time spent answering does not count
        await pilot.press("n")
        assert isinstance(app.screen, RunScreen)
        assert shown(app)["count"] == "5" and shown(app)["phase"] == "GET READY"
        await pilot.press("q")
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    assert app.result is not None and not app.result.completed
    assert app.result.steps[0].status is StepStatus.SKIPPED or app.result.steps[0].status is StepStatus.NOT_REACHED


async def test_markup_in_names_is_shown_literally() -> None:
    text = 'title = "[b]T[/b]"\n[[steps]]\nname = "[red]Plank[/red]"\ncue = "[i]x[/i]"\nhold = 10\n'
    app, _, _ = make_app(text)
    async with app.run_test(size=(80, 24)):
        view = shown(app)
        assert view["where"] == "Step 1 of 1 · [red]Plank[/red]"
        assert view["cue"] == "[i]x[/i]"


async def test_m_mutes_the_cues() -> None:
    app, clock, player = make_app(SHORT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        before = len(player.played)
        advance(app, clock, 5.0)
        await pilot.pause()
        current = run_screen(app).engine.current
        assert current is not None and current.phase.value == "lower"
        assert len(player.played) == before
        assert "muted" in app.sound_status


async def test_voice_mode_speaks_each_step_name_at_its_get_ready(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import stat
    import sys
    import time as wall

    from hamstride.audio.clips import SoundMode
    from hamstride.audio.speech import Speaker

    # The speaker is the edge we cannot have: a stand-in TTS program that writes what it was asked to say.
    said = tmp_path / "said.txt"
    program = tmp_path / "espeak-ng"
    program.write_text(f"#!{sys.executable}\nimport sys\n"
                       f"open({str(said)!r}, 'a').write(' '.join(sys.argv[1:]) + '\\n')\n")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    app, clock, player = make_app(SHORT, speaker=Speaker(str(program)))
    player.mode = SoundMode.VOICE
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen)
        assert "names by espeak-ng" in shown(app)["status"]
        await pilot.pause(0.9)  # the name follows the get-ready sound
        await pilot.press("right")  # the get-ready
        advance(app, clock, 2)  # a skip as work begins is taken as meant for the get-ready
        await pilot.press("right")  # the set ends
        advance(app, clock, 1)  # a second press at once would be the same tap
        await pilot.press("right")  # on to the Plank's get-ready
        await pilot.pause(0.9)
    def spoken() -> list[str]:
        return said.read_text().splitlines() if said.exists() else []

    deadline = wall.monotonic() + 5  # the program runs on its own; give it a moment
    while wall.monotonic() < deadline and len(spoken()) < 2:
        wall.sleep(0.05)
    assert spoken() == ["-- Nordic", "-- Plank"]  # "--": a name starting with "-" is never an option


async def test_the_keymap_in_config_remaps_a_binding_by_its_id() -> None:
    from hamstride.storage.config import Config
    from hamstride.ui.app import HamstrideApp, OpenRun, Services, Settings
    from hamstride.ui.services import given
    from tests.unit.helpers import FakeClock, session

    _, _, player = make_app(SHORT)
    app = HamstrideApp(OpenRun(session(SHORT)), Settings(config=Config(keymap={"pause": "p"})), Services(clock=FakeClock(), player=given(player)))
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen)
        await pilot.press("p")
        assert screen.engine.paused
        await pilot.press("p")
        assert not screen.engine.paused
