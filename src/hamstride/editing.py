"""Making sessions your own: copy a built-in to your folder, open it in your editor, check it."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

from hamstride.domain.errors import BadSessionName, NoEditor, Problem, SessionExists, SessionFileError
from hamstride.storage.files import create_private, private_folder
from hamstride.storage.library import Entry
from hamstride.storage.loader import load_session

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def editor_command() -> list[str]:
    """$VISUAL, then $EDITOR, then the first common editor on PATH."""
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            try:
                command = shlex.split(value)
            except ValueError as error:  # ed.sh 'unbalanced
                raise NoEditor(f"${variable} ({value!r}) is not a command: {error}") from None
            if not command or shutil.which(command[0]) is None:
                raise NoEditor(f"cannot start the editor {command[0] if command else value!r} (from ${variable}): "
                               "it is not a program here; a path with spaces needs quotes") from None
            return command
    for candidate in ("nano", "vim", "vi", "notepad"):
        if shutil.which(candidate):
            return [candidate]
    raise NoEditor("no editor found: set $EDITOR, e.g. export EDITOR=nano")


def check_name(name: str) -> str:
    if not _NAME.match(name):
        raise BadSessionName(f"{name!r} is not a usable session name: letters, digits, '-', '_' and '.', "
                             "starting with a letter or digit")
    return name


def copy_to_user(entry: Entry, user_folder: Path, name: str | None = None) -> Path:
    """A copy of the session file in the runner's folder, under its own name or a new one."""
    target = user_folder / f"{check_name(name or entry.name)}.toml"
    if target.exists():
        raise SessionExists(f"{target} already exists; edit it with `hamstride edit {target.stem}`")
    private_folder(user_folder)  # 0700 whatever the umask: under umask 000 a plain mkdir gives 0777
    text = entry.path.read_text(encoding="utf-8")
    if target.stem != entry.name:
        text = _retitled(text, target.stem)
    if entry.builtin:
        note = " Same name, so it replaces the built-in." if target.stem == entry.name else ""
        text = f"# Copied from the built-in session {entry.name!r}.{note}\n" + text
    try:  # 0600 whatever the umask, never through a link, never over a file that appeared meanwhile
        fd = create_private(target)
    except FileExistsError:
        raise SessionExists(f"{target} already exists; edit it with `hamstride edit {target.stem}`") from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    return target


_TITLE = re.compile(r'^title\s*=\s*(?P<value>"(?:[^"\\\n]|\\.)*")[ \t]*(?P<rest>#.*)?$', re.MULTILINE)


def _retitled(text: str, name: str) -> str:
    """The copy's title names the copy, so the session list never shows two identical rows."""
    head = text.split("[[", 1)[0]  # the session's own title, before any table
    found = _TITLE.search(head)
    if found is None:
        return text
    try:
        title = json.loads(found.group("value"))  # a TOML basic string reads as JSON here
    except ValueError:
        return text
    line = f"title = {json.dumps(f'{title} ({name})', ensure_ascii=False)}"
    return text[:found.start()] + line + text[found.end():]


def run_editor(path: Path, command: list[str] | None = None) -> int:
    """Open the file and wait for the editor to close; its exit code."""
    command = command or editor_command()
    try:
        return subprocess.run([*command, str(path)], check=False).returncode
    except OSError as error:  # the editor named in $EDITOR is not there, or cannot be run
        raise NoEditor(f"cannot start the editor {command[0]!r}: {error.strerror or error}; "
                       "set $EDITOR to one you have, e.g. export EDITOR=nano") from error


def problems_in(path: Path) -> SessionFileError | None:
    try:
        load_session(path)
    except SessionFileError as error:
        return error
    return None


def dose_notes_in(path: Path) -> list[Problem]:
    """The warnings of a valid file, as the editor closes (storage/dose_notes.py): a programme that starts or
    climbs beyond the literature, a Nordic without its exercise key. Changed since and broken: none here."""
    from hamstride.storage.dose_notes import dose_notes

    try:
        return dose_notes(load_session(path))
    except SessionFileError:
        return []


def valid_text(path: Path, notes: list[Problem]) -> str:
    """The word as the editor closes on a valid file, with its first warning: a toast has room for one."""
    if not notes:
        return f"{path.name} is valid."
    more = f" ({len(notes) - 1} more: hamstride check {path.stem})" if len(notes) > 1 else ""
    return f"{path.name} is valid, but: {notes[0]._replace(file=path.name)}{more}"  # its folder is on the row
