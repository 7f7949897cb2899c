"""Writing files so that nothing is ever half-written, and setting aside what cannot be read."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from datetime import datetime
from pathlib import Path


def set_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename a file the app cannot read out of the way, keeping its bytes: `<name>.corrupt-<time>`."""
    stamp = (now or datetime.now()).strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while os.path.lexists(aside):
        counter += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    path.rename(aside)
    return aside


def write_atomic(path: Path, text: str | bytes) -> None:
    """Text as UTF-8, or bytes as they are (report --png's picture)."""
    # mkstemp makes the file 0600 whatever the umask, with O_EXCL: never through a planted link.
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk.
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class NotAFile(OSError):
    """A path that is a pipe, a device, a folder or a socket where a file of ours should be."""


def kind_of(mode: int) -> str:
    return ("a folder" if stat.S_ISDIR(mode) else "a pipe" if stat.S_ISFIFO(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket")


# A session file's limit: a few kilobytes make a session. Here, not in the loader, so that home's first frame
# reads the files' titles (library.read_titles) without importing what checks them whole.
MAX_FILE_BYTES = 1024 * 1024


def read_regular(path: Path, limit: int) -> bytes:
    """At most `limit` + 1 bytes, from a regular file only: a FIFO would hang, /dev/zero never end.
    Raises NotAFile (an OSError) for anything else, naming what it is."""
    # O_NONBLOCK: opening a FIFO with no writer would otherwise wait for ever.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        return read_fd_bounded(fd, path, limit)
    finally:
        os.close(fd)


def read_fd_bounded(fd: int, path: Path, limit: int) -> bytes:
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        raise NotAFile(0, f"it is {kind_of(mode)}, not a file", str(path))
    chunks = []
    left = limit + 1
    while left > 0:
        chunk = os.read(fd, min(left, 65536))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def private_folder(folder: Path) -> None:
    """Make the folder (and its missing parents) readable by the runner only, whatever the umask:
    under umask 000 a plain mkdir gives 0777. A folder that is already there keeps its mode."""
    missing = []
    at = folder
    while not os.path.lexists(at) and at != at.parent:
        missing.append(at)
        at = at.parent
    for made in reversed(missing):
        with contextlib.suppress(FileExistsError):
            os.mkdir(made, 0o700)
            os.chmod(made, 0o700)
    if not folder.is_dir():
        raise NotADirectoryError(20, "Not a directory", str(folder))


def create_private(path: Path) -> int:
    """A new file for writing, 0600 whatever the umask, never through a symlink or over a file
    that is there: O_EXCL and O_NOFOLLOW. The caller writes to the fd and closes it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                 | getattr(os, "O_CLOEXEC", 0), 0o600)
    os.fchmod(fd, 0o600)
    return fd


def holds_toml(folder: Path) -> bool:
    """Whether any .toml file is in the folder (False when it cannot be read): a cheap look, such as
    for a journal a run left, before anything is read."""
    try:
        return any(path.suffix == ".toml" for path in folder.iterdir())
    except OSError:
        return False
