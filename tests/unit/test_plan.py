from __future__ import annotations

from hamstride.domain.cues import AT_END, CueKind
from hamstride.domain.model import Side
from hamstride.domain.plan import Phase, build_timeline
from tests.unit.helpers import session

NORDICS = """
title = "Nordics"
[[steps]]
name = "Nordic"
tempo = "5-0-1-0"
reps = 5
sets = 3
rest = 90
eccentric = true
"""


def test_three_sets_of_five_nordics_exact_duration_and_offsets() -> None:
    timeline = build_timeline(session(NORDICS))
    # 5 s get-ready + 3 sets x 5 reps x (5 s lower + 1 s lift) + 2 rests x 90 s
    assert timeline.total == 5 + 3 * 5 * 6 + 2 * 90 == 275
    phases = [s.phase for s in timeline.segments]
    assert phases[:3] == [Phase.GET_READY, Phase.LOWER, Phase.LIFT]
    assert phases.count(Phase.LOWER) == 15 and phases.count(Phase.REST) == 2
    rests = [s for s in timeline.segments if s.phase is Phase.REST]
    assert [r.start for r in rests] == [35.0, 155.0]  # after 5 + 30, and 35 + 90 + 30
    last = timeline.segments[-1]
    assert last.duration is not None and last.start + last.duration == 275
    assert sum(s.estimate for s in timeline.segments) == timeline.total
    for before, after in zip(timeline.segments, timeline.segments[1:]):
        assert after.start == before.start + before.estimate


def test_lowering_counts_each_tempo_second() -> None:
    lower = build_timeline(session(NORDICS)).segments[1]
    assert [(c.kind, c.at, c.number) for c in lower.cues] == [
        (CueKind.LOWER, 0.0, None), (CueKind.TICK, 1.0, 1), (CueKind.TICK, 2.0, 2),
        (CueKind.TICK, 3.0, 3), (CueKind.TICK, 4.0, 4)]


def test_rep_set_and_session_cues_fall_at_the_ends() -> None:
    segments = build_timeline(session(NORDICS)).segments
    lifts = [s for s in segments if s.phase is Phase.LIFT]
    assert [c.kind for c in lifts[0].cues] == [CueKind.LIFT, CueKind.REP_DONE]
    assert lifts[0].cues[1].at == 1.0
    # The fifth rep ends the set: "set done", not "rep done" as well.
    assert [c.kind for c in lifts[4].cues] == [CueKind.LIFT, CueKind.SET_DONE]
    assert [c.kind for c in lifts[-1].cues] == [CueKind.LIFT, CueKind.SET_DONE, CueKind.SESSION_DONE]
    last_rep_lower = [s for s in segments if s.phase is Phase.LOWER][4]
    assert CueKind.LAST_REP in [c.kind for c in last_rep_lower.cues]
    assert all(s.ends_rep for s in lifts) and [s.ends_set for s in lifts].count(True) == 3


def test_get_ready_and_rest_count_down_the_last_three_seconds() -> None:
    segments = build_timeline(session(NORDICS)).segments
    ready = segments[0]
    assert [(c.kind, c.at, c.number) for c in ready.cues] == [
        (CueKind.GET_READY, 0.0, None), (CueKind.COUNT, 2.0, 3), (CueKind.COUNT, 3.0, 2),
        (CueKind.COUNT, 4.0, 1)]
    rest = next(s for s in segments if s.phase is Phase.REST)
    assert [(c.kind, c.at) for c in rest.cues] == [
        (CueKind.REST, 0.0), (CueKind.REST_ALMOST_OVER, 80.0), (CueKind.COUNT, 87.0),
        (CueKind.COUNT, 88.0), (CueKind.COUNT, 89.0)]


def test_long_hold_has_a_halfway_cue() -> None:
    timeline = build_timeline(session('title = "t"\n[[steps]]\nname = "Plank"\nhold = 30\n'))
    hold = timeline.segments[1]
    assert (hold.phase, hold.duration) == (Phase.HOLD, 30)
    assert [(c.kind, c.at) for c in hold.cues] == [
        (CueKind.HOLD, 0.0), (CueKind.HALFWAY, 15.0), (CueKind.COUNT, 27.0), (CueKind.COUNT, 28.0),
        (CueKind.COUNT, 29.0), (CueKind.SET_DONE, 30.0), (CueKind.SESSION_DONE, 30.0)]


def test_per_side_sets_alternate_with_a_switch() -> None:
    text = 'title = "t"\n[[steps]]\nname = "RDL"\ntempo = "3-1-1-0"\nreps = 2\nsets = 2\nrest = 45\nsides = true\n'
    segments = build_timeline(session(text)).segments
    shape = [(s.phase.value, s.set, s.side.value if s.side else None) for s in segments
             if s.phase in (Phase.GET_READY, Phase.SWITCH_SIDE, Phase.REST) or s.phase is Phase.LOWER]
    assert shape == [
        ("get-ready", 1, "left"), ("lower", 1, "left"), ("lower", 1, "left"),
        ("switch-side", 1, "right"), ("lower", 1, "right"), ("lower", 1, "right"),
        ("rest", 1, "left"),
        ("lower", 2, "left"), ("lower", 2, "left"),
        ("switch-side", 2, "right"), ("lower", 2, "right"), ("lower", 2, "right")]
    switch = next(s for s in segments if s.phase is Phase.SWITCH_SIDE)
    assert switch.cues[0].kind is CueKind.SWITCH_SIDES and switch.side is Side.RIGHT


def test_pnf_cycles() -> None:
    text = 'title = "t"\n[[steps]]\nname = "PNF"\nkind = "pnf"\nlead_in = 0\n' \
           'pnf = { prestretch = 10, contract = 6, relax = 3, stretch = 25, cycles = 2 }\n'
    timeline = build_timeline(session(text))
    assert [(s.phase.value, s.duration, s.rep) for s in timeline.segments] == [
        ("get-ready", 5, None), ("stretch", 10, None), ("contract", 6, 1), ("relax", 3, 1), ("stretch", 25, 1),
        ("contract", 6, 2), ("relax", 3, 2), ("stretch", 25, 2)]
    assert timeline.total == 5 + 10 + 2 * 34
    assert timeline.segments[4].reps == 2


def test_every_step_starts_with_a_get_ready_of_five_seconds_or_its_longer_lead_in() -> None:
    text = ('title = "t"\nlead_in = 0\n[[steps]]\nname = "Skips"\nduration = 20\n'
            '[[steps]]\nname = "Breather"\nkind = "rest"\nduration = 30\n'
            '[[steps]]\nname = "Nordic"\ntempo = "4-0-1-0"\nreps = 3\nlead_in = 8\n')
    timeline = build_timeline(session(text))
    firsts = [timeline.segments[i] for i in timeline.step_starts]
    # From the laptop back to the mat: never straight into work. A rest step needs none.
    assert [(s.phase.value, s.duration) for s in firsts] == [("get-ready", 5), ("rest", 30), ("get-ready", 8)]


def test_self_paced_set_is_open_ended_with_an_estimate() -> None:
    timeline = build_timeline(session('title = "t"\n[[steps]]\nname = "Lunges"\nreps = 10\nrep_seconds = 4\n'))
    work = timeline.segments[1]
    assert work.open_ended and work.estimate == 40
    assert timeline.total == 5 + 40
    assert [(c.kind, c.at) for c in work.cues] == [
        (CueKind.GO, 0.0), (CueKind.SET_DONE, AT_END), (CueKind.SESSION_DONE, AT_END)]


def test_holds_with_a_pause_between_reps() -> None:
    text = 'title = "t"\n[[steps]]\nname = "Bird dog"\nhold = 8\nreps = 3\nbetween = 2\nlead_in = 0\n'
    timeline = build_timeline(session(text))
    assert [(s.phase.value, s.duration, s.rep) for s in timeline.segments] == [
        ("get-ready", 5, None), ("hold", 8, 1), ("relax", 2, 1), ("hold", 8, 2), ("relax", 2, 2), ("hold", 8, 3)]


def test_next_work_skips_transitions() -> None:
    timeline = build_timeline(session(NORDICS))
    nxt = timeline.next_work(0)
    assert nxt is not None and nxt.phase is Phase.LOWER
    rest_index = next(s.position for s in timeline.segments if s.phase is Phase.REST)
    after_rest = timeline.next_work(rest_index)
    assert after_rest is not None and (after_rest.set, after_rest.rep) == (2, 1)


def test_step_planned_seconds_match_the_timeline() -> None:
    from hamstride import locations
    from hamstride.storage.library import load_library

    for built_in in load_library(locations.builtin_sessions(), None).sessions:
        timeline = build_timeline(built_in)
        for index, step in enumerate(built_in.steps):
            first, end = timeline.step_starts[index], timeline.step_end(index)
            assert abs(step.planned_seconds() - sum(s.estimate for s in timeline.segments[first:end])) < 1e-9


def test_the_planned_seconds_are_the_timelines_total_for_every_built_in_session_and_week() -> None:
    """The home list's durations skip the cues and segments: they must come to the timeline's total."""
    from hamstride import locations
    from hamstride.domain.plan import planned_seconds
    from hamstride.storage.loader import load_session

    checked = 0
    for path in sorted(locations.builtin_sessions().glob("*.toml")):
        built_in = load_session(path)
        for week in range(1, built_in.total_weeks + 1) if built_in.total_weeks else [None]:
            planned = built_in.for_week(week) if week is not None else built_in
            assert planned_seconds(planned) == build_timeline(planned).total, (path.name, week)
            checked += 1
    assert checked >= 16
    self_paced = session('title = "Open"\n[[steps]]\nname = "Calf raises"\nreps = 12\nsets = 2\nrest = 30\n'
                         'sides = true\n')
    assert planned_seconds(self_paced) == build_timeline(self_paced).total > 0
