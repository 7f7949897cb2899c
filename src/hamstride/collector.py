"""The cyclic garbage collector, off while the `hamstride` command starts.

Start-up builds some 50,000 objects that live as long as the process (classes,
dataclasses, CSS rules, widgets) and almost no garbage: the collector's passes
over them were about a sixth of the time to the first frame. So the command
turns it off before its first import, and the app turns it back on once its
first screen is drawn: one collection for the little start-up left behind (a
few thousand objects, 0.3 MiB that would otherwise stay), then what is left
set aside (`gc.freeze`), so the collections over a whole session never walk
those objects again.
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
