"""Properties over generated sessions: whatever a valid file says, the plan adds up
and a full run reports every planned cue exactly once, however the ticks fall."""

from __future__ import annotations

from typing import Any

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from hamstride.domain.cues import Cue
from hamstride.domain.engine import Engine
from hamstride.domain.kinds import KINDS
from hamstride.domain.plan import build_timeline
from hamstride.domain.record import Record
from hamstride.storage.loader import parse_session
from tests.unit.helpers import FakeClock

seconds = st.integers(min_value=1, max_value=40) | st.floats(min_value=0.5, max_value=40, allow_nan=False)
small = st.integers(min_value=1, max_value=3)


def _common(draw: st.DrawFn) -> dict[str, Any]:
    step: dict[str, Any] = {"name": draw(st.text(min_size=1, max_size=20).filter(str.strip).filter(str.isprintable))}
    sets = draw(small)
    if sets > 1:
        step["sets"] = sets
        step["rest"] = draw(st.integers(min_value=0, max_value=90))
    if draw(st.booleans()):
        step["sides"] = True
    if draw(st.booleans()):
        step["lead_in"] = draw(st.integers(min_value=0, max_value=10))
    return step


def _timed(draw: st.DrawFn, step: dict[str, Any]) -> None:
    step["duration"] = draw(seconds)


def _hold(draw: st.DrawFn, step: dict[str, Any]) -> None:
    step["hold"] = draw(seconds)
    step["reps"] = draw(small)


def _tempo(draw: st.DrawFn, step: dict[str, Any]) -> None:
    parts = [draw(st.integers(1, 6)), draw(st.integers(0, 3)), draw(st.sampled_from(["X", "0", "1", "2"])),
             draw(st.integers(0, 2))]
    step["tempo"] = "-".join(map(str, parts))
    sets = step.get("sets", 1)
    # Reps the same every set, or one count per set (12, 10, 8 style).
    step["reps"] = draw(st.integers(1, 6) | st.lists(st.integers(1, 6), min_size=sets, max_size=sets))
    step["eccentric"] = draw(st.booleans())


def _reps(draw: st.DrawFn, step: dict[str, Any]) -> None:
    step["reps"] = draw(st.integers(1, 5))


def _pnf(draw: st.DrawFn, step: dict[str, Any]) -> None:
    step["kind"] = "pnf"
    step["pnf"] = {"prestretch": draw(st.integers(0, 10)), "contract": draw(st.integers(1, 8)),
                   "relax": draw(st.integers(0, 4)), "stretch": draw(st.integers(1, 30)),
                   "cycles": draw(st.integers(1, 3))}


def _rest(draw: st.DrawFn, step: dict[str, Any]) -> None:
    step["kind"] = "rest"
    step["duration"] = draw(seconds)
    step.pop("sides", None)  # a rest has no sides


# How to write a step of each kind: every kind in the registry must have one (checked below).
WRITERS = {"timed": _timed, "hold": _hold, "tempo": _tempo, "reps": _reps, "pnf": _pnf, "rest": _rest}


def test_every_registered_kind_is_generated() -> None:
    assert sorted(WRITERS) == sorted(kind.name for kind in KINDS)


@st.composite
def steps(draw: st.DrawFn) -> dict[str, Any]:
    step = _common(draw)
    kind = draw(st.sampled_from(KINDS))
    WRITERS[kind.name](draw, step)
    return step


sessions = st.builds(
    lambda steps, lead_in: tomli_w.dumps({"title": "Generated", "lead_in": lead_in, "steps": steps}),
    st.lists(steps(), min_size=1, max_size=5), st.integers(min_value=0, max_value=8),
)


@settings(max_examples=150, deadline=None)
@given(text=sessions)
def test_any_valid_session_plans_and_adds_up(text: str) -> None:
    timeline = build_timeline(parse_session(text, file="gen.toml", name="gen"))
    assert timeline.segments
    assert abs(timeline.total - sum(s.estimate for s in timeline.segments)) < 1e-6
    for before, after in zip(timeline.segments, timeline.segments[1:]):
        assert abs(after.start - (before.start + before.estimate)) < 1e-6
    assert all(s.duration is None or s.duration > 0 for s in timeline.segments)
    for segment in timeline.segments:
        limit = segment.duration if segment.duration is not None else float("inf")
        assert all(0 <= c.at <= limit for c in segment.cues)


@settings(max_examples=100, deadline=None)
@given(text=sessions, ticks=st.lists(st.floats(min_value=0.05, max_value=25), min_size=1, max_size=12),
       runner=st.lists(st.sampled_from(["rep", "set"]), min_size=1, max_size=5))
def test_every_cue_fires_exactly_once_whatever_the_ticks(text: str, ticks: list[float], runner: list[str]) -> None:
    clock = FakeClock()
    engine = Engine(build_timeline(parse_session(text, file="gen.toml", name="gen")), clock=clock)
    engine.start()
    fired: list[Cue] = list(engine.tick().cues)
    turn = 0
    while not engine.finished:
        segment = engine.current
        assert segment is not None
        if segment.open_ended:  # the runner ends self-paced sets, by counting or by hand
            engine.count_rep() if runner[turn % len(runner)] == "rep" else engine.finish_set()
        else:
            clock.advance(ticks[turn % len(ticks)])
        fired.extend(engine.tick().cues)
        turn += 1
        assert turn < 100_000
    planned = [c for s in engine.timeline.segments for c in s.cues]
    # Reps the runner counts raise their own numbered cue; every other cue is planned.
    from_plan = [c for c in fired if not (c.kind.value == "rep_done" and c.number is not None)]
    assert sorted(map(repr, from_plan)) == sorted(map(repr, planned))
    result = engine.result()
    # Complete only when every work step was done: a self-paced set marked done with no rep is not.
    every_step_done = all(s.status.value == "done" for s in result.steps if not s.kind.is_break)
    assert result.completed == every_step_done
    if "set" not in runner:
        assert result.completed
    if not any(s.open_ended for s in engine.timeline.segments):
        assert abs(result.elapsed_seconds - engine.timeline.total) < 1e-3


@settings(max_examples=60, deadline=None)
@given(text=sessions, stop_after=st.floats(min_value=0, max_value=400), offset_minutes=st.integers(-720, 840))
def test_any_run_survives_the_trip_through_a_history_file(text: str, stop_after: float, offset_minutes: int) -> None:
    import tomllib
    from datetime import datetime, timedelta, timezone

    from hamstride.domain.record import record_from_result
    from hamstride.storage.record_table import from_table, to_table

    clock = FakeClock()
    engine = Engine(build_timeline(parse_session(text, file="gen.toml", name="gen")), clock=clock)
    engine.start()
    clock.advance(stop_after)
    engine.tick()
    engine.finish_early()
    result = engine.result()
    started = datetime(2026, 3, 29, 1, 30, tzinfo=timezone(timedelta(minutes=offset_minutes)))
    record = record_from_result(result, id="gen", started=started, ended=started + timedelta(seconds=stop_after))

    def trip(value: Record) -> Record:
        return from_table(tomllib.loads(tomli_w.dumps({"session": [to_table(value)]}))["session"][0])

    once = trip(record)
    assert trip(once) == once  # stable after the first trip (seconds are kept to a tenth)
    assert once.started == started and once.day == started.date()
    assert [s.reps_done for s in once.steps] == [s.reps_done for s in record.steps]
    assert [s.status for s in once.steps] == [s.status for s in record.steps]
    assert once.eccentric_reps == record.eccentric_reps
