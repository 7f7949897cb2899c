"""`hamstride completion bash|zsh`: the shell script that completes commands, options and session names.

The script is generated from the command's own parser by shtab, so it cannot drift from
the options the command takes, and argparse stays the one description of the command
line. Session names are asked of `hamstride list --names` at each Tab, so a session the
runner has just made is offered at once. shtab is imported only by this command.
"""

from __future__ import annotations

import argparse
import sys
from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hamstride.cli.common import SubParsers
    from hamstride.cli.context import Context

SHELLS = ("bash", "zsh")

# Shell functions put before the generated script (written flush left: textwrap costs a launch ~2 ms).
_PREAMBLE = {
    "bash": """
# The runner's session names (built-in and their own), then .toml files and folders.
_hamstride_sessions() {
  compgen -W "$(command hamstride list --names 2>/dev/null)" -- "$1"
  compgen -f -X '!*.toml' -- "$1"
  compgen -d -S / -- "$1"
}
""",
    "zsh": """
# The runner's session names (built-in and their own), then .toml files.
_hamstride_sessions() {
  local -a names
  names=(${(f)"$(command hamstride list --names 2>/dev/null)"})
  _alternative 'sessions:session:compadd -a names' 'files:session file:_files -g "*.toml"'
}
""",
}

# What shtab calls to complete an argument that takes a session's name or file, per shell.
SESSIONS = {"bash": "_hamstride_sessions", "zsh": "_hamstride_sessions"}


def completes_sessions(action: argparse.Action) -> None:
    """Tab on this argument offers session names and session files."""
    action.complete = SESSIONS  # type: ignore[attr-defined]  # shtab reads this attribute


def add_command(commands: SubParsers, top: argparse.ArgumentParser) -> None:
    """`completion SHELL`, describing `top`: the whole command line, its commands and options."""
    completion = commands.add_parser(
        "completion", help="print the script that completes hamstride's commands and session names in bash or zsh",
        epilog="bash: add  eval \"$(hamstride completion bash)\"  to ~/.bashrc.  "
               "zsh: add  eval \"$(hamstride completion zsh)\"  to ~/.zshrc, after compinit.")
    completion.add_argument("shell", choices=SHELLS, help="the shell the script is for")
    completion.set_defaults(func=partial(cmd_completion, top))


def script(parser: argparse.ArgumentParser, shell: str) -> str:
    import shtab

    return shtab.complete(parser, shell=shell, preamble=_PREAMBLE[shell])


def cmd_completion(parser: argparse.ArgumentParser, context: Context, args: argparse.Namespace) -> int:
    sys.stdout.write(script(parser, args.shell))
    return 0
