"""Parsed months kept between runs, so that ten years of history open at once.

Parsing TOML is nearly all of a first load (about 90% of it), so the records of
each month file are kept, in Python's `marshal` format, in one cache file keyed
by the month file's size, modification time and inode: a month that changed in
any way is parsed again. The cache is only ever a copy: any trouble with it
(missing, unreadable, from another Python or another shape of record) and it is
ignored and written afresh. `marshal` holds plain values only and cannot run
code, so even a tampered cache can only make a load slower.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Iterator
from datetime import date, datetime, time
from enum import Enum
from pathlib import Path
from typing import Any

from hamstride.domain import kinds
from hamstride.domain.model import Category, Exercise, Side
from hamstride.domain.record import Readiness, Record
from hamstride.domain.result import SideResult, StepResult, StepStatus

Stamp = tuple[int, int, int]  # size, mtime in ns, inode

_CLASSES: dict[str, type[Any]] = {cls.__name__: cls for cls in (Record, StepResult, SideResult, Readiness)}
_ENUMS: dict[str, type[Enum]] = {cls.__name__: cls for cls in (Side, StepStatus, Category, Exercise)}
_KIND_TYPES = frozenset(type(kind) for kind in kinds.KINDS)  # step kinds are objects, kept by name


def _shape() -> str:
    """The records' shape: a new field anywhere and the old cache no longer applies."""
    names = [f"{name}:{','.join(f.name for f in dataclasses.fields(cls))}" for name, cls in sorted(_CLASSES.items())]
    return hashlib.sha256(";".join(names).encode()).hexdigest()[:16]


VERSION = (1, sys.version_info[:2], _shape())


class Unkept(Exception):
    """A value the cache does not know how to keep: its month is parsed each time instead."""


def pack(value: Any) -> Any:
    """A record as nested plain values, each typed value tagged."""
    if value is None or type(value) in (bool, int, float, str):  # exactly: a StrEnum is a str too
        return value
    if type(value) in _KIND_TYPES:
        return ("k", value.name)
    if isinstance(value, Enum):
        if _ENUMS.get(type(value).__name__) is not type(value):
            raise Unkept(type(value).__name__)
        return ("e", type(value).__name__, value.value)
    if isinstance(value, datetime):
        return ("dt", value.isoformat())
    if isinstance(value, date):
        return ("d", value.isoformat())
    if isinstance(value, time):
        return ("t", value.isoformat())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if _CLASSES.get(name) is not type(value):
            raise Unkept(name)
        return ("c", name, [pack(getattr(value, f.name)) for f in dataclasses.fields(value)])
    if isinstance(value, tuple):
        return ("T", [pack(v) for v in value])
    if isinstance(value, list):
        return [pack(v) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {k: pack(v) for k, v in value.items()}
    raise Unkept(type(value).__name__)


_PLAIN = (type(None), bool, int, float, str)
_MEMBERS = {name: {member.value: member for member in cls} for name, cls in _ENUMS.items()}
# Positional order: pack() writes the fields in dataclasses.fields() order, and the shape in VERSION
# makes a cache of another order unreadable.
_FIELDS = {name: tuple(f.name for f in dataclasses.fields(cls)) for name, cls in _CLASSES.items()}


def _build(name: str, values: list[Any]) -> Any:
    """A record's dataclass from its fields in order, without the frozen __init__'s setattr per field
    (a third of a load); the classes have no __post_init__ to skip (a test checks)."""
    cls = _CLASSES[name]
    fields = _FIELDS[name]
    if len(values) != len(fields):
        raise ValueError(f"{name} with {len(values)} fields")
    built = object.__new__(cls)
    built.__dict__.update(zip(fields, values))
    return built


def unpack(value: Any) -> Any:
    """The inverse of pack(); KeyError, IndexError, TypeError or ValueError on what pack() never writes.

    Plain values are taken as they are without a call: they are most of a record."""
    kind = type(value)
    if kind is tuple:
        tag = value[0]
        if tag == "c":
            return _build(value[1], [v if type(v) in _PLAIN else unpack(v) for v in value[2]])
        if tag == "T":
            return tuple([v if type(v) in _PLAIN else unpack(v) for v in value[1]])
        if tag == "e":
            return _MEMBERS[value[1]][value[2]]
        if tag == "k":
            return kinds.by_name(value[1])
        if tag == "dt":
            return datetime.fromisoformat(value[1])
        if tag == "d":
            return date.fromisoformat(value[1])
        if tag == "t":
            return time.fromisoformat(value[1])
        raise ValueError(f"unknown tag {tag!r}")
    if kind in _PLAIN:
        return value
    if kind is list:
        return [v if type(v) in _PLAIN else unpack(v) for v in value]
    if kind is dict:
        return {k: v if type(v) in _PLAIN else unpack(v) for k, v in value.items()}
    raise TypeError(kind.__name__)


@contextlib.contextmanager
def no_collection() -> Iterator[None]:
    """The cyclic garbage collector held off while thousands of records are built at once.

    Records hold no cycles, yet each new generation of objects sets off a collection that walks
    everything alive: with ten years in memory, those walks were as long as the building itself.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


class MonthCache:
    """The records of clean month files, by file name and stamp; read once, written when changed."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._months: dict[str, tuple[Stamp, Any]] | None = None  # packed, as on disk
        self._records: dict[str, tuple[Stamp, tuple[Record, ...]]] = {}  # unpacked this run
        self._changed = False

    @classmethod
    def for_folder(cls, cache_folder: Path | None, history: Path) -> MonthCache:
        """One cache file per history folder (a runner may keep several with --data-dir)."""
        if cache_folder is None:
            return cls(None)
        key = hashlib.sha256(str(history.resolve()).encode()).hexdigest()[:12]
        return cls(cache_folder / f"months-{key}.marshal")

    def _read(self) -> dict[str, tuple[Stamp, Any]]:
        if self._months is None:
            self._months = {}
            if self.path is not None:
                try:
                    data = marshal.loads(self.path.read_bytes())
                    if isinstance(data, dict) and data.get("version") == VERSION and isinstance(data.get("months"), dict):
                        self._months = data["months"]
                except (OSError, EOFError, ValueError, TypeError):
                    pass  # no cache, or not one we can use: it is rebuilt
        return self._months

    def get(self, name: str, stamp: Stamp) -> tuple[Record, ...] | None:
        kept = self._records.get(name)
        if kept is not None and kept[0] == stamp:
            return kept[1]
        packed = self._read().get(name)
        if packed is None or tuple(packed[0]) != stamp:
            return None
        try:
            records = tuple(unpack(row) for row in packed[1])
            if not all(isinstance(r, Record) for r in records):
                raise TypeError("not records")
        except (KeyError, IndexError, ValueError, TypeError):
            self._read().pop(name, None)
            self._changed = True
            return None
        self._records[name] = (stamp, records)
        return records

    def put(self, name: str, stamp: Stamp, records: tuple[Record, ...]) -> None:
        self._records[name] = (stamp, records)
        try:
            packed = [pack(r) for r in records]
        except Unkept:
            self._read().pop(name, None)
            return
        self._read()[name] = (stamp, packed)
        self._changed = True

    def keep_only(self, names: set[str]) -> None:
        """Forget months whose files are gone."""
        months = self._read()
        for name in [n for n in months if n not in names]:
            del months[name]
            self._changed = True

    def save(self) -> None:
        """Write the cache if it changed; a cache that cannot be written is simply not kept."""
        if not self._changed or self.path is None:
            return
        self._changed = False
        try:
            data = marshal.dumps({"version": VERSION, "months": self._read()})
        except ValueError:  # pragma: no cover - pack() lets through only what marshal keeps
            return
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".months.", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(temp, self.path)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
