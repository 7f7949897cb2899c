"""Session lengths are computed, never written by hand: the README, the files and `list` agree."""

from __future__ import annotations

import re

import pytest

from hamstride import locations
from hamstride.cli.plain import _list_row
from hamstride.domain.model import Session
from hamstride.domain.plan import build_timeline
from hamstride.domain.timetext import clock as clock_text
from hamstride.storage.library import load_library
from tests.conftest import ROOT

DURATION_WORDS = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)\s+"
                            r"(minutes?|mins?|hours?|seconds?)\b", re.IGNORECASE)


def _length(session: Session) -> str:
    weeks = [session.for_week(week) for week in range(1, session.total_weeks + 1)] if session.total_weeks \
        else [session]
    timelines = [build_timeline(week) for week in weeks]
    approx = "~" if any(s.open_ended for t in timelines for s in t.segments) else ""
    totals = sorted(t.total for t in timelines)
    if totals[0] == totals[-1]:
        return approx + clock_text(totals[0])
    return f"{approx}{clock_text(totals[0])} to {approx}{clock_text(totals[-1])}"


def _readme_times() -> dict[str, str]:
    text = (ROOT / "README.md").read_text()
    return {m["name"]: m["time"] for m in re.finditer(r"^\| `(?P<name>[\w-]+)` \|[^\n]*\| (?P<time>[^|\n]+) \|$",
                                                       text, re.MULTILINE)}


def _builtins() -> list[tuple[str, Session]]:
    library = load_library(locations.builtin_sessions(), None)
    return [(entry.name, entry.session) for entry in library.entries if entry.session is not None]


def test_the_readme_lists_every_builtin_with_its_computed_length() -> None:
    readme = _readme_times()
    assert sorted(readme) == sorted(name for name, _ in _builtins())
    for name, session in _builtins():
        assert readme[name] == _length(session), f"README's time for {name}: run the plan and copy its length"


def test_list_shows_the_same_length_as_the_readme() -> None:
    library = load_library(locations.builtin_sessions(), None)
    readme = _readme_times()
    for entry in library.entries:
        assert entry.session is not None
        listed = _list_row(entry)[2]
        assert readme[entry.name].split(" to ")[0] == listed


@pytest.mark.parametrize("name", [name for name, _ in _builtins()])
def test_no_session_file_writes_its_length_by_hand(name: str) -> None:
    text = (locations.builtin_sessions() / f"{name}.toml").read_text()
    prose = [line for line in text.splitlines() if line.startswith(("summary", "title"))]
    assert not any(DURATION_WORDS.search(line) for line in prose), prose
