"""Hostile session files: every one gets our own error with a clear message, never a crash or a hang."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hamstride.domain.errors import SessionFileError
from hamstride.domain.plan import build_timeline
from hamstride.storage.loader import load_session, parse_session

STEP = '[[steps]]\nname = "Plank"\n'


def problems(text: str) -> list[str]:
    with pytest.raises(SessionFileError) as caught:
        parse_session(text, file="s.toml", name="s")
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(("text", "expected"), [
    ('title = "x"\n' + STEP + "duration = 1" + "0" * 400 + "\n", "key 'duration': is far over the limit of one hour"),
    ('title = "x"\n' + STEP + "duration = -1" + "0" * 400 + "\n", "key 'duration': is far below 0"),
    ('title = "x"\n' + STEP + "sets = 1" + "0" * 400 + "\nhold = 5\n", "key 'sets': is far over the limit of 100\n"),
    ('title = "x"\n' + STEP + "duration = 1" + "0" * 5000 + "\n", "has a number too long to read"),
    ('title = "x"\nx = ' + "[" * 5000 + "]" * 5000 + "\n", "nests arrays or tables too deeply"),
    ('title = "x"\nx = ' + "{a = " * 5000 + "1" + "}" * 5000 + "\n", "nests arrays or tables too deeply"),
    ('title = "x"\n' + STEP + 'kind = "hold"\n', "s.toml:2: step 1 ('Plank'), key 'hold': is missing"),
    ('\ufefftitle = "x"\n' + STEP + "hold = 5\n", "byte order mark (BOM)"),
    ('title = "x"\n' + STEP + "duration = 3600.001\n", "is 3600.001 seconds, over the limit of one hour"),
    ('title = "x"\n' + STEP + "hold = 5\n" + "x" * 100_000 + " = 1\n", "key 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'"),
])
def test_a_hostile_value_gets_a_clear_message(text: str, expected: str) -> None:
    found = problems(text)
    assert any(expected in p for p in found), found
    assert all(len(p) < 600 for p in found)


def test_a_week_number_with_thousands_of_digits_is_not_a_week() -> None:
    text = 'title = "x"\n' + STEP + 'hold = 5\nweek."' + "1" * 5000 + '" = { hold = 6 }\n'
    assert any("is not a week or a range of weeks" in p for p in problems(text))


# -- line numbers ------------------------------------------------------------------------------

def test_a_line_separator_in_a_comment_does_not_shift_later_lines() -> None:
    text = 'title = "x"  # a\u2028b\u0085c\n' + STEP + "hold = -5\n"
    assert problems(text)[0].startswith("s.toml:4: step 1 ('Plank'), key 'hold'")


def test_steps_inside_a_multi_line_string_are_not_steps() -> None:
    text = ('title = "x"\nsummary = """\n[[steps]]\nname = "no"\n"""\n' + STEP + "hold = 5\n"
            + STEP + "hold = -1\n")
    assert problems(text)[0].startswith("s.toml:11: step 2 ('Plank'), key 'hold'")


def test_keys_in_a_week_sub_table_point_at_their_own_line() -> None:
    text = 'title = "x"\n' + STEP + 'hold = 5\n[steps.week."2"]\nhold = -4\n'
    assert problems(text)[0].startswith("s.toml:6: step 1 ('Plank'), key 'week.\"2\".hold'")


# -- the cause once, no follow-on errors --------------------------------------------------------

def test_an_empty_reps_list_in_a_week_is_one_problem() -> None:
    text = 'title = "x"\n' + STEP + 'reps = 5\nsets = 2\nrest = 30\nweek."2" = { reps = [] }\n'
    found = problems(text)
    assert len(found) == 1 and "key 'week.\"2\".reps': is an empty list" in found[0]


def test_sets_as_a_float_is_one_problem() -> None:
    found = problems('title = "x"\n' + STEP + "reps = 5\nsets = 2.0\nrest = 30\n")
    assert len(found) == 1 and "key 'sets'" in found[0]


def test_a_step_error_does_not_add_a_sessions_per_week_error() -> None:
    text = 'title = "x"\nsessions_per_week = 2\n' + STEP + 'hold = -5\nweek."2" = { hold = 10 }\n'
    found = problems(text)
    assert len(found) == 1 and "key 'hold'" in found[0]


def test_overlapping_ranges_of_sessions_per_week_are_refused() -> None:
    text = 'title = "x"\nsessions_per_week = { "1-4" = 2, "3-6" = 3 }\n' + STEP + 'hold = 5\nweek."1-6" = { hold = 6 }\n'
    assert any("week 3 is given twice" in p for p in problems(text))


# -- what is not a file ------------------------------------------------------------------------

def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "x.toml"
    os.mkfifo(fifo)
    with pytest.raises(SessionFileError) as caught:
        load_session(fifo)  # would hang for ever if it were opened for reading as a file
    assert "is not a regular file (it is a pipe)" in str(caught.value)


def test_a_link_to_dev_zero_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.toml"
    link.symlink_to("/dev/zero")
    with pytest.raises(SessionFileError) as caught:
        load_session(link)
    assert "is not a regular file (it is a device)" in str(caught.value)


def test_a_folder_named_like_a_session_is_refused(tmp_path: Path) -> None:
    (tmp_path / "dir.toml").mkdir()
    with pytest.raises(SessionFileError) as caught:
        load_session(tmp_path / "dir.toml")
    assert "dir.toml" in str(caught.value)


def test_a_hold_step_loads_and_plans() -> None:
    session = parse_session('title = "x"\n' + STEP + 'kind = "hold"\nhold = 5\n', file="s.toml", name="s")
    assert build_timeline(session).total > 0


@pytest.mark.parametrize("header", ["[meta]", "[[notes]]", "[meta.inner]"])
def test_an_unknown_table_is_named_with_the_line_it_opens_on(header: str) -> None:
    """A table the format does not know ([meta] below the steps) is a key of the session: the problem
    names the line of its header, as every other unknown key's does."""
    text = 'title = "T"\n' + STEP + "hold = 3\n\n" + header + "\na = 1\n"
    name = header.strip("[]").split(".")[0]
    assert f"s.toml:6: key '{name}': unknown key" in "\n".join(problems(text))
