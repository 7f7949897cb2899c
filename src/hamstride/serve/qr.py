"""A QR code of the served URL, drawn in the terminal so a phone's camera opens the page.

segno (pure Python, no dependencies) makes the code; it is drawn here in half blocks with
its own black on white, so it scans whatever the terminal's theme (segno's own terminal
output uses the terminal's colours, inverted on a light theme).
"""

from __future__ import annotations

import segno
from rich.style import Style
from rich.text import Text

PAPER = Style(color="black", bgcolor="white")
QUIET_ZONE = 2  # modules of white around the code; 4 is the standard, 2 scans and fits 80 columns


def qr_text(url: str) -> Text:
    """The code as lines of half blocks: each character cell holds two rows of modules."""
    rows = [list(row) for row in segno.make(url, error="l").matrix_iter(border=QUIET_ZONE)]
    if len(rows) % 2:
        rows.append([0] * len(rows[0]))
    out = Text(no_wrap=True, end="")
    for top, bottom in zip(rows[::2], rows[1::2]):
        for upper, lower in zip(top, bottom):
            # Dark modules are the foreground: "▀" paints the upper one, "▄" the lower one.
            out.append({(0, 0): " ", (1, 0): "▀", (0, 1): "▄", (1, 1): "█"}[(bool(upper), bool(lower))], PAPER)
        out.append("\n")
    return out
