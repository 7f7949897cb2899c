"""Rules for values read from our own files (settings, history): what each may be, in one place.

A `Rule` checks a raw value and converts it; its words say what the value must
be, so every reader reports a mistake the same way. The files declare their
keys with these rules (`config.Config`, `record_table.RECORD_KEYS`) and read,
check and write from that one declaration.
"""

from collections.abc import Callable, Iterable
from datetime import datetime
from enum import Enum
from typing import Any, Generic, NamedTuple, TypeVar

T = TypeVar("T")
E = TypeVar("E", bound=Enum)


class ValueProblem(ValueError):
    """A value a rule refuses; the message says what it must be."""


def unchanged(value: Any) -> Any:
    """A rule's convert for a value read as it is (readers skip calling it)."""
    return value


class Rule(NamedTuple, Generic[T]):
    check: Callable[[Any], str]  # "" for a good value, else what is wrong with it
    convert: Callable[[Any], T] = unchanged

    def read(self, value: Any) -> T:
        problem = self.check(value)
        if problem:
            raise ValueProblem(problem)
        return self.convert(value)


def anything() -> Rule[Any]:
    return Rule(lambda value: "")


def flag() -> Rule[bool]:
    return Rule(lambda value: "" if isinstance(value, bool) else "must be true or false")


def text(*, required: bool = False, needs: str = "must be text", empty: str = "is empty") -> Rule[str]:
    def check(value: Any) -> str:
        if not isinstance(value, str):
            return needs
        return empty if required and not value else ""
    return Rule(check)


def whole(low: int, high: int, *, needs: str | None = None) -> Rule[int]:
    """A whole number in a range; `needs` words both mistakes at once when given."""
    def check(value: Any) -> str:
        if not isinstance(value, int) or isinstance(value, bool):  # a bool is an int to Python, not to a file
            return needs or f"must be a whole number from {low:,} to {high:,}"
        if not low <= value <= high:
            return needs or f"{value} is out of range ({low:,} to {high:,})"
        return ""
    return Rule(check)


def number(low: float, high: float, *, needs: str | None = None, out_of_range: str | None = None) -> Rule[float]:
    def check(value: Any) -> str:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return needs or "must be a number"
        if not low <= value <= high:  # also refuses nan
            return needs or (out_of_range or "{value} is out of range ({low:g} to {high:g})").format(
                value=value, low=low, high=high)
        return ""
    return Rule(check, float)


def one_of(choices: Iterable[str]) -> Rule[str]:
    options = tuple(choices)
    return Rule(lambda value: "" if value in options else f"must be one of {', '.join(options)}")


def member(kind: type[E]) -> Rule[E]:
    """A value of an enumeration, by its written value."""
    # By a dict rather than `kind(value)`: an enumeration's call is slow, and ten years of history
    # read some sixty thousand of these.
    items = {str(item.value): item for item in kind}
    return Rule(lambda value: "" if isinstance(value, str) and value in items
                else f"must be one of {', '.join(items)}", items.__getitem__)


def aware_datetime() -> Rule[datetime]:
    return Rule(lambda value: "" if isinstance(value, datetime) and value.tzinfo is not None else
                "must be a date and time with an offset, like 2026-11-24T18:00:00+01:00")


def table_of_text(needs: str) -> Rule[dict[str, str]]:
    return Rule(lambda value: "" if isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
                else needs, lambda value: {str(k): str(v) for k, v in value.items()})


def list_of_text(needs: str) -> Rule[tuple[str, ...]]:
    return Rule(lambda value: "" if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
                else needs, lambda value: tuple(str(v) for v in value))


def list_of_tables(needs: str) -> Rule[list[dict[str, Any]]]:
    return Rule(lambda value: "" if isinstance(value, list) and all(isinstance(v, dict) for v in value)
                else needs)
