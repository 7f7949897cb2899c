"""Parsed months kept between runs: the next run reads them without parsing, and never trusts a stale copy."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from hamstride.domain.record import Record
from hamstride.storage import history as history_module
from hamstride.storage.history import HistoryStore
from hamstride.storage.month_cache import MonthCache, dumps, loads
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
    records = tuple(programme_history() + lagging_left_history())
    assert loads(dumps(records)) == records
    odd = make_record(NOW).__class__(**{**make_record(NOW).__dict__, "extra": {
        "from_a_newer_version": [1, 2.5, "three", {"when": NOW.date(), "at": NOW}]}})
    (back,) = loads(dumps((odd,)))
    assert back == odd and back.extra == odd.extra
    assert back.steps[0].kind is odd.steps[0].kind  # the step kinds are the app's own, by name
    from hamstride.domain.model import Category
    from hamstride.domain.record import Readiness

    coached = make_record(NOW, category=Category.ECCENTRIC, readiness=Readiness(6, None))
    assert loads(dumps((coached,))) == (coached,)  # what the coach reads is kept too


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


def test_a_record_s_summed_figures_are_not_kept_in_the_cache() -> None:
    """Only the fields: a later version may sum a record's figures otherwise."""
    record = programme_history()[0]
    fields = {f.name for f in dataclasses.fields(Record)}
    assert record.eccentric_reps > 0 and record.focused and set(record.__dict__) > fields  # summed, kept
    (back,) = loads(dumps((record,)))
    assert set(back.__dict__) == fields and back == record and back.eccentric_reps == record.eccentric_reps


def _month_of(cache: Path) -> tuple[dict[str, object], str]:
    import marshal

    (kept,) = cache.glob("months-*.marshal")
    data = marshal.loads(kept.read_bytes())
    return data, next(iter(data["months"]))


def _write(cache: Path, data: dict[str, object]) -> None:
    import marshal

    (kept,) = cache.glob("months-*.marshal")
    kept.write_bytes(marshal.dumps(data))


def test_a_cached_record_with_a_field_missing_is_not_trusted(tmp_path: Path) -> None:
    import pickle

    folder, cache = saved(tmp_path)
    first = HistoryStore(folder, lambda: NOW, cache=cache).load()
    data, name = _month_of(cache)
    months = data["months"]
    assert isinstance(months, dict)
    stamp, _ = months[name]
    short = object.__new__(Record)
    short.__dict__.update({k: v for k, v in first.records[0].__dict__.items() if k != "note"})
    months[name] = (stamp, pickle.dumps((short,)))
    _write(cache, data)
    again = HistoryStore(folder, lambda: NOW, cache=cache).load()
    assert again.records == first.records and not again.problems


def test_a_tampered_cache_cannot_run_code(tmp_path: Path) -> None:
    """The cache unpickles only records, their enums and dates: nothing else it names is called."""
    import os
    import pickle

    folder, cache = saved(tmp_path)
    first = HistoryStore(folder, lambda: NOW, cache=cache).load()
    proof = tmp_path / "ran"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return os.system, (f"touch {proof}",)

    data, name = _month_of(cache)
    months = data["months"]
    assert isinstance(months, dict)
    stamp, _ = months[name]
    months[name] = (stamp, pickle.dumps(Payload()))
    _write(cache, data)
    again = HistoryStore(folder, lambda: NOW, cache=cache).load()
    assert not proof.exists()
    assert again.records == first.records and not again.problems


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


def test_a_value_the_cache_does_not_know_leaves_its_month_uncached(tmp_path: Path) -> None:
    from hamstride.storage.month_cache import Unkept

    odd = dataclasses.replace(make_record(NOW), extra={"from_elsewhere": object()})
    with pytest.raises(Unkept):
        dumps((odd,))
    cache = MonthCache(tmp_path / "months.marshal")
    cache.put("2026-11.toml", (1, 2, 3), (odd,))
    cache.save()
    assert MonthCache(tmp_path / "months.marshal").get("2026-11.toml", (1, 2, 3)) is None  # parsed next run


def test_a_kept_history_is_read_without_parsing_and_as_load_reads_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the history screen fills its first frame with: only months already parsed, this run or the last."""
    folder, cache = saved(tmp_path)
    store = HistoryStore(folder, lambda: NOW, cache=cache)
    assert store.load_kept() is None  # nothing parsed yet: the screen loads in a thread instead
    loaded = store.load()
    with monkeypatch.context() as m:
        no_parsing(m)
        assert store.load_kept() == loaded  # this run's parsed months
        assert HistoryStore(folder, lambda: NOW, cache=cache).load_kept() == loaded  # the next run's
    assert HistoryStore(tmp_path / "none", lambda: NOW, cache=cache).load_kept() == history_module.Loaded((), ())


def test_a_changed_or_broken_month_is_not_kept(tmp_path: Path) -> None:
    folder, cache = saved(tmp_path)
    HistoryStore(folder, lambda: NOW, cache=cache).load()
    HistoryStore(folder, lambda: NOW).save(make_record(datetime(2026, 11, 25, 7, tzinfo=OFFSET), record_id="new"))
    store = HistoryStore(folder, lambda: NOW, cache=cache)
    assert store.load_kept() is None  # the month changed since it was parsed
    assert "new" in {r.id for r in store.load().records}
    assert store.load_kept() is not None
    month = folder / "2026-11.toml"
    month.write_text(month.read_text().replace('session = "test"', 'session = 7', 1))
    assert store.load_kept() is None  # a month with a problem is parsed, and reported, every time
    assert any("skipped" in problem for problem in store.load().problems)
    assert store.load_kept() is None


def test_a_kept_history_is_not_read_beside_a_load_under_way(tmp_path: Path) -> None:
    """The UI thread never waits for, nor reads the months cache beside, a load in another thread."""
    import threading

    folder, cache = saved(tmp_path)
    store = HistoryStore(folder, lambda: NOW, cache=cache)
    store.load()
    store.save(make_record(datetime(2026, 11, 25, 7, tzinfo=OFFSET), record_id="new"))
    saving, go_on = threading.Event(), threading.Event()
    save = store._months.save

    def held_save() -> None:  # the other load, stopped at its very end
        saving.set()
        go_on.wait(timeout=10)
        save()

    store._months.save = held_save  # type: ignore[method-assign]
    other = threading.Thread(target=store.load)
    other.start()
    try:
        assert saving.wait(timeout=10)
        assert store.load_kept() is None  # at once, while the other load is still under way
        assert other.is_alive()
    finally:
        go_on.set()
        other.join(timeout=10)
    assert store.load_kept() is not None and "new" in {r.id for r in store.load().records}
