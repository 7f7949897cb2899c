"""Every test runs with its own home: nothing reads or writes the developer's real files."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Iterator
from importlib.machinery import ModuleSpec
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", ".local/share"),
                     ("XDG_STATE_HOME", ".local/state"), ("XDG_CACHE_HOME", ".cache")):
        monkeypatch.setenv(var, str(home / sub))
    hamstride_home = tmp_path / "hamstride"
    monkeypatch.setenv("HAMSTRIDE_HOME", str(hamstride_home))
    return hamstride_home


class _SpecFinder:
    """A finder of the old protocol (`find_module` only), asked as the new one is. pygal appends one to
    sys.meta_path as it is imported (for its map plugins), and pytest's importlib mode asks every finder
    for `find_spec`: a test module collected after pygal was imported, in a package not imported yet, failed
    to collect ("'PluginImportFixer' object has no attribute 'find_spec'", `pytest tests/unit tests/ui`)."""

    def __init__(self, old: Any) -> None:
        self.old = old

    def find_spec(self, name: str, path: object = None, target: object = None) -> ModuleSpec | None:
        loader = self.old.find_module(name, path)
        return None if loader is None else importlib.util.spec_from_loader(name, loader)


def pytest_collectstart() -> None:
    sys.meta_path[:] = [f if hasattr(f, "find_spec") or not hasattr(f, "find_module") else _SpecFinder(f)
                        for f in sys.meta_path]


@pytest.fixture
def another_copy() -> Iterator[str]:
    """A process that is alive while the test runs: the owner of a journal of a run under way (another window)."""
    from hamstride.storage.journal import process_token

    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        yield process_token(proc.pid)
    finally:
        proc.kill()
        proc.wait()
