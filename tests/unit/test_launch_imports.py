"""What `hamstride run FILE` imports of ours before its first frame, named one by one.

Issue 25 (launch within 1.15x a bare Textual app): each module of ours on the way to the run's
first frame costs finding, unmarshalling and its class bodies (some 0.3 ms each, 3.11). A module
added to this path, or one that begins to import another, shows here first: add it only if the
first frame cannot be drawn without it; otherwise import it where it is used, after the frame.
"""

from __future__ import annotations

import ast
from datetime import timedelta
from pathlib import Path

from hamstride.storage.history import HistoryStore
from tests.unit.helpers import make_record
from tests.unit.test_launch import HOLD, NOW, PROBE, _first_frame

# A session of one hold, without sides, weeks or eccentric work, with no sound (--backend silent).
RUN_FIRST_FRAME_OURS = {
    "hamstride", "hamstride.collector", "hamstride.launch", "hamstride.locations", "hamstride.plaintext",
    "hamstride.wallclock",
    "hamstride.audio", "hamstride.audio.backends", "hamstride.audio.base", "hamstride.audio.clips",
    "hamstride.audio.player",
    "hamstride.cli", "hamstride.cli.app", "hamstride.cli.common", "hamstride.cli.completion", "hamstride.cli.context",
    "hamstride.domain", "hamstride.domain.cues", "hamstride.domain.engine", "hamstride.domain.errors",
    "hamstride.domain.frames", "hamstride.domain.landing", "hamstride.domain.model", "hamstride.domain.phase",
    "hamstride.domain.plan", "hamstride.domain.progress", "hamstride.domain.resuming", "hamstride.domain.run_time",
    "hamstride.domain.sides",
    "hamstride.domain.sound", "hamstride.domain.tally", "hamstride.domain.targets", "hamstride.domain.timetext",
    "hamstride.domain.walker",
    "hamstride.domain.kinds", "hamstride.domain.kinds.base", "hamstride.domain.kinds.hold",
    "hamstride.domain.kinds.pnf", "hamstride.domain.kinds.reps", "hamstride.domain.kinds.rest",
    "hamstride.domain.kinds.tempo", "hamstride.domain.kinds.timed",
    "hamstride.storage", "hamstride.storage.config", "hamstride.storage.fields", "hamstride.storage.files",
    "hamstride.storage.loader", "hamstride.storage.month_toml", "hamstride.storage.recorder",
    "hamstride.storage.table_reader",
    "hamstride.ui", "hamstride.ui.app", "hamstride.ui.celltext", "hamstride.ui.commands", "hamstride.ui.hangup",
    "hamstride.ui.keynames", "hamstride.ui.labels", "hamstride.ui.messages", "hamstride.ui.openings",
    "hamstride.ui.run_flow", "hamstride.ui.services", "hamstride.ui.sound", "hamstride.ui.terminal_watch",
    "hamstride.ui.screens", "hamstride.ui.screens.run", "hamstride.ui.screens.run_keys",
    "hamstride.ui.screens.run_ports",
    "hamstride.ui.widgets", "hamstride.ui.widgets.bigtext", "hamstride.ui.widgets.counters",
    "hamstride.ui.widgets.key_bar", "hamstride.ui.widgets.run_view",
}


def _loaded(tmp_path: Path) -> list[str]:
    plan = tmp_path / "hold.toml"
    plan.write_text(HOLD)
    line = _first_frame(tmp_path, "run", str(plan), "--backend", "silent")
    return list(ast.literal_eval(line.removeprefix("FIRST FRAME ")))


def test_run_a_file_imports_only_these_modules_of_ours_before_its_first_frame(tmp_path: Path) -> None:
    ours = {name for name in _loaded(tmp_path) if name == "hamstride" or name.startswith("hamstride.")}
    assert sorted(ours - RUN_FIRST_FRAME_OURS) == [], "imported before the first frame: defer it, or list it here"
    assert sorted(RUN_FIRST_FRAME_OURS - ours) == [], "no longer imported before the first frame: take it off"


def test_run_a_file_makes_its_first_run_result_after_its_first_frame(tmp_path: Path) -> None:
    """The run so far (a `RunResult`, journalled at each set reached) is first made for the get-ready the
    run screen is mounted in, once that frame is drawn: its module's classes (two dataclasses) are some 2 ms."""
    assert "hamstride.domain.result" not in _loaded(tmp_path)


def test_run_a_file_hashes_its_session_after_its_first_frame(tmp_path: Path) -> None:
    """The file's fingerprint is the record's, written with the first journal: no digest before the frame. (Not
    `_sha2`: on Python 3.12 `random`, which Textual imports, loads it for its seeds.)"""
    loaded = _loaded(tmp_path)
    for module in ("hamstride.storage.digest", "hashlib"):
        assert module not in loaded, module


# `hamstride history`'s first filled frame: what is loaded once a frame with the list's rows is drawn.
HISTORY_FIRST_FRAME = PROBE.replace("textual.app.App.run = run", """textual.app.App.run = run
from hamstride.ui.widgets.session_list import SessionList
first_frame = []
_display = textual.app.App.post_display_hook

def post_display_hook(self):
    _display(self)
    listed = self.screen.query(SessionList)
    if not first_frame and listed and listed.first().row_count:
        first_frame.append(sorted(sys.modules))

textual.app.App.post_display_hook = post_display_hook
""").replace('print("LOADED"', 'print("FIRST FRAME", first_frame[0])\nprint("LOADED"')


def test_the_history_lists_its_first_rows_without_building_a_record(tmp_path: Path) -> None:
    """Issue 25 (ten years' history within 300 ms): with every month in the history's database, the first
    frame's figures are added up in SQL and its rows read from the database's columns; what builds a
    record (its steps and their kinds, the record's JSON, the step table of a session opened) waits for a
    row opened or the charts (some 10 ms of imports)."""
    HistoryStore(tmp_path / "hh" / "data" / "history", lambda: NOW).save(make_record(NOW - timedelta(days=1)))
    _first_frame(tmp_path, "history", probe=HISTORY_FIRST_FRAME)  # the first open fills the database
    first = _first_frame(tmp_path, "history", probe=HISTORY_FIRST_FRAME)
    assert "'hamstride.storage.history_db'" in first and "'hamstride.ui.screens.history'" in first
    for module in ("hamstride.storage.record_codec", "hamstride.storage.record_quick", "hamstride.domain.record",
                   "hamstride.domain.result", "hamstride.domain.model", "hamstride.domain.kinds",
                   "hamstride.ui.widgets.step_table"):
        assert f"'{module}'" not in first, module


# The NamedTuples of these modules keep string field types (a name their module sees only when type
# checking, or a module not yet worth its quoted annotations): typing compiles each such string at import.
STRING_FIELDS = {
    "hamstride.domain.kinds.hold.Hold": 2, "hamstride.domain.kinds.pnf.Pnf": 5,
    "hamstride.domain.kinds.reps.SelfPaced": 1, "hamstride.domain.kinds.tempo.Tempo": 8,
    "hamstride.domain.kinds.timed.Duration": 1, "hamstride.domain.model.Step": 1, "hamstride.domain.resuming.GoOn": 2,
    "hamstride.storage.recorder.Outcome": 5, "hamstride.ui.run_flow.RunSetup": 4, "hamstride.ui.run_flow.FlowEnd": 2,
    "hamstride.ui.run_flow.Planned": 6, "hamstride.ui.services.Settings": 3, "hamstride.ui.services.Services": 10,
}


def test_the_named_tuples_built_before_a_runs_first_frame_have_their_field_types_as_objects() -> None:
    """Issue 25: `class X(NamedTuple)` under `from __future__ import annotations` has every field type a
    string, and typing compiles each one as the class is made (some 9 us a field, 3.12): the 187 fields of
    the run's first frame were ~1.5 ms of it. A module of RUN_FIRST_FRAME_OURS declares its NamedTuples
    with evaluated annotations, but for the fields counted in STRING_FIELDS (none more)."""
    import importlib
    import typing

    found = {}
    for name in sorted(RUN_FIRST_FRAME_OURS):
        module = importlib.import_module(name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, tuple) and value.__module__ == name:
                strings = [key for key, kind in getattr(value, "__annotations__", {}).items()
                           if isinstance(kind, (str, typing.ForwardRef))]
                if strings:
                    found[f"{name}.{value.__name__}"] = len(strings)
    assert found == STRING_FIELDS
