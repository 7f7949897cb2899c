"""The house rule, checked on every run: the domain does not know the UI or the speakers."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def test_import_contracts_hold() -> None:
    linter = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    if not Path(linter).exists():
        pytest.fail("lint-imports is not installed: run `make test`, which installs the dev extra")
    done = subprocess.run([linter, "--config", str(ROOT / "pyproject.toml")], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout



def test_the_model_loads_without_the_kinds() -> None:
    """model.py imported Action from kinds/base.py, whose types name the model and the result: a circle
    a newcomer trips on. Action sits beside Phase in domain/phase.py, below all three."""
    code = ("import sys, hamstride.domain.model, hamstride.domain.phase; "
            "print(sorted(m for m in sys.modules if m.startswith('hamstride.domain.')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "['hamstride.domain.model', 'hamstride.domain.phase']"
