"""`hamstride today` while another copy of hamstride is running a session: its work so far is in that copy's
journal, not in the history, so advice from the history alone would be given as if it were not being done
(a new runner's Nordics under way in one window, and `today` in another said "No Nordic session yet: start
small"). It says the run is under way, and its advice weighs that work as done by now (domain.done_by, as
home and the check do); the journal stays as it was.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from hamstride.cli import main
from hamstride.storage.journal import JournalFolder
from hamstride.storage.recorder import RunRecorder
from tests.unit.test_calendars import SESSIONS
from tests.unit.test_today_unfinished import into_the_nordics


def running_the_nordics(home: Path, owner: str) -> list[Path]:
    """The first session run into its Nordics by a copy of hamstride that is still running it."""
    store, session, engine, now = into_the_nordics(home)
    recorder = RunRecorder(store, lambda: now - timedelta(minutes=10), session, target=2)
    JournalFolder(store.journals.folder, owner=owner).write(
        recorder.journal(engine.position(), engine.sets_done(), engine.result()))
    return sorted(store.journals.folder.iterdir())


def test_today_says_a_run_under_way_and_weighs_it_in_its_advice(capsys: pytest.CaptureFixture[str],
                                                                 isolated_home: Path, another_copy: str) -> None:
    journals = running_the_nordics(isolated_home, another_copy)
    before = [path.read_bytes() for path in journals]
    assert main(["today"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    title = SESSIONS["nordic-first-session"].title
    assert out.startswith(f"Under way: {title}, begun today at"), out
    assert "(3 eccentric reps so far)" in out and "its work so far counts as done. Today:" in out, out
    advice = out.split("Today:", 1)[1]
    assert not any(advice.startswith(f" {s.title}.") for s in SESSIONS.values() if s.eccentric), out
    assert f"{title} is under way in another hamstride window (started " in advice, out
    assert "No Nordic session yet" not in out and "resume" not in out, out
    assert [path.read_bytes() for path in sorted(journals[0].parent.iterdir())] == before  # its owner's



def test_the_help_does_not_promise_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    """The runs not yet in the history are said one a line, then what waits for them: not "as a line"."""
    with pytest.raises(SystemExit):
        main(["--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert "home's suggestion" in said and "as a line" not in said, said
