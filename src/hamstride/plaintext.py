"""Text from files shown as text: the one function every surface passes file-sourced strings through.

A session title, a note, a step name or a file name comes from a file anyone
could have written. On a screen, in a toast, in the command palette or in the
terminal it must stay text: markup like `[@click=app.quit]` is escaped, and
control characters (an escape sequence can retitle or clear the terminal) are
removed. Rich and Textual share one markup syntax, so one escape serves both.
"""

from __future__ import annotations

import re

# C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional
# overrides that make text read differently from what it is.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_AND_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_MARKUP = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")


def shown(text: str, *, markup: bool = True, one_line: bool = False) -> str:
    """`text` safe to show: control characters removed and, for markup surfaces, markup escaped.

    `markup=False` for surfaces that print it verbatim (CSV, JSON, plain
    output); `one_line=True` also turns line breaks into spaces.
    """
    text = (_CONTROL_AND_BREAKS if one_line else _CONTROL).sub(lambda m: " " if m.group() in "\n\r\t\u2028\u2029"
                                                             else "", text)
    if not markup:
        return text
    text = _MARKUP.sub(lambda m: f"{m.group(1)}{m.group(1)}\\{m.group(2)}", text)
    if text.endswith("\\") and not text.endswith("\\\\"):
        text += "\\"
    return text
