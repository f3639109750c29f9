"""The command line's column-mapping parts: `--map FIELD=COLUMN`, `--dayfirst`/`--monthfirst`, and
`python -m eventmap inspect FILE`.

`inspect` prints what loading a file would do: the detected format, for a table the guess per field with
its reason, the date format found, what will be filled in (field, value, rows), and the first rows. It exits
0 when the file loads, 2 when it cannot be used (a table without a usable date or place column: the
message names the columns it saw and what it needs).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

import pandas as pd

from base.errors import DataFileError, ImportFormatError, LimitExceededError, MappingError
from base.settings import Settings
from eventmap.columns.guess import ColumnMapping, MappingGuess, guess_mapping
from eventmap.columns.table import TABLE
from eventmap.loading import FORMAT_TITLES, Limits, LoadResult, load_events, read_source_table
from eventmap.validation import shorten

EXIT_OK, EXIT_UNUSABLE = 0, 2
_UNUSABLE = (DataFileError, ImportFormatError, LimitExceededError, MappingError)
FIRST_ROWS = 5
_SHOWN = ("date", "location", "latitude", "longitude", "side", "event_type", "description", "sources")
_CELL = 28  # characters of a cell shown in the first rows



def _local_limits() -> Limits:
    """A file named on the command line is limited by the memory free, not by the upload limit."""
    return Limits.for_local_file(Settings.from_env())

def add_mapping_options(parser: argparse.ArgumentParser) -> None:
    """`--map FIELD=COLUMN` (repeatable), `--dayfirst` / `--monthfirst`."""
    parser.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN", dest="map",
                        help="the column that fills a schema field, overriding the guess (repeatable); "
                        "FIELD= with no column leaves the field unfilled")
    order = parser.add_mutually_exclusive_group()
    order.add_argument("--dayfirst", action="store_const", const=True, dest="dayfirst", default=None,
                       help="numeric dates such as 05/10/2020 are day first (5 October)")
    order.add_argument("--monthfirst", action="store_const", const=False, dest="dayfirst",
                       help="numeric dates such as 05/10/2020 are month first (10 May)")


def parse_overrides(items: list[str]) -> dict[str, str]:
    """`["side=Verursacher", ...]` as {field: column}; raises `MappingError` for an item without `=`."""
    overrides: dict[str, str] = {}
    for item in items:
        field, sep, column = item.partition("=")
        if not sep or not field.strip():
            raise MappingError(f"--map wants FIELD=COLUMN, got {item!r}")
        overrides[field.strip()] = column.strip()
    return overrides


def mapping_for(path: Path, items: list[str], *, name: str) -> tuple[ColumnMapping | None, MappingGuess | None]:
    """The mapping `--map` asks for (the guess with the overrides applied) and the guess itself; (None,
    None) when there are no overrides: loading then guesses by itself."""
    if not items:
        return None, None
    overrides = parse_overrides(items)
    table, _ = read_source_table(path, name=name, limits=_local_limits())
    guess = guess_mapping(table.header, [row.cells for row in table.rows])
    return guess.mapping.with_overrides(overrides), guess


def load_with_options(path: Path, args: argparse.Namespace, *, name: str,
                      source_format: str | None = None) -> LoadResult:
    """`load_events` with the mapping options of the command line."""
    mapping, _ = mapping_for(path, args.map, name=name)
    return load_events(path, name=name, source_format=source_format, mapping=mapping, dayfirst=args.dayfirst,
                       limits=_local_limits())


def run_inspect(args: argparse.Namespace, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """`inspect FILE`: what loading the file does, without writing anything."""
    out, err = out or sys.stdout, err or sys.stderr
    path, name = Path(args.file), str(args.file)
    try:
        mapping, guess = mapping_for(path, args.map, name=name)
        if guess is None:
            table, _ = read_source_table(path, name=name, limits=_local_limits())
            guess = guess_mapping(table.header, [row.cells for row in table.rows])
        result = load_events(path, name=name, mapping=mapping, dayfirst=args.dayfirst, limits=_local_limits())
    except _UNUSABLE as exc:
        print(f"{exc}", file=err)
        print(f"{name}: cannot be used (nothing loaded)", file=out)
        return EXIT_UNUSABLE
    print(f"{name}: {FORMAT_TITLES[result.detected_format]} ({result.encoding}, delimiter "
          f"{result.delimiter!r}, {result.rows_read} rows)", file=out)
    if result.detected_format == TABLE and result.mapping is not None:
        _print_mapping(result.mapping, guess, set(parse_overrides(args.map)), out)
        print(f"Dates: {result.date_format}", file=out)
        print("Filled in:" if result.filled else "Filled in: nothing", file=out)
        for fill in result.filled:
            print(f"  {fill}", file=out)
    for problem in (p for p in result.problems if p.line is None):
        print(problem, file=out)
    _print_first_rows(result.events, out)
    print(f"{name}: {len(result.events)} rows would load, {len(result.rejected)} set aside, "
          f"{len(result.warnings)} warnings (python -m eventmap validate lists every problem)", file=out)
    return EXIT_OK


def _print_mapping(mapping: ColumnMapping, guess: MappingGuess, given: set[str], out: TextIO) -> None:
    print("Columns:", file=out)
    for field, column in mapping.columns.items():
        reason = "given (--map)" if field in given else guess.guesses[field].reason
        print(f"  {field:<20} <- {column!r:<24} {reason}", file=out)
    unfilled = [f for f in guess.guesses if f not in mapping.columns]
    print(f"  no column: {', '.join(unfilled)}", file=out)
    used = set(mapping.columns.values())
    unused = [c for c in mapping.header if c not in used]
    if unused:
        print(f"  not used: {', '.join(repr(c) for c in unused)}", file=out)


def _print_first_rows(events: pd.DataFrame, out: TextIO) -> None:
    if events.empty:
        print("First rows: none loads", file=out)
        return
    print("First rows:", file=out)
    print("  " + " | ".join(["line", *_SHOWN]), file=out)
    for _, row in events.head(FIRST_ROWS).iterrows():
        cells = [str(row["source_line"])]
        for column in _SHOWN:
            value = row[column]
            text = "" if pd.isna(value) else (value.date().isoformat() if column == "date" else str(value))
            cells.append(shorten(text)[:_CELL])
        print("  " + " | ".join(cells), file=out)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("inspect", help="show how a file would load: format, columns, dates, defaults",
                                   description="Print the detected format, the column that fills each field and "
                                   "why, how the dates are written, what will be filled in, and the first rows. "
                                   "Exit 0 when the file loads, 2 when it cannot be used.")
    parser.add_argument("file", metavar="FILE", help="the table to look at")
    add_mapping_options(parser)
    parser.set_defaults(handler=run_inspect)
