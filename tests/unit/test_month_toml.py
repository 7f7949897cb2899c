"""A month read by rtoml means what tomllib makes of it (storage/month_toml.py), and every error is tomllib's.

Invariants (Hypothesis):
- every month our writer produces, from random records (any text in notes and titles, any offset,
  keys from a newer version holding any TOML value), parses to the same value as with tomllib:
  the same keys in the same order, the same types (1 is not 1.0, tomllib's tzinfo), the same values;
- months whose text needs no escape are read by rtoml (the fast path is the one measured);
- a near miss of such a month (a few characters inserted, deleted or replaced, TOML 1.1 among them)
  gives the same value as tomllib, or the same error with tomllib's very message.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamstride.domain.record import Record
from hamstride.storage import month_toml
from hamstride.storage.month_text import month_text
from hamstride.storage.record_table import RECORD_KEYS, to_table
from tests.unit.helpers import make_record

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KNOWN = {key.name for key in RECORD_KEYS}

offsets = st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda minutes: timezone(timedelta(minutes=minutes)))
zones = st.just(timezone.utc) | offsets
moments = st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2100, 1, 1))
PLAIN_TEXT = st.text(st.characters(blacklist_characters='"\\', blacklist_categories=("Cc", "Cs")), max_size=30)


def toml_values(text: st.SearchStrategy[str], *, nested: bool = True) -> st.SearchStrategy[Any]:
    scalars = (text | st.integers() | st.floats() | st.booleans() | st.dates() | st.times()
               | moments | st.builds(lambda moment, zone: moment.replace(tzinfo=zone), moments, zones))
    if not nested:  # tomli_w writes an array inside an inline table over lines: read by tomllib, not "plain"
        return scalars | st.lists(scalars, max_size=3)
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                        | st.dictionaries(keys(text), inner, max_size=3), max_leaves=8)


def keys(text: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return text.filter(lambda key: bool(key) and key not in KNOWN)


@st.composite
def records(draw: st.DrawFn, text: st.SearchStrategy[str] = st.text(max_size=30), nested: bool = True) -> Record:
    started = draw(moments).replace(tzinfo=draw(zones), microsecond=0)
    record = make_record(started, eccentric_reps=draw(st.integers(0, 40)), rpe=draw(st.none() | st.integers(1, 10)),
                         note=draw(text), record_id=draw(text.filter(bool)), name=draw(text.filter(bool)))
    return replace(record, title=draw(text), extra=draw(st.dictionaries(keys(text), toml_values(text, nested=nested),
                                                                           max_size=3)))


def months(text: st.SearchStrategy[str] = st.text(max_size=30), nested: bool = True) -> st.SearchStrategy[str]:
    return st.lists(records(text, nested), min_size=1, max_size=4).map(lambda rs: month_text([to_table(r) for r in rs]))


def _same_as_tomllib(text: str) -> None:
    try:
        expected: Any = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        with pytest.raises(tomllib.TOMLDecodeError) as refused:
            month_toml.loads(text)
        assert str(refused.value) == str(error)  # tomllib's words: file, line and column as ever
        return
    # repr tells 1 from 1.0 and timezone from another tzinfo, and shows the keys in their order.
    assert repr(month_toml.loads(text)) == repr(expected)


@FAST
@given(months())
def test_every_month_our_writer_produces_reads_as_tomllib_reads_it(text: str) -> None:
    _same_as_tomllib(text)


@FAST
@given(months(PLAIN_TEXT, nested=False))
def test_months_that_need_no_escape_take_the_fast_path(text: str) -> None:
    assert month_toml.plain(text)
    _same_as_tomllib(text)


NEAR = ['[', ']', '{', '}', '=', ',', '.', '"', "'", '\\', '#', '\n', ' ', ':', '-', '+', '_', '0', '9', 'e', 'Z',
        'T', '\r', '\x00', '\x7f', '\ufeff', '\\e', '\\x41', ', }', '\n}', '{\n', '"""', "'''", 'nan', 'inf', '1e400',
        '99999999999999999999', '07:32', '07:32Z', ' # c\n', '\\u00e9', '\\uD800', '\\U00110000', 'a = {b = 1,\n}',
        '{ x = { y = 1 }, z = 2\n}', 'x = """a"}"c""",\n', '[[session]]\n', '[session]\n', "# it's\n", ' # "\n',
        '\r\n']


@st.composite
def near_misses(draw: st.DrawFn) -> str:
    text = draw(months(PLAIN_TEXT | st.text(max_size=10)))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        token = draw(st.sampled_from(NEAR) | st.text(max_size=3))
        match draw(st.sampled_from(["insert", "delete", "replace"])):
            case "insert":
                text = text[:at] + token + text[at:]
            case "delete":
                text = text[:at] + text[at + draw(st.integers(1, 6)):]
            case "replace":
                text = text[:at] + token + text[at + 1:]
    return text


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(near_misses())
def test_a_near_miss_reads_or_fails_as_with_tomllib(text: str) -> None:
    _same_as_tomllib(text)


@pytest.mark.parametrize("text", [
    'a = {b = 1,\n c = 2}', 'a = {\n}', 'a = {b = 1 # c\n}', 'a = {b = 1, }', 'a = "\\e"', 'a = "\\x41"',
    'a = 07:32', 'a = 1979-05-27 07:32', 'a = 1979-05-27T07:32Z', '\ufeffa = 1', 'a = 1e400',
    'a = 99999999999999999999', 'x = {y = """a"}"c""",\nz = """a"{"c"""}', 'a = {b = {c = 1}, d = 2\n}',
    'a = ' + '[' * 100_000 + ']' * 100_000, 'a = 1979-05-27T07:32:00Z\nb = 1979-05-27T07:32:00-07:30',
], ids=lambda text: repr(text)[:40])
def test_what_toml_1_1_allows_and_tomllib_refuses_is_refused_in_tomllib_words(text: str) -> None:
    """rtoml reads TOML 1.1 (and refuses a little that tomllib reads): none of it gets through."""
    try:
        expected: Any = tomllib.loads(text)
    except RecursionError:  # nested past Python's stack: month_reader sets the month aside, as before
        with pytest.raises(RecursionError):
            month_toml.loads(text)
        return
    except tomllib.TOMLDecodeError:
        _same_as_tomllib(text)
        return
    assert repr(month_toml.loads(text)) == repr(expected)


def test_offsets_are_tomllibs_timezones() -> None:
    data = month_toml.loads('a = 1979-05-27T07:32:00Z\nb = [1979-05-27T07:32:00-07:30]\nc = {d = 2000-01-01T00:00:00+00:00}')
    assert month_toml.plain('a = 1979-05-27T07:32:00Z')
    assert data["a"].tzinfo is timezone.utc and data["c"]["d"].tzinfo is timezone.utc
    assert type(data["b"][0].tzinfo) is timezone and data["b"][0].utcoffset() == timedelta(hours=-7, minutes=-30)
    assert isinstance(month_toml.loads("a = 1979-05-27")["a"], date)
    assert isinstance(month_toml.loads("a = 07:32:00")["a"], time)


def test_a_month_reads_the_same_where_rtoml_cannot_be_imported() -> None:
    """No wheel for this platform: tomllib reads every month, and the app goes on."""
    text = month_text([to_table(make_record(datetime(2026, 11, 24, 18, tzinfo=timezone(timedelta(hours=1)))))])
    script = ("import sys; sys.modules['rtoml'] = None\n"
              "import tomllib\nfrom hamstride.storage import month_toml\n"
              "text = sys.stdin.read()\n"
              "assert not month_toml.fast()\n"
              "assert repr(month_toml.loads(text)) == repr(tomllib.loads(text))\n"
              "print('read', len(month_toml.loads(text)['session']))\n")
    done = subprocess.run([sys.executable, "-c", script], input=text, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "read 1"
    assert month_toml.fast()  # and here, where it installs, it is the one used


def test_rtoml_is_loaded_only_when_a_month_is_first_parsed(tmp_path: Path) -> None:
    """Its native library is some 0.5 MiB of the app's peak memory: a run with no history never loads it."""
    script = ("import sys\nfrom datetime import datetime\nfrom pathlib import Path\n"
              "from hamstride.storage import month_toml\nfrom hamstride.storage.history import HistoryStore\n"
              "assert 'rtoml' not in sys.modules, 'imported with month_toml'\n"
              "store = HistoryStore(Path(sys.argv[1]), datetime.now)\n"
              "assert store.load().records == ()\n"
              "assert 'rtoml' not in sys.modules, 'imported to read no history'\n"
              "month_toml.loads('a = 1')\n"
              "assert 'rtoml' in sys.modules, 'not imported to parse a month'\n")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "history")], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_a_comment_keeps_no_text_off_the_fast_path() -> None:
    """Session files are written by hand, with comments full of apostrophes and quotes: a comment is
    taken out before the checks, so such a file is still read by rtoml, to the same value."""
    text = ('# The article\'s "warm up first"\ntitle = "Nordics" # it\'s {not} a table\n'
            '[[steps]] # one\nname = "Plank"\nhold = 30\n')
    assert month_toml.plain(text)
    _same_as_tomllib(text)


@pytest.mark.parametrize("text", [
    "a = 'x # y'", "a = '''x\n# y\n'''", 'a = "x\\" # y"', 'a = 1 # \x00', 'a = 1 # \x7f', 'a = 1 # \r',
    'a = 1\r\nb = 2', 'a = "\x01"', '# "\na = \'b\'',
], ids=repr)
def test_a_comment_hides_no_string_and_no_control_character(text: str) -> None:
    assert not month_toml.plain(text)
    _same_as_tomllib(text)


def test_the_built_in_sessions_are_read_through_the_fast_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 25 (launch): home reads every built-in session before its first frame; tomllib took 4-5 ms
    of it, rtoml a tenth. Each file is read by month_toml.loads (tomllib's value and errors), and all but
    one (an escaped quote in its text) are plain enough for rtoml."""
    from hamstride import locations
    from hamstride.storage.library import load_library

    read: list[str] = []
    real = month_toml.loads

    def counted(text: str) -> dict[str, Any]:
        read.append(text)
        return real(text)

    monkeypatch.setattr(month_toml, "loads", counted)
    library = load_library(locations.builtin_sessions(), None)
    assert len(read) == len(library.entries) and not library.broken
    assert sum(map(month_toml.plain, read)) >= len(read) - 1
