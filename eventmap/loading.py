"""Loading event files: the project's schema, ACLED, UCDP GED, GDELT or TimeMap exports, any table of dated
events -> a validated events frame.

`load_events(source)` reads the bytes (CSV in any encoding, `,` `;` or tab; an Excel or OpenDocument sheet;
JSON, GeoJSON or Parquet: see `eventmap.readers`), detects the format, maps an
import onto the schema, validates every cell, and returns the valid rows as the events frame with every
other row set aside and listed with its problems. Nothing is dropped silently: for every data row of the
file, either it is in `events` or in `rejected` (`LoadResult.rows_read` counts them).

A table that is neither the project's schema nor an export ("table") goes through a column mapping
(`eventmap.columns`): guessed from its header and values, or given; only a date and a place are needed,
and what it does not say is filled with visible defaults (`LoadResult.filled`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from base.errors import DataFileError, ImportFormatError
from base.problems import Problem, Severity
from base.reading import RawRow, Record, Table, normalise_header
from base.settings import Settings
from eventmap.columnar import ColumnTable, check_columns, read_csv_columns
from eventmap.columnar.csvfile import stripped
from eventmap.columnar.frame import build_frame
from eventmap.columnar.imports import MAPPERS, map_export
from eventmap.columnar.points import swapped_point_problems_frame
from eventmap.columnar.tables import table_columns
from eventmap.columns.dates import DateFormat
from eventmap.columns.guess import ColumnMapping
from eventmap.columns.table import (
    TABLE,
    FillIn,
    MappedRecords,
    choose_mapping,
    gap_count_problems,
    gap_problems,
    is_project_header,
    map_records,
    required_cells,
    unique_keys,
)
from eventmap.imports import IMPORTERS, detect_format
from eventmap.imports.detect import PROJECT
from eventmap.limits import Limits
from eventmap.readers import read_any
from eventmap.schema import COLUMN_NAMES, REQUIRED_COLUMNS, SOURCE_SEPARATOR
from eventmap.swapped import swapped_point_problems
from eventmap.validation import (
    FRAME_COLUMNS,
    REQUIRED,
    RowValidator,
    shorten,
)

# What a required column missing from the header is set to, in every row (with a warning).
HEADER_DEFAULTS: dict[str, str] = {"date_precision": "day", "geo_precision": "exact", "verification": "unverified"}
_KNOWN_HEADER = frozenset(FRAME_COLUMNS) | frozenset().union(*(m.KNOWN_COLUMNS for m in IMPORTERS.values()))
FORMAT_TITLES = {PROJECT: "the project's schema", "acled": "an ACLED export", "ucdp": "a UCDP GED export",
                 "gdelt": "a GDELT event file", "timemap": "a TimeMap export", TABLE: "a table mapped onto the schema"}
_JSON_SUFFIXES = frozenset({".json", ".geojson", ".jsonl", ".ndjson"})  # as eventmap.readers.dispatch
_LISTED_NAMES = 10  # at most this many column names in a message


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A row set aside: its line, its cells as read (file column name -> text) and why."""

    line: int
    raw: dict[str, str]
    problems: list[Problem]


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The valid rows as the events frame, every problem found, and the rows set aside."""

    events: pd.DataFrame
    problems: list[Problem]
    rejected: list[RejectedRow]
    detected_format: str
    rows_read: int = 0  # data rows in the file (= len(events) + len(rejected))
    encoding: str = ""
    delimiter: str = ""
    warnings: list[Problem] = field(default_factory=list)  # the problems of severity WARNING
    filled: tuple[FillIn, ...] = ()  # defaults set in a mapped table ("status set to 'unverified' for 5 rows")
    mapping: ColumnMapping | None = None  # the column mapping a "table" was loaded with
    date_format: DateFormat | None = None  # how a mapped table's date column writes its dates
    kind: str = "csv"  # the container read (`Table.kind`): "csv", "xlsx", "json", ...
    sheets: tuple[str, ...] = ()  # a workbook's sheets, to offer a choice
    sheet: str = ""  # the sheet read
    line_unit: str = "line"  # what a problem's line counts: "line", "row" (spreadsheet) or "record" (JSON)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]


def _read_source(source: Path | str | bytes, name: str | None, limits: Limits) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        name = name or "upload.csv"
        limits.check_size(name, len(data))
        return data, name
    path = Path(os.fspath(source))
    name = name or path.name
    try:
        limits.check_size(name, path.stat().st_size)
        return path.read_bytes(), name
    except IsADirectoryError:
        raise DataFileError(f"{name}: is a folder, not a file") from None
    except FileNotFoundError:
        raise DataFileError(f"{name}: no such file") from None
    except OSError as exc:
        raise DataFileError(f"{name}: cannot be read: {exc.strerror or exc}") from None


def _one_line(text: str, limit: int = 40) -> str:
    """A name from a file, safe for a one-line message: control characters escaped, long names cut."""
    text = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _names(names: Sequence[str]) -> str:
    listed = ", ".join(_one_line(n) for n in names[:_LISTED_NAMES])
    more = len(names) - _LISTED_NAMES
    return listed + (f" and {more} more" if more > 0 else "")


def _check_header(header: list[str], raw_header: list[str], *, name: str, fmt: str) -> list[Problem]:
    """File-level problems of a header; raises `DataFileError` when the file cannot be used."""
    positions: dict[str, int] = {}
    for index, column in enumerate(header, start=1):
        if column and column in positions and column in _KNOWN_HEADER:
            raise DataFileError(
                f"{name}: column {column!r} appears twice in the header (columns {positions[column]} and {index})")
        positions.setdefault(column, index)
    if fmt != PROJECT:
        importer = IMPORTERS[fmt]
        missing = [c for c in importer.REQUIRED_COLUMNS if c not in positions]
        if missing:
            raise DataFileError(f"{name}: {importer.TITLE} without required columns: {_names(missing)}")
        return []
    missing = [c for c in REQUIRED_COLUMNS if c not in positions and c not in HEADER_DEFAULTS]
    if missing:
        raise DataFileError(f"{name}: required columns missing: {_names(missing)}")
    problems = [
        Problem(name, None, column, f"column missing: every row is set to {HEADER_DEFAULTS[column]!r}",
                severity=Severity.WARNING)
        for column in COLUMN_NAMES if column in HEADER_DEFAULTS and column not in positions
    ]
    unknown = [raw.strip() or f"(unnamed column {i})"
               for i, (column, raw) in enumerate(zip(header, raw_header, strict=True), start=1)
               if column not in FRAME_COLUMNS]
    if unknown:
        problems.append(Problem(name, None, None, f"columns not in the schema are ignored: {_names(unknown)}",
                                severity=Severity.WARNING))
    return problems  # other optional columns (OPTIONAL_HEADER_COLUMNS) absent: empty in every row


def _row_defects(row: RawRow, width: int, *, name: str) -> tuple[list[str], list[Problem]]:
    """The row's cells cut to the header's width, and its problems as a whole row."""
    cells = row.cells
    problems: list[Problem] = []
    if row.defect:
        problems.append(Problem(name, row.line, None, row.defect))
    if len(cells) > width:
        extra = [c for c in cells[width:] if c.strip()]
        if extra:
            problems.append(Problem(
                name, row.line, None, f"the row has {len(cells)} cells but the header has {width}",
                shorten(", ".join(extra))))
        cells = cells[:width]
    elif len(cells) < width:
        problems.append(Problem(name, row.line, None, f"the row has {len(cells)} cells but the header has {width}"))
    return cells, problems


def _clean_cells(cells: list[str], table: Table, line: int, header: list[str], *, name: str,
                 problems: list[Problem]) -> list[str]:
    """Cells stripped; NUL characters removed and undecodable bytes reported, as warnings."""
    cleaned = [cell.strip() for cell in cells]
    if table.has_nul or table.has_replacement:
        for index, cell in enumerate(cleaned):
            if "\x00" in cell:
                cleaned[index] = cell = cell.replace("\x00", "").strip()
                problems.append(Problem(name, line, header[index] or None, "NUL characters removed",
                                        shorten(cell), Severity.WARNING))
            if "\ufffd" in cell:
                problems.append(Problem(name, line, header[index] or None,
                                        "bytes that could not be decoded were replaced by '\ufffd'", shorten(cell),
                                        Severity.WARNING))
    return cleaned


def _format_of(header: list[str], source_format: str | None, *, name: str, mapped: bool = False) -> str:
    if mapped:
        if source_format not in (None, TABLE):
            raise ValueError(f"a column mapping loads the file as a table, not as {source_format!r}")
        return TABLE
    detected = detect_format(header)
    if detected == PROJECT and source_format != PROJECT and not is_project_header(header):
        detected = TABLE  # anything else with a date and a place, through a column mapping
    fmt = source_format or detected
    if fmt not in FORMAT_TITLES:
        raise ValueError(f"unknown format {fmt!r}: use {', '.join(FORMAT_TITLES)}")
    if fmt == TABLE:
        return fmt  # any table can be read through a mapping
    if fmt != detected:
        raise ImportFormatError(f"{name}: not {FORMAT_TITLES[fmt]}: the header looks like {FORMAT_TITLES[detected]} "
                                f"({_names([c for c in header if c])})")
    return fmt


def _records(table: Table, header: list[str], *, name: str,
             row_problems: dict[int, list[Problem]]) -> list[Record]:
    """The rows as records (column name -> stripped text); rows with the wrong number of cells go to
    `row_problems` instead, warnings about a row's cells (NUL, undecodable bytes) too."""
    records: list[Record] = []
    for row in table.rows:
        cells, defects = _row_defects(row, len(header), name=name)
        cells = _clean_cells(cells, table, row.line, header, name=name, problems=defects)
        if defects:
            row_problems[row.line] = defects
        if not any(p.severity is Severity.ERROR for p in defects):
            records.append(Record(row.line, dict(zip(header, cells, strict=False))))
    return records


def _to_schema(records: list[Record], header: list[str], fmt: str, *, name: str,
               row_problems: dict[int, list[Problem]]) -> list[Record]:
    """Records of the project's schema: an export mapped by its importer (rows it cannot map go to
    `row_problems`), a project file with the defaults for required columns its header lacks."""
    if fmt != PROJECT:
        mapped, import_problems = IMPORTERS[fmt].to_schema(records, file=name)
        for problem in import_problems:
            row_problems.setdefault(problem.line or 0, []).append(problem)
        return mapped
    defaults = {c: v for c, v in HEADER_DEFAULTS.items() if c not in header}
    return [Record(r.line, {**r.values, **defaults}) for r in records] if defaults else records


def read_source_table(source: Path | str | bytes, *, name: str | None = None,
                      limits: Limits | None = None, sheet: str | None = None) -> tuple[Table, str]:
    """The table of an event file as read (header and rows, not yet mapped or validated), and the name used
    in problems; for looking at a file before loading it (its header, to guess a column mapping). `sheet` is
    the workbook sheet to read (default: the readers' choice)."""
    limits = limits or Limits.from_settings(Settings.from_env())
    data, name = _read_source(source, name, limits)
    return read_any(data, name=name, sheet=sheet, max_rows=limits.max_rows, known_columns=_KNOWN_HEADER), name


def load_events(source: Path | str | bytes, *, name: str | None = None, limits: Limits | None = None,
                source_format: str | None = None,
                region_bbox: tuple[float, float, float, float] | None = None, sheet: str | None = None,
                mapping: ColumnMapping | None = None, dayfirst: bool | None = None) -> LoadResult:
    """Read, map and validate an event file (a path, or the bytes of an upload).

    `name` is the file name used in problems (default: the path's name, or "upload.csv");
    `limits` default to `Settings.from_env()`; `source_format` forces "project", "acled", "ucdp", "gdelt",
    "timemap" or "table" (default: detected from the header); `region_bbox` (south, west, north, east), when
    given, is where points are expected, for the swapped-coordinates warning (default: judged by the data's
    own region, `eventmap.swapped`: the row's country, else the file's other points); `sheet` is the workbook
    sheet to read (default: the one whose header names known columns, else the first with data;
    `LoadResult.sheets` lists them).
    `mapping` loads the file as a table through this column mapping (default for a "table": guessed);
    `dayfirst` says how its numeric dates are written (True dd/mm, False mm/dd; default: decided by the
    column's values, or left open).
    Raises `DataFileError` for a file that cannot be used at all, `LimitExceededError` above a limit and
    `ImportFormatError` when `source_format` does not match the file.
    """
    limits = limits or Limits.from_settings(Settings.from_env())
    data, name = _read_source(source, name, limits)
    if mapping is None and sheet is None and source_format in (None, PROJECT, *MAPPERS) and _may_be_csv(data, name):
        columns = read_csv_columns(data, name=name, max_rows=limits.max_rows, known_columns=_KNOWN_HEADER)
        if columns is not None and (fmt := _columns_format(columns, name=name, source_format=source_format)):
            del data  # the file's bytes are read: a large local file's memory is given back
            return _load_columns(columns, fmt=fmt, name=name, region_bbox=region_bbox)
    table = read_any(data, name=name, sheet=sheet, max_rows=limits.max_rows, known_columns=_KNOWN_HEADER)
    if (mapping is None and source_format in (None, PROJECT, *MAPPERS) and (columns := table_columns(table))
            and (fmt := _columns_format(columns, name=name, source_format=source_format))):
        return _load_columns(columns, fmt=fmt, name=name, region_bbox=region_bbox)
    header = [normalise_header(cell) for cell in table.header]
    fmt = _format_of(header, source_format, name=name, mapped=mapping is not None)
    row_problems: dict[int, list[Problem]] = {}  # line -> problems of the rows set aside (so far)
    mapped: MappedRecords | None = None
    if fmt == TABLE:
        mapping = choose_mapping(table.header, [row.cells for row in table.rows], mapping, file=name)
        keys = unique_keys(table.header)
        mapped = map_records(_records(table, keys, name=name, row_problems=row_problems), mapping, keys,
                             file=name, dayfirst=dayfirst)
        problems = [*table.problems, *mapped.file_problems]
        records = _merge_row_problems(mapped, row_problems)
        source_column = dict(mapping.columns)
    else:
        mapping = None
        problems = [*table.problems, *_check_header(header, table.header, name=name, fmt=fmt)]
        records = _to_schema(_records(table, header, name=name, row_problems=row_problems), header, fmt,
                             name=name, row_problems=row_problems)
        source_column = IMPORTERS[fmt].SOURCE_COLUMN if fmt != PROJECT else {}

    relaxed = required_cells(header, mapped=mapped is not None)
    validator = RowValidator(file=name, region_bbox=region_bbox, required=relaxed or REQUIRED)
    accepted_values: list[dict[str, object]] = []
    accepted_lines: list[int] = []
    for record in records:
        values, found = validator.check(record.line, record.values)
        if mapped is not None and record.line in mapped.flagged:  # said already, in the table's words
            found = [p for p in found if p.column not in mapped.flagged[record.line]]
        if source_column:  # name the export's column; side and actor both come from actor1: say it once
            found = list(dict.fromkeys(_rename_column(p, source_column) for p in found))
        found = [*row_problems.pop(record.line, ()), *found]
        if any(p.severity is Severity.ERROR for p in found):
            row_problems[record.line] = found
            continue
        problems.extend(found)
        accepted_values.append(values)
        accepted_lines.append(record.line)
    problems.extend(validator.summary_problems())
    if region_bbox is None:
        problems.extend(swapped_point_problems(accepted_values, accepted_lines, file=name))
    if relaxed is not None:
        problems.extend(gap_problems(accepted_values, file=name, sources_column=source_column.get("sources", "sources"),
                                     event_types=mapped is None))

    raw_rows = {row.line: row for row in table.rows}
    rejected = [RejectedRow(line, _raw(raw_rows[line], table.header), found)
                for line, found in sorted(row_problems.items())]
    all_problems = sorted([*problems, *(p for r in rejected for p in r.problems)], key=_problem_order)
    return LoadResult(
        events=build_frame(accepted_values, accepted_lines),
        problems=all_problems,
        rejected=rejected,
        detected_format=fmt,
        rows_read=len(table.rows),
        encoding=table.encoding,
        delimiter=table.delimiter,
        warnings=[p for p in all_problems if p.severity is Severity.WARNING],
        filled=mapped.filled if mapped is not None else (),
        mapping=mapping,
        date_format=mapped.date_format if mapped is not None else None,
        kind=table.kind,
        sheets=table.sheets,
        sheet=table.sheet,
        line_unit=table.line_unit,
    )


def _may_be_csv(data: bytes, name: str) -> bool:
    """Whether `data` may be a CSV file (not a workbook, Parquet or JSON, nor named as JSON): the columnar
    reader tries it."""
    if Path(name).suffix.lower() in _JSON_SUFFIXES:
        return False
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return not head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"PAR1", b"[", b"{"))


def _columns_format(table: ColumnTable, *, name: str, source_format: str | None) -> str | None:
    """The format of a file read by columns when it is loaded by columns (the project's schema, ACLED,
    UCDP GED or GDELT); None for another (the row path maps it)."""
    fmt = _format_of([normalise_header(cell) for cell in table.header], source_format, name=name)
    return fmt if fmt == PROJECT or fmt in MAPPERS else None


def _load_columns(table: ColumnTable, *, fmt: str, name: str,
                  region_bbox: tuple[float, float, float, float] | None) -> LoadResult:
    """`load_events` of a file in the project's schema or an ACLED, UCDP GED or GDELT export (`fmt`) read
    by columns (`eventmap.columnar`)."""
    header = [normalise_header(cell) for cell in table.header]
    problems = [*table.problems, *_check_header(header, table.header, name=name, fmt=fmt)]
    if fmt == PROJECT:
        exported = None
        cells = _project_cells(table, header)
        lines = table.lines
    else:
        exported = map_export(fmt, header, table.columns, table.lines, file=name)
        cells, lines = exported.cells, exported.lines
    relaxed = required_cells(header, mapped=False)
    checks = check_columns(cells, lines, file=name, required=relaxed or REQUIRED, region_bbox=region_bbox,
                           date_orders=exported.date_orders if exported else None,
                           skip=exported.skip if exported else None)
    if exported is not None:  # name the export's column; side and actor both come from actor1: say it once
        source_column = IMPORTERS[fmt].SOURCE_COLUMN
        checks.problems = list(dict.fromkeys(_rename_column(p, source_column) for p in checks.problems))
        checks.row_problems = {line: list(dict.fromkeys(_rename_column(p, source_column) for p in found))
                               for line, found in checks.row_problems.items()}
        checks.row_problems.update(exported.row_problems)  # the importer's own words, as the row path
    events = checks.events
    problems.extend(checks.problems)
    problems.extend(checks.summary)
    if region_bbox is None:
        problems.extend(swapped_point_problems_frame(events, file=name))
    if relaxed is not None:
        problems.extend(gap_problems_frame(events, file=name))
    rejected = _rejected_rows(table, checks.row_problems)
    all_problems = sorted([*problems, *(p for r in rejected for p in r.problems)], key=_problem_order)
    return LoadResult(events=events, problems=all_problems, rejected=rejected, detected_format=fmt,
                      rows_read=table.num_rows, encoding=table.encoding, delimiter=table.delimiter,
                      warnings=[p for p in all_problems if p.severity is Severity.WARNING], kind=table.kind,
                      sheets=table.sheets, sheet=table.sheet, line_unit=table.line_unit)


def _project_cells(table: ColumnTable, header: list[str]) -> dict[str, pa.ChunkedArray]:
    """The frame's columns of a file in the project's schema: stripped, or the header default where the
    file has no such column."""
    position = {column: index for index, column in enumerate(header)}
    return {column: stripped(table.columns[position[column]]) if column in position else pa.chunked_array(
        [pa.repeat(pa.scalar(HEADER_DEFAULTS.get(column, ""), pa.large_string()), table.num_rows)])
        for column in FRAME_COLUMNS}


def _rejected_rows(table: ColumnTable, row_problems: dict[int, list[Problem]]) -> list[RejectedRow]:
    lines = sorted(row_problems)
    positions = pa.array(np.searchsorted(table.lines, lines))
    cells = [column.take(positions).to_pylist() for column in table.columns]
    return [RejectedRow(line, _raw(RawRow(line, [column[index] for column in cells]), table.header), row_problems[line])
            for index, line in enumerate(lines)]


def gap_problems_frame(events: pd.DataFrame, *, file: str) -> list[Problem]:
    """`gap_problems` of the rows of an events frame (rows without a source, without an event type)."""
    sources = events["sources"].astype(str).str.replace(SOURCE_SEPARATOR, "", regex=False).str.strip()
    missing = int((sources == "").sum())
    untyped = int((events["event_type"].astype(str) == "").sum())
    return gap_count_problems(missing=missing, untyped=untyped, file=file)


def _merge_row_problems(mapped: MappedRecords, row_problems: dict[int, list[Problem]]) -> list[Record]:
    """The mapped records; the problems mapping found joined to the rows' own (a row with an error is set
    aside by the validation loop)."""
    for line, found in mapped.row_problems.items():
        row_problems.setdefault(line, []).extend(found)
    return mapped.records


def _problem_order(problem: Problem) -> tuple[int, int]:
    return (0, 0) if problem.line is None else (1, problem.line)


def _rename_column(problem: Problem, source_column: dict[str, str]) -> Problem:
    column = source_column.get(problem.column or "", problem.column)
    if column == problem.column:
        return problem
    return replace(problem, column=column)


def _raw(row: RawRow, raw_header: list[str]) -> dict[str, str]:
    raw = {}
    for index, cell in enumerate(row.cells):
        key = raw_header[index].strip() if index < len(raw_header) else ""
        if not key or key in raw:
            key = f"(column {index + 1})"
        raw[key] = cell
    return raw
