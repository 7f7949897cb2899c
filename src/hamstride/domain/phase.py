"""The phases a segment of a session can be in: what the runner is doing right now."""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    GET_READY = "get-ready"
    LOWER = "lower"
    PAUSE = "pause"
    LIFT = "lift"
    OUT = "out"  # heels or a heel going away from the body, hips up: a bridge's eccentric work
    IN = "in"  # and back in
    HOLD = "hold"
    CONTRACT = "contract"
    RELAX = "relax"
    STRETCH = "stretch"
    WORK = "work"
    REST = "rest"
    SWITCH_SIDE = "switch-side"
