"""Issue 26: what a hostile journal, a second copy or a full disk must not do to a session.

Real files in a temporary folder; the "second copy" is a second store on the same folders, which
holds its own locks as a second process would (flock locks belong to an open file, not a process).
"""

from __future__ import annotations

import os
import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import tomli_w

from hamstride.domain.engine import Engine
from hamstride.domain.plan import build_timeline
from hamstride.storage.history import HistoryStore, month_text
from hamstride.storage.journal import JournalFolder
from hamstride.storage.record_table import to_table
from hamstride.storage.recorder import RunRecorder, keep_as_partial, orphan_journals
from tests.e2e.terminal import SETS
from tests.unit.helpers import DEAD_OWNER, FakeClock, make_record, session

PARIS = timezone(timedelta(hours=1))
FIXED = datetime(2026, 11, 24, 18, 30, tzinfo=PARIS)


def store(folder: Path) -> HistoryStore:
    return HistoryStore(folder / "history", lambda: FIXED, journals=folder / "in-progress")


def crashed_run(folder: Path, seconds: float = 8) -> tuple[HistoryStore, str]:
    """A copy that ran `seconds` of the session and died: its journal, its owner gone. The id."""
    history = store(folder)
    plan = session(SETS)
    clock = FakeClock()
    engine = Engine(build_timeline(plan), clock)
    engine.start()
    for _ in range(int(seconds / 0.5)):
        clock.advance(0.5)
        engine.tick()
    recorder = RunRecorder(history, lambda: FIXED, plan, target=2)
    JournalFolder(history.journals.folder, owner=DEAD_OWNER).write(
        recorder.journal(engine.position(), engine.sets_done(), engine.result()))
    return history, recorder.id


def three_sessions_month(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    month = folder / "2026-11.toml"
    month.write_text(month_text([to_table(make_record(FIXED - timedelta(days=d), record_id=f"r{d}"))
                                 for d in (3, 2, 1)]))
    return month


# -- item 0: a journal's id never becomes a path ------------------------------------------------


@pytest.mark.parametrize("hostile", ["../history/2026-11", "ABSOLUTE"])
def test_a_journal_whose_id_names_a_month_cannot_touch_it(tmp_path: Path, hostile: str) -> None:
    history, good_id = crashed_run(tmp_path)
    month = three_sessions_month(tmp_path / "history")
    before = month.read_bytes()
    journal_file = history.journals.path_for(good_id)
    data = tomllib.loads(journal_file.read_text())
    data["session"]["id"] = str(month.with_suffix("")) if hostile == "ABSOLUTE" else hostile
    journal_file.write_text(tomli_w.dumps(data))

    journals, [problem] = orphan_journals(store(tmp_path))
    assert journals == []  # never offered: keeping it "as partial" would name the month
    assert "not a session id hamstride writes" in problem and "moved to" in problem
    history.journals.clear(data["session"]["id"])  # what the end of a run would ask: refused
    assert month.read_bytes() == before and len(store(tmp_path).load().records) == 3
    assert list((tmp_path / "in-progress").glob(f"{good_id}.toml.corrupt-*"))  # its bytes are kept


def test_a_journal_named_other_than_its_id_is_set_aside(tmp_path: Path) -> None:
    history, good_id = crashed_run(tmp_path)
    journal_file = history.journals.path_for(good_id)
    journal_file.rename(journal_file.with_name("0" * 32 + ".toml"))
    journals, [problem] = orphan_journals(store(tmp_path))
    assert journals == [] and "is not the file's own name" in problem


def test_path_for_refuses_anything_but_an_id_we_write() -> None:
    folder = JournalFolder(Path("/nowhere"))
    for bad in ("../x", "/etc/passwd", "a" * 31, "A" * 32, "g" * 32, ""):
        with pytest.raises(ValueError):
            folder.path_for(bad)
    assert folder.path_for("a" * 32).name == "a" * 32 + ".toml"


# -- items 1 and 2: two copies and one journal ---------------------------------------------------


def test_a_journal_is_offered_to_one_copy_only(tmp_path: Path) -> None:
    crashed_run(tmp_path)
    first, second = store(tmp_path), store(tmp_path)
    [offered], _ = orphan_journals(first)
    assert orphan_journals(second) == ([], [])  # the first copy's offer is open: not offered twice
    first.journals.release(offered.path)  # the first copy quits without answering
    [again], _ = orphan_journals(second)
    assert again.record.id == offered.record.id


def test_a_stale_offer_does_not_overwrite_the_finished_session(tmp_path: Path) -> None:
    crashed_run(tmp_path)
    first, second = store(tmp_path), store(tmp_path)
    [stale], _ = orphan_journals(second)  # offered by the second copy...
    second.journals.release(stale.path)  # (as on a file system without locks)
    [journal], _ = orphan_journals(first)  # ...and by the first, which resumes and finishes it
    plan = session(SETS)
    resumed = RunRecorder(first, lambda: FIXED + timedelta(minutes=5), plan, target=2, resume=journal)
    engine = Engine(build_timeline(plan), FakeClock(), done=resumed.done_before)
    engine.start(resumed.start_at)
    engine.finish_early()
    outcome = resumed.finish(engine.result())
    assert outcome.saved is not None and outcome.saved.in_history
    resumed.add_feedback(outcome.record, 6, 2, "felt fine")
    # Now the second copy's runner answers its old offer: keep as partial.
    assert keep_as_partial(second, stale) is None
    [kept] = store(tmp_path).load().records
    assert (kept.rpe, kept.note) == (6, "felt fine")


# -- where an unsaved session goes ----------------------------------------------------------------


def test_a_session_that_cannot_be_saved_stays_in_its_journal_and_is_offered_next_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "cwd-and-tmp"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("TMPDIR", str(elsewhere))
    history = store(tmp_path)
    plan = session(SETS)
    clock = FakeClock()
    engine = Engine(build_timeline(plan), clock)
    engine.start()
    recorder = RunRecorder(history, lambda: FIXED, plan, target=2)
    for _ in range(40):
        clock.advance(0.5)
        engine.tick()
    history.journals.write(recorder.journal(engine.position(), engine.sets_done(), engine.result()))
    (tmp_path / "history").write_text("the history folder turned into a file at the final save")
    engine.finish_early()
    outcome = recorder.finish(engine.result())
    assert outcome.saved is not None and not outcome.saved.in_history
    assert outcome.saved.path == history.journals.path_for(recorder.id)
    assert list(elsewhere.iterdir()) == []  # nothing outside our folders
    # The next start, once the history can be written again, offers to save it.
    (tmp_path / "history").unlink()
    kept = outcome.saved.path
    kept.write_text(kept.read_text().replace(history.journals.owner, DEAD_OWNER))  # this copy is gone
    [journal], _ = orphan_journals(store(tmp_path))
    assert journal.ended and journal.record.id == recorder.id
    saved = keep_as_partial(store(tmp_path), journal)
    assert saved is not None and saved.in_history
    [record] = store(tmp_path).load().records
    assert record.id == recorder.id and not journal.path.exists()


# -- the wall clock stepping during a run ---------------------------------------------------------


@pytest.mark.parametrize("step", [timedelta(minutes=-10), timedelta(days=2)])
def test_a_wall_clock_stepped_mid_run_gives_times_from_the_monotonic_clock(tmp_path: Path,
                                                                          step: timedelta) -> None:
    history = store(tmp_path)
    plan = session(SETS)
    walls = iter([FIXED, FIXED + step, FIXED + step, FIXED + step])
    ticks = iter([100.0, 100.0 + 95, 100.0 + 95, 100.0 + 95])
    recorder = RunRecorder(history, lambda: next(walls), plan, target=2, monotonic=lambda: next(ticks))
    clock = FakeClock()
    engine = Engine(build_timeline(plan), clock)
    engine.start()
    for _ in range(40):
        clock.advance(0.5)
        engine.tick()
    engine.finish_early()
    outcome = recorder.finish(engine.result())
    assert outcome.saved is not None and outcome.saved.in_history
    assert outcome.record.ended - outcome.record.started == timedelta(seconds=95)
    loaded = store(tmp_path).load()
    assert [r.id for r in loaded.records] == [recorder.id] and loaded.problems == ()


def test_a_session_saved_by_a_clock_days_fast_is_not_hidden(tmp_path: Path) -> None:
    fast = FIXED + timedelta(days=3)
    HistoryStore(tmp_path, lambda: fast).save(make_record(fast, record_id="fast"))
    loaded = HistoryStore(tmp_path, lambda: FIXED).load()  # the clock set right again
    assert [r.id for r in loaded.records] == ["fast"]
    assert "in the future" in loaded.problems[0]


# -- empty runs and months missing their count line ---------------------------------------------


def test_a_run_killed_in_its_first_get_ready_leaves_nothing(tmp_path: Path) -> None:
    history, good_id = crashed_run(tmp_path, seconds=2)
    assert orphan_journals(store(tmp_path)) == ([], [])
    assert not history.journals.path_for(good_id).exists() and store(tmp_path).load().records == ()


def test_a_month_missing_only_its_count_line_keeps_its_sessions_after_a_save(tmp_path: Path) -> None:
    month = three_sessions_month(tmp_path)
    text = month.read_text()
    cut = text[: text.rindex("\n# 3 sessions")] + "\n"
    month.write_text(cut)
    assert len(HistoryStore(tmp_path, lambda: FIXED).load().records) == 3  # shown, with a warning
    HistoryStore(tmp_path, lambda: FIXED).save(make_record(FIXED, record_id="new"))
    loaded = HistoryStore(tmp_path, lambda: FIXED).load()
    assert [r.id for r in loaded.records] == ["r3", "r2", "r1", "new"] and loaded.problems == ()
    [aside] = tmp_path.glob("2026-11.toml.corrupt-*")
    assert aside.read_text() == cut  # what was there, byte for byte


def test_folders_and_files_are_private_under_umask_000(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        history, _ = crashed_run(tmp_path)
        HistoryStore(tmp_path / "history", lambda: FIXED, cache=tmp_path / "cache" / "deep").save(make_record(FIXED))
        HistoryStore(tmp_path / "history", lambda: FIXED, cache=tmp_path / "cache" / "deep").load()
    finally:
        os.umask(old)
    for folder in (tmp_path / "history", tmp_path / "in-progress", tmp_path / "cache", tmp_path / "cache" / "deep"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder
    for journal in (tmp_path / "in-progress").iterdir():
        assert journal.stat().st_mode & 0o777 == 0o600


def test_the_sessions_folder_and_a_copied_session_are_private_under_umask_000(tmp_path: Path) -> None:
    from hamstride.editing import copy_to_user
    from hamstride.locations import builtin_sessions
    from hamstride.storage.library import Entry

    source = next(builtin_sessions().glob("*.toml"))
    old = os.umask(0)
    try:
        copied = copy_to_user(Entry(source.stem, source, True, None), tmp_path / "config" / "sessions", "mine")
    finally:
        os.umask(old)
    assert copied.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "config" / "sessions").stat().st_mode & 0o777 == 0o700


def test_a_readiness_check_or_race_told_first_makes_the_history_folder_private(tmp_path: Path) -> None:
    """Walked: a first check (or `hamstride race`) before any session wrote checks.toml into a history
    folder made by a plain mkdir, 0755 under umask 022; the sessions saved there later kept it."""
    from datetime import date

    from hamstride.domain.diary import Check, Race
    from hamstride.storage.diary import add_race, save_check

    old = os.umask(0o022)
    try:
        save_check(tmp_path / "data" / "history", Check(FIXED, 2, False))
        add_race(tmp_path / "other" / "history", Race(date(2026, 12, 20), "10k"))
    finally:
        os.umask(old)
    for folder in (tmp_path / "data", tmp_path / "data" / "history", tmp_path / "other" / "history"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder
    assert (tmp_path / "data" / "history" / "checks.toml").stat().st_mode & 0o777 == 0o600
