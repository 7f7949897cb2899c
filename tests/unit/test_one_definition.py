"""Names and words written once: sound modes and backends, a record's status, the clock text."""

from __future__ import annotations

import argparse
import csv
import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from hamstride.audio import backends
from hamstride.audio.simple import SimpleaudioBackend
from hamstride.cli import build_parser
from hamstride.domain.sound import BACKENDS, SoundMode
from hamstride.domain.timetext import clock
from hamstride.storage.config import load_config
from hamstride.storage.export import csv_text
from hamstride.storage.record_table import to_table
from hamstride.ui import labels
from tests.unit.helpers import make_record


def _choices(command: str, option: str) -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    action = next(a for a in sub.choices[command]._actions if option in a.option_strings)
    assert action.choices is not None
    return [str(choice) for choice in action.choices]


@pytest.mark.parametrize("command", ["run", "doctor"])
def test_the_command_line_offers_the_sound_names_settings_accept(command: str) -> None:
    assert _choices(command, "--sound") == [mode.value for mode in SoundMode]
    assert _choices(command, "--backend") == list(BACKENDS)


def test_every_backend_audio_can_build_is_a_name_settings_accept(tmp_path: Path) -> None:
    built = {SimpleaudioBackend.name, backends.BellBackend.name, backends.SilentBackend.name,
             *backends.PLAYERS}
    assert built == set(BACKENDS)
    path = tmp_path / "config.toml"
    for name in BACKENDS:
        path.write_text(f'backend = "{name}"\n')
        assert load_config(path).config.backend == name
    path.write_text('backend = "speakers"\n')
    assert "must be one of " + ", ".join(BACKENDS) in load_config(path).problems[0]


@pytest.mark.parametrize("completed", [True, False])
def test_a_status_reads_the_same_in_the_history_file_and_the_csv(completed: bool) -> None:
    record = make_record(datetime(2026, 11, 2, 7, tzinfo=timezone(timedelta(hours=1))), completed=completed)
    row = next(csv.DictReader(io.StringIO(csv_text([record]))))
    assert to_table(record)["status"] == row["status"] == record.status == ("complete" if completed else "partial")


def test_the_screens_and_the_command_line_write_durations_with_one_clock() -> None:
    assert labels.clock is clock
    assert [clock(s) for s in (0, 59.6, 65, 3720, -3)] == ["0:00", "1:00", "1:05", "1:02:00", "0:00"]
