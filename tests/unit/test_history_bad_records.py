"""A month that parses but holds a value the record reader refuses: never rewritten, and no session lost.

The month's bytes stay as they are (moved aside before a save, as a month that does not parse is),
the session being saved lands in a new month with the sessions that could be read, and the runner
is told the file, the line, the key and what to mend.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamstride.storage.history import HistoryStore, month_text
from hamstride.storage.record_table import to_table
from tests.unit.helpers import make_record

PARIS = timezone(timedelta(hours=1))
FIXED = datetime(2026, 11, 24, 18, 30, tzinfo=PARIS)


def store(folder: Path, cache: Path | None = None) -> HistoryStore:
    return HistoryStore(folder, lambda: FIXED, cache=cache)


def day(n: int) -> datetime:
    return datetime(2026, 11, n, 7, tzinfo=PARIS)


def set_aside(folder: Path) -> list[Path]:
    return sorted(folder.glob("2026-11.toml.corrupt-*"))


def spoil(table: dict[str, Any], where: str, value: object) -> None:
    """One value of a session table replaced: at the top, in its readiness, or in a step's side."""
    if where == "readiness":
        table["readiness"] = {"soreness": 2, "mood": value}  # a key the reader refuses
    elif where == "side":
        table["step"][0]["side"][0]["reps"] = value
    elif where == "step":
        table["step"][0]["status"] = value
    else:
        table[where] = value


CASES = [("rpe", "seven"), ("week", -1), ("soreness", 3.5), ("first_side", "up"), ("readiness", "good"),
         ("side", -15), ("step", "nearly"), ("id", 7), ("started", "yesterday")]


@pytest.mark.parametrize(("where", "value"), CASES)
@pytest.mark.parametrize("cached", [False, True])
def test_a_month_with_an_unreadable_value_is_never_rewritten_and_the_new_session_is_saved(
        tmp_path: Path, where: str, value: object, cached: bool) -> None:
    folder = tmp_path / "history"
    folder.mkdir()
    cache = tmp_path / "cache" if cached else None
    good, bad = to_table(make_record(day(1))), to_table(make_record(day(2), rpe=7))
    spoil(bad, where, value)
    month = folder / "2026-11.toml"
    month.write_text(month_text([good, bad]))
    before = month.read_bytes()
    shown_before = {r.id for r in store(folder, cache).load().records}  # the cache knows the month, with its problem

    store(folder, cache).save(make_record(day(3), record_id="new"))

    [aside] = set_aside(folder)
    assert aside.read_bytes() == before  # byte for byte, moved out of the way
    after = store(folder, cache).load()
    ids = {r.id for r in after.records}
    assert "new" in ids  # the new session is not lost
    assert shown_before <= ids  # nor any session the coach counted before the save
    assert after.problems == ()  # the new month reads clean: the next save adds to it
    store(folder, cache).save(make_record(day(4), record_id="newer"))
    assert set_aside(folder) == [aside]
    assert {"new", "newer"} <= {r.id for r in store(folder, cache).load().records}


def test_a_month_with_a_bad_value_says_it_will_be_moved_aside_and_how_to_mend_it(tmp_path: Path) -> None:
    good, bad = to_table(make_record(day(1))), to_table(make_record(day(2)))
    bad["rpe"] = "seven"
    (tmp_path / "2026-11.toml").write_text(month_text([good, bad]))
    problems = " ".join(store(tmp_path).load().problems)
    assert "moved aside" in problems and "unchanged" in problems


def test_a_month_whose_only_problem_is_a_mended_time_is_still_added_to(tmp_path: Path) -> None:
    """A session dated in the future (a clock set days fast) is read whole: its month stays in use."""
    table = to_table(make_record(day(2)))
    table["ended"] = day(1)  # before its start: mended on reading, nothing refused
    month = tmp_path / "2026-11.toml"
    month.write_text(month_text([table]))
    store(tmp_path).save(make_record(day(3), record_id="new"))
    assert set_aside(tmp_path) == []
    assert month.read_text().endswith("# 2 sessions in this file\n")


BAD_VALUES = st.one_of(st.text(max_size=5), st.integers(min_value=-10**6, max_value=-1),
                       st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: f != int(f)),
                       st.booleans(), st.lists(st.integers(), max_size=2))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(count=st.integers(1, 4), which=st.integers(0, 3),
       key=st.sampled_from(["rpe", "soreness", "week", "first_side", "category", "status", "maintenance",
                            "elapsed_seconds", "readiness", "side", "step"]),
       value=BAD_VALUES)
def test_saving_never_changes_a_month_with_one_bad_value_nor_loses_the_session(
        tmp_path_factory: pytest.TempPathFactory, count: int, which: int, key: str, value: object) -> None:
    """Invariant, for any month with one corrupted value: a save keeps its bytes unchanged (set aside
    when the reader refused the value), the history afterwards holds exactly the sessions counted
    before and the new one, and the month saved into reads without a problem."""
    folder = tmp_path_factory.mktemp("history")
    tables = [to_table(make_record(day(n + 1))) for n in range(count)]
    spoil(tables[which % count], key, value)
    month = folder / "2026-11.toml"
    month.write_text(month_text(tables))
    before = month.read_bytes()
    loaded = store(folder).load()
    store(folder).save(make_record(day(20), record_id="new"))
    kept = [path.read_bytes() for path in (month, *set_aside(folder))]
    if loaded.problems:  # a value the reader refused (some spoilt values are good ones: a float of seconds)
        assert before in kept
    after = store(folder).load()
    assert {r.id for r in loaded.records} | {"new"} == {r.id for r in after.records}  # nothing lost, nothing made up
    assert after.problems == ()  # and the month saved into reads whole


# -- the line to mend ------------------------------------------------------------------------------

def month_with(change: tuple[str, str]) -> str:
    """A month of two sessions as hamstride writes it, one line of the second changed by hand."""
    text = month_text([to_table(make_record(day(1), rpe=7)), to_table(make_record(day(2), rpe=7, soreness=2))])
    old, new = change
    head, tail = text.rsplit("\n[[session]]\n", 1)
    assert old in tail
    return head + "\n[[session]]\n" + tail.replace(old, new, 1)


@pytest.mark.parametrize(("change", "written", "key"), [
    (("rpe = 7", 'rpe = "seven"'), 'rpe = "seven"', "key 'rpe'"),
    (('status = "done"', 'status = "nearly"'), 'status = "nearly"', "step 1: key 'status'"),
    (("reps = 10,", "reps = -15,"), "reps = -15,", "step 1: key 'reps'"),
    (("soreness = 2", "soreness = 2\nreadiness = { soreness = 2, mood = 3 }"), "readiness = {", "key 'readiness'"),
    (('id = "r20261102070000"', "id = 7"), "id = 7", "key 'id'"),
    (("started = 2026-11-02 07:00:00+01:00", 'started = "yesterday"'), 'started = "yesterday"', "key 'started'"),
])
def test_a_refused_value_is_named_by_file_line_and_key_with_a_fix(
        tmp_path: Path, change: tuple[str, str], written: str, key: str) -> None:
    text = month_with(change)
    (tmp_path / "2026-11.toml").write_text(text)
    line = next(n for n, each in enumerate(text.split("\n"), 1) if written in each)
    [problem] = store(tmp_path).load().problems
    assert f"2026-11.toml, line {line}: session 2" in problem
    assert key in problem
    assert f"To fix it, correct the value on line {line}" in problem


def test_a_bad_answer_in_a_readiness_table_is_named_at_its_own_line(tmp_path: Path) -> None:
    """Walked: `soreness = "two"` under [session.readiness] was said to be on the [[session]] line, as
    'key soreness', and the fix said to correct "or delete that line": the session's header."""
    from hamstride.domain.record import Readiness

    record = make_record(day(2), readiness=Readiness(soreness=2, key_run=False))
    text = month_text([to_table(make_record(day(1))), to_table(record)])
    head, tail = text.rsplit("\n[[session]]\n", 1)
    assert "[session.readiness]\nsoreness = 2" in tail
    text = head + "\n[[session]]\n" + tail.replace("[session.readiness]\nsoreness = 2",
                                                     '[session.readiness]\nsoreness = "two"', 1)
    (tmp_path / "2026-11.toml").write_text(text)
    line = next(n for n, each in enumerate(text.split("\n"), 1) if each == 'soreness = "two"')
    [problem] = store(tmp_path).load().problems
    assert f"2026-11.toml, line {line}: session 2" in problem
    assert "readiness: key 'soreness'" in problem
    assert f"To fix it, correct the value on line {line}" in problem


def test_a_value_of_the_wrong_type_says_the_range_it_must_be_in(tmp_path: Path) -> None:
    (tmp_path / "2026-11.toml").write_text(month_with(("rpe = 7", 'rpe = "seven"')))
    [problem] = store(tmp_path).load().problems
    assert "key 'rpe': must be a whole number from 1 to 10" in problem


def test_a_missing_key_is_placed_at_its_session_and_the_fix_says_to_add_it(tmp_path: Path) -> None:
    text = month_text([to_table(make_record(day(1))), to_table(make_record(day(2)))])
    text = text.replace('session = "early-week-strength"\n', "", 2)
    (tmp_path / "2026-11.toml").write_text(text)
    headers = [n for n, each in enumerate(text.split("\n"), 1) if each == "[[session]]"]
    problems = store(tmp_path).load().problems
    for number, (line, problem) in enumerate(zip(headers, problems, strict=True), 1):
        assert f"line {line}: session {number}" in problem and "key 'session'" in problem
        assert "add that key" in problem


def test_a_month_cut_short_with_a_bad_value_is_set_aside_once_and_the_new_month_reads_clean(tmp_path: Path) -> None:
    good, bad = to_table(make_record(day(1))), to_table(make_record(day(2)))
    bad["rpe"] = "seven"
    month = tmp_path / "2026-11.toml"
    cut = month_text([good, bad]).removesuffix("\n# 2 sessions in this file\n")
    month.write_text(cut)
    store(tmp_path).save(make_record(day(3), record_id="new"))
    [aside] = set_aside(tmp_path)
    assert aside.read_text() == cut
    after = store(tmp_path).load()
    assert {r.id for r in after.records} == {good["id"], bad["id"], "new"} and after.problems == ()


def test_the_save_that_sets_a_month_aside_says_where_it_went(tmp_path: Path) -> None:
    from hamstride.ui.run_flow import saved_text, set_aside_text

    good, bad = to_table(make_record(day(1))), to_table(make_record(day(2)))
    bad["rpe"] = "seven"
    (tmp_path / "2026-11.toml").write_text(month_text([good, bad]))
    saved = store(tmp_path).save_or_keep(make_record(day(3), record_id="new"))
    [aside] = set_aside(tmp_path)
    assert saved.in_history and saved.set_aside == aside
    # The summary's one line under the fields stays short; the body says where the month went.
    told = set_aside_text(saved)
    assert aside.name in told and str(aside.parent) in told and "unchanged" in told
    assert saved_text(saved).startswith(f"Saved to {tmp_path / '2026-11.toml'}")
    again = store(tmp_path).save_or_keep(make_record(day(4), record_id="newer"))
    assert again.set_aside is None and saved_text(again) == f"Saved to {tmp_path / '2026-11.toml'}"
    assert set_aside_text(again) == ""


def test_a_run_that_sets_a_month_aside_tells_no_fix_for_the_file_it_replaced(tmp_path: Path) -> None:
    """The walk-through: after the save moved a month aside, the summary still showed the notice read
    before it ("before a session is saved ... it is moved aside", "correct line 17 of 2026-11.toml"),
    which named the new month, where line 17 is something else. The problems of a month set aside by
    this save are not told again: what became of the month is said once, with its new name."""
    from hamstride.domain.engine import Engine
    from hamstride.domain.plan import build_timeline
    from hamstride.storage.recorder import RunRecorder
    from tests.unit.helpers import FakeClock, session

    folder = tmp_path / "history"
    folder.mkdir()
    good, bad = to_table(make_record(day(1))), to_table(make_record(day(2)))
    bad["rpe"] = "seven"
    (folder / "2026-11.toml").write_text(month_text([good, bad]))
    other = to_table(make_record(datetime(2026, 10, 5, 7, tzinfo=PARIS), record_id="october"))
    other["rpe"] = "eight"
    (folder / "2026-10.toml").write_text(month_text([other]))
    plan = session('title = "Plank"\n[[steps]]\nname = "Plank"\nhold = 10\n')
    clock = FakeClock()
    recorder = RunRecorder(store(folder), lambda: FIXED, plan, target=2)
    engine = Engine(build_timeline(plan), clock)
    engine.start()
    for _ in range(60):
        clock.advance(0.5)
        engine.tick()
    outcome = recorder.finish(engine.result())
    assert outcome.saved is not None and outcome.saved.set_aside is not None
    assert not [p for p in outcome.problems if "2026-11.toml" in p]
    assert [p for p in outcome.problems if "2026-10.toml" in p]  # another month's problems are still told
