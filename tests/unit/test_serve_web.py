"""`hamstride serve`'s web side on a real loopback socket: the token in front of every route, our page."""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("textual_serve", reason="the serve extra is not installed (make install-dev installs it)")

from aiohttp import WSServerHandshakeError  # noqa: E402
from aiohttp.test_utils import TestClient, TestServer  # noqa: E402
from textual_serve.server import Server  # noqa: E402

from hamstride.cli.serve import app_command  # noqa: E402
from hamstride.serve import SERVED_ENV  # noqa: E402
from hamstride.serve.qr import PAPER, qr_text  # noqa: E402
from hamstride.serve.web import COOKIE, web_app  # noqa: E402

TOKEN = "s3cret-token"


def _client() -> TestClient:  # type: ignore[type-arg]
    app = web_app(Server("true", title="hamstride"), TOKEN, sound_note="Sound plays on the laptop.")
    return TestClient(TestServer(app, host="127.0.0.1"))


@pytest.mark.parametrize("path", ["/", "/?token=wrong", "/static/js/textual.js", "/download/abc", "/ws",
                                  "/static/", "/nowhere"])
async def test_without_the_token_every_request_is_refused(path: str) -> None:
    async with _client() as client:
        response = await client.get(path)
        assert response.status == 403
        assert "needs the link with its token" in await response.text()


async def test_a_websocket_without_the_token_is_refused() -> None:
    async with _client() as client:
        with pytest.raises(WSServerHandshakeError) as refused:
            await client.ws_connect("/ws")
        assert refused.value.status == 403


async def test_the_link_opens_the_page_and_its_cookie_opens_the_rest() -> None:
    async with _client() as client:
        page = await client.get(f"/?token={TOKEN}")
        assert page.status == 200
        assert page.cookies[COOKIE].value == TOKEN and page.cookies[COOKIE]["httponly"]
        script = await client.get("/static/js/textual.js")  # the cookie, sent back by the client
        assert script.status == 200


async def test_the_page_is_made_for_a_phone_and_loads_nothing_from_outside() -> None:
    async with _client() as client:
        html = await (await client.get(f"/?token={TOKEN}")).text()
    assert '<meta name="viewport" content="width=device-width' in html
    assert "Sound plays on the laptop." in html
    assert "googleapis" not in html and "https://" not in html  # the stock page fetched its font from a CDN
    assert 'data-session-websocket-url="ws://127.0.0.1:' in html


def test_the_served_app_is_told_it_is_served_and_keeps_the_data_folder() -> None:
    command = app_command("/some where/home")
    assert command.startswith(f"{SERVED_ENV}=1 exec {sys.executable} -m hamstride.cli ")
    assert command.endswith("--data-dir '/some where/home'")


def test_the_qr_code_is_segnos_drawn_black_on_white_two_rows_a_line() -> None:
    import segno

    url = "http://192.168.1.20:8420/?token=abc"
    modules = [list(row) for row in segno.make(url, error="l").matrix_iter(border=2)]
    text = qr_text(url)
    lines = text.plain.splitlines()
    assert len(lines) == (len(modules) + 1) // 2
    read_back = []
    for line in lines:  # the half blocks read back into two rows of modules each
        read_back.append([int(ch in "▀█") for ch in line])
        read_back.append([int(ch in "▄█") for ch in line])
    assert read_back[:len(modules)] == [[int(bool(m)) for m in row] for row in modules]
    assert all(span.style == PAPER for span in text.spans)  # whatever the terminal's theme
