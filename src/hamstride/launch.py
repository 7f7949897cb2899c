"""The `hamstride` command's entry point: the collector off for its start-up (see collector)."""

from __future__ import annotations

from hamstride import collector


def main() -> int:
    collector.pause()
    from hamstride.cli import main as run

    return run()
