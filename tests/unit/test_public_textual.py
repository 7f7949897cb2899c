"""No private name of Textual (or of the widgets built on it) is used anywhere in src/ or tests/.

A private attribute can change in any release; the pin on Textual admits its whole major
version only because nothing here leans on one. The scan walks every module's syntax tree:
`self._x` inside a class built on a Textual class, where a Textual base defines `_x`;
`something._x` anywhere, where `_x` is private to Textual's App, Screen, Widget or Driver;
and `getattr(obj, "_x")` with a literal private name.

Modules are read, never imported: importing a test module may skip it, patch something or
start a process. What a class is built on is followed through the module's imports: a class
of the standard library or a dependency (or of src) is imported to read its members, one of
a test module is read the same way as the first.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import textwrap
from pathlib import Path
from typing import NamedTuple

import textual.app
import textual.driver
import textual.screen
import textual.widget

ROOT = Path(__file__).resolve().parents[2]
SRC, TESTS = ROOT / "src" / "hamstride", ROOT / "tests"
THIRD_PARTY = ("textual", "textual_plotext", "rich")  # the UI's libraries: their private names are not ours
# Reached through these, an underscored name is the standard library's own, documented one (os._exit):
# it only shares its spelling with a Textual private.
STANDARD_MODULES = frozenset({"os", "sys"})
# A named tuple's documented members: public, underscored only so that they cannot clash with a field.
NAMED_TUPLE_API = frozenset({"_fields", "_field_defaults", "_replace", "_asdict", "_make"})

# Private names the tests may use, by file and name, each with the reason no public way exists.
# Empty: each one had a public way. The screen as shown is read through `Screen.get_widget_at` and
# `Widget.render_lines` (tests/ui/helpers.py, screen_strips), not the compositor; a frame put out
# is timed with `App.post_display_hook`, not by replacing `App._display`.
ALLOWED_IN_TESTS: dict[tuple[str, str], str] = {}


class Use(NamedTuple):
    """One use of a private name: where, which, and the code as written."""

    file: str
    line: int
    name: str
    code: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line} {self.code}"


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


def _third_party_private(cls: type) -> frozenset[str]:
    return frozenset(name for base in cls.__mro__ if base.__module__.split(".")[0] in THIRD_PARTY
                     for name in _defined_by(base))


@functools.cache
def _textual_names() -> frozenset[str]:
    return frozenset().union(*(_third_party_private(cls) for cls in (
        textual.app.App, textual.screen.Screen, textual.widget.Widget, textual.driver.Driver)))


class _Module:
    """A module's imports and classes, as its source says them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.imported: dict[str, str] = {}  # a name here -> what it names, dotted
        self.classes: dict[str, ast.ClassDef] = {}
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                self.imported.update({alias.asname or alias.name: f"{node.module}.{alias.name}"
                                      for alias in node.names})
            elif isinstance(node, ast.Import):
                for alias in node.names:  # `import textual.app` names `textual`; with `as ta`, the module
                    root = alias.name.split(".")[0]
                    self.imported[alias.asname or root] = alias.name if alias.asname else root
            elif isinstance(node, ast.ClassDef):
                self.classes.setdefault(node.name, node)

    def inherited(self, node: ast.ClassDef) -> frozenset[str]:
        """The private names a class of this module inherits from the UI's libraries."""
        names: set[str] = set()
        for base in node.bases:
            names |= self._privates_of(base.value if isinstance(base, ast.Subscript) else base)  # App[None]
        return frozenset(names)

    def _privates_of(self, base: ast.expr) -> frozenset[str]:
        if isinstance(base, ast.Name) and base.id in self.classes and base.id not in self.imported:
            return self.inherited(self.classes[base.id])
        dotted = self._dotted(base)
        return frozenset() if dotted is None else _privates_of_class(dotted)

    def _dotted(self, node: ast.expr) -> str | None:
        if isinstance(node, ast.Name):
            return self.imported.get(node.id)
        if isinstance(node, ast.Attribute):
            owner = self._dotted(node.value)
            return None if owner is None else f"{owner}.{node.attr}"
        return None


@functools.cache
def _read(path: Path) -> _Module:
    return _Module(path)


def _privates_of_class(dotted: str) -> frozenset[str]:
    """What the class named `dotted` inherits from the UI's libraries: a test module's class read
    as its source says, any other imported to read its members."""
    module, _, name = dotted.rpartition(".")
    if dotted.startswith("tests."):
        path = ROOT.joinpath(*module.split(".")).with_suffix(".py")
        found = _read(path).classes.get(name) if path.is_file() else None
        return frozenset() if found is None else _read(path).inherited(found)
    try:
        cls = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError, ValueError):
        return frozenset()
    return _third_party_private(cls) if isinstance(cls, type) else frozenset()


def private_uses(path: Path) -> list[Use]:
    """The private names of Textual (and the libraries on it) that the module at `path` uses."""
    module = _read(path)
    where = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name
    textual_names = _textual_names()
    found: list[Use] = []
    classes: list[frozenset[str]] = []

    class Visitor(ast.NodeVisitor):
        def visit_ClassDef(self, node: ast.ClassDef) -> None:
            classes.append(module.inherited(node))
            self.generic_visit(node)
            classes.pop()

        def visit_Attribute(self, node: ast.Attribute) -> None:
            if _private(node.attr):
                if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
                    if classes and node.attr in classes[-1]:
                        found.append(Use(where, node.lineno, node.attr, ast.unparse(node)))
                elif node.attr in textual_names and not (
                        isinstance(node.value, ast.Name) and node.value.id in STANDARD_MODULES):
                    found.append(Use(where, node.lineno, node.attr, ast.unparse(node)))
            self.generic_visit(node)

        def visit_Call(self, node: ast.Call) -> None:
            if isinstance(node.func, ast.Name) and node.func.id in ("getattr", "setattr", "hasattr", "delattr") \
                    and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) \
                    and isinstance(node.args[1].value, str) and _private(node.args[1].value) \
                    and node.args[1].value not in NAMED_TUPLE_API:
                found.append(Use(where, node.lineno, node.args[1].value, ast.unparse(node)))
            self.generic_visit(node)

    Visitor().visit(module.tree)
    return found


def test_no_private_textual_name_is_used_in_src() -> None:
    found = [str(use) for path in sorted(SRC.rglob("*.py")) for use in private_uses(path)]
    assert found == []


def test_no_private_textual_name_is_used_in_tests() -> None:
    found = [use for path in sorted(TESTS.rglob("*.py")) for use in private_uses(path)]
    assert [str(use) for use in found if (use.file, use.name) not in ALLOWED_IN_TESTS] == []


def test_the_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
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

        class Further(Mine):  # built on a Textual class through a class of its own module
            def draw(self) -> None:
                self._mine = self._compositor.render_strips()
                App._display = print
    """))
    found = private_uses(tmp_path / "leaky.py")
    assert [use.code for use in found] == [
        "self._driver", "getattr(driver, '_must_signal_resume', False)", "self.app._handle_exception",
        "self._closing", "self._compositor", "App._display"]


def test_the_scan_follows_a_class_into_the_test_module_it_comes_from() -> None:
    # tests/ui/test_run_frames.py builds an app on Textual's App; a class built on it elsewhere
    # inherits its private names, read from that module's source without importing it.
    assert {"_driver", "_display"} <= _privates_of_class("tests.ui.test_run_frames._RunApp")
    assert _privates_of_class("tests.ui.test_run_frames.Sound") == frozenset()  # a class of its own
    assert {"_driver", "_display"} <= _privates_of_class("hamstride.ui.app.HamstrideApp")
