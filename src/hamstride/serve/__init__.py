"""`hamstride serve`: the app in a browser, for a phone or tablet propped by the mat.

textual-serve runs one `hamstride` process per browser tab and relays its screen over a
websocket. It has no authentication of its own, so `web` builds the web application from
its public handlers with a token check in front of every route, and a page of our own (a
viewport for phones, fonts from the package, a line saying the sound stays on the laptop).
Nothing here imports the app: the served process is a separate `hamstride`.
"""

from __future__ import annotations

SERVED_ENV = "HAMSTRIDE_SERVED"  # set on the command serve starts: the app runs without a terminal
TOKEN_PARAM = "token"


def served() -> bool:
    """Whether this process is a tab's app under `hamstride serve` (its input and output are pipes)."""
    import os

    return os.environ.get(SERVED_ENV) == "1"
