"""The charts and the served app use their dependencies' public names only (the house standard).

Read from the source with `ast`: an attribute or import whose name starts with one underscore
on anything but our own objects (self, cls, our modules) is a private name of a dependency.
The one exception is listed with why: plotext gives no public way to lift its terminal cap.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "hamstride"
CHECKED = ["ui/plots.py", "ui/widgets/chart.py", "serve/web.py", "serve/qr.py", "cli/serve.py",
           "cli/report_files.py", "storage/report_charts.py", "storage/report_html.py"]
ALLOWED = {
    ("ui/plots.py", "_set_size"),  # see _past_the_terminal_cap: plotext caps a figure at the terminal it was made in
    ("cli/serve.py", "_SubParsersAction"),  # the standard library names add_subparsers' type only so
}


def _private_uses(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
                continue  # our own class's
            found.append((node.attr, node.lineno))
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                and not node.module.startswith("hamstride"):
            parts = node.module.split(".") + [alias.name for alias in node.names]
            found += [(part, node.lineno) for part in parts if part.startswith("_") and not part.startswith("__")]
        elif isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names
                      if any(p.startswith("_") for p in alias.name.split("."))]
    return found


@pytest.mark.parametrize("module", CHECKED)
def test_no_private_name_of_a_dependency(module: str) -> None:
    uses = [(name, line) for name, line in _private_uses(SRC / module) if (module, name) not in ALLOWED]
    assert uses == [], f"{module} uses private names: {uses}"
