"""What `hamstride run FILE` imports of ours before its first frame, named one by one.

Issue 25 (launch within 1.15x a bare Textual app): each module of ours on the way to the run's
first frame costs finding, unmarshalling and its class bodies (some 0.3 ms each, 3.11). A module
added to this path, or one that begins to import another, shows here first: add it only if the
first frame cannot be drawn without it; otherwise import it where it is used, after the frame.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.unit.test_launch import HOLD, _first_frame

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
    "hamstride.storage.loader", "hamstride.storage.month_toml", "hamstride.storage.programme_weeks",
    "hamstride.storage.recorder", "hamstride.storage.table_reader",
    "hamstride.ui", "hamstride.ui.app", "hamstride.ui.celltext", "hamstride.ui.commands", "hamstride.ui.hangup",
    "hamstride.ui.keynames", "hamstride.ui.labels", "hamstride.ui.messages", "hamstride.ui.openings",
    "hamstride.ui.run_flow", "hamstride.ui.services", "hamstride.ui.sound", "hamstride.ui.stops",
    "hamstride.ui.terminal_watch", "hamstride.ui.watcher",
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
