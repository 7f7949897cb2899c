"""A history month's TOML parsed as tomllib parses it, in a sixth of the time when the text is plain.

(A session file too: home reads every one before its first frame, 4-5 ms with tomllib for the built-ins.)

Ten years of months take about two seconds to parse with tomllib and a third of a second with rtoml
(a parser in Rust). rtoml is another parser: it reads TOML 1.1, which tomllib refuses in places
(an inline table over several lines or with a trailing comma, the escapes \\e and \\x, a time without
seconds, a byte order mark), and it gives offsets its own tzinfo. So rtoml reads only texts in the
plain part of TOML 1.0 that hamstride's own writer produces, where the two agree (checked below, and
by tests/unit/test_month_toml.py over random months and near misses); its offsets become
`datetime.timezone` as tomllib's are. Any other text, anything rtoml refuses (and its messages), and
any machine where rtoml cannot be imported: tomllib, so what a month means and every error said
about it stay tomllib's.

rtoml is imported when the first month is parsed, not with this module: its native library was some
0.5 MiB of a run's peak memory, and a run with no history (or one that never reads it) parses none.

What "plain" means, checked on the text with every plain string taken out (a basic string on one
line with no escape, which is how hamstride writes text that needs no escape), then every comment:
- no control character anywhere (TOML 1.0 allows none, but a tab, in a comment either);
- no other string is left (no literal, multi-line or escaped string: they would hide a brace or a
  quote from the checks below; such a string keeps at least its opening quote, which a comment
  taken out after it cannot hide);
- every inline table is closed on the line it opens, holds no other, no comment and no trailing
  comma (TOML 1.1 allows those; tomllib refuses them);
- every time has its seconds; there is no byte order mark.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

_fast_loads: Callable[[str], dict[str, Any]] | None = None
_looked_for_rtoml = False

_PLAIN_STRING = re.compile(r'"[^"\\\n]*"')
_COMMENT = re.compile(r"#[^\n]*")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # all but tab and newline (a CR goes to tomllib)
_ONE_LINE_TABLE = re.compile(r"\{[^{}\n#]*\}")
_TRAILING_COMMA = re.compile(r",[ \t]*\}")
# The colon between hours and minutes with no seconds after the minutes: an offset's colon (+01:00)
# and the seconds' colon (07:32:00) are not that one.
_NO_SECONDS = re.compile(r":(?<![+\-]\d\d:)(?<!:\d\d:)\d\d(?!:)")


def loads(text: str) -> dict[str, Any]:
    """`tomllib.loads(text)`: the same value, or the same error."""
    fast_loads = _rtoml_loads()
    if fast_loads is not None and plain(text):
        try:
            data = fast_loads(text)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException:  # what it refuses, or a panic of its Rust (a BaseException): tomllib says why
            pass
        else:
            _tomllib_offsets(data)
            return data
    import tomllib  # for the other texts only: a plain one is read without it

    return tomllib.loads(text)


def fast() -> bool:
    """Whether plain months are read by rtoml here (it may not install on every platform)."""
    return _rtoml_loads() is not None


def _rtoml_loads() -> Callable[[str], dict[str, Any]] | None:
    """rtoml's `loads`, imported the first time it is asked for; None where it cannot be imported."""
    global _fast_loads, _looked_for_rtoml
    if not _looked_for_rtoml:
        _looked_for_rtoml = True
        try:
            from rtoml import loads as _fast_loads
        except ImportError:  # a platform with no wheel: tomllib reads every month, as before
            _fast_loads = None
    return _fast_loads


def plain(text: str) -> bool:
    """The text is in the part of TOML where rtoml and tomllib agree (see the module's docstring)."""
    if '"""' in text or "\ufeff" in text or _CONTROL.search(text):
        return False
    bare = _COMMENT.sub("", _PLAIN_STRING.sub("", text))
    if '"' in bare or "'" in bare or _TRAILING_COMMA.search(bare) or _NO_SECONDS.search(bare):
        return False
    outside_tables = _ONE_LINE_TABLE.sub("", bare)
    return "{" not in outside_tables and "}" not in outside_tables


def _tomllib_offsets(value: dict[str, Any] | list[Any]) -> None:
    """Each date and time with an offset given tomllib's tzinfo (`timezone`, `timezone.utc` for Z).

    By exact type (rtoml makes plain dicts, lists and datetimes): ten years of months hold some
    100,000 tables and arrays to walk, and isinstance took twice as long."""
    if type(value) is dict:
        for key, item in value.items():
            kind = type(item)
            if kind is dict or kind is list:
                _tomllib_offsets(item)
            elif kind is datetime and item.tzinfo is not None:
                value[key] = _tomllib_offset(item)
    elif type(value) is list:
        for index, item in enumerate(value):
            kind = type(item)
            if kind is dict or kind is list:
                _tomllib_offsets(item)
            elif kind is datetime and item.tzinfo is not None:
                value[index] = _tomllib_offset(item)


def _tomllib_offset(moment: datetime) -> datetime:
    offset = moment.utcoffset()
    return moment if offset is None else moment.replace(tzinfo=timezone(offset))
