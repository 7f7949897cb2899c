"""Issue 26 item 3: a month, a journal or config.toml that is a FIFO, a device, a folder or a link
loop is refused and named, never read without end or waited on.

Each case runs in a child interpreter with a time limit: on code that opens a FIFO for reading,
the open waits for a writer for ever, and must fail the test, not hang the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")

LOAD_HISTORY = """
from datetime import datetime, timezone
from pathlib import Path
from hamstride.storage.history import HistoryStore
from hamstride.storage.recorder import orphan_journals
store = HistoryStore(Path({history!r}), lambda: datetime(2026, 11, 24, tzinfo=timezone.utc),
                     journals=Path({journals!r}))
loaded = store.load()
print(len(loaded.records))
for problem in loaded.problems:
    print(problem)
print(orphan_journals(store))
"""

LOAD_CONFIG = """
from pathlib import Path
from hamstride.storage.config import load_config
for problem in load_config(Path({path!r})).problems:
    print(problem)
"""


def child(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=30)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_month_that_is_a_fifo_or_dev_zero_is_refused_and_named(tmp_path: Path, kind: str) -> None:
    history = tmp_path / "history"
    history.mkdir()
    month = history / "2026-11.toml"
    if kind == "fifo":
        os.mkfifo(month)
    else:
        month.symlink_to("/dev/zero")
    out = child(LOAD_HISTORY.format(history=str(history), journals=str(tmp_path / "in-progress")))
    lines = out.splitlines()
    assert lines[0] == "0"
    assert str(month) in lines[1] and ("a pipe" in lines[1] if kind == "fifo" else "a device" in lines[1])
    assert os.path.lexists(month)  # left as it is


def test_a_journal_that_is_a_fifo_is_refused_and_named(tmp_path: Path) -> None:
    journals = tmp_path / "in-progress"
    journals.mkdir()
    os.mkfifo(journals / ("a" * 32 + ".toml"))
    out = child(LOAD_HISTORY.format(history=str(tmp_path / "history"), journals=str(journals)))
    assert "a pipe" in out and "a" * 32 in out


@pytest.mark.parametrize(("kind", "said"), [("fifo", "a pipe"), ("dev-zero", "a device"),
                                            ("folder", "a folder"), ("loop", "many levels of symbolic links")])
def test_a_config_that_is_not_a_file_is_named_and_the_defaults_used(tmp_path: Path, kind: str, said: str) -> None:
    path = tmp_path / "config.toml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    else:
        path.symlink_to(path)
    out = child(LOAD_CONFIG.format(path=str(path)))
    assert str(path) in out and said in out and "using the defaults" in out and "plain TOML file" in out
