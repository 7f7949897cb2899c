"""The history's cold build (no database yet: the first open after an install, a new Python, a
deleted cache) holds exactly what the plain way of reading a month held, only sooner.

Invariants (Hypothesis):
- the sessions' headers a month has are counted as `SESSION_HEADER.findall` counts them, whatever
  the text: headers with spaces, comments, two on a line, `[[session]]` inside a string or a key;
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamstride.storage.month_text import SESSION_HEADER, session_headers

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces a month's text is made of, with the near misses of a header among them.
PIECES = st.sampled_from([
    "[[session]]", " [[session]]", "\t[[ session ]]  ", "[[session]] # a comment", "[[session]] [[session]]",
    "[[session.step]]", "[[sessions]]", "[session]", "[[ session]]x", 'note = "[[session]]"', "# [[session]]",
    "[[session]]#", "id = 1", "", " ", "\t", "#", "\r", "[[", "]]", "session", "\u2028",
])
texts = st.lists(st.tuples(PIECES, st.sampled_from(["\n", "", " ", "\r\n"])), max_size=30).map(
    lambda parts: "".join(piece + end for piece, end in parts))


@FAST
@given(text=texts)
def test_headers_are_counted_as_the_pattern_counts_them(text: str) -> None:
    assert session_headers(text) == len(SESSION_HEADER.findall(text))
