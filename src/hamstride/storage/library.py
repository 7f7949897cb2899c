"""Load every session in a set of folders; a broken file never hides the good ones."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from hamstride.domain.errors import SessionFileError
from hamstride.storage.files import MAX_FILE_BYTES, read_regular

if TYPE_CHECKING:
    from hamstride.domain.model import Session


class Entry(NamedTuple):
    """A session found in a folder: loaded, or the reason it could not be.

    Entry and Library are NamedTuples: immutable, never compared, and created by home's first frame
    (a frozen dataclass costs five times as much to create, tests/perf/test_launch_classes.py)."""

    name: str
    path: Path
    builtin: bool
    session: Session | None = None
    error: SessionFileError | None = None
    overrides_builtin: bool = False


class Library(NamedTuple):
    entries: tuple[Entry, ...]

    @property
    def sessions(self) -> tuple[Session, ...]:
        return tuple(e.session for e in self.entries if e.session is not None)

    @property
    def broken(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.error is not None)

    def find(self, name: str) -> Entry | None:
        matches = self.matches(name)
        return matches[0] if len(matches) == 1 else None

    def matches(self, name: str) -> list[Entry]:
        """The session of that name, else every session whose name starts so (a unique start is enough)."""
        for entry in self.entries:
            if entry.name == name:
                return [entry]
        lowered = name.lower()
        return [e for e in self.entries if e.name.lower().startswith(lowered)]

    def names(self) -> list[str]:
        return [e.name for e in self.entries]


def _load_entry(path: Path, builtin: bool) -> Entry:
    # The loader (the session model, the step kinds: some 5 ms) is imported when a file is first read whole:
    # home's first frame lists the titles only (read_titles).
    from hamstride.storage.loader import load_session

    try:
        return Entry(path.stem, path, builtin, session=load_session(path))
    except SessionFileError as error:
        return Entry(path.stem, path, builtin, error=error)


def session_files(builtin_dir: Path | None, user_dir: Path | None) -> dict[str, tuple[Path, bool]]:
    """Each session's name and file (and whether it is built in), not read: a runner's file replaces a
    built-in of the same name."""
    found: dict[str, tuple[Path, bool]] = {}
    for folder, builtin in ((builtin_dir, True), (user_dir, False)):
        if folder is not None and folder.is_dir():
            for path in sorted(folder.glob("*.toml")):
                found[path.stem] = (path, builtin)
    return found


class Title(NamedTuple):
    """A session as listed before its file is read whole: its name, and the title the file gives."""

    name: str
    title: str  # "": none could be read (the whole read says why)
    builtin: bool
    overrides_builtin: bool


def read_titles(builtin_dir: Path | None, user_dir: Path | None) -> list[Title]:
    """Each session's title, as home's first frame lists them: the TOML parsed, nothing checked.

    Every file is then read whole (load_library) just after that frame: its steps checked, a
    broken one marked, its planned time worked out (some 6 ms for the built-ins)."""
    from hamstride.storage import month_toml

    files = session_files(builtin_dir, user_dir)
    builtins = set(files) if user_dir is None else set(session_files(builtin_dir, None))
    titles = []
    for name, (path, builtin) in files.items():
        try:
            title = month_toml.loads(read_regular(path, MAX_FILE_BYTES).decode("utf-8")).get("title")
        except (OSError, ValueError, RecursionError):  # UnicodeDecodeError and TOML's errors are ValueErrors
            title = None
        titles.append(Title(name, title if isinstance(title, str) else "", builtin, not builtin and name in builtins))
    return titles


def load_library(builtin_dir: Path | None, user_dir: Path | None, starting: str | None = None) -> Library:
    """Built-in sessions, then the runner's; a runner's file replaces a built-in of the same name.

    With `starting`, only the sessions whose names start so (any case) are read: all that
    `Library.matches(starting)` can return, without parsing the rest.
    """
    files = session_files(builtin_dir, user_dir)
    builtins = set(files) if user_dir is None else set(session_files(builtin_dir, None))
    entries = []
    for name, (path, builtin) in files.items():
        if starting is not None and not name.lower().startswith(starting.lower()):
            continue
        entry = _load_entry(path, builtin)
        if not builtin and name in builtins:
            entry = Entry(entry.name, entry.path, False, entry.session, entry.error, overrides_builtin=True)
        entries.append(entry)
    return Library(tuple(entries))
