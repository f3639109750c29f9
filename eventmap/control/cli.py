"""`python -m eventmap validate-control FILE` and `python -m eventmap control --on DAY -o OUT.geojson`.

Exit codes as for `validate`: 0 every row is valid; 1 some rows are invalid (each problem listed as
`FILE:LINE: column: message`); 2 the file (or a territory layer) cannot be used, or bad arguments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from base.atomic import write_atomic
from base.errors import DataFileError, LimitExceededError

if TYPE_CHECKING:  # the handlers import shapely-based modules only when run (keeps `python -m eventmap` quick)
    from .loading import ControlLoadResult

EXIT_OK, EXIT_INVALID_ROWS, EXIT_UNUSABLE = 0, 1, 2
DEFAULT_CHANGES = Path(__file__).resolve().parents[2] / "control_changes.csv"


def _load(name: str, out: TextIO, err: TextIO) -> ControlLoadResult | None:
    from .layers import TerritoryLayerError
    from .loading import load_control_changes

    try:
        return load_control_changes(Path(name), name=name)
    except (DataFileError, LimitExceededError, TerritoryLayerError) as exc:
        print(f"{exc}", file=err)
        print(f"{name}: cannot be used (nothing loaded)", file=out)
        return None


def _summary(name: str, result: ControlLoadResult) -> str:
    warnings = len(result.problems) - len(result.errors)
    return (f"{name}: {result.rows_read} rows, {len(result.changes)} valid, {len(result.rejected_lines)} invalid, "
            f"{warnings} warnings")


def run_validate_control(args: argparse.Namespace, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """`validate-control FILE`: every problem, then `FILE: N rows, V valid, I invalid, W warnings`."""
    out, err = out or sys.stdout, err or sys.stderr
    name = str(args.file)
    result = _load(name, out, err)
    if result is None:
        return EXIT_UNUSABLE
    for problem in result.problems:
        print(problem, file=out)
    print(_summary(name, result), file=out)
    return EXIT_OK if not result.rejected_lines else EXIT_INVALID_ROWS


def run_control(args: argparse.Namespace, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """`control --on DAY [--changes FILE] -o OUT.geojson`: write the state of that day (atomic write)."""
    from .layers import TerritoryLayerError, load_layers
    from .state import control_on

    out, err = out or sys.stdout, err or sys.stderr
    name = str(args.changes)
    result = _load(name, out, err)
    if result is None:
        return EXIT_UNUSABLE
    for problem in result.problems:
        print(problem, file=err)
    try:
        layers = load_layers()
    except TerritoryLayerError as exc:
        print(f"{exc}", file=err)
        return EXIT_UNUSABLE
    state = control_on(args.on, changes=result.changes, layers=layers)
    try:
        write_atomic(Path(args.output), state.to_geojson_text())
    except OSError as exc:
        print(f"{args.output}: cannot be written: {exc.strerror or exc}", file=err)
        return EXIT_UNUSABLE
    sides = ", ".join(f"{side} {sum(a.area_km2 for a in state.areas if a.side == side):,.0f} km²"
                      for side in state.sides)
    print(f"{args.output}: control on {state.day.isoformat()}: {len(state.areas)} areas ({sides}); "
          f"{len(state.applied)} changes applied, {len(state.not_drawn)} not drawn; {len(result.rejected_lines)} "
          f"invalid rows left out", file=out)
    return EXIT_OK if not result.rejected_lines else EXIT_INVALID_ROWS


def _iso_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written yyyy-mm-dd") from None


def register_validate_control(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("validate-control", help="check a control-changes file (control_changes.csv)",
                                   description="List every problem of a control-changes file as FILE:LINE: column: "
                                   "message. Exit 0 when every row is valid, 1 when some rows are invalid, 2 when "
                                   "the file cannot be used.")
    parser.add_argument("file", metavar="FILE.csv", help="the CSV file to check")
    parser.set_defaults(handler=run_validate_control)


def register_control(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("control", help="write who held what on a day, as GeoJSON",
                                   description="Write the territorial control at the end of a day (pre-war situation "
                                   "plus every change dated on or before it) as a GeoJSON FeatureCollection: one "
                                   "feature per area with side, status, change ids and sources. Exit codes as for "
                                   "validate-control (invalid rows are listed on stderr and left out).")
    parser.add_argument("--on", type=_iso_day, required=True, metavar="YYYY-MM-DD", help="the day")
    parser.add_argument("--changes", default=str(DEFAULT_CHANGES), metavar="FILE.csv",
                        help="the control-changes file (default: control_changes.csv of the project)")
    parser.add_argument("-o", "--output", metavar="OUT.geojson", required=True, help="the file to write")
    parser.set_defaults(handler=run_control)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Both subcommands (for `eventmap.cli.SUBCOMMANDS`)."""
    register_validate_control(subparsers)
    register_control(subparsers)
