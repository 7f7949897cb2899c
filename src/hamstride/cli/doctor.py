"""`hamstride doctor`: every cue played in turn, and which sound backend this machine plays them through."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING

from hamstride import locations
from hamstride.cli.common import sound_options
from hamstride.domain.sound import SoundMode
from hamstride.plaintext import shown

if TYPE_CHECKING:
    from collections.abc import Callable

    from hamstride.cli.common import SubParsers
    from hamstride.cli.context import Context


def add_command(commands: SubParsers) -> None:
    doctor = commands.add_parser("doctor", help="play every cue in turn and report which sound backend works")
    sound_options(doctor, top=False)
    doctor.set_defaults(func=cmd_doctor)


def cmd_doctor(context: Context, args: argparse.Namespace) -> int:
    console = context.console
    from hamstride.audio.backends import PlaybackError, available_backends, what_to_install
    from hamstride.audio.clips import SoundBank
    from hamstride.audio.player import CuePlayer
    from hamstride.domain.cues import Cue, CueKind

    def ring() -> None:
        sys.stdout.write("\a")
        sys.stdout.flush()

    notices: list[str] = []
    bank = SoundBank(locations.sounds())
    backends = available_backends(ring, args.backend)
    if args.backend and backends[0].name != args.backend:
        console.print(f"[yellow]The sound backend {shown(args.backend)} is not available here.[/]")
    console.print(f"Sounds from {shown(str(bank.folder))}")
    console.print("Backends to try, in order: " + ", ".join(b.name for b in backends))
    player = CuePlayer(bank, backends, mode=SoundMode(args.sound or "tones"), on_notice=notices.append, threaded=False)
    missing = []
    for kind in CueKind:
        cue = Cue(kind, 0.0, 3 if kind in (CueKind.COUNT, CueKind.TICK) else None)
        clip = bank.clip(cue, player.mode)
        if clip is None:
            missing.append(kind.value)
        console.print(f"  {kind.value:<18} ", end="")
        player.play_cues([cue])
        try:
            player.wait()
        except PlaybackError as error:  # a player that never finishes: the next cue moves on from it
            console.print(f"{shown(str(error))}; ", end="")
        time.sleep(0.15)
        console.print(f"played on {player.backend.name}" if player.played and player.played[-1][0] == cue
                      else f"not played on {player.backend.name}")
    for notice in notices:
        console.print(f"[yellow]{shown(notice)}[/]")
    for failure in player.failures:
        console.print(f"  {shown(failure)}", soft_wrap=True)
    console.print(f"Cues play through: [bold]{shown(player.backend.name)}[/]")
    from hamstride.audio.speech import PROGRAMS, find_program

    program = find_program()
    console.print(f"Step names spoken (voice and both modes) by: {shown(program)}" if program else
                  f"No speech program found ({', '.join(PROGRAMS)}): step names are not spoken; "
                  "the cue words still are, from sounds/voice/", soft_wrap=True)
    player.close()
    advice = what_to_install(player.backend, [b.name for b in backends], player.failures, args.backend)
    for line in advice:  # no real sound: a runner across the room would miss the counts
        console.print(f"[red]{shown(line)}[/]", soft_wrap=True)
    if missing:
        console.print(f"[red]Missing sound files: {', '.join(missing)}[/]")
    return 1 if missing or advice else 0


PARSERS: dict[str, Callable[[SubParsers], None]] = {"doctor": add_command}  # cli.build_parser's
