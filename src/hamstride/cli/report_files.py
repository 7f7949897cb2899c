"""`hamstride report`'s pictures: --svg, --html and --png, the charts drawn as real charts.

Each file name must end as its format does (a PNG called .svg would open as garbage); the
names are checked, and --png's converter looked for, before anything is written.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from hamstride.domain.errors import ExitCode, HamstrideError

if TYPE_CHECKING:  # the figures are computed only for a report with pictures: `run` starts without them
    from hamstride.domain.weekly import Charts

PNG_MISSING = ("--png needs cairosvg (and the cairo library): pip install 'hamstride[png]' "
               "(Debian: apt install libcairo2). --svg and --html need nothing more.")


class ReportFileRefused(HamstrideError):
    """A report file that cannot be written as asked: its name says another format, or no converter."""

    exit_code = ExitCode.USAGE


class Format(NamedTuple):
    option: str
    suffixes: tuple[str, ...]
    what: str


FORMATS = (Format("svg", (".svg",), "the charts as one SVG picture"),
           Format("html", (".html", ".htm"), "the whole report with its charts, as one page that works offline"),
           Format("png", (".png",), "the charts as one PNG picture (needs the png extra: cairosvg)"))


def add_options(report: argparse.ArgumentParser) -> None:
    for fmt in FORMATS:
        report.add_argument(f"--{fmt.option}", metavar="FILE", help=f"also write {fmt.what}; FILE ends in "
                            + " or ".join(fmt.suffixes))


def wanted(args: argparse.Namespace) -> bool:
    return any(getattr(args, fmt.option) for fmt in FORMATS)


def check(args: argparse.Namespace) -> None:
    """ReportFileRefused, and why, unless every file asked for can be written in its format."""
    for fmt in FORMATS:
        name = getattr(args, fmt.option)
        if name and Path(name).suffix.lower() not in fmt.suffixes:
            raise ReportFileRefused(f"--{fmt.option} writes {fmt.option.upper()}: name the file "
                                    f"{Path(name).with_suffix(fmt.suffixes[0])}, not {name}.")
    if args.png and _png_converter() is None:
        raise ReportFileRefused(PNG_MISSING)


def write(args: argparse.Namespace, charts: Charts, markdown: str, title: str) -> list[str]:
    """Draw the charts once, and write each file asked for; HamstrideError when one cannot be written.
    A line for each file written, saying where it is: the command prints them."""
    from hamstride.plaintext import shown
    from hamstride.storage.export import write_private
    from hamstride.storage.report_charts import figures, picture

    drawn = figures(charts)
    outputs: list[tuple[str, str, Callable[[Path], None]]] = []
    if args.svg:
        outputs.append((args.svg, "the charts", lambda path: write_private(path, picture(drawn, title))))
    if args.html:
        from hamstride.storage.report_html import html_report

        outputs.append((args.html, "the report with its charts",
                        lambda path: write_private(path, html_report(markdown, drawn, title))))
    if args.png:
        convert = _png_converter()
        assert convert is not None  # checked before
        outputs.append((args.png, "the charts", lambda path: write_private(path, convert(picture(drawn, title)))))
    said = []
    for name, what, writer in outputs:
        try:
            writer(Path(name))
        except OSError as error:
            raise HamstrideError(f"Cannot write {name}: {error.strerror or error}") from error
        said.append(f"Wrote {what} to {shown(name, markup=False)}")
    return said


def _png_converter() -> Callable[[str], bytes] | None:
    try:
        import cairosvg
    except (ImportError, OSError):  # OSError: cairocffi found no cairo library
        return None

    def convert(svg: str) -> bytes:
        return bytes(cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=1.5))

    return convert
