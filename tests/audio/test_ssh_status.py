"""Over SSH the cues sound on the machine hamstride runs on, not by the runner's screen: the status line says so."""

from __future__ import annotations

import socket

import pytest

from tests.ui.helpers import make_app, shown

SESSION = """
title = "Tiny"
[[steps]]
name = "Plank"
hold = 3
"""


async def test_over_ssh_the_status_line_says_the_sound_plays_on_the_far_machine(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "192.0.2.7 51234 192.0.2.1 22")
    monkeypatch.setattr(socket, "gethostname", lambda: "trackside.example.org")
    app, _, _ = make_app(SESSION)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert shown(app)["status"] == "Sound plays on trackside (SSH): recorder, tones (m mutes)"
    monkeypatch.delenv("SSH_CONNECTION")
    app, _, _ = make_app(SESSION)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert shown(app)["status"] == "Sound: recorder, tones (m mutes)"
