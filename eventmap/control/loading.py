"""Loading `control_changes.csv`: every cell validated, the valid rows loaded, every problem listed.

`load_control_changes(source)` reads the file (UTF-8 CSV), checks the header, validates every cell of every
row and returns the valid rows as `ControlChange`s. A row with an error is set aside and each of its
problems is listed as `FILE:LINE: column: message`; the other rows still load. Nothing is dropped silently:
`rows_read == len(changes) + len(rejected_lines)`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from base.errors import DataFileError
from base.problems import Problem, Severity
from base.reading import normalise_header, read_table
from eventmap.validation import shorten

from .layers import Unit, unit_catalogue
from .schema import (
    COLUMN_NAMES,
    REQUIRED_COLUMNS,
    ChangeKind,
    ChangeStatus,
    Circle,
    ControlChange,
    DrawnAs,
    split_list,
)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_RADIUS_KM = 100.0
_E = TypeVar("_E", ChangeKind, ChangeStatus, DrawnAs)


@dataclass(frozen=True, slots=True)
class ControlLoadResult:
    """The valid changes (in file order), every problem found, and the lines of the rows set aside."""

    changes: tuple[ControlChange, ...]
    problems: tuple[Problem, ...]
    rejected_lines: tuple[int, ...]
    rows_read: int

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)


class _Row:
    """The cells of one row and the problems found in them."""

    def __init__(self, values: Mapping[str, str], *, name: str, line: int) -> None:
        self.values, self.name, self.line = values, name, line
        self.problems: list[Problem] = []

    def text(self, column: str) -> str:
        return self.values.get(column, "").strip()

    def error(self, column: str, message: str, value: str) -> None:
        self.problems.append(Problem(self.name, self.line, column, message, shorten(value), quotes_value=True))

    def required(self, column: str) -> str:
        value = self.text(column)
        if not value:
            self.problems.append(Problem(self.name, self.line, column, "is empty; a value is required"))
        return value

    def iso_date(self, column: str) -> dt.date | None:
        value = self.required(column)
        if not value:
            return None
        try:
            if not _ISO_DATE.fullmatch(value):
                raise ValueError(value)
            return dt.date.fromisoformat(value)
        except ValueError:
            self.error(column, f"{value!r} is not a date written yyyy-mm-dd (e.g. 2020-10-04)", value)
            return None

    def choice(self, column: str, enum: type[_E]) -> _E | None:
        value = self.required(column)
        if not value:
            return None
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            self.error(column, f"{value!r} is not one of: {allowed}", value)
            return None

    def number(self, column: str, *, low: float, high: float) -> float | None:
        value = self.text(column)
        try:
            number = float(value)
        except ValueError:
            self.error(column, f"{value!r} is not a number", value)
            return None
        if not (math.isfinite(number) and low <= number <= high):
            self.error(column, f"{value!r} is outside {low:g}..{high:g}", value)
            return None
        return number


def _units(row: _Row, drawn_as: DrawnAs | None, catalogue: Mapping[str, Unit]) -> tuple[str, ...]:
    units = split_list(row.text("units"))
    for unit_id in units:
        if unit_id not in catalogue:
            row.error("units", f"{unit_id!r} is not a unit of the territory layers (admin-1 `id`, e.g. 'AZ-CAB', "
                      "or NKAO-1991, LACHIN-CORRIDOR)", unit_id)
    if drawn_as is DrawnAs.UNITS and not units:
        row.problems.append(Problem(row.name, row.line, "units", "is empty; drawn_as 'units' needs at least one unit"))
    return units


def _circle(row: _Row, drawn_as: DrawnAs | None) -> Circle | None:
    given = [c for c in ("latitude", "longitude", "radius_km") if row.text(c)]
    if drawn_as is not DrawnAs.CIRCLE:
        for column in given:
            row.error(column, f"{row.text(column)!r} is only used when drawn_as is 'circle'", row.text(column))
        return None
    for column in ("latitude", "longitude", "radius_km"):
        if column not in given:
            row.problems.append(Problem(row.name, row.line, column, "is empty; drawn_as 'circle' needs it"))
    if len(given) < 3:
        return None
    lat = row.number("latitude", low=-90, high=90)
    lon = row.number("longitude", low=-180, high=180)
    radius = row.number("radius_km", low=0.1, high=MAX_RADIUS_KM)
    return None if lat is None or lon is None or radius is None else Circle(lat, lon, radius)


def _sides(row: _Row, column: str, kind: ChangeKind | None) -> tuple[str, ...]:
    sides = split_list(row.required(column))
    if column == "to_side" and kind in (ChangeKind.CONTROL, ChangeKind.PEACEKEEPING) and len(sides) > 1:
        row.error(column, f"{row.text(column)!r} names {len(sides)} sides; a {kind.value} change has one",
                  row.text(column))
    return sides


def validate_row(values: Mapping[str, str], *, name: str, line: int,
                 catalogue: Mapping[str, Unit]) -> tuple[ControlChange | None, list[Problem]]:
    """The change of one row (None when it has an error) and the row's problems."""
    row = _Row(values, name=name, line=line)
    change_id, place = row.required("change_id"), row.required("place")
    date, claim_date = row.iso_date("date"), row.iso_date("claim_date")
    kind, drawn_as = row.choice("kind", ChangeKind), row.choice("drawn_as", DrawnAs)
    status = row.choice("status", ChangeStatus)
    units, circle = _units(row, drawn_as, catalogue), _circle(row, drawn_as)
    from_side, to_side = _sides(row, "from_side", kind), _sides(row, "to_side", kind)
    claimed_by = row.required("claimed_by")
    sources = split_list(row.text("sources"))
    if not sources:
        row.problems.append(Problem(name, line, "sources", "is empty; at least one source is required"))
    if row.problems or date is None or claim_date is None or kind is None or drawn_as is None or status is None:
        return None, row.problems
    change = ControlChange(
        change_id=change_id, date=date, claim_date=claim_date, place=place, place_type=row.text("place_type"),
        kind=kind, drawn_as=drawn_as, units=units, circle=circle, from_side=from_side, to_side=to_side,
        claimed_by=claimed_by, status=status, disputed_by=row.text("disputed_by"), sources=sources,
        notes=row.text("notes"), line=line)
    return change, row.problems


def _read_bytes(source: Path | str | bytes, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray):
        return bytes(source), name or "control_changes.csv"
    path = Path(source)
    try:
        return path.read_bytes(), name or str(source)
    except OSError as exc:
        raise DataFileError(f"{name or str(source)}: cannot be read: {exc.strerror or exc}") from None


def load_control_changes(source: Path | str | bytes, *, name: str | None = None,
                         catalogue: Mapping[str, Unit] | None = None) -> ControlLoadResult:
    """Read and validate a control-changes file. Raises `DataFileError` when it cannot be used at all."""
    data, name = _read_bytes(source, name)
    catalogue = unit_catalogue() if catalogue is None else catalogue
    table = read_table(data, name=name, known_columns=frozenset(COLUMN_NAMES))
    header = [normalise_header(cell) for cell in table.header]
    missing = [c for c in COLUMN_NAMES if c in REQUIRED_COLUMNS and c not in header]
    if missing:
        raise DataFileError(f"{name}: not a control-changes file: missing column(s) {', '.join(missing)} "
                            f"(header: {', '.join(header)!r})")
    problems: list[Problem] = list(table.problems)
    problems += [Problem(name, table.header_line, column, "unknown column; it is ignored", severity=Severity.WARNING)
                 for column in header if column and column not in COLUMN_NAMES]
    changes: list[ControlChange] = []
    rejected: list[int] = []
    seen: dict[str, int] = {}
    for raw in table.rows:
        row_problems = [Problem(name, raw.line, None, raw.defect)] if raw.defect else []
        if len(raw.cells) != len(header):
            row_problems.append(Problem(name, raw.line, None,
                                        f"the row has {len(raw.cells)} cells but the header has {len(header)}"))
        values = dict(zip(header, raw.cells, strict=False))
        change, cell_problems = validate_row(values, name=name, line=raw.line, catalogue=catalogue)
        row_problems += cell_problems
        if change is not None and change.change_id in seen:
            row_problems.append(Problem(name, raw.line, "change_id", f"{change.change_id!r} is already used on line "
                                        f"{seen[change.change_id]}", change.change_id, quotes_value=True))
        problems += row_problems
        if change is None or any(p.severity is Severity.ERROR for p in row_problems):
            rejected.append(raw.line)
        else:
            seen[change.change_id] = raw.line
            changes.append(change)
    return ControlLoadResult(changes=tuple(changes), problems=tuple(problems), rejected_lines=tuple(rejected),
                             rows_read=len(table.rows))
