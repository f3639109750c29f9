"""Command line: look up one name, or geocode the place names of a CSV file.

    python -m geo lookup NAME [--country CC] [--admin1 NAME] [--json] [--online]
    python -m geo geocode IN.csv -o OUT.csv [--column location] [--country CC] [--online]

Exit status: 0 resolved (every row, for `geocode`), 1 not found / ambiguous / unresolved rows,
2 unusable input or settings (the message says what to fix). Settings come from the environment
(`EVENTMAP_*`, see `base.settings`); `--online` turns online geocoding on for this run.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys
import time
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TextIO

import pandas as pd

from base.csv_safety import write_events_csv
from base.errors import EventMapError
from base.reading import read_table
from base.settings import Settings
from geo.chain import default_chain, shared_place_grid
from geo.frame import FLOAT_COLUMNS, TEXT_COLUMNS, geocode_frame
from geo.result import GeoContext, GeoResult

EXIT_OK, EXIT_UNRESOLVED, EXIT_USAGE = 0, 1, 2
OUTPUT_COLUMNS = ("latitude", "longitude", "geo_precision", "geo_source", "matched_name", "geo_confidence",
                  "geo_status")
PROGRESS_EVERY_S = 1.0


class _UsageError(Exception):
    """A problem with the input or the settings: printed, exit status 2."""


def result_json(result: GeoResult) -> dict[str, object]:
    """The `--json` object of `lookup`."""
    data: dict[str, object] = {
        "name": result.query,
        "status": result.status,
        "lat": result.lat,
        "lon": result.lon,
        "geo_source": result.geo_source,
        "matched_name": result.matched_name,
        "place_id": result.place_id,
        "confidence": result.confidence,
        "precision": result.precision,
        "reason": result.reason,
    }
    if result.candidates:
        data["candidates"] = [
            {"name": c.name, "place_id": c.place_id, "country": c.country, "lat": c.lat, "lon": c.lon,
             "score": c.score}
            for c in result.candidates
        ]
    return data


def result_text(result: GeoResult) -> str:
    if result.resolved:
        return (f"{result.query}: {result.lat:.5f}, {result.lon:.5f} — {result.matched_name} "
                f"[{result.geo_source}, {result.precision}, confidence {result.confidence:.2f}] {result.reason}")
    lines = [f"{result.query}: {result.status}: {result.reason}"]
    for c in result.candidates:
        where = f" at {c.lat:.4f}, {c.lon:.4f}" if c.lat is not None and c.lon is not None else ""
        lines.append(f"  - {c.label()}{where}")
    return "\n".join(lines)


def _settings(online: bool) -> Settings:
    settings = Settings.from_env()
    return dataclasses.replace(settings, online_geocoding=True) if online else settings


def _context(country: str | None, admin1: str | None = None) -> GeoContext | None:
    return GeoContext(country=country, admin1=admin1) if country or admin1 else None


def cmd_lookup(args: argparse.Namespace, out: TextIO) -> int:
    chain = default_chain(_settings(args.online))
    result = chain.geocode(args.name, context=_context(args.country, args.admin1))
    if args.json:
        out.write(json.dumps(result_json(result), ensure_ascii=False) + "\n")
    else:
        out.write(result_text(result) + "\n")
    return EXIT_OK if result.resolved else EXIT_UNRESOLVED


def _unique_header(header: list[str], name: str, warn: TextIO) -> list[str]:
    seen: dict[str, int] = {}
    unique = []
    for position, cell in enumerate(header, start=1):
        label = cell.strip() or f"column_{position}"
        if label in seen:
            seen[label] += 1
            renamed = f"{label}.{seen[label]}"
            warn.write(f"{name}:1: {label}: duplicate column name; column {position} written as {renamed!r}\n")
            label = renamed
        else:
            seen[label] = 1
        unique.append(label)
    return unique


def read_csv_frame(path: Path, *, column: str, max_rows: int, warn: TextIO) -> tuple[pd.DataFrame, list[str], str]:
    """The file as a frame of text (coordinates as floats), its column names and the column to geocode."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _UsageError(f"{name}: cannot read the file ({error.strerror or error})") from error
    table = read_table(data, name=name, max_rows=max_rows)
    for problem in table.problems:
        warn.write(f"{problem}\n")
    header = _unique_header(table.header, name, warn)
    width = max([len(header), *(len(row.cells) for row in table.rows)])
    header += [f"extra_{i}" for i in range(1, width - len(header) + 1)]
    matches = [h for h in header if h == column] or [h for h in header if h.strip().casefold() == column.casefold()]
    if not matches:
        raise _UsageError(f"{name}:{table.header_line}: no column {column!r} to geocode "
                          f"(columns: {', '.join(header[:20])}{', ...' if len(header) > 20 else ''}); use --column")
    records = []
    for row in table.rows:
        if row.defect:
            warn.write(f"{name}:{row.line}: {row.defect}\n")
        if len(row.cells) != len(table.header):
            warn.write(f"{name}:{row.line}: the row has {len(row.cells)} cells, the header {len(table.header)}; "
                       "missing cells are empty, extra cells kept in extra_N columns\n")
        records.append([cell.replace("\x00", "") for cell in row.cells] + [""] * (width - len(row.cells)))
    frame = pd.DataFrame(records, columns=header, dtype=object) if records else pd.DataFrame(
        {h: pd.Series(dtype=object) for h in header})
    for coordinate, limit in (("latitude", 90.0), ("longitude", 180.0)):
        if coordinate in frame.columns:
            frame[coordinate] = [_coordinate(text, limit, name, row.line, coordinate, warn)
                                 for text, row in zip(frame[coordinate], table.rows, strict=True)]
            frame[coordinate] = frame[coordinate].astype("float64")
    return frame, header, matches[0]


def _coordinate(text: str, limit: float, name: str, line: int, column: str, warn: TextIO) -> float:
    text = text.strip()
    if not text:
        return math.nan
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not -limit <= value <= limit:
        warn.write(f"{name}:{line}: {column}: not a number within ±{limit:g}; the row is geocoded from its "
                   f"place name (got {text[:80]!r})\n")
        return math.nan
    return value


class _Progress:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.last = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - self.last >= PROGRESS_EVERY_S:
            self.last = now
            self.stream.write(f"geocoding: {done}/{total} names\n")
            self.stream.flush()


def cmd_geocode(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    settings = _settings(args.online)
    chain = default_chain(settings)
    frame, header, column = read_csv_frame(args.input, column=args.column, max_rows=settings.max_rows, warn=err)
    summary = geocode_frame(frame, geocoder=chain, column=column, context=_context(args.country),
                            progress=_Progress(err), namer=partial(shared_place_grid, Path(settings.state_dir)))
    columns = header + [c for c in OUTPUT_COLUMNS if c not in header]
    for name in columns:
        if name not in FLOAT_COLUMNS and name not in TEXT_COLUMNS:
            frame[name] = frame[name].fillna("").astype(str)
    write_events_csv(frame, args.output, columns=columns)
    out.write(summary.describe() + "\n")
    out.write(f"written: {args.output}\n")
    return EXIT_OK if summary.all_resolved else EXIT_UNRESOLVED


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geo", description="Geocode place names offline (and online).")
    commands = parser.add_subparsers(dest="command", required=True)
    lookup = commands.add_parser("lookup", help="look up one place name")
    lookup.add_argument("name")
    lookup.add_argument("--country", help="expected country (name or ISO code), e.g. AZ")
    lookup.add_argument("--admin1", help="expected province, oblast, marz or rayon (any spelling), e.g. Tavush")
    lookup.add_argument("--json", action="store_true", help="print one JSON object")
    lookup.add_argument("--online", action="store_true", help="also ask the online geocoder (needs a user agent)")
    geocode = commands.add_parser("geocode", help="fill latitude/longitude of a CSV file's rows")
    geocode.add_argument("input", type=Path)
    geocode.add_argument("-o", "--output", type=Path, required=True)
    geocode.add_argument("--column", default="location", help="the column with place names (default: location)")
    geocode.add_argument("--country", help="expected country for rows without a country column")
    geocode.add_argument("--online", action="store_true", help="also ask the online geocoder (needs a user agent)")
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    args = build_parser().parse_args(argv)
    try:
        if args.command == "lookup":
            return cmd_lookup(args, out)
        return cmd_geocode(args, out, err)
    except (_UsageError, EventMapError, OSError) as error:
        err.write(f"error: {error}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        err.write("interrupted: nothing was written\n")
        return 130
