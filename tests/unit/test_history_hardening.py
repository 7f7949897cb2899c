"""A history folder under attack: odd shapes, damaged tables, files cut short, full disks, strange paths."""

from __future__ import annotations

import os
import tempfile
import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import tomli_w

from hamstride.storage.history import HistoryStore, month_text
from hamstride.storage.record_table import to_table
from tests.unit.helpers import DEAD_OWNER, make_record

PARIS = timezone(timedelta(hours=1))
FIXED = datetime(2026, 11, 24, 18, 30, tzinfo=PARIS)
ASIDE = "2026-11.toml.corrupt-20261124T183000"


def store(folder: Path) -> HistoryStore:
    return HistoryStore(folder, lambda: FIXED)


def day(n: int) -> datetime:
    return datetime(2026, 11, n, 7, tzinfo=PARIS)


# -- what the app cannot read it never rewrites ------------------------------------------

@pytest.mark.parametrize("text", [
    '[session]\nid = "a"\n',
    'session = "hello"\n',
    "session = [1, 2, 3]\n",
])
def test_a_month_of_the_wrong_shape_is_reported_and_set_aside_before_a_save(tmp_path: Path, text: str) -> None:
    path = tmp_path / "2026-11.toml"
    path.write_text(text)
    loaded = store(tmp_path).load()
    assert loaded.records == ()
    assert loaded.problems and str(path) in loaded.problems[0] and "[[session]]" in loaded.problems[0]
    assert path.read_text() == text  # reading changes nothing
    store(tmp_path).save(make_record(day(3)))
    assert (tmp_path / ASIDE).read_text() == text  # byte for byte
    assert [r.started for r in store(tmp_path).load().records] == [day(3)]


def test_unknown_top_level_keys_and_comments_survive_saves_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "2026-11.toml"
    original = ('synced_from = "laptop-a"  # by hand\n\n'
                + tomli_w.dumps({"session": [to_table(make_record(day(1)))]})
                + '[devices]\nwatch = "x"\n')
    path.write_text(original)
    history = store(tmp_path)
    history.save(make_record(day(2)))
    history.save(make_record(day(3)).with_feedback(6, 1, "fine"))
    history.save(make_record(day(3)).with_feedback(7, 2, "replaced"))
    text = path.read_text()
    assert original in text
    data = tomllib.loads(text)
    assert data["synced_from"] == "laptop-a" and data["devices"] == {"watch": "x"}
    records = store(tmp_path).load()
    assert [r.note for r in records.records] == ["", "", "replaced"] and records.problems == ()
    assert len(data["session"]) == 3


def test_a_replaced_record_is_replaced_in_place(tmp_path: Path) -> None:
    history = store(tmp_path)
    for n in (1, 2, 3):
        history.save(make_record(day(n)))
    history.save(make_record(day(2)).with_feedback(8, 3, "middle"))
    data = tomllib.loads((tmp_path / "2026-11.toml").read_text())
    assert [t.get("note", "") for t in data["session"]] == ["", "middle", ""]
    assert (tmp_path / "2026-11.toml").read_text().endswith("# 3 sessions in this file\n")


# -- a bad table is skipped and named; the rest loads -------------------------------------------

@pytest.mark.parametrize(("change", "key"), [
    ({"step": "warm-up"}, "key 'step'"),
    ({"step": [1, 2]}, "key 'step'"),
    ({"first_side": "[/]"}, "key 'first_side'"),
    ({"week": -20}, "key 'week'"),
    ({"rpe": 42}, "key 'rpe'"),
    ({"soreness": -3}, "key 'soreness'"),
    ({"elapsed_seconds": -900.0}, "key 'elapsed_seconds'"),
    ({"started": datetime(2099, 1, 1, tzinfo=PARIS), "ended": datetime(2099, 1, 1, 1, tzinfo=PARIS)},
     "in the future"),
    ({"ended": datetime(2026, 11, 1, tzinfo=PARIS)}, "key 'ended'"),
    ({"id": 7}, "key 'id'"),
])
def test_a_malformed_record_is_skipped_and_named(tmp_path: Path, change: dict[str, object], key: str) -> None:
    good, bad = to_table(make_record(day(1))), to_table(make_record(day(2)))
    bad.update(change)
    (tmp_path / "2026-11.toml").write_text(month_text([good, bad]))
    loaded = store(tmp_path).load()
    assert [r.started for r in loaded.records] == [day(1)]
    assert len(loaded.problems) == 1
    assert "2026-11.toml: session 2" in loaded.problems[0] and key in loaded.problems[0]


def test_negative_reps_in_a_step_are_skipped_with_the_step_named(tmp_path: Path) -> None:
    bad = to_table(make_record(day(2)))
    bad["step"][0]["side"][0]["reps"] = -15
    (tmp_path / "2026-11.toml").write_text(month_text([bad]))
    loaded = store(tmp_path).load()
    assert loaded.records == () and "step 1: key 'reps'" in loaded.problems[0]


def test_a_record_saved_three_times_by_id_counts_once(tmp_path: Path) -> None:
    table = to_table(make_record(day(2)))
    (tmp_path / "2026-11.toml").write_text(month_text([table, table, table]))
    assert len(store(tmp_path).load().records) == 1


def test_a_damaged_journal_is_set_aside(tmp_path: Path) -> None:
    history = store(tmp_path)
    record = to_table(make_record(day(2)))
    record["step"] = "oops"
    history.journals.folder.mkdir(parents=True)
    (history.journals.folder / "abc.toml").write_text(
        tomli_w.dumps({"owner": DEAD_OWNER, "position": {"step": 1, "set": 1}, "source": "", "session": record}))
    journals, [problem] = history.journals.orphans(set())
    assert journals == [] and "key 'step'" in problem and "moved to" in problem


# -- a file cut short is noticed --------------------------------------------------------------

def test_a_month_cut_at_any_byte_never_loads_silently_short(tmp_path: Path) -> None:
    history = store(tmp_path / "whole")
    for n in (1, 2, 3):
        history.save(make_record(day(n), note=f"session {n}", rpe=5, soreness=1))
    whole = (tmp_path / "whole" / "2026-11.toml").read_bytes()
    expected = store(tmp_path / "whole").load().records
    folder = tmp_path / "cut"
    folder.mkdir()
    silent = []
    for offset in range(0, len(whole)):
        path = folder / "2026-11.toml"
        path.write_bytes(whole[:offset])
        for aside in folder.glob("*.corrupt-*"):
            aside.unlink()
        loaded = store(folder).load()
        if not loaded.problems and loaded.records != expected:
            silent.append(offset)
    assert silent == []


def test_saving_into_a_month_cut_short_sets_it_aside_first(tmp_path: Path) -> None:
    history = store(tmp_path)
    for n in (1, 2):
        history.save(make_record(day(n)))
    path = tmp_path / "2026-11.toml"
    cut = path.read_text().removesuffix("\n# 2 sessions in this file\n")
    path.write_text(cut)
    assert "cut short" in store(tmp_path).load().problems[0]
    store(tmp_path).save(make_record(day(3)))
    assert (tmp_path / ASIDE).read_text() == cut
    assert [r.started for r in store(tmp_path).load().records] == [day(3)]


def test_an_empty_month_is_reported(tmp_path: Path) -> None:
    (tmp_path / "2026-11.toml").write_bytes(b"")
    assert "is empty" in store(tmp_path).load().problems[0]


def test_a_month_from_an_older_version_gains_the_counting_line_and_keeps_its_text(tmp_path: Path) -> None:
    old = "# hamstride history: one [[session]] table per session.\n" + tomli_w.dumps(
        {"session": [to_table(make_record(day(1)))]})
    (tmp_path / "2026-11.toml").write_text(old)
    assert store(tmp_path).load().problems == ()
    store(tmp_path).save(make_record(day(2)))
    text = (tmp_path / "2026-11.toml").read_text()
    assert old in text and text.endswith("# 2 sessions in this file\n")
    assert len(store(tmp_path).load().records) == 2


# -- leftovers, full disks, strange paths ------------------------------------------------------

def test_temp_files_from_killed_writes_are_cleaned_up_on_start(tmp_path: Path) -> None:
    history = store(tmp_path / "history")
    history.save(make_record(day(1)))
    journals = history.journals.folder
    journals.mkdir()
    leftovers = [tmp_path / "history" / ".2026-11.toml.abc123.tmp", journals / ".0f3a.toml.x.tmp"]
    for leftover in leftovers:
        leftover.write_text("half a month")
    old = leftovers[1].stat().st_mtime - 3600
    os.utime(leftovers[1], (old, old))
    young_journal = journals / ".9c1e.toml.y.tmp"  # a journal write in flight
    young_journal.write_text("")
    keep = tmp_path / "history" / "notes.tmp"
    keep.write_text("not ours")
    assert len(store(tmp_path / "history").load().records) == 1
    assert not any(p.exists() for p in leftovers) and young_journal.exists() and keep.exists()


def test_every_temp_folder_full_still_gives_the_record_back_as_text(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "history"
    blocker.write_text("a file where the folder should be")

    def no_temp_dir() -> str:
        raise FileNotFoundError("No usable temporary directory found")

    monkeypatch.setattr(tempfile, "gettempdir", no_temp_dir)
    monkeypatch.setattr("hamstride.storage.history._fallback_folders", lambda: [blocker / "x", blocker / "y"])
    saved = store(blocker).save_or_fallback(make_record(FIXED))
    assert not saved.in_history and saved.path is None
    assert "[[session]]" in saved.text and saved.record_id == make_record(FIXED).id


def test_a_corrupt_month_in_a_read_only_folder_is_reported_not_a_crash(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "2026-11.toml").write_text("not = [toml")

    def read_only(self: Path, target: Path) -> Path:
        raise OSError(30, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "rename", read_only)
    loaded = store(tmp_path).load()
    assert "could not be moved aside" in loaded.problems[0] and "Read-only" in loaded.problems[0]
    assert (tmp_path / "2026-11.toml").read_text() == "not = [toml"
    history = store(tmp_path)
    history.journals.folder.mkdir()
    (history.journals.folder / "abc.toml").write_text("position = [")
    journals, [problem] = history.journals.orphans(set())
    assert journals == [] and "Read-only" in problem


def test_a_month_that_is_a_folder_or_a_link_loop_is_reported(tmp_path: Path) -> None:
    (tmp_path / "2026-10.toml").mkdir()
    (tmp_path / "2026-11.toml").symlink_to(tmp_path / "2026-11.toml")
    store(tmp_path).save(make_record(datetime(2026, 9, 2, tzinfo=PARIS)))
    loaded = store(tmp_path).load()
    assert len(loaded.records) == 1 and len(loaded.problems) == 2
    assert all("cannot be read" in p for p in loaded.problems)
    saved = store(tmp_path).save_or_fallback(make_record(day(4)))  # the loop is moved aside, unchanged
    assert saved.in_history and (tmp_path / ASIDE).is_symlink()


def test_a_history_folder_that_is_a_file_loads_empty_and_saves_elsewhere(tmp_path: Path) -> None:
    blocker = tmp_path / "hamstride-home"
    blocker.write_text("HAMSTRIDE_HOME points at a file")
    history = HistoryStore(blocker / "data" / "history", lambda: FIXED, journals=blocker / "data" / "in-progress")
    assert history.load().records == ()
    assert history.journals.orphans(set()) == ([], [])  # nothing to offer, nothing to complain of
    history.journals.clear("abc")  # the end of every session: no NotADirectoryError
    saved = history.save_or_fallback(make_record(FIXED))
    assert not saved.in_history and saved.path is not None
    saved.path.unlink()


def test_the_lock_and_the_months_are_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        store(tmp_path).save(make_record(day(1)))
    finally:
        os.umask(old)
    assert (tmp_path / ".lock").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "2026-11.toml").stat().st_mode & 0o777 == 0o600


def test_a_month_with_a_thousand_sessions_is_never_parsed_again_by_its_own_writer(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    history = store(tmp_path)
    history.save(make_record(day(1), record_id="first"))
    parsed: list[int] = []
    real = tomllib.loads

    def counting(text: str) -> dict[str, object]:
        parsed.append(len(text))
        return real(text)

    monkeypatch.setattr(tomllib, "loads", counting)
    for n in range(200):
        history.save(make_record(day(1) + timedelta(minutes=n + 1), record_id=f"r{n}"))
    assert all(size < 2000 for size in parsed)  # the growing month is never parsed
    assert len(store(tmp_path).load().records) == 201


SESSION = """
title = "One step"
[[steps]]
name = "Plank"
hold = 10
lead_in = 1
"""


def test_after_a_disk_full_fallback_the_journal_is_not_offered_again(tmp_path: Path) -> None:
    from hamstride.domain.engine import Engine
    from hamstride.domain.plan import build_timeline
    from hamstride.storage.recorder import RunRecorder
    from tests.unit.helpers import FakeClock, session

    blocker = tmp_path / "history"
    blocker.write_text("no room")
    history = HistoryStore(blocker, lambda: FIXED, journals=tmp_path / "in-progress")
    plan = session(SESSION)
    clock = FakeClock()
    engine = Engine(build_timeline(plan), clock)
    engine.start()
    recorder = RunRecorder(history, lambda: FIXED, plan, target=2)
    history.journals.write(recorder.journal(engine.position(), engine.sets_done(), engine.result()))
    clock.advance(16)  # the get-ready (5 s at least) and the plank
    engine.tick()
    outcome = recorder.finish(engine.result())
    assert outcome.saved is not None and not outcome.saved.in_history and outcome.saved.path is not None
    assert not history.journals.path_for(recorder.id).exists()
    outcome.saved.path.unlink()


def test_a_record_that_could_not_be_saved_is_reported_once(capsys: pytest.CaptureFixture[str]) -> None:
    from types import SimpleNamespace

    from rich.console import Console

    from hamstride.cli.app import _after_app
    from hamstride.storage.history import Saved

    first = Saved(None, in_history=False, error="No space left on device", text="[[session]]\nid = 'a'\n",
                  record_id="a")
    again = Saved(None, in_history=False, error="No space left on device",
                  text="[[session]]\nid = 'a'\nrpe = 7\n", record_id="a")
    _after_app(SimpleNamespace(unsaved=[first, again]), Console())  # type: ignore[arg-type]
    out = capsys.readouterr().out
    assert out.count("could not be saved") == 1 and "rpe = 7" in out
