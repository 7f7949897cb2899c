"""A system player writes its clips to a folder of its own only once it plays one.

Every launch that plays a session builds the backend chain, the system player in it as a
fallback behind simpleaudio: a folder made there at each launch was work before the first frame,
and one more empty `hamstride-sounds-*` folder in /tmp each time.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from hamstride.audio.backends import SystemPlayerBackend
from hamstride.audio.base import Clip


def test_no_folder_until_a_clip_is_played(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    player = SystemPlayerBackend("/bin/true")
    assert list(temp.iterdir()) == []
    player.play(Clip("beep", b"\x00\x00" * 800, rate=8000, channels=1, width=2))
    player.wait()
    [folder] = temp.iterdir()
    assert folder.name.startswith("hamstride-sounds-") and [f.suffix for f in folder.iterdir()] == [".wav"]
