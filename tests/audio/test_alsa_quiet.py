"""The speaker's start-up: ALSA's own error printing is silenced without a subprocess."""

from __future__ import annotations

import ctypes.util

import pytest

from hamstride.audio import backends


def test_alsa_is_silenced_by_its_soname_without_running_ldconfig(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("simpleaudio")  # it links libasound: the soname is then loaded already
    looked_up: list[str] = []

    def find_library(name: str) -> str | None:
        looked_up.append(name)  # find_library runs `ldconfig -p` in a subprocess on Linux
        return None

    monkeypatch.setattr(ctypes.util, "find_library", find_library)
    monkeypatch.setattr(backends, "_alsa_handler", None)
    backends.SimpleaudioBackend()
    assert backends._alsa_handler is not None, "ALSA's error handler was not set"
    assert looked_up == []
