"""A float where a session file wants a number: huge, infinite, not a number, negative, subnormal.

Invariant (the property below): put any float in any numeric key of a valid built-in session, and
loading either succeeds with finite values within their limits, or raises SessionFileError whose text
names the key (or, for a value within its limits, the session made too long) and the file and never says "inf" or "nan" (TOML's words, which a runner did not write
for 1e400); no other exception, ever."""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterator
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamstride import locations
from hamstride.domain.errors import SessionFileError
from hamstride.domain.plan import build_timeline
from hamstride.storage.loader import parse_session

FILE = "runner.toml"
NON_FINITE_WORDS = re.compile(r"\b(inf|infinity|nan)\b|e\+\d{3}", re.IGNORECASE)
NOT_A_KEY = re.compile(r"^[0-9][0-9-]*$")  # a week or a range of weeks names a table, not a key
STEP = '[[steps]]\nname = "Plank"\n'

Where = tuple[str | int, ...]


def _builtin() -> list[tuple[str, dict[str, Any]]]:
    return [(path.name, tomllib.loads(path.read_text())) for path in sorted(locations.builtin_sessions().glob("*.toml"))]


BUILTIN = _builtin()


def _numbers(value: Any, path: Where = ()) -> Iterator[Where]:
    """Every number in a parsed file, by where it is: keys, and indexes into lists."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _numbers(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _numbers(inner, (*path, index))
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield path


def _with_tempo_tables(data: dict[str, Any]) -> dict[str, Any]:
    """The same session with each tempo written as a table, so its four numbers are numeric keys too."""
    steps = []
    for step in data.get("steps", []):
        tempo = step.get("tempo")
        if isinstance(tempo, str) and "x" not in tempo.lower():
            parts = [float(p) for p in tempo.split("-")] + [0.0] * (4 - len(tempo.split("-")))
            step = {**step, "tempo": dict(zip(("lower", "pause", "lift", "top"), parts))}
        steps.append(step)
    return {**data, "steps": steps}


CASES = [(name, data, path) for name, raw in BUILTIN for data in (raw, _with_tempo_tables(raw))
         for path in _numbers(data)]


def _set(data: Any, path: Where, value: float) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, list):
        assert isinstance(head, int)
        return [_set(item, rest, value) if index == head else item for index, item in enumerate(data)]
    return {key: _set(item, rest, value) if key == head else item for key, item in data.items()}


def _key_name(path: Where) -> str:
    """The name a runner would look for: the nearest key that is not a list index or a week."""
    return next(str(part) for part in reversed(path) if isinstance(part, str) and not NOT_A_KEY.match(part))


def _all_numbers(value: Any) -> Iterator[float]:
    if isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        yield float(value)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _all_numbers(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _all_numbers(item)
    elif hasattr(value, "__dict__") or hasattr(value, "__slots__"):
        for name in getattr(value, "__dataclass_fields__", {}):
            yield from _all_numbers(getattr(value, name))


def _loads_or_says_so(text: str, key: str, value: float) -> None:
    try:
        session = parse_session(text, file=FILE, name="runner")
    except SessionFileError as error:
        said = str(error)
        # A value within its key's limits may still make the whole session too long: that is told of the steps.
        whole = math.isfinite(value) and "key 'steps': the session would take" in said
        assert whole or f"'{key}" in said or f".{key}'" in said, said
        assert FILE in said, said
        assert not NON_FINITE_WORDS.search(said), said
        return
    numbers = list(_all_numbers(session))
    assert all(math.isfinite(n) and abs(n) < 10**7 for n in numbers), numbers
    assert math.isfinite(build_timeline(session).total)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=st.sampled_from(CASES), value=st.floats(allow_nan=True, allow_infinity=True, allow_subnormal=True)
       | st.sampled_from([math.inf, -math.inf, math.nan, 1e400, -1e400, 5e-324, -0.0, 1e300, 3600.5, 1000.5]))
def test_any_float_in_any_numeric_key_loads_within_limits_or_is_told_plainly(
        case: tuple[str, dict[str, Any], Where], value: float) -> None:
    _, data, path = case
    _loads_or_says_so(tomli_w.dumps(_set(data, path, value)), _key_name(path), value)


@pytest.mark.parametrize(("written", "key", "said"), [
    ("reps = 1e400\ntempo = \"3-0-1-0\"", "reps", "is far over the limit of"),
    ("reps = inf\ntempo = \"3-0-1-0\"", "reps", "is far over the limit of"),
    ("reps = -inf\ntempo = \"3-0-1-0\"", "reps", "it must be at least 1"),
    ("reps = nan\ntempo = \"3-0-1-0\"", "reps", "is not a number"),
    ("hold = 5\nsets = 1e400\nrest = 30", "sets", "is far over the limit of"),
    ("hold = nan", "hold", "is not a number of seconds"),
    ("hold = 5\nlead_in = 1e400", "lead_in", "is far over the limit of one hour"),
    ("reps = 5\ntempo = { lower = 1e400 }", "tempo.lower", "is far over the limit of one hour"),
])
def test_a_runners_huge_or_non_finite_number_is_named_by_file_line_and_key(written: str, key: str, said: str) -> None:
    with pytest.raises(SessionFileError) as caught:
        parse_session('title = "x"\n' + STEP + written + "\n", file=FILE, name="runner")
    text = str(caught.value)
    assert f"{FILE}:" in text and f"key '{key}'" in text and said in text, text
    assert not NON_FINITE_WORDS.search(text), text
