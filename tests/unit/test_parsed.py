"""The built-in sessions' TOML, parsed ahead (storage/parsed.py): the same tables, less time, never trusted blindly."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from hamstride import locations
from hamstride.domain.errors import SessionFileError
from hamstride.storage import loader, parsed
from hamstride.storage.library import load_library

BUILTINS = sorted(locations.builtin_sessions().glob("*.toml"))


@pytest.fixture
def counted_tomllib(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = tomllib.loads

    def loads(text: str, **kwargs: Any) -> dict[str, Any]:
        calls.append(text)
        return real(text, **kwargs)

    monkeypatch.setattr(loader.tomllib, "loads", loads)
    return calls


@pytest.fixture
def tables_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tables read from a file of the test's own."""
    path = tmp_path / "tables.json"
    monkeypatch.setattr(parsed, "TABLES", path)
    monkeypatch.setattr(parsed, "_tables", None)
    return path


@pytest.mark.parametrize("path", BUILTINS, ids=[path.stem for path in BUILTINS])
def test_the_tables_are_what_tomllib_makes_of_each_built_in_file(path: Path) -> None:
    data = path.read_bytes()
    assert parsed.table_for(data) == tomllib.loads(data.decode()), \
        f"{path.name} changed since the tables were written: run `make tables`"


def test_the_built_in_library_is_read_without_tomllib(counted_tomllib: list[str]) -> None:
    with_tables = load_library(locations.builtin_sessions(), None)
    assert counted_tomllib == []
    assert len(with_tables.entries) == len(BUILTINS) and not with_tables.broken


def test_the_same_sessions_as_tomllib_makes(tables_file: Path, counted_tomllib: list[str]) -> None:
    by_tomllib = load_library(locations.builtin_sessions(), None)  # no tables file: every file parsed
    assert len(counted_tomllib) == len(BUILTINS)
    tables_file.write_text(parsed.tables_text([path.read_bytes() for path in BUILTINS]))
    parsed._tables = None
    counted_tomllib.clear()
    assert load_library(locations.builtin_sessions(), None) == by_tomllib
    assert counted_tomllib == []


def test_a_runners_edit_of_a_built_in_is_read_from_its_file(tmp_path: Path, counted_tomllib: list[str]) -> None:
    mine = tmp_path / "early-week-strength.toml"
    text = (locations.builtin_sessions() / "early-week-strength.toml").read_text()
    mine.write_text(text.replace('title = "Early-week strength"', 'title = "My early week"'))
    assert loader.load_session(mine, builtin=True).title == "My early week"
    assert len(counted_tomllib) == 1


def test_a_file_outside_the_library_does_not_open_the_tables(tmp_path: Path, tables_file: Path) -> None:
    """`run FILE` reads its one file: the tables of the sixteen built-ins would only cost it time."""
    plan = tmp_path / "early-week-strength.toml"
    plan.write_bytes((locations.builtin_sessions() / "early-week-strength.toml").read_bytes())
    tables_file.write_text(parsed.tables_text([plan.read_bytes()]))
    assert loader.load_session(plan).title == "Early-week strength"
    assert parsed._tables is None


def test_a_table_is_checked_like_any_file(tables_file: Path) -> None:
    """A wrong table (a bad `make tables`, a damaged file) is told like a wrong file, or ignored; never trusted."""
    text = 'title = "Bench"\n[[steps]]\nname = "Plank"\nhold = 60\n'
    tables_file.write_text('{"%s": "{\\"title\\": \\"Bench\\", \\"steps\\": [{\\"name\\": \\"Plank\\", '
                           '\\"hold\\": \\"long\\"}]}"}' % parsed.key(text.encode()))
    with pytest.raises(SessionFileError, match="key 'hold': expected a number of seconds"):
        loader.parse_session(text, file="bench.toml", name="bench", builtin=True)
    for damaged in ("", "{not json", '["a list"]', '{"%s": 3}' % parsed.key(text.encode())):
        tables_file.write_text(damaged)
        parsed._tables = None
        assert loader.parse_session(text, file="bench.toml", name="bench", builtin=True).steps[0].name == "Plank"
