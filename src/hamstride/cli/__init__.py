"""The `hamstride` command.

`main` parses the command line, builds the one `Context` every command is handed (where
files live, the settings, the history, the sessions), runs the command, and tells our
errors in one place with their exit code. `plain` holds the commands that print and
exit (list, show, check), `app` the ones that open the full-screen app, play sound or
write files, `completion` the shell scripts; `common` what they share. Textual is
imported only when the app is started.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from hamstride import collector
from hamstride.cli import app
from hamstride.cli.common import sound_options, tell
from hamstride.cli.context import Context
from hamstride.domain.errors import ExitCode, HamstrideError

__all__ = ["CRASHED", "build_parser", "main"]

CRASHED = ExitCode.CRASHED


class _Version(argparse.Action):
    """--version: the release, read from the installed package only when asked (it costs a launch ~10 ms)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        import platform
        from importlib.metadata import PackageNotFoundError, version

        try:
            release = version("hamstride")
        except PackageNotFoundError:  # run from a checkout that was never installed
            release = "(not installed)"
        print(f"hamstride {release} (Python {platform.python_version()})")  # to stdout, as argparse's own
        parser.exit()


def _global_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """Options every command takes, before its name or after it (`list --data-dir X` as `--data-dir X list`).

    After the command's name they default to SUPPRESS, so an option given before the name is
    kept unless it is given again after it.
    """
    parser.add_argument("--data-dir", type=Path, metavar="FOLDER", default=None if top else argparse.SUPPRESS,
                        help="keep config, your sessions and history here (also: HAMSTRIDE_HOME)")


# Each command by its name, in the order `hamstride --help` lists them: the module that adds its parser
# and runs it, imported for a command line that names it (or help). `completion`, last, describes the
# parser it is built into.
PARSERS = {"list": "plain", "show": "plain", "check": "plain", "run": "app", "new": "app", "edit": "app",
           "config": "app", "history": "app", "report": "app", "doctor": "doctor", "race": "race", "today": "today",
           "serve": "serve"}
TOP_FLAGS = ("--mute",)  # the top level's options that take no value, before a command's name
TOP_VALUED = ("--data-dir", "--sound", "--backend")  # and those that take one


def named_command(argv: Sequence[str]) -> str | None:
    """The command a command line names, found as argparse finds it when all before it are the top level's
    options as written here; "" for none (home); None when unsure (help, an abbreviation, a mistake)."""
    words = iter(argv)
    for word in words:
        if word in TOP_FLAGS or word.startswith(tuple(f"{option}=" for option in TOP_VALUED)):
            continue
        if word in TOP_VALUED:
            value = next(words, None)
            if value is None or value.startswith("-"):
                return None
            continue
        if word.startswith("-"):
            return None
        return word if word in PARSERS else None
    return ""


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every command; for `argv`, only the parser of the command it names (home: none).

    Building every command's parser was some 3 ms of each launch; what argparse does with a command
    line is the same either way (tests/unit/test_cli_parser.py). A command line it is unsure of
    (help, an abbreviated option, a mistake) gets every parser, for argparse to list or refuse.
    """
    parser = argparse.ArgumentParser(
        prog="hamstride",
        description="A guided hamstring session for runners: tempo countdowns, reps, sides and rests, "
                    "with audio cues. With no command, opens the app.",
    )
    parser.add_argument("--version", action=_Version, help="say which hamstride and Python this is, and exit")
    _global_options(parser, top=True)
    parser.add_argument("--mute", action="store_true",
                        help="the app starts with the sound off (m toggles it); as `run --mute`")
    sound_options(parser)  # `hamstride --backend silent` opens the app with it, as `run` takes them
    parser.set_defaults(func=app.cmd_home)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    named = None if argv is None else named_command(argv)
    for name in PARSERS if named is None else (named,) if named else ():
        importlib.import_module(f"hamstride.cli.{PARSERS[name]}").PARSERS[name](commands)
    if named is None:
        from hamstride.cli import completion

        completion.add_command(commands, parser)
    for command in commands.choices.values():
        _global_options(command, top=False)
    return parser


def _opens_app(args: argparse.Namespace) -> bool:
    return args.command in (None, "run") or (args.command == "history" and not args.export)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv).parse_args(argv)
    if not _opens_app(args):
        collector.resume()  # the app turns it back on after its first frame; nothing else waits for one
    # Into a pipe or a file (`hamstride race list | grep 10k`) a line stays one line: Rich would cut it at
    # the 80 columns it guesses for anything that is not a terminal. Tables keep their width.
    console = Console(highlight=False, soft_wrap=not sys.stdout.isatty())
    context = Context(console, args.data_dir, mute=args.mute)
    try:
        return int(args.func(context, args))
    except HamstrideError as error:  # ours: worded for the runner, with its own exit code
        tell(console, error)
        return error.exit_code
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    except Exception as error:  # a bug: say so plainly, with the details for a report, and fail
        import traceback

        from hamstride.plaintext import shown

        traceback.print_exc()
        console.print(f"[red]hamstride stopped on an unexpected error: {shown(type(error).__name__)}: "
                      f"{shown(str(error)[:300])}[/]", soft_wrap=True)
        return CRASHED
