"""Runs a command in a pseudo-terminal and exits once its screen shows every marker.

So a whole-process timer measures launch to first frame, the program's own start-up
included, with nothing of the program changed:

    /usr/bin/time -v python -I -S tests/perf/first_frame.py "Step 1 of 1" "space Pause" -- hamstride run FILE
    python -m pyperf command -- python -I -S tests/perf/first_frame.py "BARE READY" -- python peers/static_app.py

The program is killed as soon as the frame holding the markers is read (its exit is not
what is timed). What this script costs itself (an interpreter without `site`, a fork) is
the same for every program it runs: time it alone with `-- true` and an empty marker.
Only the standard library, and little of it, so that its own start-up stays small.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time

# Escape sequences (CSI, OSC, two-byte ESC x) and the bytes of the frame between the texts.
ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]|[\r\n]")
TIMEOUT = 30.0


def main(argv: list[str]) -> int:
    if "--" not in argv:
        print(__doc__, file=sys.stderr)
        return 2
    split = argv.index("--")
    markers, command = [m.encode() for m in argv[:split]], argv[split + 1:]
    width, height = 100, 30
    pid, fd = pty.fork()
    if pid == 0:  # the child: its own terminal, of a known size
        os.environ.pop("COLUMNS", None)
        os.environ.pop("LINES", None)
        os.environ.setdefault("TERM", "xterm-256color")
        os.execvp(command[0], command)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
    seen, text, start = b"", b"", time.monotonic()
    try:
        while not all(marker in text for marker in markers):
            if time.monotonic() - start > TIMEOUT or not select.select([fd], [], [], TIMEOUT)[0]:
                print(f"first_frame: {argv[:split]} never appeared", file=sys.stderr)
                return 1
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the program ended (EIO on Linux)
                chunk = b""
            if not chunk:
                if markers:
                    print(f"first_frame: the program ended before {argv[:split]} appeared", file=sys.stderr)
                    return 1
                break
            seen += chunk
            text = ESCAPES.sub(b"", seen)
        return 0
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
