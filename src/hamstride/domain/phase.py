"""The phases a segment of a session can be in: what the runner is doing right now."""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    GET_READY = "get-ready"
    LOWER = "lower"
    PAUSE = "pause"
    LIFT = "lift"
    HOLD = "hold"
    CONTRACT = "contract"
    RELAX = "relax"
    STRETCH = "stretch"
    WORK = "work"
    REST = "rest"
    SWITCH_SIDE = "switch-side"
