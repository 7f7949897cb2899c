"""simpleaudio plays in the sound child (audio/isolated.py): the app's own process does not load
simpleaudio's backend module, nor ctypes, which only it needs (about 0.3 MiB of the app's peak memory)."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from hamstride.audio import backends, player
backends.available_backends(lambda: None)
heavy = sorted({"ctypes", "hamstride.audio.simple"} & set(sys.modules))
assert not heavy, heavy
"""


def test_choosing_the_backends_loads_neither_simpleaudios_module_nor_ctypes() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
