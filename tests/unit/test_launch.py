"""`hamstride run FILE` starts on what its first screen needs: no charts, no library, the collector after.

Each case runs the real command's entry point in a fresh interpreter (what a module
import costs is only seen there), with the app driven headless to its first screen.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from hamstride.storage.history import HistoryStore
from tests.conftest import ROOT
from tests.unit.helpers import make_record

NOW = datetime(2026, 11, 25, 19, tzinfo=timezone.utc)

HOLD = 'title = "Bench"\n[[steps]]\nname = "Plank"\nhold = 60\nlead_in = 3\n'

# Stands in for a terminal (the command refuses to draw into a pipe) and for App.run:
# the app is run headless to its first screen, then what was imported is printed.
PROBE = """
import asyncio, gc, io, sys
import textual.app

class Terminal(io.TextIOWrapper):
    def isatty(self):
        return True

sys.stdout = Terminal(sys.stdout.buffer, encoding="utf-8", line_buffering=True)
sys.stdin = Terminal(open("/dev/null", "rb"))

def run(app, *args, **kwargs):
    seen = []  # printed once the app is closed: it captures print() while it runs
    async def first_screen():
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.pause()
            seen.extend([f"SCREEN {type(app.screen).__name__}", f"COLLECTOR {gc.isenabled()}"])
    asyncio.run(first_screen())
    for line in seen:
        print(line)

textual.app.App.run = run
sys.argv = ["hamstride", *sys.argv[1:]]
from hamstride.launch import main
code = main()
print("LOADED", sorted(m for m in sys.modules if m.startswith(("plotext", "sqlite3", "textual_plotext", "hamstride.ui.screens", "hashlib", "importlib.resources", "hamstride.domain.", "hamstride.storage.",
                                                      "rich._emoji", "textual.widgets._data_table"))))
sys.exit(code)
"""


def _probed(tmp_path: Path, probe: str, *argv: str) -> str:
    """What `probe` printed, run as `hamstride ARGV` with a home of its own."""
    env = {"PYTHONPATH": str(ROOT / "src"), "HAMSTRIDE_HOME": str(tmp_path / "hh"), "HOME": str(tmp_path),
           "PATH": "/usr/bin:/bin", "TERM": "xterm-256color"}
    done = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True,
                          timeout=120, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _launch(tmp_path: Path, *argv: str) -> str:
    return _probed(tmp_path, PROBE, *argv)


def _loaded(out: str) -> str:
    return next(line for line in out.splitlines() if line.startswith("LOADED"))


def test_run_a_file_draws_the_run_screen_without_what_it_does_not_need(tmp_path: Path) -> None:
    plan = tmp_path / "hold.toml"
    plan.write_text(HOLD)
    out = _launch(tmp_path, "run", str(plan), "--backend", "silent")
    assert "SCREEN RunScreen" in out
    loaded = _loaded(out)
    for module in ("plotext", "textual_plotext", "hashlib", "importlib.resources"):
        assert module not in loaded, loaded
    # Screens shown later, the library (a file is run), what only the summary or history uses.
    for module in ("ui.screens.charts", "ui.screens.history", "ui.screens.home", "ui.screens.summary",
                   "ui.screens.confirm", "ui.screens.readiness", "ui.screens.resume", "storage.library",
                   "storage.export", "domain.stats", "domain.suggest", "domain.weekly",
                   "storage.keylines"):  # key lines: only for a file with a problem
        assert f"'hamstride.{module}'" not in loaded, loaded
    # A session without programme weeks or sides is planned the same whatever the history says:
    # neither the history's database nor the diary beside it is read (nor sqlite3 imported).
    for module in ("hamstride.storage.history_db", "hamstride.storage.diary", "sqlite3"):
        assert f"'{module}'" not in loaded, loaded


def test_a_session_with_sides_reads_the_history_for_its_first_side(tmp_path: Path) -> None:
    plan = tmp_path / "sides.toml"
    plan.write_text(HOLD.replace("hold = 60", "hold = 60\nsides = true"))
    HistoryStore(tmp_path / "hh" / "data" / "history", lambda: NOW).save(make_record(NOW - timedelta(days=1)))
    out = _launch(tmp_path, "run", str(plan), "--backend", "silent")
    assert "SCREEN RunScreen" in out
    assert "'hamstride.storage.history_db'" in _loaded(out)


def test_a_first_run_with_sides_finds_no_history_without_opening_its_database(tmp_path: Path) -> None:
    """No month yet: nothing to read, so neither the database nor sqlite3 (some 2 MiB of the peak)."""
    plan = tmp_path / "sides.toml"
    plan.write_text(HOLD.replace("hold = 60", "hold = 60\nsides = true"))
    out = _launch(tmp_path, "run", str(plan), "--backend", "silent")
    assert "SCREEN RunScreen" in out
    for module in ("hamstride.storage.history_db", "sqlite3"):
        assert f"'{module}'" not in _loaded(out), _loaded(out)


def test_the_home_screen_draws_without_what_it_does_not_need(tmp_path: Path) -> None:
    out = _launch(tmp_path)
    assert "SCREEN HomeScreen" in out
    loaded = _loaded(out)
    assert "'hamstride.storage.library'" in loaded  # it did list the sessions
    # Its list is text drawn as text: no DataTable, no markup parsed, so no emoji table either.
    for module in ("textual.widgets._data_table", "rich._emoji_codes"):
        assert f"'{module}'" not in loaded, loaded
    for module in ("ui.screens.charts", "ui.screens.history", "ui.screens.summary", "storage.export"):
        assert f"'hamstride.{module}'" not in loaded, loaded


# The home screen's first frame: what is loaded when its list of sessions is first drawn.
FIRST_FRAME = PROBE.replace("textual.app.App.run = run", """textual.app.App.run = run
from hamstride.ui.widgets.library_list import LibraryList
first_frame = []
_draw = LibraryList.render_line

def render_line(self, y):
    if not first_frame:
        first_frame.append(sorted(m for m in sys.modules if m.startswith(("hamstride.", "concurrent.", "tomllib"))))
        first_frame.append(any(w.group == "home-history" for w in self.app.workers))
    return _draw(self, y)

LibraryList.render_line = render_line
""").replace('print("LOADED"', 'print("FIRST FRAME", first_frame[0])\n'
          'print("HISTORY READ BEFORE THE FIRST FRAME", first_frame[1])\nprint("LOADED"')


def test_the_home_screens_first_frame_leaves_the_advice_and_the_run_for_after(tmp_path: Path) -> None:
    """The history is read off the UI thread and shown after the list: what only it uses waits too,
    and what only a run uses waits for a run."""
    out = _probed(tmp_path, FIRST_FRAME)
    first = _frame_line(out)
    assert "'hamstride.storage.library'" in first  # the sessions are listed
    for module in ("hamstride.domain.stats", "hamstride.domain.suggest",
                   # The coach's programme weeks and the runner's answers wait for the history too.
                   "hamstride.domain.progression", "hamstride.domain.answers",
                   # Nor is the diary (races ahead, checks kept) that `hamstride race` writes.
                   "hamstride.domain.diary", "tomli_w",
                   # Each session's planned time is worked out just after: the titles come first.
                   "hamstride.domain.plan", "hamstride.domain.cues",
                   # What only a run needs waits for one: its screen and flow, the engine, the sound.
                   "hamstride.ui.screens.run", "hamstride.ui.run_flow", "hamstride.domain.engine",
                   "hamstride.audio.backends", "hamstride.audio.player", "hamstride.audio.speech",
                   "hamstride.ui.widgets.run_view", "hamstride.ui.widgets.bigtext",
                   "concurrent.futures.thread",  # the pool the history is read in
                   "hamstride.cli.plain",  # the list printed instead of the app, into a pipe
                   # The titles are listed before each file is read whole: what checks a file (the loader,
                   # the session model, the step kinds: some 5 ms) is imported just after, to read them.
                   "hamstride.storage.loader", "hamstride.domain.model", "hamstride.domain.kinds"):
        assert f"'{module}'" not in first, first
    assert "'hamstride.domain.suggest'" in _loaded(out)  # and today's advice follows
    assert "'hamstride.storage.loader'" in _loaded(out)  # and every file read whole
    # Nor is the history read in its thread meanwhile: the list is drawn first, alone.
    assert "HISTORY READ BEFORE THE FIRST FRAME False" in out


def test_the_collector_is_back_on_once_the_first_screen_is_drawn(tmp_path: Path) -> None:
    plan = tmp_path / "hold.toml"
    plan.write_text(HOLD)
    assert "COLLECTOR True" in _launch(tmp_path, "run", str(plan), "--backend", "silent")


def test_a_misspelt_keymap_id_is_still_told_at_launch(tmp_path: Path) -> None:
    (tmp_path / "hh" / "config").mkdir(parents=True)
    (tmp_path / "hh" / "config" / "config.toml").write_text('[keymap]\npasue = "p"\n')
    plan = tmp_path / "hold.toml"
    plan.write_text(HOLD)
    out = _launch(tmp_path, "run", str(plan), "--backend", "silent")
    assert "'pasue' is not a binding id; did you mean 'pause'?" in out
    assert "SCREEN RunScreen" in out


@pytest.mark.parametrize("argv", [["list"], ["config"]])
def test_commands_that_open_no_app_collect_as_usual(argv: list[str]) -> None:
    import gc

    from hamstride import collector
    from hamstride.cli import main

    collector.pause()
    try:
        main(argv)
        assert gc.isenabled() and not collector.paused()
    finally:
        collector.resume()


@pytest.mark.parametrize("data", [b"", b"abc", bytes(range(256)) * 300], ids=["empty", "abc", "75KB"])
def test_the_built_in_sha256_gives_hashlibs_digests(data: bytes) -> None:
    import hashlib

    from hamstride.storage.digest import sha256

    assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()


def test_built_in_data_is_found_beside_the_installed_package() -> None:
    from hamstride import locations

    assert (locations.builtin_sessions() / "late-week-short.toml").is_file()
    assert locations.sounds().is_dir()


def test_a_valid_session_is_read_without_working_out_the_lines_of_its_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lines are for problems only: the home screen reads every file of the library at start."""
    from hamstride.domain.errors import SessionFileError
    from hamstride.storage import keylines, loader

    scanned: list[str] = []
    real_scan = keylines.scan

    def scan(text: str) -> object:
        scanned.append(text)
        return real_scan(text)

    monkeypatch.setattr(keylines, "scan", scan)
    assert loader.parse_session(HOLD, file="hold.toml", name="hold").title == "Bench"
    assert scanned == []
    with pytest.raises(SessionFileError) as raised:
        loader.parse_session(HOLD + 'colour = "red"\n', file="hold.toml", name="hold")
    assert raised.value.problems[0].line == 6 and len(scanned) == 1


REPORT_PROBE = """
import sys
from hamstride.cli import main
code = main(sys.argv[1:])
print("TEXTUAL", "textual" in sys.modules)
sys.exit(code)
"""


def test_the_report_reads_the_history_without_importing_textual(tmp_path: Path) -> None:
    """Issue 25: `report` spent some 0.1-0.2 s importing Textual only to check config.toml's theme,
    which names none (the default, Textual's own) unless the runner chose one; a theme it names is checked."""
    env = {"PYTHONPATH": str(ROOT / "src"), "HAMSTRIDE_HOME": str(tmp_path / "hh"), "HOME": str(tmp_path),
           "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", REPORT_PROBE, "report"], capture_output=True, text=True,
                          timeout=120, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# ") and "TEXTUAL False" in done.stdout
    (tmp_path / "hh" / "config").mkdir(parents=True)
    (tmp_path / "hh" / "config" / "config.toml").write_text('theme = "nord"\n')
    named = subprocess.run([sys.executable, "-c", REPORT_PROBE, "report"], capture_output=True, text=True,
                           timeout=120, env=env, cwd=tmp_path)
    assert named.returncode == 0 and "TEXTUAL True" in named.stdout and "theme" not in named.stderr


def test_the_default_theme_is_one_of_textuals() -> None:
    from textual.theme import BUILTIN_THEMES

    from hamstride.storage.config import DEFAULT_THEME

    assert DEFAULT_THEME in BUILTIN_THEMES  # so a config that names no theme needs no check against them


# `run FILE`'s first frame: what is loaded when the run's picture is first drawn.
RUN_FIRST_FRAME = PROBE.replace("textual.app.App.run = run", """textual.app.App.run = run
from hamstride.ui.widgets.run_view import RunView
first_frame = []
_draw = RunView.render_line

def render_line(self, y):
    if not first_frame:
        first_frame.append(sorted(sys.modules))
    return _draw(self, y)

RunView.render_line = render_line
""").replace('print("LOADED"', 'print("FIRST FRAME", first_frame[0])\nprint("LOADED"')


def _first_frame(tmp_path: Path, *argv: str, probe: str = RUN_FIRST_FRAME) -> str:
    """The modules loaded when `hamstride ARGV` draws its first frame (`probe`: FIRST_FRAME for home's)."""
    return _frame_line(_probed(tmp_path, probe, *argv))


def _frame_line(out: str) -> str:
    return next(line for line in out.splitlines() if line.startswith("FIRST FRAME"))


def test_run_a_file_draws_its_first_frame_without_what_other_commands_use(tmp_path: Path) -> None:
    """Issue 25 (launch): only the run command's parser is built, and what only another command uses
    (its module, serve's quoting of a shell line, the report's pictures) waits for that command; the
    diary (races ahead, checks kept) waits for a session that reads it (a programme, the check before
    eccentric work)."""
    plan = tmp_path / "hold.toml"
    plan.write_text(HOLD)
    first = _first_frame(tmp_path, "run", str(plan), "--backend", "silent")
    for module in ("shlex", "hamstride.domain.diary", "hamstride.cli.plain", "hamstride.cli.race",
                   "hamstride.cli.serve", "hamstride.cli.doctor", "hamstride.cli.report_files"):
        assert f"'{module}'" not in first, module


def test_run_a_file_without_sound_starts_no_sound_child(tmp_path: Path) -> None:
    """`--backend silent` is tried first and never fails: the backends after it are never reached, so no
    child process is started for simpleaudio (nor is the code that starts one imported)."""
    plan = tmp_path / "hold.toml"
    plan.write_text(HOLD)
    first = _first_frame(tmp_path, "run", str(plan), "--backend", "silent")
    for module in ("hamstride.audio.isolated", "hamstride.audio.child"):
        assert f"'{module}'" not in first, module


def test_silence_asked_for_is_the_whole_chain_of_backends() -> None:
    from hamstride.audio.backends import SilentBackend, available_backends

    chain = available_backends(lambda: None, "silent")
    assert [type(backend) for backend in chain] == [SilentBackend]


# Issue 25 (launch <= 1.15x a bare Textual app): the history's reading and writing chain waits for a
# read, a save or a set's journal; a first frame only makes the store and looks for journals left.
HISTORY_CHAIN = ("hamstride.domain.record", "hamstride.storage.record_table", "hamstride.storage.month_places",
                 "hamstride.storage.toml_places", "tomli_w")


def test_run_a_file_draws_its_first_frame_without_the_historys_reading_and_writing(tmp_path: Path) -> None:
    plan = tmp_path / "hold.toml"
    plan.write_text(HOLD)
    first = _first_frame(tmp_path, "run", str(plan), "--backend", "silent")
    for module in (*HISTORY_CHAIN, "tomllib"):  # a plain file is read by rtoml: tomllib is for its errors
        assert f"'{module}'" not in first, module


def test_the_home_screens_first_frame_leaves_the_historys_reading_and_writing_for_after(tmp_path: Path) -> None:
    first = _first_frame(tmp_path, probe=FIRST_FRAME)
    for module in (*HISTORY_CHAIN, "hamstride.domain.result", "hamstride.ui.offers"):
        assert f"'{module}'" not in first, module
    assert "'tomllib'" not in first  # the built-ins are plain TOML, which rtoml reads


def test_every_built_in_session_is_read_without_tomllib() -> None:
    """Home reads every built-in before its first frame: one that is not plain TOML (an escaped quote)
    imports tomllib (some 2 ms) to read it."""
    from hamstride import locations
    from hamstride.storage import month_toml

    for path in sorted(locations.builtin_sessions().glob("*.toml")):
        assert month_toml.plain(path.read_text(encoding="utf-8")), path.name


# Home's first frame: how many session files were read whole (checked step by step) before it was drawn.
TITLES_FIRST = FIRST_FRAME.replace("first_frame = []", """first_frame = []
from hamstride.storage import loader
checked, checked_then = [], []
_read = loader._read_session

def _read_session(*args, **kwargs):
    checked.append(1)
    return _read(*args, **kwargs)

loader._read_session = _read_session
""").replace("first_frame.append(any(w.group", "checked_then.append(len(checked))\n        first_frame.append(any(w.group").replace(
    'print("LOADED"', 'print("CHECKED BEFORE THE FIRST FRAME", checked_then[0])\nprint("LOADED"')


def test_the_home_screens_first_frame_lists_the_titles_before_each_file_is_checked(tmp_path: Path) -> None:
    """Issue 25 (launch): the list's titles are all a first frame shows of the sessions; every file is
    read whole, its problems found, its planned time worked out, just after it (some 6 ms)."""
    out = _probed(tmp_path, TITLES_FIRST)
    assert "CHECKED BEFORE THE FIRST FRAME 0" in out, out
    assert "SCREEN HomeScreen" in out


def test_run_a_file_without_eccentric_work_draws_its_first_frame_without_the_readiness_rules(tmp_path: Path) -> None:
    """Issue 25 (launch): whether a check comes first is the session's own (eccentric work or not); the
    check's rules (soreness, spacing, races ahead) are imported for a check only."""
    plan = tmp_path / "hold.toml"
    plan.write_text(HOLD)
    first = _first_frame(tmp_path, "run", str(plan), "--backend", "silent")
    for module in ("hamstride.domain.readiness", "hamstride.domain.answers"):
        assert f"'{module}'" not in first, module


# Issue 25 (launch): the history store (what reads and writes its months, and the journals) is opened
# when first asked for; a first frame only looks whether a journal was left, by its folder.
HISTORY_STORE = ("hamstride.storage.history", "hamstride.storage.month_reader", "hamstride.storage.month_text",
                 "hamstride.storage.journal")


def test_run_a_file_draws_its_first_frame_without_opening_the_history(tmp_path: Path) -> None:
    plan = tmp_path / "hold.toml"
    plan.write_text(HOLD)
    first = _first_frame(tmp_path, "run", str(plan), "--backend", "silent")
    for module in HISTORY_STORE:
        assert f"'{module}'" not in first, module


def test_the_home_screens_first_frame_is_drawn_without_opening_the_history(tmp_path: Path) -> None:
    first = _first_frame(tmp_path, probe=FIRST_FRAME)
    for module in HISTORY_STORE:
        assert f"'{module}'" not in first, module


def test_run_a_file_without_weeks_draws_its_first_frame_without_the_programmes_rules(tmp_path: Path) -> None:
    """Issue 25 (launch): a session without programme weeks is planned without the coach's week rules
    (domain.progression, some 1 ms of a launch); the side to start on is asked of domain.sides."""
    plan = tmp_path / "hold.toml"
    plan.write_text(HOLD)
    first = _first_frame(tmp_path, "run", str(plan), "--backend", "silent")
    assert "'hamstride.domain.progression'" not in first
