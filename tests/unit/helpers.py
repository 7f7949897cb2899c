"""Small builders shared by the unit tests."""

from __future__ import annotations

from hamstride.core.loader import parse_session
from hamstride.core.model import Session


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def session(text: str, name: str = "test") -> Session:
    return parse_session(text, file=f"{name}.toml", name=name)
