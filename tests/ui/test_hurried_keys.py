"""The whole app under hurried keys (Hypothesis): random keys at random moments, from the first get-ready
to the saved record, through the end-the-session question and the summary, on the fake clock.

The engine's own state machine (tests/unit/test_engine_machine.py) holds the run's rules; this one holds
what the runner is left with once the app has passed the keys through its screens and dialogs:

- no key sequence ends the app with an error (Pilot re-raises any);
- what the history keeps on disk is what the run counted, step by step (sets, reps, lost control,
  status), and the summary's title says ended early exactly when the runner ended it;
- a step's reps are every rep the runner was told was done ("rep done", or "set done" for a set's last rep),
  in every attempt at its sets (a set done again after b adds its reps to the first attempt's, as the
  runner did them all), and at most those whose lowering they were guided through to its end (a tempo rep
  counts once lowered, whatever cuts its lift short) and one more for each x pressed on a rep under way
  (that rep counts however it ends: its fall happened);
- no step keeps more sets than it planned (a set done twice is one set), nor more lost reps than reps, nor
  more active time than the clock ran;
- nothing is saved for a run with no rep, hold or set counted and under a second of work (a start taken
  back), and no journal is left behind once it ends;
- a crash at any moment loses nothing counted: while the run is on, the last state the journal was asked
  to write holds every rep and every mark the run counts, set by set (not only those of sets ended).
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, NamedTuple
from unittest import mock

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from textual.pilot import Pilot
from textual.widgets import Input

from hamstride import locations
from hamstride.audio.clips import SoundBank
from hamstride.audio.player import CuePlayer
from hamstride.domain.cues import Cue, CueKind
from hamstride.domain.plan import Timeline
from hamstride.domain.result import RunResult
from hamstride.storage.history import HistoryStore
from hamstride.storage.journal import JournalState, JournalWriter
from hamstride.ui.app import HamstrideApp, OpenRun, Services
from hamstride.ui.screens.confirm import ConfirmScreen
from hamstride.ui.screens.run import RunScreen
from hamstride.ui.screens.summary import SummaryScreen
from hamstride.ui.services import given as given_player
from tests.ui.helpers import RecordingBackend, run_screen
from tests.unit.helpers import FakeClock, session

NOW = datetime(2026, 12, 7, 7, 0, tzinfo=timezone(timedelta(hours=1)))

# Every kind of moment in under a minute: tempo reps with lost control and a rest, a side switch, a hold.
HURRIED = """
title = "Hurried"
[[steps]]
name = "Nordic"
tempo = "2-0-1-0"
reps = 2
sets = 2
rest = 4
eccentric = true
control = true
lead_in = 2
[[steps]]
name = "Single-leg RDL"
tempo = "2-0-1-0"
reps = 1
sides = true
lead_in = 2
[[steps]]
name = "Plank"
hold = 3
lead_in = 2
"""

KEYS = ("space", "n", "b", "enter", "d", "x", "q", "y", "escape", "m", "right", "left")
Action = tuple[str, Any]
ACTIONS = st.lists(st.one_of(st.tuples(st.just("key"), st.sampled_from(KEYS)),
                             st.tuples(st.just("wait"), st.sampled_from([0.2, 0.5, 1.0, 2.5, 6.0]))),
                   max_size=30)


class HeardPlayer(CuePlayer):
    """The app's player, keeping every cue the run screen handed it (it plays the most important of each
    batch: the rest were due all the same)."""

    def __init__(self) -> None:
        super().__init__(SoundBank(locations.sounds()), [RecordingBackend()], threaded=False)
        self.due: list[Cue] = []

    def play_cues(self, cues: Sequence[Cue]) -> Cue | None:
        self.due.extend(cues)
        return super().play_cues(cues)


def reps_told(due: list[Cue], timeline: Timeline) -> dict[int, int]:
    """Step by step, the reps the runner was told were done: each "rep done", and each "set done" that
    ended a rep, that fell due (the very cues of the plan's segments, told apart by identity)."""
    step_of = {id(cue): segment.step_index for segment in timeline.segments if segment.ends_rep
               for cue in segment.cues if cue.kind in (CueKind.REP_DONE, CueKind.SET_DONE)}
    told: dict[int, int] = {}
    for cue in due:
        if id(cue) in step_of:
            told[step_of[id(cue)]] = told.get(step_of[id(cue)], 0) + 1
    return told


def reps_lowered(due: list[Cue], timeline: Timeline) -> dict[int, int]:
    """Step by step, the reps the runner was guided through to the phase they count at: a tempo rep's lowering
    (its end is the next phase's first cue), else the rep's last phase ("rep done", "set done")."""
    segments = timeline.segments
    step_of = {id(cue): segment.step_index for segment in segments if segment.counts_rep and segment.ends_rep
               for cue in segment.cues if cue.kind in (CueKind.REP_DONE, CueKind.SET_DONE)}
    step_of |= {id(cue): segment.step_index for segment in segments if segment.counts_rep and not segment.ends_rep
                for cue in segments[segment.position + 1].cues if cue.at == 0.0}
    lowered: dict[int, int] = {}
    for cue in due:
        if id(cue) in step_of:
            lowered[step_of[id(cue)]] = lowered.get(step_of[id(cue)], 0) + 1
    return lowered


async def _wait(app: HamstrideApp, clock: FakeClock, pilot: Pilot[Any], seconds: float) -> None:
    """Time passing as the app sees it: a frame every half second while the run is on screen."""
    for _ in range(max(1, round(seconds / 0.5))):
        clock.advance(min(0.5, seconds))
        screen = app.screen
        if isinstance(screen, RunScreen):
            screen.frame()
    await pilot.pause()


class Walked(NamedTuple):
    result: RunResult | None
    store: HistoryStore
    title: str  # the summary's
    ran: float  # seconds on the clock
    told: dict[int, int]  # step -> reps the runner was told were done
    lowered: dict[int, int]  # step -> reps guided to the phase they count at (a tempo rep's lowering)
    marked: dict[int, int]  # step -> x pressed on a rep under way ("Rep 2 marked: control lost. It still counts.")


def _journal_holds_the_run(app: HamstrideApp, journalled: list[JournalState]) -> None:
    """What a kill -9 now would leave: the last state put to the journal's writer, as the run stands."""
    flow = app.flow
    if flow is None or not flow.running or not journalled or flow.screen.engine.finished:
        return
    engine = flow.screen.engine
    last = journalled[-1]
    assert [(d.step, d.side, d.set, d.reps, d.lost, d.complete) for d in last.sets] == \
        [(d.step, d.side, d.set, d.reps, d.lost, d.complete) for d in engine.sets_done()], "a crash now loses work"
    assert last.record.eccentric_reps == engine.result().eccentric_reps


async def _walk(actions: list[Action], folder: Path) -> Walked:
    journalled: list[JournalState] = []
    put = JournalWriter.put

    def journal(writer: JournalWriter, state: JournalState) -> None:
        journalled.append(state)
        put(writer, state)

    with mock.patch.object(JournalWriter, "put", journal):
        return await _walk_journalled(actions, folder, journalled)


async def _walk_journalled(actions: list[Action], folder: Path,
                           journalled: list[JournalState]) -> Walked:
    clock = FakeClock()
    store = HistoryStore(folder / "history", lambda: NOW)
    player = HeardPlayer()
    app = HamstrideApp(OpenRun(session(HURRIED)),
                       services=Services(clock=clock, wall=lambda: NOW, player=given_player(player), store=store))
    started = clock.now
    title = ""
    marked: dict[int, int] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline = run_screen(app).timeline
        for kind, value in actions:
            if isinstance(app.screen, SummaryScreen):
                break
            if kind == "key":
                if value == "x" and isinstance(app.screen, RunScreen):
                    engine = run_screen(app).engine
                    under_way = engine.lost_control_rep()
                    if under_way is not None and under_way is engine.current:
                        marked[under_way.step_index] = marked.get(under_way.step_index, 0) + 1
                await pilot.press(value)
            else:
                await _wait(app, clock, pilot, value)
            _journal_holds_the_run(app, journalled)
        # The runner then ends it: a question left open is answered no, and q, y ends the run.
        for _ in range(3):
            if isinstance(app.screen, ConfirmScreen):
                await pilot.press("n")
            if isinstance(app.screen, RunScreen):
                await pilot.press("q", "y")
            await app.workers.wait_for_complete()
            await pilot.pause()
        summary = app.screen
        if isinstance(summary, SummaryScreen):
            title = str(summary.query_one("#summary-title").render())
            await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
    return Walked(app.result, store, title, clock.now - started, reps_told(player.due, timeline),
                  reps_lowered(player.due, timeline), marked)


# The case that made "no step keeps more reps than planned" untrue: rep 1 of the Nordics marked lost, set 1
# done, b in the rest, and a redo of set 1 left after one rep. The runner lowered three times, one of them
# lost; the record kept the first attempt alone (2 reps), and a redo done whole kept the redo alone (0 lost).
REDONE: list[Action] = [("wait", 6.0), ("key", "x"), ("wait", 6.0), ("key", "b"), ("wait", 6.0), ("wait", 2.5)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions=ACTIONS)
@example(actions=REDONE)
@example(actions=[*REDONE, ("wait", 2.5)])  # the redo done whole
# Found by the property: a lowering paused, its second worked not journalled (a crash lost the 48 h).
@example(actions=[("wait", 6.0), ("key", "space"), ("key", "space")])
# A Nordic rep, x a second into the second lowering, then q, "Keep going": the fall is journalled, and counted.
@example(actions=[("wait", 5.0), ("wait", 4.0), ("key", "x"), ("key", "q"), ("key", "n"), ("wait", 2.5)])
def test_what_the_history_keeps_is_what_the_run_counted_whatever_the_keys(actions: list[Action]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        result, store, title, ran, told, lowered, marked = asyncio.run(_walk(actions, Path(folder)))
        records = store.load().records
        journals = list(store.journals.folder.glob("*.toml")) if store.journals.folder.exists() else []
    assert result is not None, "the run ended without a result"
    planned = session(HURRIED)
    for step, done in zip(planned.steps, result.steps, strict=True):
        sides = 2 if step.sides else 1
        assert done.sets_done <= step.sets * sides, done
        # Every rep told done, and at most those lowered whole and one more for each x on a rep under way: that
        # rep counts however it ends (its fall happened); one cut short in its lift never hears its "rep done".
        told_here, marked_here = told.get(done.index, 0), marked.get(done.index, 0)
        assert told_here <= done.reps_done <= lowered.get(done.index, 0) + marked_here, \
            f"{done.name}: told {told}, lowered {lowered}, marked under way {marked}, recorded {done.reps_done}"
        assert done.reps_lost_control <= done.reps_done, done
    assert result.active_seconds <= ran + 1e-6
    assert ("ended early" in title.lower()) == result.ended_early, title
    assert journals == []
    worked = any(s.sets_done or s.reps_done or s.active_seconds >= 1.0 for s in result.steps)
    if not worked:
        assert not records, "a run in which nothing was done was saved"
        return
    assert len(records) == 1
    kept = records[0]
    assert kept.ended_early == result.ended_early and kept.completed == result.completed
    assert [(s.name, s.status, s.sets_done, s.reps_done, s.reps_lost_control) for s in kept.steps] == \
        [(s.name, s.status, s.sets_done, s.reps_done, s.reps_lost_control) for s in result.steps]
    assert abs(kept.active_seconds - result.active_seconds) < 1.0


async def test_q_two_tenths_into_the_first_lowering_says_nothing_was_saved(tmp_path: Path) -> None:
    """The case the property found first: `n` over the get-ready, then `q`, `y` 0.2 s into the lowering."""
    clock = FakeClock()
    store = HistoryStore(tmp_path / "history", lambda: NOW)
    player = CuePlayer(SoundBank(locations.sounds()), [RecordingBackend()], threaded=False)
    app = HamstrideApp(OpenRun(session(HURRIED)),
                       services=Services(clock=clock, wall=lambda: NOW, player=given_player(player), store=store))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await _wait(app, clock, pilot, 0.2)
        await pilot.press("q", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert "Nothing was done, so nothing was saved" in str(summary.query_one("#summary-saved").render())
    assert not store.load().records


TINY = """
title = "Tiny"
[[steps]]
name = "Plank"
hold = 2
lead_in = 1
"""
SUMMARY_KEYS = ("1", "3", "7", "0", "5", "a", "backspace", "enter", "tab", "shift+tab", "escape", "ctrl+s", "space")


def _answer(text: str, low: int) -> int | None:
    """What a field's text answers: a whole number in the question's range, else nothing."""
    text = text.strip()
    return int(text) if text.isdigit() and low <= int(text) <= 10 else None


async def _summary_walk(keys: list[str], folder: Path) -> tuple[tuple[int | None, int | None], HistoryStore]:
    clock = FakeClock()
    store = HistoryStore(folder / "history", lambda: NOW)
    player = CuePlayer(SoundBank(locations.sounds()), [RecordingBackend()], threaded=False)
    app = HamstrideApp(OpenRun(session(TINY)),
                       services=Services(clock=clock, wall=lambda: NOW, player=given_player(player), store=store))
    typed: tuple[int | None, int | None] = (None, None)
    async with app.run_test(size=(80, 24)) as pilot:
        while isinstance(app.screen, RunScreen):
            await _wait(app, clock, pilot, 1.0)
        await app.workers.wait_for_complete()
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        for key in keys:
            if app.screen is not summary:
                break
            # What the two answers read as the key is pressed: the last of these is what the runner left.
            typed = (_answer(summary.query_one("#rpe", Input).value, 1),
                     _answer(summary.query_one("#soreness", Input).value, 0))
            await pilot.press(key)
        if app.screen is summary:  # the runner walks away: escape
            typed = (_answer(summary.query_one("#rpe", Input).value, 1),
                     _answer(summary.query_one("#soreness", Input).value, 0))
            await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
    return typed, store


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(keys=st.lists(st.sampled_from(SUMMARY_KEYS), max_size=14))
def test_an_answer_typed_on_the_summary_is_kept_however_the_runner_leaves_it(keys: list[str]) -> None:
    """Soreness is what the coach reads before the next eccentric session: a valid answer in its field
    when the runner leaves the summary (Save, Enter on the note, or escape) is the answer kept."""
    with tempfile.TemporaryDirectory() as folder:
        typed, store = asyncio.run(_summary_walk(keys, Path(folder)))
        records = store.load().records
    assert len(records) == 1
    assert (records[0].rpe, records[0].soreness) == typed, keys
