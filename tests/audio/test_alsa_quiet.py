"""The speaker's start-up: ALSA's own error printing is silenced without a subprocess.

Checked in a fresh interpreter: ALSA keeps a pointer to the handler it is given,
and swapping the module's handler inside the test process would leave it
pointing at freed memory for every later test.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

PROBE = """
import ctypes.util
looked_up = []
def find_library(name):
    looked_up.append(name)  # find_library runs `ldconfig -p` in a subprocess on Linux
    return None
ctypes.util.find_library = find_library
from hamstride.audio import simple as backends
backends.SimpleaudioBackend()
print("HANDLER", backends._alsa_handler is not None, "LOOKED UP", looked_up)
"""


def test_alsa_is_silenced_by_its_soname_without_running_ldconfig() -> None:
    pytest.importorskip("simpleaudio")  # it links libasound: the soname is then loaded already
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60,
                          env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert "HANDLER True LOOKED UP []" in done.stdout, done.stdout
