"""Text from files stays text in a real terminal: the command palette and the toasts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hamstride.storage.history import month_text
from hamstride.storage.record_table import to_table
from tests.e2e.terminal import Terminal, hamstride_command
from tests.unit.helpers import make_record

pytestmark = pytest.mark.e2e

TRAP = "[@click=app.quit]CLICKME[/] session"


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(tmp_path, width=100, height=30)
    yield term
    term.close()


def test_markup_in_a_title_and_a_history_value_is_shown_not_obeyed(terminal: Terminal, tmp_path: Path) -> None:
    from datetime import datetime, timedelta, timezone

    home = tmp_path / "hamstride"
    sessions = home / "config" / "sessions"
    sessions.mkdir(parents=True)
    (sessions / "trap.toml").write_text(f'title = "{TRAP}"\nsummary = "[/]"\n[[steps]]\nname = "Plank"\nhold = 5\n')
    history = home / "data" / "history"
    history.mkdir(parents=True)
    bad = to_table(make_record(datetime.now(timezone(timedelta(hours=1))) - timedelta(days=1)))
    bad["title"] = "[@click=app.quit]X[/]"
    bad["rpe"] = 42  # left out, and said with the session's title
    (history / f"{bad['started']:%Y-%m}.toml").write_text(month_text([bad]))
    env = {"HOME": str(tmp_path / "home"), "HAMSTRIDE_HOME": str(home), "TERM": "xterm-256color"}
    terminal.start([hamstride_command()], env)
    # The damaged record's toast quotes its title as text.
    terminal.wait_for(lambda s: any("[@click=app.quit]X[/]" in line for line in s), what="the toast, as text")
    terminal.keys("C-p")
    terminal.wait_for(lambda s: any("Search for commands" in line for line in s), what="the palette")
    terminal.keys("CLICK")
    terminal.wait_for(lambda s: any(TRAP in line for line in s), what="the title in the palette, as text")
    terminal.keys("Enter")  # starts the session; a link would have quit the app
    terminal.wait_for(lambda s: any("Step 1 of 1 · Plank" in line for line in s), what="the session running")
