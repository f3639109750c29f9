"""The command line: `python -m eventmap validate|import|inspect|schema|cache|people ...`.

Exit codes: 0 every row is valid; 1 some rows are invalid (each problem is listed as
`FILE:LINE: column: message (got 'value')`); 2 the file cannot be used at all (or bad arguments).
The last line of `validate` and `import` is a one-line summary.

Subcommands register themselves: each is a function `register(subparsers)` that adds its parser and sets
`handler` (a function taking the parsed arguments and returning the exit code) with `set_defaults`.
Other packages add theirs to `SUBCOMMANDS` below (e.g. `eventmap.export.cli.register`).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

import geo
from base.errors import DataFileError, ImportFormatError, LimitExceededError, MappingError, SettingError
from base.problems import Severity
from base.settings import Settings
from eventmap import people_cli
from eventmap.columns import cli as columns_cli
from eventmap.control import cli as control_cli
from eventmap.events_csv import write_events_csv, write_events_parquet
from eventmap.export import cli as export_cli
from eventmap.export import handout_cli
from eventmap.extract import cli as extract_cli
from eventmap.loading import Limits, LoadResult, load_events
from eventmap.schema import schema_markdown
from services.load_cache import LoadCache
from services.loading import LoadedData, load_and_geocode

EXIT_OK, EXIT_INVALID_ROWS, EXIT_UNUSABLE = 0, 1, 2
_UNUSABLE = (DataFileError, ImportFormatError, LimitExceededError, MappingError)


_LINE_UNITS = {"row": "the spreadsheet's row numbers", "record": "record numbers (the first record is 1)"}


def _print_problems(result: LoadResult, out: TextIO) -> None:
    if result.problems and result.line_unit in _LINE_UNITS:
        sheet = f", sheet {result.sheet!r}" if result.sheet else ""
        print(f"({result.kind} file{sheet}: the numbers after the file name are {_LINE_UNITS[result.line_unit]})",
              file=out)
    for problem in result.problems:
        print(problem, file=out)


def _counts(result: LoadResult) -> tuple[int, int, int]:
    warnings = sum(1 for p in result.problems if p.severity is Severity.WARNING)
    return len(result.events), len(result.rejected), warnings


def run_validate(args: argparse.Namespace, *, out: TextIO | None = None,
                 err: TextIO | None = None) -> int:
    """`validate [--sheet NAME] FILE`: list every problem, then `FILE: N rows, V valid, I invalid, W warnings`."""
    out, err = out or sys.stdout, err or sys.stderr
    name = str(args.file)
    try:
        mapping, _ = columns_cli.mapping_for(Path(args.file), args.map, name=name)
        result = load_events(Path(args.file), name=name, sheet=args.sheet, mapping=mapping,
                             dayfirst=args.dayfirst, limits=Limits.for_local_file(Settings.from_env()))
    except _UNUSABLE as exc:
        print(f"{exc}", file=err)
        print(f"{name}: cannot be used (nothing loaded)", file=out)
        return EXIT_UNUSABLE
    _print_problems(result, out)
    valid, invalid, warnings = _counts(result)
    kind = {"project": "", "table": " (table)"}.get(result.detected_format, f" ({result.detected_format} export)")
    print(f"{name}{kind}: {result.rows_read} rows, {valid} valid, {invalid} invalid, {warnings} warnings", file=out)
    return EXIT_OK if invalid == 0 else EXIT_INVALID_ROWS


def run_import(args: argparse.Namespace, *, out: TextIO | None = None,
                 err: TextIO | None = None) -> int:
    """`import [--format FORMAT] [--sheet NAME] [--map FIELD=COLUMN ...] [--dayfirst|--monthfirst] IN -o OUT`:
    write the rows that map, list those that do not."""
    out, err = out or sys.stdout, err or sys.stderr
    name, target = str(args.input), Path(args.output)
    if target.exists() and target.resolve() == Path(args.input).resolve():
        print(f"{target}: refusing to overwrite the input file; choose another -o", file=err)
        return EXIT_UNUSABLE
    try:
        mapping, _ = columns_cli.mapping_for(Path(args.input), args.map, name=name)
        result = load_events(Path(args.input), name=name, source_format=args.format, sheet=args.sheet,
                             mapping=mapping, dayfirst=args.dayfirst,
                             limits=Limits.for_local_file(Settings.from_env()))
    except _UNUSABLE as exc:
        print(f"{exc}", file=err)
        print(f"{name}: cannot be imported (nothing written)", file=out)
        return EXIT_UNUSABLE
    try:
        if target.suffix.lower() == ".parquet":
            write_events_parquet(result.events, target)
        else:
            write_events_csv(result.events, target)
    except OSError as exc:
        print(f"{target}: cannot be written: {exc.strerror or exc}", file=err)
        return EXIT_UNUSABLE
    _print_problems(result, out)
    valid, invalid, warnings = _counts(result)
    print(f"{name} ({result.detected_format}): {result.rows_read} rows, {valid} written to {target}, "
          f"{invalid} could not be imported, {warnings} warnings", file=out)
    return EXIT_OK if invalid == 0 else EXIT_INVALID_ROWS


def run_cache(args: argparse.Namespace, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """`cache FILE`: load, validate and geocode FILE into the Parquet cache of the state folder, as the
    dashboard does on its first start (its next start on FILE then reads the cache)."""
    out, err = out or sys.stdout, err or sys.stderr
    settings = Settings.from_env()
    path = Path(args.file)
    cache = LoadCache.from_settings(settings)
    started = time.perf_counter()
    loaded = load_and_geocode(path, name=path.name, settings=settings, geocoder=geo.default_chain(settings),
                              source_path=path, cache=cache)
    seconds = time.perf_counter() - started
    if not isinstance(loaded, LoadedData):
        for problem in loaded.problems:
            print(problem, file=err)
        print(f"{path.name}: cannot be used (nothing cached)", file=out)
        return EXIT_UNUSABLE
    was = "read from the cache" if loaded.from_cache else "loaded, validated, geocoded and cached"
    print(f"{path.name}: {len(loaded.events):,} events, {loaded.rejected_count:,} rows set aside; {was} in "
          f"{seconds:.2f} s (cache folder: {cache.folder})", file=out)
    return EXIT_OK


def run_schema(args: argparse.Namespace, *, out: TextIO | None = None,
                 err: TextIO | None = None) -> int:
    """`schema`: the schema table (Markdown), as in the README."""
    del args, err
    print(schema_markdown(), file=out or sys.stdout)
    return EXIT_OK


def _add_sheet(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sheet", metavar="NAME", default=None,
                        help="the sheet of a workbook to read (default: the first sheet with data)")


def register_validate(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("validate", help="check an event file (project schema, ACLED, UCDP, GDELT, TimeMap)",
                                   description="List every problem of an event file as FILE:LINE: column: message. "
                                   "Exit 0 when every row is valid, 1 when some rows are invalid, 2 when the file "
                                   "cannot be used.")
    parser.add_argument("file", metavar="FILE", help="the file to check: CSV/TSV, Excel, OpenDocument, JSON, "
                        "GeoJSON or Parquet")
    _add_sheet(parser)
    columns_cli.add_mapping_options(parser)
    parser.set_defaults(handler=run_validate)


def register_import(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("import", help="convert an ACLED, UCDP GED, GDELT or TimeMap export, or any "
                                   "table of dated events, to the project's schema",
                                   description="Write the rows of an export or table that map onto the project's "
                                   "schema; list those that do not. A table needs a date and a place column; "
                                   "see what is guessed with `inspect`. Exit codes as for validate.")
    parser.add_argument("--format", choices=("acled", "ucdp", "gdelt", "timemap", "table"), default=None,
                        help="the file's format (default: detected from its header; table: any table through "
                        "a column mapping)")
    columns_cli.add_mapping_options(parser)
    parser.add_argument("input", metavar="IN", help="the export or table (any table format that validate reads)")
    _add_sheet(parser)
    parser.add_argument("-o", "--output", metavar="OUT.csv", required=True,
                        help="the file to write: CSV, or Parquet (typed columns) when it ends in .parquet")
    parser.set_defaults(handler=run_import)


def register_cache(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "cache", help="load a file into the Parquet cache, so that the dashboard starts on it in seconds",
        description=run_cache.__doc__)
    parser.add_argument("file", metavar="FILE", help="the events file (any format that validate reads)")
    parser.set_defaults(handler=run_cache)


def register_schema(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("schema", help="print the event schema as a Markdown table")
    parser.set_defaults(handler=run_schema)


# Every subcommand, in the order `--help` lists them. To add one, import its module at the top
# (e.g. `from eventmap.export import cli as export_cli`) and append its `register` here
# (`export_cli.register,`): a function that adds a parser to `subparsers` and sets `handler`.
SUBCOMMANDS: list[Callable[[argparse._SubParsersAction], object]] = [
    register_validate,
    register_import,
    register_schema,
    register_cache,
    columns_cli.register,
    export_cli.register,
    handout_cli.register,
    control_cli.register,
    extract_cli.register,
    people_cli.register,
]


def build_parser() -> argparse.ArgumentParser:
    """The `python -m eventmap` parser, with every subcommand of `SUBCOMMANDS`."""
    parser = argparse.ArgumentParser(prog="python -m eventmap",
                                     description="Conflict-event data: validate, import, export.")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in SUBCOMMANDS:
        register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; returns the exit code (argparse's own errors exit with 2)."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except SettingError as error:  # EVENTMAP_MAX_ROWS=abc, say
        print(f"python -m eventmap: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    except BrokenPipeError:  # `python -m eventmap validate big.csv | head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_INVALID_ROWS
