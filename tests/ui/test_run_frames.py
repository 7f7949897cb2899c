"""How often the run screen draws, and how often it wakes the sound thread.

A frame costs the same whatever changed, so the screen draws only as often as
the runner can use: ten times a second while lowering (the runner paces the
slow phase against the bar), twice a second in a lift or a pause, and at
each whole second otherwise. The sound thread is armed again only when what
falls due next changes: each arming wakes it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

import pytest
from textual import events
from textual.app import App
from textual.filter import LineFilter
from textual.strip import Strip

from hamstride.domain.cues import Cue, CueKind
from hamstride.domain.engine import Snapshot
from hamstride.domain.plan import Phase, build_timeline
from hamstride.ui.screens.run import RunScreen
from hamstride.ui.widgets.key_bar import KeyBar
from hamstride.ui.widgets.run_view import cue_rows, split_rows
from tests.ui.helpers import advance, make_app, run_screen, screen_strips
from tests.unit.helpers import FakeClock, session

TEMPO = 'title = "t"\n[[steps]]\nname = "Nordic"\ntempo = "4-2-2-0"\nreps = 3\nlead_in = 5\n'
HOLD = 'title = "t"\n[[steps]]\nname = "Plank"\nhold = 30\nlead_in = 5\n'


class Sound:
    """The screen's sound output, keeping what it was asked to do."""

    def __init__(self) -> None:
        self.armed: list[tuple[tuple[Cue, ...], float]] = []
        self.played: list[tuple[Cue, ...]] = []
        self.lines_asked = 0

    def play_now(self, cues: tuple[Cue, ...], announce: str) -> None:
        self.played.append(cues)

    def arm_next(self, cues: tuple[Cue, ...], delay: float) -> None:
        self.armed.append((cues, delay))

    def unheard(self) -> frozenset[CueKind]:
        return frozenset()

    def sound_line(self) -> str:
        self.lines_asked += 1
        return "Sound: test"


class _RunApp(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.clock = FakeClock()
        self.sound = Sound()
        self.run_screen = RunScreen(build_timeline(session(text)), clock=self.clock, sound=self.sound)

    def on_mount(self) -> None:
        self.push_screen(self.run_screen)

    def into_the_lowering(self) -> tuple[RunScreen, FakeClock]:
        """Frames a tenth of a second apart through 5 s of get-ready, into the first lowering."""
        for _ in range(52):
            self.clock.advance(0.1)
            self.run_screen.frame()
        return self.run_screen, self.clock


async def test_the_bar_moves_ten_times_a_second_only_while_lowering() -> None:
    app = _RunApp(TEMPO)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen, clock = app.run_screen, app.clock
        delays: dict[Phase, set[float]] = {}
        for _ in range(300):  # 5 s of get-ready, then reps of lower 4, pause 2, lift 2
            clock.advance(0.05)
            snap = screen.frame()
            delay = screen.frame_delay(snap)
            assert snap.segment is not None and delay is not None
            delays.setdefault(snap.segment.phase, set()).add(round(delay, 3))
        assert max(delays[Phase.LOWER]) == 0.1
        assert max(delays[Phase.LIFT]) == 0.5 and max(delays[Phase.PAUSE]) == 0.5
        # Between whole seconds the get-ready waits for the next one: the countdown changes then.
        assert max(delays[Phase.GET_READY]) > 0.9


async def test_a_hold_wakes_at_each_whole_second() -> None:
    app = _RunApp(HOLD)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen, clock = app.run_screen, app.clock
        for _ in range(21):  # into the hold, a quarter second past a whole second
            clock.advance(0.25)
            snap = screen.frame()
        assert snap.segment is not None and snap.segment.phase is Phase.HOLD
        assert screen.frame_delay(snap) == 0.75


async def test_the_sound_thread_is_armed_again_only_when_the_next_cues_change() -> None:
    app = _RunApp(HOLD)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen, clock = app.run_screen, app.clock
        for _ in range(400):  # 40 s at ten frames a second: the get-ready and the whole hold
            clock.advance(0.1)
            screen.frame()
        assert screen.engine.finished
        groups = {tuple(id(cue) for cue in cues) for cues, _ in app.sound.armed if cues}
        # Each group of cues is armed once (the last "nothing more" once too), not once a frame.
        assert len(app.sound.armed) <= len(groups) + 2, f"{len(app.sound.armed)} armings for {len(groups)} groups"
        assert len(groups) >= 3  # get-ready, go, the hold's own cues and its end


async def test_a_pause_disarms_once_and_going_on_arms_again() -> None:
    app = _RunApp(HOLD)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen, clock = app.run_screen, app.clock
        for _ in range(30):  # into the hold
            clock.advance(0.2)
            screen.frame()
        armed_before = len(app.sound.armed)
        screen.action_toggle_pause()
        for _ in range(20):
            clock.advance(0.1)
            screen.frame()
        assert app.sound.armed[armed_before:] == [((), 0.0)]
        screen.action_toggle_pause()
        cues, delay = app.sound.armed[-1]
        assert cues and delay > 0  # the hold's next cue, later by the time paused



async def test_a_change_of_phase_repaints_only_the_parts_drawn_in_its_colour() -> None:
    # A new colour as a class on the view would restyle it and repaint every row, at
    # each lift, pause and lowering: the cue and the status line stay as they were,
    # and the parts that change are drawn in the new phase's colour.
    app, clock, _ = make_app(TEMPO.replace("reps = 3", 'reps = 3\ncue = "Lean forward as slowly as you can."'))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = run_screen(app)
        advance(app, clock, 8.95, step=0.05)  # to the last moment of the first lowering (5 s get-ready, 4 s down)
        await pilot.pause()
        view = screen.view
        painted: list[int] = []
        draw_row = view.render_line

        def render_line(y: int) -> Strip:
            painted.append(y)
            return draw_row(y)

        view.render_line = render_line  # type: ignore[method-assign]
        clock.advance(0.1)
        assert screen.frame().segment.phase is Phase.PAUSE  # type: ignore[union-attr]
        for _ in range(3):
            await pilot.pause()
        rows = split_rows(view.size.height, cue_rows(view.picture, view.size.width))
        still = {y for part in ("cue", "status") for y in range(rows[part][0], sum(rows[part]))}
        assert still and painted, "nothing to check"
        assert not still & set(painted), f"rows {sorted(still & set(painted))} repainted unchanged"
        on_screen = screen_strips(app)
        work = view.get_component_rich_style("run-view--work").color
        for part, drawn in (("phase", "█"), ("bar", "━")):  # the bar's part to go is dimmed
            top = rows[part][0]
            assert {segment.style.color for segment in on_screen[top] if drawn in segment.text and segment.style} \
                == {work}, f"the {part} is not in the pause's colour"


async def test_a_paused_run_greys_its_countdown_and_going_on_brings_the_colour_back() -> None:
    app, clock, _ = make_app(HOLD)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = run_screen(app)
        advance(app, clock, 8)  # 3 s into the hold
        view = screen.view

        async def count_colours() -> set[object]:
            await pilot.pause()
            rows = split_rows(view.size.height, cue_rows(view.picture, view.size.width))
            top, height = rows["count"]
            on_screen = screen_strips(app)
            return {segment.style.color for y in range(top, top + height) for segment in on_screen[y]
                    if "█" in segment.text and segment.style}

        work = view.get_component_rich_style("run-view--work").color
        paused = view.get_component_rich_style("run-view--paused").color
        assert work != paused and await count_colours() == {work}
        ready = view.get_component_rich_style("run-view--transition").color
        await pilot.press("space")
        assert await count_colours() == {paused}
        await pilot.press("space")  # going on: a get-ready first, in its colour, then the hold in the work's
        assert await count_colours() == {ready}
        advance(app, clock, 5)
        assert await count_colours() == {work}


async def test_a_wake_draws_its_frame_without_a_message_through_the_screens_queue() -> None:
    # At ten frames a second each message to the screen wakes its task and its idle
    # handling: about a fifth of a frame's CPU, for nothing the frame needs.
    app = _RunApp(TEMPO)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen, clock = app.run_screen, app.clock
        for _ in range(55):  # into the first lowering: the next wake is a tenth of a second away
            clock.advance(0.1)
            snap = screen.frame()
        assert snap.segment is not None and snap.segment.phase is Phase.LOWER
        frames, callbacks = [], []
        draw = screen.frame

        def frame() -> Snapshot:
            frames.append(clock())
            return draw()

        screen.frame = frame  # type: ignore[method-assign]
        screen.message_signal.subscribe(screen, lambda message: callbacks.append(message)
                                        if isinstance(message, events.Callback) else None, immediate=True)
        for _ in range(40):  # the event loop's own timers, on the real clock: a few wakes
            await asyncio.sleep(0.02)
            if len(frames) >= 3:
                break
        assert len(frames) >= 3, "the screen did not wake on its own"
        assert not callbacks, f"{len(callbacks)} callbacks through the screen's queue for {len(frames)} frames"


async def test_an_error_in_a_woken_frame_ends_the_app_loudly() -> None:
    app = _RunApp(TEMPO)
    with pytest.raises(RuntimeError, match="a broken frame"):
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen, clock = app.run_screen, app.clock
            for _ in range(55):  # into the first lowering: the next wake is a tenth of a second away
                clock.advance(0.1)
                screen.frame()

            def broken() -> Snapshot:
                raise RuntimeError("a broken frame")

            screen.frame = broken  # type: ignore[method-assign]
            for _ in range(40):
                await asyncio.sleep(0.02)
                if not app.is_running:
                    break


async def test_a_frame_that_only_moves_the_bar_builds_nothing_else() -> None:
    # Nine frames in ten while lowering move only the bar: the header, the status line (and the
    # sound it names), the cue are the last frame's. They are made again when the countdown or the
    # header's clock turns, twice a second (the clock rounds, the countdown rounds up).
    app = _RunApp(TEMPO)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen, clock = app.into_the_lowering()
        view = screen.view
        asked, bars = app.sound.lines_asked, set()
        for _ in range(30):  # 3 s of the lowering, ten frames a second
            clock.advance(0.1)
            snap = screen.frame()
            assert snap.segment is not None and snap.segment.phase is Phase.LOWER
            bars.add(view.picture.progress)
        assert len(bars) == 30  # the bar moved at each frame
        assert app.sound.lines_asked - asked <= 7, f"the sound line asked {app.sound.lines_asked - asked} times in 3 s"
        assert view.picture.status == "Sound: test" and view.picture.time.startswith("0:08")


async def test_a_frame_that_moves_the_bar_composes_only_the_run_view() -> None:
    # Textual composes an update by asking each widget whose container overlaps it for all of
    # its lines, through the widget's styles (its line filters fetched each time): the screen
    # behind (30 rows) and the key bar (whose container was the screen) cost as much as the
    # run view itself. The screen is blank and covered, and the key bar's container is its row.
    app = _RunApp(TEMPO)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen, clock = app.into_the_lowering()
        await pilot.pause()
        styled: list[str] = []
        for widget in (screen, screen.view, screen.query_one(KeyBar)):
            filters = widget.get_line_filters

            def counted(filters: Callable[[], Sequence[LineFilter]] = filters,
                        name: str = type(widget).__name__) -> Sequence[LineFilter]:
                styled.append(name)
                return filters()

            widget.get_line_filters = counted  # type: ignore[method-assign]
        for _ in range(10):  # a second of the lowering: the bar moves at each frame
            clock.advance(0.1)
            assert screen.frame().segment.phase is Phase.LOWER  # type: ignore[union-attr]
            await pilot.pause()
        assert styled and set(styled) == {"RunView"}, f"composed each frame: {sorted(set(styled))}"


async def test_a_long_walk_out_wakes_when_the_bar_moves_and_is_never_behind_ten_frames_a_second() -> None:
    # A walk-out of a minute moves the bar one half-cell every 0.3 s at this width: frames in
    # between drew the picture before. The screen wakes when the bar as drawn next moves (or the
    # countdown turns), at most ten times a second, so the bar shown is never behind the one a
    # frame every tenth of a second would show.
    app = _RunApp('title = "t"\n[[steps]]\nname = "Walk-out"\nmoves = ["out 60"]\nreps = 1\nlead_in = 3\n')
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen, clock = app.run_screen, app.clock
        view = screen.view
        snap = screen.frame()
        shown: list[tuple[float, int]] = []  # (seconds into the walk-out, half-cells of the bar drawn) a frame
        pictures: list[tuple[int, str]] = []
        while not snap.finished:
            delay = screen.frame_delay(snap)
            assert delay is not None
            clock.advance(delay + 0.001)  # as the screen's own wake does (AFTER_DUE)
            snap = screen.frame()
            if snap.segment is not None and snap.segment.phase is Phase.OUT:
                shown.append((snap.local, view.bar_cells()))
                pictures.append((view.bar_cells(), view.picture.countdown))
        cells = view.size.width * 2
        assert len({drawn for _, drawn in shown}) >= cells - 1  # every half-cell was drawn
        assert len(shown) <= 300, f"{len(shown)} frames for a bar of {cells} half-cells and 60 countdown turns"
        assert all(now != before for before, now in zip(pictures, pictures[1:]))  # each frame drew something new
        for tenth in range(5, 595):  # at each tenth of a second, the bar shown: as it was 0.1 s before or newer
            at = tenth / 10
            drawn = max(drawn for local, drawn in shown if local <= at)
            assert view.bar_cells((at - 0.1) / 60) <= drawn <= view.bar_cells(at / 60), at


LONG_CUE = HOLD.replace('hold = 30', 'hold = 30\ncue = "' + "Brace the trunk, squeeze the glutes, keep the hips level. " * 3 + '"')


async def test_a_long_cue_is_paged_again_for_a_new_width() -> None:
    """Also when its first pages were made before the view had a width (a run's first frame): they
    were not, until something else on the screen changed (a paused run: until a key)."""
    app = _RunApp(LONG_CUE)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.run_screen.view
        assert not view.picture.cue.endswith(")")  # two lines at 100 columns: one page
        await pilot.resize_terminal(40, 30)
        await pilot.pause()
        assert view.picture.cue.endswith(" (1/2)")  # more than three lines at 40 columns: paged


async def test_a_resize_that_keeps_the_views_width_builds_no_picture(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 25 (launch): a run's screen is told its size three times as it starts, the same size each
    time, and built its whole picture again each time, in the frame just after its first."""
    app = _RunApp(LONG_CUE)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.run_screen
        shown: list[object] = []
        monkeypatch.setattr(screen.view, "show", shown.append)
        screen.post_message(events.Resize(screen.size, screen.size))
        await pilot.pause()
        assert shown == []
