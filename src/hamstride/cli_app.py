"""Commands that open the full-screen app or play sound; imported only when one is asked for."""

from __future__ import annotations

import argparse
import sys
import time

from rich.console import Console
from rich.markup import escape

from hamstride import locations
from hamstride.core.cues import Cue, CueKind


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    run = commands.add_parser("run", help="run a session full screen, with audio cues")
    run.add_argument("session", metavar="NAME|FILE", help="a session name (see `hamstride list`) or a .toml file")
    _sound_options(run)
    run.add_argument("--mute", action="store_true", help="start with the sound off (m toggles it)")
    run.set_defaults(func=cmd_run)

    doctor = commands.add_parser("doctor", help="play every cue in turn and report which sound backend works")
    _sound_options(doctor)
    doctor.set_defaults(func=cmd_doctor)


def _sound_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sound", choices=["tones", "voice", "both"], default="tones",
                        help="tones, spoken words, or a tone then the word (default: tones)")
    parser.add_argument("--backend", choices=["simpleaudio", "paplay", "pw-play", "aplay", "afplay",
                                              "terminal bell", "silent"],
                        help="try this sound backend first")


def cmd_run(args: argparse.Namespace, console: Console) -> int:
    from hamstride.audio.clips import SoundMode
    from hamstride.cli import _library, _print_problems, resolve
    from hamstride.core.errors import SessionFileError

    try:
        session = resolve(args.session, _library(args))
    except SessionFileError as error:
        _print_problems(console, error)
        return 1
    except LookupError as error:
        console.print(f"[red]{escape(str(error))}[/]")
        return 2
    from hamstride.ui.app import HamstrideApp

    app = HamstrideApp(session, muted=args.mute, sound_mode=SoundMode(args.sound), backend=args.backend)
    app.run()
    result = app.result
    if result is not None:
        state = "complete" if result.completed else "ended early"
        console.print(f"{escape(result.title)}: {state}, {result.eccentric_reps} eccentric reps, "
                      f"{int(result.elapsed_seconds // 60)} min {int(result.elapsed_seconds % 60)} s.")
    return 0


def cmd_doctor(args: argparse.Namespace, console: Console) -> int:
    from hamstride.audio.backends import available_backends
    from hamstride.audio.clips import SoundBank, SoundMode
    from hamstride.audio.player import CuePlayer

    def ring() -> None:
        sys.stdout.write("\a")
        sys.stdout.flush()

    notices: list[str] = []
    bank = SoundBank(locations.sounds())
    backends = available_backends(ring, args.backend)
    console.print(f"Sounds from {escape(str(bank.folder))}")
    console.print("Backends to try, in order: " + ", ".join(b.name for b in backends))
    player = CuePlayer(bank, backends, mode=SoundMode(args.sound), on_notice=notices.append, threaded=False)
    missing = []
    for kind in CueKind:
        cue = Cue(kind, 0.0, 3 if kind in (CueKind.COUNT, CueKind.TICK) else None)
        clip = bank.clip(cue, player.mode)
        if clip is None:
            missing.append(kind.value)
        console.print(f"  {kind.value:<18} ", end="")
        player.play_cues([cue])
        player.wait()
        time.sleep(0.15)
        console.print(f"played on {player.backend.name}" if player.played and player.played[-1][0] == cue
                      else f"not played on {player.backend.name}")
    for notice in notices:
        console.print(f"[yellow]{escape(notice)}[/]")
    for failure in player.failures:
        console.print(f"  {escape(failure)}", soft_wrap=True)
    console.print(f"Cues play through: [bold]{escape(player.backend.name)}[/]")
    if missing:
        console.print(f"[red]Missing sound files: {', '.join(missing)}[/]")
        return 1
    return 0


def cmd_home(args: argparse.Namespace, console: Console) -> int:
    from hamstride.cli import cmd_list

    code = cmd_list(args, console)
    console.print("Start one with: hamstride run NAME")
    return code
