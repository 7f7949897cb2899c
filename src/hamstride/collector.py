"""The cyclic garbage collector, off while the `hamstride` command starts.

Start-up builds some 60,000 objects that live as long as the process (classes,
dataclasses, CSS rules, widgets) and almost no garbage: the collector's passes
over them were about a sixth of the time to the first frame. So the command
turns it off before its first import, and the app turns it back on once its
first screen is drawn, with what exists set aside (`gc.freeze`), so the
collections over a whole session never walk those objects.

At a run's first frame, set aside without a collection first: that one
collection walked all 60,000 objects with the interpreter held, 42-131 ms, just
as a run's first get-ready was being handed to the sound child
(tests/perf/test_sound_child_latency.py saw that cue 67 ms late). What it would
have freed stays there: some 2,000 unreachable objects of the start-up, about
0.5 MiB. At any other first frame (home, the readiness check, a resume offer)
no cue is due, and they are freed first: 0.3 MiB less at the peak of a run
after the readiness check.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume(*, collect: bool = False) -> None:
    """The collector back on, if `pause` turned it off; what exists now is kept out of its passes.

    `collect` when no cue can be due for a while (the first screen is not a run: home, the readiness
    check, a resume offer): the start-up's unreachable objects are freed first, so that the screens
    built next reuse their memory rather than add to the peak. Not at a run's first frame: its get-ready
    is due then."""
    global _paused
    if _paused:
        _paused = False
        if collect:
            gc.collect()
        gc.freeze()
        gc.enable()


def paused() -> bool:
    return _paused


def set_aside(reason: str) -> None:
    """What exists now kept out of the collector's passes from here on (`reason` says what is new).

    For what arrives later and lives as long as its screen: ten years of records, which home keeps
    for the coach, are some 90,000 objects, and each full collection walked them all, 17-46 ms with
    the interpreter held, while the sound thread waited to start a cue. Records hold no cycles:
    those that are dropped later are freed as before, by their reference counts.
    """
    gc.freeze()
