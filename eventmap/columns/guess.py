"""Guessing which column of a table fills which field of the schema, from header names and values.

`guess_mapping(header, rows)` returns a `MappingGuess`: the `ColumnMapping` (schema field -> the column
that fills it, as written in the header), and for every field a `FieldGuess` whose `reason` says in words
why (`header 'Datum'`, `values: 20 of 20 are dates`) or that nothing fills it. Header names are tried
first (`eventmap.columns.synonyms`); fields still open are then looked for in the values of the columns
left: a column of dates, of coordinates in range, of URLs. A user's corrections are applied with
`ColumnMapping.with_overrides`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from base.errors import MappingError
from eventmap.columns.dates import decide_date_format
from eventmap.columns.synonyms import SYNONYM_KEYS, header_key
from eventmap.dates import normalise_digits
from eventmap.schema import COLUMN_NAMES

FIELDS: tuple[str, ...] = COLUMN_NAMES  # every field a column can fill
SAMPLE_ROWS = 500  # values of at most this many rows are looked at
_VALUE_SHARE = 0.8  # this share of a column's non-empty values must fit for a guess from values
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
_NUMBER = re.compile(r"[+-]?\d{1,3}(?:[.,]\d+)?")


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """For each schema field, the column of the table that fills it, as written in the header.

    `header` is the table's header (stripped cells, in order); fields absent from `columns` are filled
    by nothing (a visible default, or empty).
    """

    columns: Mapping[str, str]
    header: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "columns", dict(self.columns))
        object.__setattr__(self, "header", tuple(self.header))

    def column_of(self, field_name: str) -> str | None:
        """The column that fills `field_name`, or None."""
        return self.columns.get(field_name)

    def index_of(self, field_name: str) -> int | None:
        """The 0-based position in the header of the column that fills `field_name`, or None."""
        column = self.columns.get(field_name)
        if column is None or column not in self.header:
            return None
        return self.header.index(column)

    @property
    def has_date(self) -> bool:
        return "date" in self.columns

    @property
    def has_place(self) -> bool:
        """A place name column, or both coordinates."""
        return "location" in self.columns or {"latitude", "longitude"} <= self.columns.keys()

    def needs(self) -> list[str]:
        """What the mapping lacks to load events, in words (empty when it has a date and a place)."""
        missing = [] if self.has_date else ["a date column"]
        if not self.has_place:
            missing.append("a place column (a name, or latitude and longitude)")
        return missing

    def with_overrides(self, overrides: Mapping[str, str]) -> ColumnMapping:
        """This mapping with `overrides` (field -> column) applied; an empty column unmaps the field.
        Raises `MappingError` for a field the schema does not have or a column the header does not have."""
        columns = dict(self.columns)
        for field_name, column in overrides.items():
            if field_name not in FIELDS:
                raise MappingError(f"unknown field {field_name!r}: the fields are {', '.join(FIELDS)}")
            if not column or not column.strip():
                columns.pop(field_name, None)
                continue
            columns[field_name] = self._header_column(column)
        return ColumnMapping(columns, self.header)

    def _header_column(self, column: str) -> str:
        wanted = column.strip()
        if wanted in self.header:
            return wanted
        by_key = [c for c in self.header if header_key(c) == header_key(wanted)]
        if len(by_key) == 1:
            return by_key[0]
        raise MappingError(f"no column {column!r} in the header: the columns are "
                           f"{', '.join(repr(c) for c in self.header)}")

    def to_json(self) -> dict[str, object]:
        return {"header": list(self.header), "columns": dict(self.columns)}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> ColumnMapping:
        header, columns = data.get("header", []), data.get("columns", {})
        if not isinstance(header, list) or not isinstance(columns, dict):
            raise MappingError(f"not a column mapping: {data!r}")
        return cls({str(k): str(v) for k, v in columns.items()}, tuple(str(c) for c in header))


@dataclass(frozen=True, slots=True)
class FieldGuess:
    """Which column fills one field, and why, in words; `column` None when no column does."""

    field: str
    column: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class MappingGuess:
    """The guessed mapping, the guess for every field, and the columns that fill no field."""

    mapping: ColumnMapping
    guesses: Mapping[str, FieldGuess] = field(default_factory=dict)
    unmapped_columns: tuple[str, ...] = ()


def guess_mapping(header: Sequence[str], rows: Sequence[Sequence[str]]) -> MappingGuess:
    """The mapping of a table's columns onto the schema, guessed from the header names, then the values
    (the first `SAMPLE_ROWS` rows)."""
    names = tuple(cell.replace("\ufeff", "").strip() for cell in header)
    keys = [header_key(n) for n in names]
    chosen: dict[str, int] = {}
    reasons: dict[str, str] = {}
    for field_name in FIELDS:
        for synonym in SYNONYM_KEYS[field_name]:
            index = next((i for i, k in enumerate(keys) if k == synonym and k and i not in chosen.values()), None)
            if index is not None:
                chosen[field_name], reasons[field_name] = index, f"header {names[index]!r}"
                break
    sample = rows[:SAMPLE_ROWS]
    free = [i for i in range(len(names)) if i not in chosen.values()]
    named_date = chosen.get("date")
    if named_date is not None and _values(sample, named_date) \
            and not decide_date_format(_values(sample, named_date)).is_dates:
        del chosen["date"]  # a "time" or "day" column without dates: look for one in the values
    _guess_from_values(names, sample, free, chosen, reasons)
    if named_date is not None and "date" not in chosen:
        chosen["date"] = named_date  # none better: the name decides, and the loader reports the values
    elif named_date is not None and chosen["date"] != named_date:
        reasons["date"] += f" (the values of {names[named_date]!r} are not dates)"
    columns = {f: names[i] for f, i in chosen.items()}
    guesses = {f: FieldGuess(f, columns.get(f), reasons.get(f, "no column found")) for f in FIELDS}
    used = set(chosen.values())
    unmapped = tuple(names[i] or f"(column {i + 1})" for i in range(len(names)) if i not in used)
    return MappingGuess(ColumnMapping(columns, names), guesses, unmapped)


def _values(rows: Sequence[Sequence[str]], index: int) -> list[str]:
    return [row[index].strip() for row in rows if index < len(row) and row[index].strip()]


def _guess_from_values(names: tuple[str, ...], rows: Sequence[Sequence[str]], free: list[int],
                       chosen: dict[str, int], reasons: dict[str, str]) -> None:
    """Fill the date, coordinates and sources from the values of the columns no header name placed."""
    if "date" not in chosen:
        best: tuple[int, int, int] | None = None  # (dates, values, index)
        for index in free:
            found = decide_date_format(_values(rows, index))
            dates = found.dates + found.undecided
            if found.is_dates and not found.excel_serial and (best is None or dates > best[0]):
                best = (dates, found.values, index)
        if best is not None:
            chosen["date"], reasons["date"] = best[2], f"values: {best[0]} of {best[1]} are dates"
            free.remove(best[2])
    if "latitude" not in chosen and "longitude" not in chosen:
        _guess_coordinates(rows, free, chosen, reasons)
    if "sources" not in chosen:
        for index in free:
            values = _values(rows, index)
            urls = sum(1 for v in values if _URL.match(v))
            if values and urls >= _VALUE_SHARE * len(values):
                chosen["sources"], reasons["sources"] = index, f"values: {urls} of {len(values)} are URLs"
                free.remove(index)
                break


def _guess_coordinates(rows: Sequence[Sequence[str]], free: list[int], chosen: dict[str, int],
                       reasons: dict[str, str]) -> None:
    """Two neighbouring columns of decimal numbers in range, latitude first unless the values say
    otherwise (a value beyond ±90 can only be a longitude). Nothing is guessed when unsure."""
    numeric: dict[int, list[float]] = {}
    for index in free:
        values = _values(rows, index)
        numbers = [float(normalise_digits(v).replace(",", ".")) for v in values
                   if _NUMBER.fullmatch(normalise_digits(v))]
        fractional = sum(1 for v in values if re.search(r"[.,]\d", v))
        if values and len(numbers) == len(values) and fractional >= _VALUE_SHARE * len(values) \
                and all(abs(n) <= 180 for n in numbers):
            numeric[index] = numbers
    pairs = [(a, b) for a, b in itertools.pairwise(free) if a in numeric and b in numeric and b == a + 1]
    if len(pairs) != 1:
        return
    first, second = pairs[0]
    first_lat = all(abs(n) <= 90 for n in numeric[first])
    second_lat = all(abs(n) <= 90 for n in numeric[second])
    if first_lat and not second_lat:
        lat, lon = first, second
    elif second_lat and not first_lat:
        lat, lon = second, first
    else:
        return  # both could be latitudes: do not guess
    count = len(numeric[lat])
    chosen["latitude"], reasons["latitude"] = lat, f"values: {count} of {count} are numbers within ±90"
    chosen["longitude"], reasons["longitude"] = lon, (
        f"values: {len(numeric[lon])} numbers within ±180, some beyond ±90")
    free.remove(lat)
    free.remove(lon)
