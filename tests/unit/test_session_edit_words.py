"""A runner's edits to a copied session: odd but valid ones load, and every mistake says how to mend it."""

from __future__ import annotations

import pytest

from hamstride.domain.errors import SessionFileError
from hamstride.storage.loader import parse_session

NORDIC = '[[steps]]\nname = "Nordic"\nexercise = "nordic"\ntempo = "4-0-2-2"\nreps = 2\nsets = 2\n'


def problems(text: str) -> list[str]:
    with pytest.raises(SessionFileError) as caught:
        parse_session(text, file="s.toml", name="s")
    return [str(p) for p in caught.value.problems]


def test_a_tab_in_a_title_or_a_step_name_reads_as_a_space() -> None:
    session = parse_session('title = "Mine\tfor Tuesdays"\n' + NORDIC.replace('"Nordic"', '"Nordic\tcurl"'),
                            file="s.toml", name="s")
    assert session.title == "Mine for Tuesdays" and session.steps[0].name == "Nordic curl"


@pytest.mark.parametrize("line", ["rest = -5", "lead_in = -1"])
def test_a_negative_time_that_may_be_zero_says_how_to_mend_it(line: str) -> None:
    found = problems('title = "x"\n' + NORDIC + line + "\n")
    assert len(found) == 1 and "fix:" in found[0] and "0" in found[0].split("fix:")[1], found


def test_a_control_character_is_named_and_the_fix_says_to_remove_it() -> None:
    found = problems('title = "x\\u001b[2Jy"\n' + NORDIC)
    assert len(found) == 1 and "U+001B" in found[0] and "remove" in found[0].split("fix:")[1], found


@pytest.mark.parametrize("key", ['"[blink]k[/blink]"', '"dur ation"', "'lead in'"])
def test_a_quoted_key_is_named_on_its_own_line(key: str) -> None:
    found = problems('title = "x"\n' + NORDIC + f"{key} = 3\n")
    assert len(found) == 1 and found[0].startswith("s.toml:8:") and "unknown key" in found[0], found
