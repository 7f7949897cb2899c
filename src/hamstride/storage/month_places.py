"""Where in a month's text a value the record reader refused is written: the line a runner mends.

The reader works on parsed tables and names a value by its session, step and key ("step 2: key
'reps'"); the month's text is scanned again, plainly, for the line that sets it. A value the scan
cannot place (a table written inline, a key that is missing) is placed at its table's header.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from hamstride.storage.month_text import ANY_HEADER
from hamstride.storage.toml_places import key_of

# The reader's words for where a value is: "step 2: key 'reps': ...", "readiness: key 'soreness': ...".
_NAMED = re.compile(r"^(?:step (\d+): )?(readiness: )?key '([^']+)'")


class Table(NamedTuple):
    name: str  # dotted, without spaces: "session", "session.step", "session.step.side"
    array: bool  # [[...]]
    line: int  # 0-based index of its header line


def refusal(path: Path, text: str, index: int, named: str, problem: str, done: str) -> str:
    """A value the reader refused, as a runner mends it: the file and the line, the session and the key,
    what it must be, what was done meanwhile, what to do, and what becomes of the file."""
    line = value_line(text, index, problem) if text else None
    said = f"{path}" + (f", line {line}" if line else "") + f": session {index + 1}{named}" + \
        (f" {done}" if done else "") + f": {problem}"
    if line is not None:
        fix = f"correct the value on line {line}" + ("" if done else " or delete that line")
        if "is missing" in problem:
            fix = f"add that key to the [[session]] table on line {line}"
        said += f". To fix it, {fix}"
    return (f"{said}. Until then the file is left as it is, and before a session is saved into {path.stem} it "
            f"is moved aside unchanged ({path.name}.corrupt-<time>) and a new {path.name} is started with the "
            "sessions read from it")


def ignored_edit(path: Path, text: str, index: int, named: str, problem: str) -> str:
    """A key worked out from the steps that the runner edited: where, what it is, and that the file stays."""
    line = value_line(text, index, problem) if text else None
    where = f"{path}" + (f", line {line}" if line else "")
    return (f"{where}: session {index + 1}{named}: {problem}. To change it, change the steps"
            f"{f', or delete line {line}' if line else ''}. The file is left as it is")


def value_line(text: str, index: int, problem: str) -> int | None:
    """The line (1-based) of the value a problem names in session `index` (0-based); None when the
    problem names no key or the month has no such session."""
    named = _NAMED.match(problem)
    if named is None:
        return None
    step, readiness, key = named.groups()
    lines = text.split("\n")
    tables = _tables(lines)
    sessions = [i for i, table in enumerate(tables) if table.name == "session" and table.array]
    if index >= len(sessions):
        return None
    first = sessions[index]
    last = first + 1
    while last < len(tables) and tables[last].name.startswith("session."):
        last += 1
    own = [first]  # the session's own keys
    region, parent = own, ""
    if step:
        steps = [i for i in range(first, last) if tables[i].name == "session.step" and tables[i].array]
        if int(step) <= len(steps):
            start = steps[int(step) - 1]
            end = start + 1
            while end < last and tables[end].name.startswith("session.step."):
                end += 1
            region = list(range(start, end))
        else:  # steps written inline: the line that opens them
            key = "step"
    elif readiness:
        found = [i for i in range(first, last) if tables[i].name == "session.readiness"]
        region, parent = (found, "readiness") if found else (own, "")
        key = key if found else "readiness"
    if "is missing" not in problem:
        line = _key_line(lines, tables, region, key)
        if line is None and parent:
            line = _key_line(lines, tables, own, parent)
        if line is not None:
            return line + 1
        # A value that is a table of its own: its header.
        for i in range(first, last):
            if tables[i].name in (f"session.{key}", f"session.step.{key}") and i >= region[0]:
                return tables[i].line + 1
    return tables[region[0]].line + 1


def _tables(lines: list[str]) -> list[Table]:
    tables = []
    for number, line in enumerate(lines):
        header = ANY_HEADER.fullmatch(line)
        if header is not None:
            tables.append(Table(re.sub(r"[ \t]", "", header.group(1)), line.lstrip().startswith("[["), number))
    return tables


def _key_line(lines: list[str], tables: list[Table], region: list[int], key: str) -> int | None:
    """The first line in these tables that sets `key` (or a dotted key ending in it); failing that,
    the first that sets it in an inline table (a step's sides are written `side = [{ sets = 2, ... }]`)."""
    spans = [range(tables[i].line + 1, tables[i + 1].line if i + 1 < len(tables) else len(lines)) for i in region]
    for span in spans:
        for number in span:
            written = key_of(lines[number])
            if written is not None and (written == key or written.endswith("." + key)):
                return number
    inline = re.compile(rf"(?<![\w\"'.-]){re.escape(key)}[ \t]*=")
    for span in spans:
        for number in span:
            if "{" in lines[number] and inline.search(lines[number].split("{", 1)[1]):
                return number
    return None
