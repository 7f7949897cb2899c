"""The phases a segment of a session can be in, and what the runner may do during them.

Both sit here, below the model and the kinds, so that neither has to import the other to name them."""

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


class Action(StrEnum):
    """What the runner may do during a step's work, besides pause, skip, back and quit."""

    COUNT_REP = "count_rep"  # Enter: one self-paced rep done
    FINISH_SET = "finish_set"  # d: the self-paced set is done, whatever the count
    LOST_CONTROL = "lost_control"  # x: this rep's lowering was no longer braked
