"""The `hamstride` command.

`plain` holds the commands that print and exit (list, show, check), `app` the
ones that open the full-screen app, play sound or write files; `common` what
they share (finding a session and saying what is wrong with it, the history
store, the settings). Textual is imported only when the app is started.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from hamstride import collector
from hamstride.cli import app, plain, serve

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hamstride",
        description="A guided hamstring session for runners: tempo countdowns, reps, sides and rests, "
                    "with audio cues. With no command, opens the app.",
    )
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="keep config, your sessions and history here (also: HAMSTRIDE_HOME)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    plain.add_commands(commands)
    app.add_commands(commands)
    serve.add_commands(commands)
    return parser


def _opens_app(args: argparse.Namespace) -> bool:
    return args.command in (None, "run") or (args.command == "history" and not args.export)


CRASHED = 70  # EX_SOFTWARE: an error in hamstride itself


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not _opens_app(args):
        collector.resume()  # the app turns it back on after its first frame; nothing else waits for one
    console = Console(highlight=False)
    try:
        if args.command is None:
            return app.cmd_home(args, console)
        return int(args.func(args, console))
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: say so plainly, with the details for a report, and fail
        import traceback

        from hamstride.plaintext import shown

        traceback.print_exc()
        console.print(f"[red]hamstride stopped on an unexpected error: {shown(type(error).__name__)}: "
                      f"{shown(str(error)[:300])}[/]", soft_wrap=True)
        return CRASHED
