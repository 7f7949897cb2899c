"""One declaration per file boundary: the keys of a history record, the settings, the CSV columns.

Reading, checking and writing all come from it, so a field added in one place
cannot be forgotten in another."""

from __future__ import annotations

import csv
import dataclasses
import io
import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from hamstride.domain.model import Category, Side
from hamstride.domain.record import Readiness, Record
from hamstride.domain.result import SideResult, StepResult
from hamstride.storage.config import RULES, Config, load_config
from hamstride.storage.export import COLUMNS, csv_text
from hamstride.storage.record_table import (
    RECORD_KEYS,
    REQUIRED,
    SIDE_KEYS,
    STEP_KEYS,
    Key,
    RecordError,
    from_table,
    to_table,
)
from tests.unit.helpers import make_record

STARTED = datetime(2026, 11, 2, 7, 30, tzinfo=timezone(timedelta(hours=1)))
NOT_A_VALUE = {"a": [1]}  # a table: no key of ours may hold one


def _filled(keys: tuple[Key[Any], ...]) -> list[str]:
    return sorted(key.attr for key in keys if key.attr is not None)


@pytest.mark.parametrize(("cls", "keys", "not_from_a_key"), [
    (Record, RECORD_KEYS, {"extra"}), (StepResult, STEP_KEYS, {"index"}), (SideResult, SIDE_KEYS, set()),
])
def test_every_field_is_read_from_exactly_one_key(cls: type, keys: tuple[Key[Any], ...],
                                                  not_from_a_key: set[str]) -> None:
    fields = sorted(f.name for f in dataclasses.fields(cls) if f.name not in not_from_a_key)
    assert _filled(keys) == fields


def _full_record() -> Record:
    plain = make_record(STARTED, rpe=7, soreness=3, note="felt strong\nno pain")
    sides = (SideResult(Side.LEFT, 2, 10, 1, 61.5), SideResult(Side.RIGHT, 2, 9, 0, 60.0))
    step = dataclasses.replace(plain.steps[0], sides=sides)
    return dataclasses.replace(plain, steps=(step,), week=4, first_side=Side.RIGHT, file_hash="sha256:ab",
                               category=Category.STRENGTH, readiness=Readiness(4, True), maintenance=True)


def test_every_key_survives_a_trip_through_a_file() -> None:
    record = _full_record()
    table = tomllib.loads(tomli_w.dumps({"session": [to_table(record)]}))["session"][0]
    assert from_table(table) == record
    assert list(table)[:4] == ["id", "format", "started", "ended"]  # the order people read in the file


@pytest.mark.parametrize("key", [k.name for k in RECORD_KEYS if k.attr is not None and k.name != "status"])
def test_a_wrong_value_in_any_record_key_is_named(key: str) -> None:
    table = to_table(_full_record())
    table[key] = NOT_A_VALUE
    with pytest.raises(RecordError, match=f"^key '{key}': "):
        from_table(table)


@pytest.mark.parametrize("key", [k.name for k in STEP_KEYS])
def test_a_wrong_value_in_any_step_key_names_the_step(key: str) -> None:
    table = to_table(_full_record())
    table["step"][0][key] = NOT_A_VALUE
    with pytest.raises(RecordError, match=f"^step 1: key '{key}': "):
        from_table(table)


@pytest.mark.parametrize("key", [k.name for k in SIDE_KEYS])
def test_a_wrong_value_in_any_side_key_names_the_step(key: str) -> None:
    table = to_table(_full_record())
    table["step"][0]["side"][1][key] = NOT_A_VALUE
    with pytest.raises(RecordError, match=f"^step 1: key '{key}': "):
        from_table(table)


@pytest.mark.parametrize("key", [k.name for k in RECORD_KEYS if k.attr and k.default is REQUIRED])
def test_a_missing_required_key_is_named(key: str) -> None:
    table = to_table(_full_record())
    del table[key]
    with pytest.raises(RecordError, match=f"^key '{key}': is missing$"):
        from_table(table)


@pytest.mark.parametrize("setting", Config._fields)
def test_every_setting_has_a_rule_and_a_wrong_value_keeps_the_default(setting: str, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(tomli_w.dumps({setting: NOT_A_VALUE}))
    loaded = load_config(path)
    assert loaded.config == Config()
    assert [p.split(": ", 1)[1].split(" ")[0] for p in loaded.problems] == [setting]
    assert "; using the default. To fix it, correct the value on line 1, or delete that line" in loaded.problems[0]


def test_each_rule_is_a_setting_s() -> None:
    """A rule for a key Config does not have would end every launch whose config.toml says that key."""
    assert sorted(RULES) == sorted(Config._fields)


def test_good_settings_are_read_as_written(tmp_path: Path) -> None:
    chosen = Config(weekly_target=3, mute=True, volume=0.5, sound="both", backend="aplay", theme="nord",
                    lead_in=10.0, keymap={"pause": "p"}, calendar="~/plan.ics", race_words=("race",),
                    hard_words=("intervals", "long run"))
    path = tmp_path / "config.toml"
    path.write_text(tomli_w.dumps(chosen._asdict()))
    loaded = load_config(path)
    assert (loaded.config, loaded.problems) == (chosen, ())


def test_the_csv_header_and_every_row_come_from_one_column_list() -> None:
    records = [_full_record(), make_record(STARTED + timedelta(days=2), completed=False)]
    rows = list(csv.reader(io.StringIO(csv_text(records))))
    assert rows[0] == [name for name, _ in COLUMNS]
    assert all(len(row) == len(COLUMNS) for row in rows)
    first = dict(zip(rows[0], rows[1]))
    assert (first["date"], first["status"], first["rpe"], first["week"]) == ("2026-11-02", "complete", "7", "4")
