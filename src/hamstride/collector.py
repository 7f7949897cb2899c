"""The cyclic garbage collector, off while the `hamstride` command starts.

Start-up builds some 60,000 objects that live as long as the process (classes,
dataclasses, CSS rules, widgets) and almost no garbage: the collector's passes
over them were about a sixth of the time to the first frame. So the command
turns it off before its first import, and the app turns it back on once its
first screen is drawn, with what exists set aside (`gc.freeze`), so the
collections over a whole session never walk those objects.

Set aside without a collection first: that one collection walked all 60,000
objects with the interpreter held, 42-131 ms, just as a run's first get-ready
was being handed to the sound child (tests/perf/test_sound_child_latency.py
saw that cue 67 ms late). What it would have freed stays: some 2,000
unreachable objects of the start-up, about 0.5 MiB.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """The collector back on, if `pause` turned it off; what exists now is kept out of its passes."""
    global _paused
    if _paused:
        _paused = False
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
