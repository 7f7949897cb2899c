"""The history folder on real files: round trips, corruption, crashes, two writers, a read-only disk."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from hamstride.domain.engine import Engine
from hamstride.domain.plan import build_timeline
from hamstride.domain.record import record_from_result
from hamstride.domain.salvaged import Salvaged
from hamstride.storage.history import HistoryStore
from hamstride.storage.record_table import from_table, to_table
from tests.conftest import ROOT
from tests.unit.helpers import FakeClock, make_record, session

PARIS = timezone(timedelta(hours=1))
FIXED = datetime(2026, 11, 24, 18, 30, tzinfo=PARIS)


def store(folder: Path) -> HistoryStore:
    return HistoryStore(folder, lambda: FIXED)


def test_a_record_round_trips_through_toml_exactly(tmp_path: Path) -> None:
    record = make_record(datetime(2026, 11, 3, 7, 5, tzinfo=PARIS), rpe=7, soreness=2, note='He said "[b]ok[/b]"')
    history = store(tmp_path)
    path = history.save(record)
    assert path.name == "2026-11.toml"
    assert history.load().records == (record,)
    # Plain TOML 1.0: any parser reads it, offsets kept.
    raw = tomllib.loads(path.read_text())["session"][0]
    assert raw["started"] == datetime(2026, 11, 3, 7, 5, tzinfo=PARIS)
    assert raw["status"] == "complete" and raw["rpe"] == 7 and raw["eccentric_reps"] == 10


def test_records_go_to_their_month_and_come_back_oldest_first(tmp_path: Path) -> None:
    history = HistoryStore(tmp_path, lambda: datetime(2027, 1, 1, tzinfo=PARIS))
    days = [datetime(2026, 12, 1, 8, tzinfo=PARIS), datetime(2026, 10, 30, 8, tzinfo=PARIS),
            datetime(2026, 11, 15, 8, tzinfo=PARIS)]
    for day in days:
        history.save(make_record(day))
    assert [p.name for p in history.month_files()] == ["2026-10.toml", "2026-11.toml", "2026-12.toml"]
    assert [r.started for r in history.load().records] == sorted(days)


def test_saving_the_same_record_again_replaces_it(tmp_path: Path) -> None:
    history = store(tmp_path)
    record = make_record(FIXED)
    history.save(record)
    history.save(record.with_feedback(8, 4, "heavy"))
    loaded = history.load().records
    assert len(loaded) == 1 and loaded[0].rpe == 8 and loaded[0].note == "heavy"


def test_a_corrupt_month_is_set_aside_never_overwritten(tmp_path: Path) -> None:
    history = store(tmp_path)
    history.save(make_record(datetime(2026, 10, 5, 8, tzinfo=PARIS)))
    broken = tmp_path / "2026-11.toml"
    broken.write_text('[[session]]\nid = "x\n')
    loaded = history.load()
    assert [type(r).__name__ for r in loaded.records] == ["Record", "Salvaged"]  # October still loads; November's
    # session, its id line broken, is one for the coach (done by the file's last change), never shown
    assert broken.read_text() == '[[session]]\nid = "x\n'  # reading moves nothing: a save does, first
    assert str(broken) in loaded.problems[0] and "left as it is" in loaded.problems[0]
    assert "line 2" in loaded.problems[0]  # the parser's own message
    history.save(make_record(FIXED))
    aside = tmp_path / "2026-11.toml.corrupt-20261124T183000"
    assert aside.read_text() == '[[session]]\nid = "x\n'


def test_saving_into_a_corrupt_month_sets_it_aside_first(tmp_path: Path) -> None:
    history = store(tmp_path)
    (tmp_path / "2026-11.toml").write_text("not = [toml")
    history.save(make_record(FIXED))
    assert (tmp_path / "2026-11.toml.corrupt-20261124T183000").read_text() == "not = [toml"
    assert len(history.load().records) == 1


def test_a_table_we_do_not_understand_is_reported_and_kept(tmp_path: Path) -> None:
    history = store(tmp_path)
    path = tmp_path / "2026-11.toml"
    odd = '[[session]]\nid = "odd"\nsession = "x"\nstarted = 2026-11-02\nended = 2026-11-02\n'
    path.write_text(odd)
    loaded = history.load()
    assert "line 4: session 1 (id 'odd') skipped" in loaded.problems[0] and "offset" in loaded.problems[0]
    history.save(make_record(FIXED))
    # Never added to: moved aside byte for byte, and the new session starts a new month.
    [aside] = tmp_path.glob("2026-11.toml.corrupt-*")
    assert aside.read_text() == odd
    loaded = history.load()
    assert len([r for r in loaded.records if not isinstance(r, Salvaged)]) == 1 and loaded.problems == ()
    # the odd session, its times unread, stays one for the coach (from the month moved aside): never shown


def test_keys_from_a_newer_version_survive_a_rewrite(tmp_path: Path) -> None:
    history = store(tmp_path)
    table = to_table(make_record(FIXED))
    table["heart_rate"] = 120
    record = from_table(table)
    history.save(record)
    assert tomllib.loads((tmp_path / "2026-11.toml").read_text())["session"][0]["heart_rate"] == 120


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders anyway")
def test_a_read_only_folder_gives_the_record_back(tmp_path: Path) -> None:
    folder = tmp_path / "history"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        saved = store(folder).save_or_keep(make_record(FIXED))
    finally:
        folder.chmod(0o700)
    assert not saved.in_history and "ermission" in saved.error and saved.path is None
    assert tomllib.loads(saved.text)["session"][0]["id"] == make_record(FIXED).id


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc, read-only even for root")
def test_a_read_only_filesystem_gives_the_record_back() -> None:
    saved = store(Path("/proc/self/hamstride-history")).save_or_keep(make_record(FIXED))
    assert not saved.in_history and saved.error and saved.path is None and "[[session]]" in saved.text


def test_an_unwritable_history_gives_the_record_back(tmp_path: Path) -> None:
    # Works as root too: the history "folder" is a file, so nothing can be written in it.
    blocker = tmp_path / "history"
    blocker.write_text("a file where the folder should be")
    saved = store(blocker).save_or_keep(make_record(FIXED))
    assert not saved.in_history and saved.error and saved.path is None
    assert from_table(tomllib.loads(saved.text)["session"][0]).id == make_record(FIXED).id


# -- crashes and two writers, with real processes ----------------------------------

WRITER = textwrap.dedent("""
    import sys
    from datetime import datetime, timedelta, timezone
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from hamstride.storage.history import HistoryStore
    from tests.unit.helpers import make_record
    folder, prefix, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    history = HistoryStore(folder, lambda: datetime(2026, 11, 24, tzinfo=timezone.utc))
    start = datetime(2026, 11, 1, 6, tzinfo=timezone(timedelta(hours=1)))
    for n in range(count):
        history.save(make_record(start + timedelta(minutes=n), record_id=f"{{prefix}}-{{n}}"))
        print(n, flush=True)
""")


def _writer(folder: Path, prefix: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", WRITER.format(root=str(ROOT)), str(folder), prefix, str(count)],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)


def test_a_writer_killed_mid_write_leaves_every_file_valid(tmp_path: Path) -> None:
    for delay in (0.3, 0.45, 0.6):
        folder = tmp_path / f"kill-{delay}"
        writer = _writer(folder, "k", 100_000)
        assert writer.stdout is not None
        confirmed = -1
        deadline = time.monotonic() + 20
        while confirmed < 5 and time.monotonic() < deadline:  # it is writing, fast
            confirmed = int(writer.stdout.readline())
        time.sleep(delay)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        for line in writer.stdout.read().split():
            confirmed = int(line)
        loaded = store(folder).load()
        assert loaded.problems == ()
        ids = {r.id for r in loaded.records}
        # Everything confirmed is there; at most the one being written when killed is extra.
        assert {f"k-{n}" for n in range(confirmed + 1)} <= ids
        assert len(ids) <= confirmed + 2
        for path in folder.glob("*.toml"):
            tomllib.loads(path.read_text())


def test_two_copies_writing_at_once_keep_each_others_records(tmp_path: Path) -> None:
    writers = [_writer(tmp_path, name, 40) for name in ("a", "b")]
    for writer in writers:
        assert writer.wait(timeout=60) == 0
    ids = {r.id for r in store(tmp_path).load().records}
    assert ids == {f"{name}-{n}" for name in "ab" for n in range(40)}


def test_what_the_coach_reads_round_trips_through_toml(tmp_path: Path) -> None:
    """Readiness answers, category, main work and Nordic reps are in the record, so rules read records."""
    from dataclasses import replace

    from hamstride.domain.model import Category, Exercise
    from hamstride.domain.record import Readiness

    record = replace(make_record(datetime(2026, 11, 3, 7, 5, tzinfo=PARIS), category=Category.ECCENTRIC,
                                 readiness=Readiness(soreness=3, key_run=False)), maintenance=True)
    history = store(tmp_path)
    path = history.save(record)
    assert history.load().records == (record,)
    raw = tomllib.loads(path.read_text())["session"][0]
    assert raw["readiness"] == {"soreness": 3, "key_run": False}
    assert (raw["category"], raw["main_done"], raw["nordic_reps"], raw["maintenance"]) == ("eccentric", True, 10, True)
    assert (raw["step"][0]["exercise"], raw["step"][0]["main"]) == ("nordic", True)
    skipped = replace(record, readiness=Readiness(soreness=None, key_run=True))
    assert from_table(to_table(skipped)).readiness == Readiness(None, True)
    assert record.steps[0].exercise is Exercise.NORDIC


def test_a_record_of_the_engine_knows_its_main_step_and_nordics(tmp_path: Path) -> None:
    plan = session('title = "N"\ncategory = "eccentric"\n[[steps]]\nname = "Warm-up"\nduration = 10\nlead_in = 0\n'
                   '[[steps]]\nname = "NHE"\nexercise = "nordic"\nmain = true\ntempo = "3-0-1-0"\nreps = 2\n'
                   'lead_in = 0\n')
    clock = FakeClock()
    engine = Engine(build_timeline(plan), clock=clock)
    engine.start()
    clock.advance(15)  # a get-ready of 5 s, the 10 s warm-up
    engine.tick()
    unfinished = record_from_result(engine.result(), id="a", started=FIXED, ended=FIXED)
    assert not unfinished.main_done and not unfinished.focused
    for _ in range(4):
        clock.advance(4)
        engine.tick()
    record = record_from_result(engine.result(), id="a", started=FIXED, ended=FIXED, category=plan.category)
    assert record.main_done and record.focused and record.nordic_reps == 2
