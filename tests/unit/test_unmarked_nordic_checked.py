"""Review: a runner's copy of a Nordic session with its `exercise = "nordic"` line deleted loaded as a session
with no eccentric work. Home held it back (the dose rule weighs a main step named like a Nordic), but picked
from the list, or `hamstride run mine.toml`, it started 60 Nordics with no check, and its run started no 48 h."""

from __future__ import annotations

from hamstride.domain.dose import planned_nordics
from tests.unit.helpers import session

COPY = """
title = "My strength day"
[[steps]]
name = "Nordic hamstring curl"
tempo = "4-0-1-0"
sets = 2
reps = 30
main = true
"""


def test_a_main_step_named_like_a_nordic_is_eccentric_work_and_weighed() -> None:
    plan = session(COPY)
    assert plan.eccentric  # the readiness check, with its dose rule, comes before it
    assert plan.steps[0].eccentric  # its run is eccentric work: the 48 h run from it
    assert planned_nordics(plan) == 60


def test_a_warm_up_named_like_a_nordic_is_not() -> None:
    plan = session(COPY.replace("main = true", "").replace("Nordic hamstring curl", "Easy partial Nordics"))
    assert not plan.eccentric
