#!/usr/bin/env python3
"""Write src/hamstride/storage/builtin_tables.json: the built-in sessions' TOML, parsed ahead.

Run it (`make tables`) after changing a file in sessions/; tests/unit/test_parsed.py
says when it is due. See hamstride/storage/parsed.py for why.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from hamstride.storage.parsed import TABLES, tables_text  # noqa: E402

if __name__ == "__main__":
    files = sorted((ROOT / "sessions").glob("*.toml"))
    TABLES.write_text(tables_text([path.read_bytes() for path in files]), encoding="utf-8")
    print(f"{TABLES.relative_to(ROOT)}: {len(files)} sessions")
