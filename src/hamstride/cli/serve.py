"""`hamstride serve`: the app in a browser on this computer or, with --lan, on a phone by the mat."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from hamstride.domain.errors import ExitCode, HamstrideError
from hamstride.plaintext import shown

if TYPE_CHECKING:
    from collections.abc import Callable

    from hamstride.cli.common import SubParsers
    from hamstride.cli.context import Context

DEFAULT_PORT = 8420
SOUND_NOTE = "Sound plays on the laptop running hamstride serve, not on this device."
PAGE_NOTE = "Sound plays on the laptop, not on this device."  # one line on a phone held upright
MISSING = ("hamstride serve needs the serve extra (textual-serve and segno): "
           "pip install 'hamstride[serve]' (make run installs it).")


class ServeExtraMissing(HamstrideError):
    """textual-serve or segno is not installed: serving was asked for wrongly, not refused."""

    exit_code = ExitCode.USAGE


def add_command(commands: SubParsers) -> None:
    serve = commands.add_parser("serve", help="serve the app to a browser (a phone or tablet by the mat: --lan)")
    serve.add_argument("--port", type=_port, default=DEFAULT_PORT,
                       help=f"the port to listen on (default {DEFAULT_PORT}; 0: any free port)")
    serve.add_argument("--lan", action="store_true",
                       help="listen on the local network, not only this computer; open the printed link "
                            "(or scan its QR code) on the phone")
    serve.set_defaults(func=cmd_serve)


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port (0 to 65535)")
    return int(text)


def app_command(data_dir: str | None) -> str:
    """The command each browser tab runs: this hamstride, told it is served (it has pipes, not a terminal)."""
    import shlex

    from hamstride.serve import SERVED_ENV

    words = [sys.executable, "-m", "hamstride.cli"]
    if data_dir is not None:
        words += ["--data-dir", os.path.abspath(data_dir)]
    return f"{SERVED_ENV}=1 exec " + " ".join(shlex.quote(word) for word in words)


def cmd_serve(context: Context, args: argparse.Namespace) -> int:
    console = context.console
    try:
        from textual_serve.server import Server

        from hamstride.serve.qr import qr_text
        from hamstride.serve.web import lan_address, new_token, serve_until_stopped, web_app
    except ImportError as error:
        raise ServeExtraMissing(MISSING) from error
    import asyncio

    token = new_token()
    server = Server(app_command(str(context.data_dir) if context.data_dir else None), title="hamstride")
    host = "0.0.0.0" if args.lan else "127.0.0.1"
    shown_host = lan_address() if args.lan else "127.0.0.1"

    def started(port: int) -> None:
        url = f"http://{shown_host}:{port}/?token={token}"
        console.print(f"hamstride is served at [bold]{shown(url)}[/]", soft_wrap=True)
        if args.lan:
            console.print("On the phone (same Wi-Fi), scan this or type the link:")
            console.print(qr_text(url))
            console.print("Anyone on this network with the link can use hamstride: stop it (Ctrl+C) when done.")
        else:
            console.print("Only this computer can open it; --lan serves it to a phone on the same network.")
        console.print(SOUND_NOTE)
        console.print("Ctrl+C stops serving; a session under way is paused and kept to resume.", highlight=False)
        sys.stdout.flush()

    app = web_app(server, token, sound_note=PAGE_NOTE)
    try:
        asyncio.run(serve_until_stopped(app, host, args.port, started))
    except OSError as error:
        raise HamstrideError(f"Cannot listen on port {args.port}: {error.strerror or error}. "
                             "Try another with --port.") from error
    console.print("Stopped serving.")
    return 0


PARSERS: dict[str, Callable[[SubParsers], None]] = {"serve": add_command}  # cli.build_parser's
