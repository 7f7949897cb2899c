"""The served web application: textual-serve's handlers behind a token, on a page made for phones.

textual-serve's `Server` builds its aiohttp application in a private method and serves it
with no check at all. Its request handlers and folders are public, so the application is
built here from them, the same four routes, with a middleware in front that refuses any
request (page, script, download or websocket) that does not carry the token: in the URL
(`?token=`, what the QR code opens) or in the cookie the first page sets, which the page's
websocket and scripts send back by themselves.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import secrets
import signal
import socket
from collections.abc import Awaitable, Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp.typedefs import Middleware
from textual_serve.server import Server

from hamstride.serve import TOKEN_PARAM

COOKIE = "hamstride-token"
REFUSED = "hamstride serve: this address needs the link with its token (the one the laptop printed)."
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def new_token() -> str:
    return secrets.token_urlsafe(18)


def token_check(token: str) -> Middleware:
    """A middleware that lets through only requests carrying `token`, and hands the page a cookie of it."""

    @web.middleware
    async def check(request: web.Request, handler: Handler) -> web.StreamResponse:
        given = request.query.get(TOKEN_PARAM) or request.cookies.get(COOKIE) or ""
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise web.HTTPForbidden(text=REFUSED)
        response = await handler(request)
        if request.query.get(TOKEN_PARAM) and not response.prepared:
            # The page's websocket and scripts carry the token back in this cookie: textual.js
            # adds its own query string to the websocket URL, so the token cannot ride there.
            response.set_cookie(COOKIE, token, httponly=True, samesite="Strict")
        return response

    return check


def templates() -> Path:
    return Path(str(files("hamstride.serve") / "templates"))


def web_app(server: Server, token: str, *, sound_note: str) -> web.Application:
    """textual-serve's routes (names kept: its handlers look them up), our page, the token in front."""
    app = web.Application(middlewares=[token_check(token)])
    aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(templates()))

    async def index(request: web.Request) -> web.Response:
        router = request.app.router
        scheme = "wss" if request.secure else "ws"
        context: dict[str, Any] = {
            "title": server.title,
            "sound_note": sound_note,
            "font_size": _font_size(request.query.get("fontsize", "")),
            "websocket_url": f"{scheme}://{request.host}{router['websocket'].url_for()}",
            "static_url": str(router["static"].url_for(filename="/")).rstrip("/") + "/",
        }
        return aiohttp_jinja2.render_template("index.html", request, context)

    tabs: set[asyncio.Task[Any]] = set()  # each open tab's websocket handler, which runs its app

    async def websocket(request: web.Request) -> web.StreamResponse:
        task = asyncio.current_task()
        if task is not None:
            tabs.add(task)
        try:
            return await server.handle_websocket(request)
        finally:
            if task is not None:
                tabs.discard(task)

    async def close_tabs(_: web.Application) -> None:
        # Ctrl+C: each tab's app is told to quit now (textual-serve's handler does it as it is
        # cancelled), so a run under way stops where it is and is kept. Left to themselves the
        # handlers ran on until aiohttp's wait for open connections ran out, some 20 s, and the
        # run went on counting sets the runner, who had stopped the server, was not doing.
        for task in list(tabs):
            task.cancel()
        await asyncio.gather(*tabs, return_exceptions=True)

    app.on_shutdown.append(close_tabs)
    app.add_routes([
        web.get("/", index, name="index"),
        web.get("/ws", websocket, name="websocket"),
        web.get("/download/{key}", server.handle_download, name="download"),
        web.static("/static", server.statics_path, name="static"),
    ])
    return app


def _font_size(text: str) -> int:
    """The terminal's font in CSS pixels: 16 by default, which gives about 40 columns on a phone held upright."""
    return int(text) if text.isdigit() and 8 <= int(text) <= 48 else 16


def lan_address() -> str:
    """This machine's address on the local network: the one its default route leaves from.

    A UDP socket "connected" to a documentation address sends nothing; it only picks the route.
    """
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_DGRAM)) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


async def serve_until_stopped(app: web.Application, host: str, port: int,
                              started: Callable[[int], None]) -> None:
    """Listen on host:port (0: any free port), say which port, then serve until SIGINT or SIGTERM."""
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    bound = [address for address in runner.addresses if isinstance(address, tuple)]
    started(int(bound[0][1]) if bound else port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        # Each open tab's app is told to quit (textual-serve's handler does it as its socket
        # closes): a run under way keeps its journal, marked as stopped by the page closing.
        await runner.cleanup()
