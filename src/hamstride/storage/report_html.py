"""The report as one HTML file: its Markdown tables and lists as HTML, the charts inline as SVG.

Self-contained on purpose: no script, no stylesheet or font from the network, so it opens the
same on a physio's desk computer offline, and prints (each chart and table kept on one page
where it fits). Only the Markdown the report writes is understood: headings, lists, tables
(`\\|` an escaped pipe) and paragraphs; everything else is text, escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the page is built from figures drawn already: pygal is not needed to lay it out
    from hamstride.storage.report_charts import Figure

STYLE = """
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; color: #111;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.5rem; vertical-align: top; }
th { background: #f0f0f0; text-align: left; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) { background: #fafafa; }
figure { margin: 1rem 0 1.5rem; } figcaption { font-weight: bold; margin-bottom: 0.25rem; }
figure svg { max-width: 100%; height: auto; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  figure, table, tr { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
}
"""


def html_report(markdown: str, drawn: Sequence[Figure], title: str) -> str:
    """The page: the report's first section (its totals), the charts, then the rest of the report."""
    blocks = list(_blocks(markdown.splitlines()))
    first_section = next((n for n, block in enumerate(blocks) if block.startswith("<h2>")), len(blocks))
    charts = ["<h2>Charts</h2>"] + [f"<figure><figcaption>{html.escape(figure.title)}</figcaption>"
                                     f"{figure.svg}</figure>" for figure in drawn]
    body = "\n".join(blocks[:first_section] + charts + blocks[first_section:])
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def _blocks(lines: Sequence[str]) -> Iterator[str]:
    """Markdown lines to HTML blocks, in order."""
    n = 0
    while n < len(lines):
        line = lines[n]
        if not line.strip():
            n += 1
        elif line.startswith("#"):
            level = min(len(line) - len(line.lstrip("#")), 6)
            yield f"<h{level}>{_inline(line[level:].strip())}</h{level}>"
            n += 1
        elif line.startswith("- "):
            items = []
            while n < len(lines) and lines[n].startswith("- "):
                items.append(f"<li>{_inline(lines[n][2:])}</li>")
                n += 1
            yield "<ul>" + "".join(items) + "</ul>"
        elif line.startswith("|"):
            rows = []
            while n < len(lines) and lines[n].startswith("|"):
                rows.append(_cells(lines[n]))
                n += 1
            yield _table(rows)
        else:
            text = []
            while n < len(lines) and lines[n].strip() and not lines[n].startswith(("#", "- ", "|")):
                text.append(lines[n])
                n += 1
            yield f"<p>{_inline(' '.join(text))}</p>"


def _cells(line: str) -> list[str]:
    """A table row's cells; `\\|` is a pipe inside a cell, `\\\\` a backslash."""
    cells, cell, escaped = [], [], False
    for char in line.strip()[1:]:
        if escaped:
            cell.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            cells.append("".join(cell).strip())
            cell = []
        else:
            cell.append(char)
    if "".join(cell).strip():
        cells.append("".join(cell).strip())
    return cells


def _table(rows: list[list[str]]) -> str:
    header, rest = rows[0], rows[1:]
    right: list[bool] = [False] * len(header)
    if rest and all(re.fullmatch(r":?-+:?", cell) for cell in rest[0]):
        right = [cell.endswith(":") for cell in rest[0]] + [False] * len(header)
        rest = rest[1:]
    head = "".join(f"<th>{html.escape(cell)}</th>" for cell in header)
    cell_tags = ['<td class="num">' if r else "<td>" for r in right]
    body = "".join("<tr>" + "".join(f"{cell_tags[i]}{html.escape(cell)}</td>" for i, cell in enumerate(row))
                   + "</tr>" for row in rest)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _inline(text: str) -> str:
    # The report writes no emphasis or links: backslash escapes are undone, the rest is text.
    return html.escape(re.sub(r"\\(.)", r"\1", text))
