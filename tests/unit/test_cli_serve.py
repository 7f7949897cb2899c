"""`hamstride serve` on the command line: what it says when it cannot serve."""

from __future__ import annotations

import socket
import sys

import pytest

from hamstride.cli import main


def test_without_the_serve_extra_it_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # as where the extra is not installed
    assert main(["serve"]) == 2
    assert "pip install 'hamstride[serve]'" in capsys.readouterr().out.replace("\n", "")


def test_a_port_in_use_is_said_plainly(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("textual_serve", reason="the serve extra is not installed")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 1
    out = capsys.readouterr().out.replace("\n", " ")
    assert f"Cannot listen on port {port}" in out and "--port" in out


@pytest.mark.parametrize("port", ["-1", "70000", "http"])
def test_a_port_that_is_not_one_is_refused(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--port", port])
    assert exited.value.code == 2 and "is not a port" in capsys.readouterr().err
