"""Read from two metres, at any size: what the run screen shows at 60x20 and up."""

from __future__ import annotations

import pytest

from hamstride import locations
from hamstride.audio.backends import BellBackend
from hamstride.audio.clips import SoundBank
from hamstride.audio.player import CuePlayer
from hamstride.domain.cues import CueKind
from hamstride.ui.app import HamstrideApp, OpenRun, Services
from hamstride.ui.screens.run import RunScreen
from hamstride.ui.services import given
from tests.e2e.terminal import shows_big
from tests.ui.helpers import Toasts, make_app, screen_lines, shown
from tests.unit.helpers import FakeClock, session

NORDIC = """
title = "Nordics"
[[steps]]
name = "Nordic hamstring curl"
cue = "Pad your knees and anchor your heels. Keep hips straight and lean forward slowly; only go as far as you can brake. Catch yourself with your hands and push back up. Relax your calves. Sharp pain: stop. Press x when the fall gets away from you."
tempo = "4-0-1-1"
reps = 5
sets = 3
rest = 60
eccentric = true
control = true
lead_in = 5
[[steps]]
name = "Single-leg RDL"
tempo = "3-0-1-0"
reps = 8
sides = true
lead_in = 5
"""
SIZES = [(60, 20), (100, 30), (200, 50)]


async def _at(app: HamstrideApp, clock: FakeClock, pilot: object, seconds: float) -> RunScreen:
    screen = app.screen
    assert isinstance(screen, RunScreen)
    # Frames at most 2 s apart, the last one at the moment asked for: a clock that jumps
    # further stood still (a suspended laptop), and the run would pause.
    first = seconds % 2.0
    for step in ([first] if first > 1e-9 else []) + [2.0] * int(seconds // 2.0):
        clock.advance(step)
        screen.frame()
    await pilot.pause()  # type: ignore[attr-defined]
    return screen


async def _to(app: HamstrideApp, clock: FakeClock, pilot: object, step: int, rep: int) -> None:
    """Half a second into the given rep of the given step (first set, first side)."""
    screen = app.screen
    assert isinstance(screen, RunScreen)
    segment = next(s for s in screen.timeline.segments if s.step_index == step and s.rep == rep)
    await _at(app, clock, pilot, segment.start + 0.5 - screen.engine.tick().elapsed)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_rep_set_and_side_are_in_block_digits_at_every_size(size: tuple[int, int]) -> None:
    app, clock, _ = make_app(NORDIC)
    async with app.run_test(size=size) as pilot:
        await _to(app, clock, pilot, step=0, rep=2)
        lines = screen_lines(app)
        assert shows_big(lines, "2/5") and shows_big(lines, "1/3")
        await _to(app, clock, pilot, step=1, rep=5)
        lines = screen_lines(app)
        assert shows_big(lines, "5/8") and (shows_big(lines, "LEFT") or shows_big(lines, "L"))
        assert any("side" in line for line in lines)


async def test_the_nordic_safety_line_is_never_cut_at_60x20() -> None:
    app, clock, _ = make_app(NORDIC)
    full = session(NORDIC).steps[0].cue
    async with app.run_test(size=(60, 20)) as pilot:
        pages = set()
        for _ in range(6):  # the cue pages through while the reps go on
            await _at(app, clock, pilot, 3.0)
            pages.add(shown(app)["cue"])
            assert all("…" not in line for line in screen_lines(app))
    words = " ".join(page.rsplit(" (", 1)[0] for page in sorted(pages, key=lambda p: p.rsplit("(", 1)[-1]))
    assert words.split() == full.split()


async def test_the_footer_keeps_quit_and_mute_at_60x20_during_reps() -> None:
    app, clock, _ = make_app(NORDIC)
    async with app.run_test(size=(60, 20)) as pilot:
        await _at(app, clock, pilot, 6)
        footer = screen_lines(app)[-1]
        assert "q Quit" in footer and "m Mute" in footer and "x Lost control" in footer


async def test_a_sound_notice_goes_to_the_status_line_not_over_the_session() -> None:
    app, clock, _ = make_app(NORDIC)
    toasts = Toasts()
    async with app.run_test(size=(60, 20), message_hook=toasts) as pilot:
        app._sound_notice("No sound device worked (simpleaudio): cues ring the terminal bell.")
        await pilot.pause()
        assert "No sound device worked" in shown(app)["status"]
        assert not toasts.raised  # no toast over the side, the cue and the next step
        await _at(app, clock, pilot, 9)  # the notice goes after a while; the sound line comes back
        assert "No sound device worked" not in shown(app)["status"]


async def test_the_bell_fallback_shows_what_it_cannot_sound() -> None:
    rings: list[int] = []
    player = CuePlayer(SoundBank(locations.sounds()), [BellBackend(lambda: rings.append(1))], threaded=False)
    clock = FakeClock()
    app = HamstrideApp(OpenRun(session(NORDIC)), services=Services(clock=clock, player=given(player)))
    async with app.run_test(size=(60, 20)) as pilot:
        status = shown(app)["status"]
        assert "terminal bell" in status.lower() and "flash" in status  # says what will not be heard
        assert "…" not in screen_lines(app)[-2]  # whole at 60 columns
        assert len(rings) == 1  # GET READY
        screen = await _at(app, clock, pilot, 4.5)  # the get-ready's last counts: no bell, a flash
        assert screen.view.picture.flashing and len(rings) == 1
        screen = await _at(app, clock, pilot, 0.5)  # LOWER: the bell rings, the flash is over
        assert len(rings) == 2 and not screen.view.picture.flashing
        screen = await _at(app, clock, pilot, 1)  # a lowering tick: no bell for it, a flash instead
        assert CueKind.TICK not in {cue.kind for cue, _ in player.played}
        assert screen.view.picture.flashing
        await _at(app, clock, pilot, 0.4)
        assert not screen.view.picture.flashing


async def test_next_names_the_coming_rest_and_the_rest_shows_the_coming_set() -> None:
    app, clock, _ = make_app(NORDIC)
    async with app.run_test(size=(100, 30)) as pilot:
        await _at(app, clock, pilot, 5 + 4 * 6 + 5)  # the last rep's lift, set 1
        assert shown(app)["next"] == "Next: rest 1:00, then Set 2 / 3"
        await _at(app, clock, pilot, 2)  # resting
        assert shown(app)["phase"] == "REST" and shown(app)["counters"] == "Set 2 / 3"
