"""Where in a month's text a value the record reader refused is written: the line a runner mends.

The reader works on parsed tables and names a value by its session, step and key ("step 2: key
'reps'"); the month's text is scanned again, plainly, for the line that sets it. A value the scan
cannot place (a table written inline, a key that is missing) is placed at its table's header.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from hamstride.storage.month_text import ANY_HEADER
from hamstride.storage.toml_places import key_of

# The reader's words for where a value is: "step 2: key 'reps': ...", "readiness: key 'soreness': ...".
_NAMED = re.compile(r"^(?:step (\d+): )?(readiness: )?key '([^']+)'")


class Table(NamedTuple):
    name: str  # dotted, without spaces: "session", "session.step", "session.step.side"
    array: bool  # [[...]]
    line: int  # 0-based index of its header line


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
