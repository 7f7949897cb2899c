"""No private name of Textual (or of the widgets built on it) is used anywhere in src/.

A private attribute can change in any release; the pin on Textual admits its whole major
version only because nothing here leans on one. The scan walks every module's syntax tree:
`self._x` inside a class built on a Textual class, where a Textual base defines `_x`;
`something._x` anywhere, where `_x` is private to Textual's App, Screen, Widget or Driver;
and `getattr(obj, "_x")` with a literal private name.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import pkgutil
import textwrap
from pathlib import Path

import textual.app
import textual.driver
import textual.screen
import textual.widget

import hamstride

THIRD_PARTY = ("textual", "textual_plotext", "rich")  # the UI's libraries: their private names are not ours
# Reached through these, an underscored name is the standard library's own, documented one (os._exit):
# it only shares its spelling with a Textual private.
STANDARD_MODULES = frozenset({"os", "sys"})


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


@functools.cache
def _defined_by(cls: type) -> frozenset[str]:
    """The private names a class defines: its members, and what its methods assign to `self`."""
    names = {name for name in vars(cls) if _private(name)}
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):
        return frozenset(names)
    names |= {node.attr for node in ast.walk(tree)
              if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and _private(node.attr)}
    return frozenset(names)


def _third_party_private(cls: type) -> set[str]:
    return {name for base in cls.__mro__ if base.__module__.split(".")[0] in THIRD_PARTY
            for name in _defined_by(base)}


def private_uses(module_name: str) -> list[str]:
    module = importlib.import_module(module_name)
    assert module.__file__ is not None
    path = Path(module.__file__)
    textual_names = set().union(*(_third_party_private(cls) for cls in (
        textual.app.App, textual.screen.Screen, textual.widget.Widget, textual.driver.Driver)))
    found: list[str] = []
    classes: list[type | None] = []

    class Visitor(ast.NodeVisitor):
        def visit_ClassDef(self, node: ast.ClassDef) -> None:
            classes.append(getattr(module, node.name, None))
            self.generic_visit(node)
            classes.pop()

        def visit_Attribute(self, node: ast.Attribute) -> None:
            if _private(node.attr):
                where = f"{path.name}:{node.lineno} {ast.unparse(node)}"
                if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
                    owner = next((c for c in reversed(classes) if isinstance(c, type)), None)
                    if owner is not None and node.attr in _third_party_private(owner):
                        found.append(where)
                elif node.attr in textual_names and not (
                        isinstance(node.value, ast.Name) and node.value.id in STANDARD_MODULES):
                    found.append(where)
            self.generic_visit(node)

        def visit_Call(self, node: ast.Call) -> None:
            if isinstance(node.func, ast.Name) and node.func.id in ("getattr", "setattr", "hasattr", "delattr") \
                    and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) \
                    and isinstance(node.args[1].value, str) and _private(node.args[1].value):
                found.append(f"{path.name}:{node.lineno} {ast.unparse(node)}")
            self.generic_visit(node)

    Visitor().visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def _modules() -> list[str]:
    return [info.name for info in pkgutil.walk_packages(hamstride.__path__, "hamstride.")
            if not info.name.endswith("__main__")]  # __main__ runs the command when imported


def test_no_private_textual_name_is_used_in_src() -> None:
    found = [use for name in _modules() for use in private_uses(name)]
    assert found == []


def test_the_scan_finds_what_it_looks_for(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The scan itself: each kind of private use it is meant to find, in a module written for it."""
    (tmp_path / "leaky.py").write_text(textwrap.dedent("""
        from textual.app import App
        from textual.screen import Screen

        class Leaky(App[None]):
            def on_mount(self) -> None:
                driver = self._driver
                getattr(driver, "_must_signal_resume", False)

        class Mine(Screen[None]):
            def __init__(self) -> None:
                super().__init__()
                self._mine = 1  # our own private name: allowed

            def later(self) -> None:
                self.app._handle_exception(ValueError())
                if self._closing:
                    pass
    """))
    monkeypatch.syspath_prepend(str(tmp_path))
    found = private_uses("leaky")
    assert [use.split(" ", 1)[1] for use in found] == [
        "self._driver", "getattr(driver, '_must_signal_resume', False)", "self.app._handle_exception",
        "self._closing"]
