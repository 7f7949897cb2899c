"""Commands that open the full-screen app; imported only when one is asked for."""

from __future__ import annotations

import argparse

from rich.console import Console


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    pass


def cmd_home(args: argparse.Namespace, console: Console) -> int:
    from hamstride.cli import cmd_list

    return cmd_list(args, console)
