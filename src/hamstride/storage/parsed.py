"""The built-in sessions' TOML, parsed ahead: the home screen reads every one of them at launch.

tomllib is pure Python and was about half of reading the library (6 ms of the home
screen's first frame). `builtin_tables.json`, written by `make tables`
(scripts/make_tables.py) from sessions/, holds what tomllib makes of each built-in
file, keyed by the file's bytes (CRC-32 and length): a file with other bytes (a
runner's, an edited or newer built-in) is parsed as usual, so a stale or missing
table costs time, never correctness. Only the library's built-in files look here:
`run FILE` never opens the tables. The loader checks the table as it checks
anything tomllib returns; `tests/unit/test_parsed.py` fails when the tables are stale.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

TABLES = Path(__file__).with_name("builtin_tables.json")

_tables: dict[str, str] | None = None


def key(encoded: bytes) -> str:
    return f"{zlib.crc32(encoded):08x}-{len(encoded)}"


def table_for(encoded: bytes) -> dict[str, Any] | None:
    """What tomllib.loads makes of these bytes, if they are a built-in file's; a new dict each time."""
    global _tables
    if _tables is None:
        _tables = _read()
    text = _tables.get(key(encoded))
    if text is None:
        return None
    import json

    table = json.loads(text)
    return table if isinstance(table, dict) else None


def _read() -> dict[str, str]:
    import json

    try:
        tables = json.loads(TABLES.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(tables, dict) or not all(isinstance(v, str) for v in tables.values()):
        return {}
    return tables


def tables_text(texts: list[bytes]) -> str:
    """The tables file for these TOML files (what `make tables` writes)."""
    import json
    import tomllib

    tables = {}
    for encoded in texts:
        table = tomllib.loads(encoded.decode("utf-8"))
        text = json.dumps(table, ensure_ascii=False, separators=(",", ":"))
        if json.loads(text) != table:  # a date or time: JSON cannot hold it, tomllib reads that file
            continue
        tables[key(encoded)] = text
    return json.dumps(dict(sorted(tables.items())), ensure_ascii=False, indent=0) + "\n"
