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


def _declared_distributions() -> set[str]:
    """Every distribution pyproject.toml names: the dependencies and every extra's."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        wanted.extend(extra)
    names = set()
    for requirement in wanted:
        name = requirement.split(";")[0].split("[")[0]
        for stop in "<>=!~ ":
            name = name.split(stop)[0]
        names.add(name.strip().lower().replace("_", "-"))
    return names


def test_every_module_the_code_imports_is_declared() -> None:
    """A module we import that only arrives as another package's dependency disappears the day that
    package drops it (serve/web.py imported aiohttp and jinja2, which came with textual-serve)."""
    import ast
    from importlib.metadata import packages_distributions

    owners = packages_distributions()
    declared = _declared_distributions()
    undeclared: dict[str, str] = {}
    for path in sorted((ROOT / "src" / "hamstride").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                tops = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                tops = [node.module.split(".")[0]]
            else:
                continue
            for top in tops:
                if top in sys.stdlib_module_names or top in ("hamstride", "__future__"):
                    continue
                dists = {d.lower().replace("_", "-") for d in owners.get(top, [top])}
                if not dists & declared:
                    undeclared[top] = str(path.relative_to(ROOT))
    assert undeclared == {}, f"imported but not declared in pyproject.toml: {undeclared}"


def test_rtoml_is_an_extra_installed_from_a_wheel_only() -> None:
    """rtoml has no wheel for musl (Alpine): as a dependency it made `pip install hamstride` need a
    Rust toolchain there. It is the `fast` extra, which `make install` asks for as a wheel only, and
    the history reads the same without it (test_month_toml.py)."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not [d for d in project["dependencies"] if d.startswith("rtoml")]
    assert [d for d in project["optional-dependencies"]["fast"] if d.startswith("rtoml")]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert '--only-binary=rtoml ".[fast]"' in makefile
