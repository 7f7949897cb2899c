"""SHA-256 without importing hashlib.

`import hashlib` sets up every OpenSSL digest it can find: about 0.6 MiB of
resident memory at each launch, for the one digest we use (a session file's
fingerprint, the month cache's keys). CPython builds its own SHA-256 in; the
digests are the same bytes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, cast


class Hash(Protocol):
    def hexdigest(self) -> str: ...


def _find_sha256() -> Callable[[bytes], Hash]:
    for module in ("_sha2", "_sha256"):  # CPython 3.12 and later; 3.11
        try:
            return cast("Callable[[bytes], Hash]", importlib.import_module(module).sha256)
        except (ImportError, AttributeError):
            continue
    import hashlib  # a Python built without them

    return hashlib.sha256


sha256 = _find_sha256()


def file_hash(path: Path | None) -> str:
    """A short fingerprint of the session file, so a record says which version was run."""
    if path is None or not path.is_file():
        return ""
    return "sha256:" + sha256(path.read_bytes()).hexdigest()[:16]
