"""The history's database: a copy of the months that the next run reads without parsing, never trusts
when a month's bytes changed, and that is safe to delete or break."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from hamstride.domain.model import Category
from hamstride.domain.record import Readiness
from hamstride.domain.stats import compute, from_sums
from hamstride.storage.export import csv_from_rows, csv_text
from hamstride.storage.history import HistoryStore, month_text
from hamstride.storage.record_codec import decode, encode
from hamstride.storage.record_table import to_table
from tests.unit.helpers import count_parses, make_record
from tests.unit.test_weekly import lagging_left_history, programme_history

OFFSET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 25, 19, tzinfo=OFFSET)


def saved(tmp_path: Path) -> tuple[Path, Path]:
    folder, cache = tmp_path / "history", tmp_path / "cache"
    store = HistoryStore(folder, lambda: NOW)
    for record in programme_history() + lagging_left_history():
        store.save(record)
    return folder, cache


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every TOML text parsed from now on, by its length."""
    return count_parses(monkeypatch)


def test_records_survive_the_trip_through_the_database_exactly() -> None:
    odd = replace(make_record(NOW), extra={"from_a_newer_version": [1, 2.5, "three", {"when": NOW.date(), "at": NOW}]})
    coached = make_record(NOW, category=Category.ECCENTRIC, readiness=Readiness(6, None), note="é, \x00 and \n")
    for record in (*programme_history(), *lagging_left_history(), odd, coached):
        back = decode(encode(record))
        assert back == record and back.extra == record.extra
        assert back.steps[0].kind is record.steps[0].kind  # the step kinds are the app's own, by name
        for made, model in ((back, record), (back.steps[0], record.steps[0]), (back.steps[0].sides[0],
                                                                              record.steps[0].sides[0])):
            assert set(vars(made)) == {f.name for f in dataclasses.fields(model)}  # built without __init__


@pytest.mark.parametrize("damaged", ["", "[]", "not json", '["id", 1]', '{"a": 1}'])
def test_a_damaged_row_is_a_value_error(damaged: str) -> None:
    with pytest.raises(ValueError):
        decode(damaged)


def test_the_next_run_reads_the_months_without_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, cache = saved(tmp_path)
    first = HistoryStore(folder, lambda: NOW, cache=cache).load()
    assert len(first.records) == 11 and not first.problems
    assert len(list(cache.glob("history-*.sqlite3"))) == 1
    parsed = no_parsing(monkeypatch)
    again = HistoryStore(folder, lambda: NOW, cache=cache).load()  # a new run: a new store
    assert again.records == first.records and parsed == []


def test_what_the_screens_ask_for_is_what_a_load_gives(tmp_path: Path) -> None:
    folder, cache = saved(tmp_path)
    store = HistoryStore(folder, lambda: NOW, cache=cache)
    records = store.load().records
    shown = HistoryStore(folder, lambda: NOW, cache=cache).shown_at_once(NOW.date(), date.min)
    assert shown is not None
    assert from_sums(shown.sums, NOW.date()) == compute(records, NOW.date())
    assert [row.record() for row in shown.rows] == list(records) and len(shown.rows) == 11
    assert shown.rows[-1].record() == records[-1] and shown.rows[0].record() == records[0]
    assert shown.titles == {r.title for r in records}
    assert csv_from_rows(store.db.csv_rows()) == csv_text(records)


def test_a_changed_month_is_read_again_a_touched_one_is_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, cache = saved(tmp_path)
    HistoryStore(folder, lambda: NOW, cache=cache).load()
    HistoryStore(folder, lambda: NOW).save(make_record(datetime(2026, 11, 25, 7, tzinfo=OFFSET), record_id="new"))
    loaded = HistoryStore(folder, lambda: NOW, cache=cache).load()
    assert "new" in {r.id for r in loaded.records} and len(loaded.records) == 12
    october = folder / "2026-10.toml"
    os.utime(october, ns=(1, 1))  # the same bytes, a new stamp: nothing to read again
    parsed = no_parsing(monkeypatch)
    assert len(HistoryStore(folder, lambda: NOW, cache=cache).load().records) == 12 and parsed == []
    october.unlink()
    assert {r.started.month for r in HistoryStore(folder, lambda: NOW, cache=cache).load().records} == {11}


def test_an_edit_that_keeps_size_and_time_is_still_read_again(tmp_path: Path) -> None:
    folder, cache = saved(tmp_path)
    HistoryStore(folder, lambda: NOW, cache=cache).load()
    month = folder / "2026-11.toml"
    text = month.read_text()
    stat = month.stat()
    start = text.index('title = "') + len('title = "')
    edited = text[:start] + "X" + text[start + 1:]  # one letter of a title, as an editor would
    month.unlink()
    month.write_text(edited)  # as an editor saves: a new file, then its time put back by a sync tool
    os.utime(month, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    loaded = HistoryStore(folder, lambda: NOW, cache=cache).load()
    assert any(r.title.startswith("X") for r in loaded.records)


def test_a_broken_database_is_rebuilt_and_nothing_is_lost(tmp_path: Path) -> None:
    folder, cache = saved(tmp_path)
    first = HistoryStore(folder, lambda: NOW, cache=cache).load()
    (kept,) = cache.glob("history-*.sqlite3")
    kept.write_bytes(b"not a database at all" * 100)
    again = HistoryStore(folder, lambda: NOW, cache=cache).load()
    assert again.records == first.records and not again.problems


def test_deleting_the_database_is_safe(tmp_path: Path) -> None:
    folder, cache = saved(tmp_path)
    first = HistoryStore(folder, lambda: NOW, cache=cache).load()
    for path in cache.iterdir():
        path.unlink()
    assert HistoryStore(folder, lambda: NOW, cache=cache).load().records == first.records


def test_an_unwritable_cache_folder_costs_nothing_but_time(tmp_path: Path) -> None:
    folder, _ = saved(tmp_path)
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    loaded = HistoryStore(folder, lambda: NOW, cache=blocked / "cache").load()
    assert len(loaded.records) == 11 and not loaded.problems


def test_a_month_with_a_problem_is_reported_every_time_and_kept_byte_for_byte(tmp_path: Path) -> None:
    folder, cache = saved(tmp_path)
    month = folder / "2026-11.toml"
    bad = month.read_text().replace('status = "complete"', 'status = "complete"\nrpe = 99', 1)
    month.write_text(bad)
    for _ in range(2):
        loaded = HistoryStore(folder, lambda: NOW, cache=cache).load()
        assert any("rpe" in p and "the file is left as it is" in p for p in loaded.problems)
        assert month.read_text() == bad
    assert len(loaded.records) == 11  # the session is shown, its bad value left out


def test_a_session_in_two_months_is_listed_once_as_its_later_copy(tmp_path: Path) -> None:
    folder = tmp_path / "history"
    folder.mkdir()
    early = make_record(NOW - timedelta(days=40), record_id="twice", note="first copy")
    later = replace(early, note="second copy")
    (folder / f"{early.started:%Y-%m}.toml").write_text(month_text([to_table(early)]))
    (folder / f"{NOW:%Y-%m}.toml").write_text(month_text([to_table(later)]))
    store = HistoryStore(folder, lambda: NOW, cache=tmp_path / "cache")
    assert [r.note for r in store.load().records] == ["second copy"]
    assert [r.record().note for r in store.shown(NOW.date(), NOW.date()).rows] == ["second copy"]


def test_a_save_from_a_new_run_parses_its_month_at_most_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 25: a new run's save into a full month; it parsed the month twice (1.1 s at 1,000 sessions)."""
    folder, cache = saved(tmp_path)
    month_size = (folder / "2026-11.toml").stat().st_size
    parsed = no_parsing(monkeypatch)
    fresh = make_record(datetime(2026, 11, 25, 7, tzinfo=OFFSET), record_id="fresh")
    HistoryStore(folder, lambda: NOW).save(fresh)  # no database at hand: the month is parsed once
    assert len([n for n in parsed if n >= month_size]) == 1
    HistoryStore(folder, lambda: NOW, cache=cache).load()
    parsed.clear()
    again = make_record(datetime(2026, 11, 25, 8, tzinfo=OFFSET), record_id="again")
    store = HistoryStore(folder, lambda: NOW, cache=cache)
    store.save(again)  # the database holds the month: not parsed at all
    store.save(replace(again, rpe=4))  # nor when the same session is saved again with the runner's answers
    assert [n for n in parsed if n >= month_size] == []
    parsed.clear()
    loaded = HistoryStore(folder, lambda: NOW, cache=cache).load()
    assert parsed == []  # and the next run finds the saves in the database: nothing to read again
    assert {r.id: r.rpe for r in loaded.records}["again"] == 4 and "fresh" in {r.id for r in loaded.records}
    assert loaded.records == HistoryStore(folder, lambda: NOW).load().records  # as the months say


def test_no_history_opens_no_database(tmp_path: Path) -> None:
    """A first run reads an empty history: sqlite3 (some 2 MiB of the run's peak memory) is not loaded for
    that, and no database file is made; the first session saved makes it."""
    script = ("import sys\nfrom datetime import datetime\nfrom pathlib import Path\n"
              "from hamstride.storage.history import HistoryStore\n"
              "folder, cache = Path(sys.argv[1]), Path(sys.argv[2])\n"
              "(folder / '.2026-11.toml.1.tmp').parent.mkdir(parents=True)\n"
              "(folder / '.2026-11.toml.1.tmp').write_text('cut short')\n"
              "loaded = HistoryStore(folder, datetime.now, cache=cache).load()\n"
              "assert loaded.records == () and loaded.problems == (), loaded\n"
              "assert 'sqlite3' not in sys.modules, 'sqlite3 loaded to read no history'\n"
              "assert not cache.exists(), list(cache.iterdir())\n"
              "print('\\n'.join(sorted(p.name for p in folder.iterdir())))\n")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "history"), str(tmp_path / "cache")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert ".2026-11.toml.1.tmp" not in done.stdout  # what a killed save left is cleaned as before


def test_the_first_save_into_no_history_is_read_back(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history", lambda: NOW, cache=tmp_path / "cache")
    assert store.load().records == ()
    record = make_record(NOW - timedelta(hours=1))
    store.save(record)
    assert store.load().records == (record,)
    assert HistoryStore(tmp_path / "history", lambda: NOW, cache=tmp_path / "cache").load().records == (record,)
