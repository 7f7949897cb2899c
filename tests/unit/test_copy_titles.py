"""A copy under a new name gets a title of its own: two identical rows in the list help no one."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamstride import locations
from hamstride.cli import main
from hamstride.editing import copy_to_user
from hamstride.storage.library import load_library


def titles(user: Path) -> list[str]:
    library = load_library(locations.builtin_sessions(), user)
    return [entry.session.title for entry in library.entries if entry.session is not None]


def test_new_from_a_builtin_titles_the_copy_by_its_name(capsys: pytest.CaptureFixture[str],
                                                        isolated_home: Path) -> None:
    assert main(["new", "my-strength", "--from", "early-week-strength"]) == 0
    user = isolated_home / "config" / "sessions"
    shown = titles(user)
    assert "Early-week strength (my-strength)" in shown
    assert len(shown) == len(set(shown))


def test_copying_your_own_session_titles_the_copy(tmp_path: Path) -> None:
    user = tmp_path / "mine"
    user.mkdir()
    (user / "mine.toml").write_text('# my tweaks\ntitle = "My \\"hard\\" day"  # keep\n'
                                    '[[steps]]\nname = "Plank"\nhold = 20\n')
    entry = next(e for e in load_library(None, user).entries if e.name == "mine")
    copy = copy_to_user(entry, user, "mine-copy")
    assert "# my tweaks" in copy.read_text()
    mine = load_library(None, user)
    assert sorted(e.session.title for e in mine.entries if e.session is not None) == [
        'My "hard" day', 'My "hard" day (mine-copy)']


def test_a_builtin_copied_under_its_own_name_keeps_its_title(isolated_home: Path) -> None:
    library = load_library(locations.builtin_sessions(), None)
    entry = library.find("late-week-short")
    assert entry is not None and entry.session is not None
    user = isolated_home / "mine"
    path = copy_to_user(entry, user)
    assert f'title = "{entry.session.title}"' in path.read_text()
