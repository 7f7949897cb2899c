"""Parsed months kept between runs: the next run reads them without parsing, and never trusts a stale copy."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from hamstride.storage import history as history_module
from hamstride.storage.history import HistoryStore
from hamstride.storage.month_cache import MonthCache, pack, unpack
from tests.unit.helpers import make_record
from tests.unit.test_weekly import lagging_left_history, programme_history

OFFSET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 25, 19, tzinfo=OFFSET)


def saved(tmp_path: Path) -> tuple[Path, Path]:
    folder, cache = tmp_path / "history", tmp_path / "cache"
    store = HistoryStore(folder, lambda: NOW)
    for record in programme_history() + lagging_left_history():
        store.save(record)
    return folder, cache


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a month was parsed")

    monkeypatch.setattr(history_module.HistoryStore, "_read_month", refuse)


def test_records_survive_the_trip_through_the_cache_exactly() -> None:
    for record in programme_history() + lagging_left_history():
        assert unpack(pack(record)) == record
    odd = make_record(NOW).__class__(**{**make_record(NOW).__dict__, "extra": {
        "from_a_newer_version": [1, 2.5, "three", {"when": NOW.date()}]}})
    back = unpack(pack(odd))
    assert back == odd and back.extra == odd.extra
    from hamstride.domain.model import Category
    from hamstride.domain.record import Readiness

    coached = make_record(NOW, category=Category.ECCENTRIC, readiness=Readiness(6, None))
    assert unpack(pack(coached)) == coached  # what the coach reads is kept too


def test_the_next_run_reads_the_months_without_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, cache = saved(tmp_path)
    first = HistoryStore(folder, lambda: NOW, cache=cache).load()
    assert len(first.records) == 11 and not first.problems
    assert len(list(cache.glob("months-*.marshal"))) == 1
    no_parsing(monkeypatch)
    again = HistoryStore(folder, lambda: NOW, cache=cache).load()  # a new run: a new store
    assert again.records == first.records


def test_a_changed_month_is_parsed_again(tmp_path: Path) -> None:
    folder, cache = saved(tmp_path)
    HistoryStore(folder, lambda: NOW, cache=cache).load()
    HistoryStore(folder, lambda: NOW).save(make_record(datetime(2026, 11, 25, 7, tzinfo=OFFSET), record_id="new"))
    loaded = HistoryStore(folder, lambda: NOW, cache=cache).load()
    assert "new" in {r.id for r in loaded.records} and len(loaded.records) == 12
    (folder / "2026-10.toml").unlink()
    assert {r.started.month for r in HistoryStore(folder, lambda: NOW, cache=cache).load().records} == {11}


def test_a_broken_cache_is_ignored_and_written_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, cache = saved(tmp_path)
    HistoryStore(folder, lambda: NOW, cache=cache).load()
    (kept,) = cache.glob("months-*.marshal")
    for garbage in (b"", b"\x00\xff not marshal", kept.read_bytes()[:-10]):
        kept.write_bytes(garbage)
        assert len(HistoryStore(folder, lambda: NOW, cache=cache).load().records) == 11
    no_parsing(monkeypatch)
    assert len(HistoryStore(folder, lambda: NOW, cache=cache).load().records) == 11  # rewritten whole


def test_a_month_with_a_problem_is_reported_every_time_never_cached(tmp_path: Path) -> None:
    folder, cache = saved(tmp_path)
    month = folder / "2026-11.toml"
    month.write_text(month.read_text().replace('rpe = ', 'rpe_was = ', 1).replace('session = "test"', 'session = 7', 1))
    for _ in range(2):
        loaded = HistoryStore(folder, lambda: NOW, cache=cache).load()
        assert any("skipped" in problem for problem in loaded.problems)


def test_without_a_cache_folder_nothing_is_written(tmp_path: Path) -> None:
    folder, _ = saved(tmp_path)
    HistoryStore(folder, lambda: NOW).load()
    assert not list(tmp_path.rglob("*.marshal"))


def test_an_unwritable_cache_folder_costs_nothing_but_time(tmp_path: Path) -> None:
    folder, _ = saved(tmp_path)
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    assert len(HistoryStore(folder, lambda: NOW, cache=blocker).load().records) == 11
    assert MonthCache(blocker / "x").get("2026-11.toml", (1, 2, 3)) is None


def test_records_are_built_from_the_cache_as_their_init_would_build_them() -> None:
    """unpack() fills the fields without calling __init__: only right while no class has a __post_init__."""
    from hamstride.storage import month_cache

    for cls in month_cache._CLASSES.values():
        assert not hasattr(cls, "__post_init__"), cls
    record = programme_history()[0]
    back = unpack(pack(record))
    assert back == record and type(back) is type(record)
    assert (back.eccentric_reps, back.active_seconds, back.focused) == \
        (record.eccentric_reps, record.active_seconds, record.focused)


def test_a_cached_record_of_another_shape_is_not_trusted(tmp_path: Path) -> None:
    """A record in the cache with a field too many or too few: the month is parsed from its file."""
    import marshal

    folder, cache = saved(tmp_path)
    first = HistoryStore(folder, lambda: NOW, cache=cache).load()
    (kept,) = cache.glob("months-*.marshal")
    good = kept.read_bytes()
    for reshape in (lambda fields: fields[:-1], lambda fields: [*fields, "one more"]):
        data = marshal.loads(good)
        name, (stamp, rows) = next(iter(data["months"].items()))
        tag, cls, fields = rows[0]
        rows[0] = (tag, cls, reshape(fields))
        data["months"][name] = (stamp, rows)
        kept.write_bytes(marshal.dumps(data))
        again = HistoryStore(folder, lambda: NOW, cache=cache).load()
        assert again.records == first.records and not again.problems
        assert all(record.extra == {} for record in again.records)  # every field there


def test_loading_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path) -> None:
    import gc

    folder, cache = saved(tmp_path)
    assert gc.isenabled()
    HistoryStore(folder, lambda: NOW, cache=cache).load()
    assert gc.isenabled()
    gc.disable()
    try:
        HistoryStore(folder, lambda: NOW, cache=cache).load()
        assert not gc.isenabled()  # a caller that turned it off keeps it off
    finally:
        gc.enable()
