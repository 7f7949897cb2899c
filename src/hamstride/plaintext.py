"""Text from files shown as text: the one function every surface passes file-sourced strings through.

A session title, a note, a step name or a file name comes from a file anyone
could have written. On a screen, in a toast, in the command palette or in the
terminal it must stay text: markup like `[@click=app.quit]` is escaped, and
control characters (an escape sequence can retitle or clear the terminal) are
removed. Rich and Textual share one markup syntax, so one escape serves both.
"""

from __future__ import annotations

import re

# C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional overrides that make
# text read differently from what it is: removed, a carriage return made a space. On one line, tabs
# and line breaks are spaces too. Tables for str.translate: a regular expression's class past U+00FF
# is compiled into a 64 K-entry table, some 0.8 ms of every launch.
_CONTROLS = (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_TEXT = {**dict.fromkeys(_CONTROLS), ord("\r"): " "}
_ONE_LINE = {**_TEXT, **dict.fromkeys(map(ord, "\t\n\u2028\u2029"), " ")}
_MARKUP = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")


def shown(text: str, *, markup: bool = True, one_line: bool = False) -> str:
    """`text` safe to show: control characters removed and, for markup surfaces, markup escaped.

    `markup=False` for surfaces that print it verbatim (CSV, JSON, plain
    output); `one_line=True` also turns line breaks into spaces.
    """
    text = text.translate(_ONE_LINE if one_line else _TEXT)
    if not markup:
        return text
    text = _MARKUP.sub(lambda m: f"{m.group(1)}{m.group(1)}\\{m.group(2)}", text)
    if text.endswith("\\") and not text.endswith("\\\\"):
        text += "\\"
    return text
