"""Parsed months kept between runs, so that ten years of history open at once.

Parsing TOML is nearly all of a first load (about 90% of it), so the records of
each month file are kept in one cache file, keyed by the month file's size,
modification time and inode: a month that changed in any way is parsed again.
The cache is only ever a copy: any trouble with it (missing, unreadable, from
another Python or another shape of record) and it is ignored and written afresh.

Each month's records are pickled: unpickling builds them in C, twice as fast as
building them in Python from plain values. The pickles are read with an
unpickler that knows only the record classes, their enums, the datetime types
and the step kinds' lookup by name, so a tampered cache cannot run code: at
worst it makes a load slower, or offers wrong records for a file it claims to
mirror, as a tampered month file itself could.
"""

from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import datetime as dt
import gc
import io
import marshal
import os
import pickle
import sys
import tempfile
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

from hamstride.domain import kinds
from hamstride.domain.model import Category, Exercise, Side
from hamstride.domain.record import Readiness, Record
from hamstride.domain.result import SideResult, StepResult, StepStatus
from hamstride.storage.digest import sha256
from hamstride.storage.files import private_folder

Stamp = tuple[int, int, int]  # size, mtime in ns, inode

_CLASSES: dict[str, type[Any]] = {cls.__name__: cls for cls in (Record, StepResult, SideResult, Readiness)}
_ENUMS: dict[str, type[Enum]] = {cls.__name__: cls for cls in (Side, StepStatus, Category, Exercise)}
_KIND_TYPES = frozenset(type(kind) for kind in kinds.KINDS)  # step kinds are objects, kept by name
_FIELDS = {cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in _CLASSES.values()}
_FIELD_SETS = {cls: frozenset(names) for cls, names in _FIELDS.items()}
_VALUES = frozenset((dt.datetime, dt.date, dt.time, dt.timezone, dt.timedelta, *_ENUMS.values()))
# All a cached month may name, and so all a tampered cache could make the unpickler call.
_ALLOWED: dict[tuple[str, str], Any] = {
    **{(cls.__module__, cls.__qualname__): cls for cls in (*_CLASSES.values(), *_VALUES)},
    (kinds.by_name.__module__, kinds.by_name.__qualname__): kinds.by_name,
}

_NAMED = frozenset(id(value) for value in _ALLOWED.values())


def _shape() -> str:
    """The records' shape: a new field anywhere and the old cache no longer applies."""
    names = [f"{name}:{','.join(f.name for f in dataclasses.fields(cls))}" for name, cls in sorted(_CLASSES.items())]
    return sha256(";".join(names).encode()).hexdigest()[:16]


VERSION = (2, sys.version_info[:2], pickle.HIGHEST_PROTOCOL, _shape())


class Unkept(Exception):
    """A value the cache does not know how to keep: its month is parsed each time instead."""


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        fields = _FIELDS.get(kind)
        if fields is not None:
            # The fields only: not the figures a record keeps once summed (a newer version may sum
            # them otherwise), nor anything else in its __dict__.
            return copyreg.__newobj__, (kind,), {name: getattr(obj, name) for name in fields}  # type: ignore[attr-defined]
        if kind in _KIND_TYPES:
            return kinds.by_name, (obj.name,)
        if kind in _VALUES or id(obj) in _NAMED:
            return NotImplemented  # pickle's own way: the classes and the function by name
        raise Unkept(getattr(obj, "__name__", kind.__name__))  # plain str, int, list, dict... never come here


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        try:
            return _ALLOWED[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not something a month holds") from None


def dumps(records: tuple[Record, ...]) -> bytes:
    """A month's records as bytes; Unkept when one holds a value the cache does not keep."""
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(records)
    return out.getvalue()


def loads(data: bytes) -> tuple[Record, ...]:
    """The records dumps() wrote; ValueError for anything else, however it fails."""
    try:
        records: tuple[Record, ...] = _Unpickler(io.BytesIO(data)).load()
        whole = type(records) is tuple and all(type(r) is Record and _whole(r) for r in records)
    except Exception as error:  # noqa: BLE001 - damaged bytes fail in many ways; all mean "parse the month"
        raise ValueError(f"not a cached month: {error}") from None
    if not whole:
        raise ValueError("not a cached month of records")
    return records


def _whole(record: Record) -> bool:
    """Every field there: a pickle sets an object's fields from one table, which a crafted cache could
    leave short. (Only the records' own: checking every step and side cost as much as reading them,
    and a pickle cut short by damage fails to load at all.)"""
    return _FIELD_SETS[Record] <= record.__dict__.keys()


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
        key = sha256(str(history.resolve()).encode()).hexdigest()[:12]
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
        try:
            if packed is None or tuple(packed[0]) != stamp:
                return None
            records = loads(packed[1])
        except (ValueError, TypeError, IndexError):
            self._read().pop(name, None)
            self._changed = True
            return None
        self._records[name] = (stamp, records)
        return records

    def put(self, name: str, stamp: Stamp, records: tuple[Record, ...]) -> None:
        self._records[name] = (stamp, records)
        try:
            packed = dumps(records)
        except (Unkept, pickle.PicklingError, RecursionError):
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
        except ValueError:  # pragma: no cover - the months are bytes, their stamps ints
            return
        with contextlib.suppress(OSError):
            private_folder(self.path.parent)  # 0700 whatever the umask: it holds the history's notes
            fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".months.", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(temp, self.path)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
