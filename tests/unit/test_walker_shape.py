"""The clock walker holds no key policy, and its state reads in a few named groups (issue 23, item 5).

What a key means at the moment it lands (the guard after work begins, `b`'s grace, the second-`n`
offer) is the engine's: the walker only walks the plan on the clock and tells the engine when a set
is entered and when work begins. Its own state is the plan, where the walk is, the run's time on
the clock (one object), the outcome, and the reps counted by hand.
"""

from __future__ import annotations

import inspect

from hamstride.domain import walker
from hamstride.domain.engine import Engine
from hamstride.domain.plan import build_timeline
from hamstride.domain.walker import RunTime, Walker
from tests.unit.helpers import FakeClock, session

TOML = 'title = "Shape"\n[[steps]]\nname = "Nordic"\ntempo = "3-0-1-0"\nreps = 2\nsets = 2\nrest = 6\n'
KEY_POLICY = ("BACK_GRACE", "OFFER_SECONDS", "WORK_GUARD", "BURST", "_ready_kept", "_offer_step", "_offer_until",
              "_refused", "_span_entered", "_work_began")


def _walker() -> Walker:
    return Walker(build_timeline(session(TOML)), FakeClock())


def test_the_walker_module_names_no_key_policy() -> None:
    source = inspect.getsource(walker)
    assert [name for name in KEY_POLICY if name in source] == []


def test_the_walkers_state_is_a_few_named_groups() -> None:
    fields = vars(_walker())
    assert not any(name.startswith(KEY_POLICY) for name in fields)
    assert isinstance(fields["time"], RunTime)  # started, paused, slept, ended: on the clock, in one place
    assert len(fields) <= 15, sorted(fields)


def test_the_engine_keeps_the_key_policy_it_needs() -> None:
    engine = Engine(build_timeline(session(TOML)), FakeClock())
    engine.start()
    engine.tick()
    assert {"_span_entered", "_work_began"} <= set(vars(engine))
