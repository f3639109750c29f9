"""A table mapped onto the schema: its rows as records of the project's schema, with visible defaults.

`map_records(records, mapping, keys, file=..., dayfirst=...)` takes the rows of any table (records keyed by
`keys`, the table's column keys in header order) and a `ColumnMapping`, and returns `MappedRecords`: the
rows as schema records, the problems found on the way, what was filled in (`FillIn`: "status set to
'unverified' for 5 rows") and how the dates are written (`DateFormat`, decided per column).

Only a date and a place (a name, or latitude and longitude) are needed. What a table does not say is
filled with a default that says so, never with an invented fact: `status` and `verification`
"unverified", `claimed_by` and `side` "not stated", `actor` the side (or "not stated"), an `event_id`
derived from the row's values (`row-3f9a2c1b`: the same row gets the same id, whatever the file is
called). A free-text type is kept in `event_type_original` and mapped to ACLED's type only where its
words say so (`eventmap.columns.types`). `country`, `description` and `sources` may stay empty; a row
without a source loads and counts as "no source" (`no_source(events)`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from base.errors import DataFileError, MappingError
from base.problems import Problem, Severity
from base.reading import Record, normalise_header
from eventmap.columns.dates import DateFormat, Order, decide_date_format
from eventmap.columns.guess import ColumnMapping, guess_mapping
from eventmap.columns.types import acled_type
from eventmap.dates import DateFormatError
from eventmap.schema import COLUMN_NAMES, REQUIRED_COLUMNS, SUB_EVENT_TYPES, split_sources
from eventmap.validation import shorten

TABLE = "table"  # the format name of a table loaded through a column mapping
NOT_STATED, UNVERIFIED = "not stated", "unverified"
# What a missing field is set to (the `actor` default is the row's side).
DEFAULTS: dict[str, str] = {"status": UNVERIFIED, "verification": UNVERIFIED, "claimed_by": NOT_STATED,
                            "side": NOT_STATED, "date_precision": "day", "geo_precision": "exact"}
# The fields a mapped table's row cannot do without, besides a place: a name, or latitude and longitude (a
# point without a name is named after the nearest known place when it is geocoded: "12 km NE of Barda").
MAPPED_REQUIRED: frozenset[str] = frozenset(
    {"event_id", "date", "date_precision", "geo_precision", "side", "actor", "claimed_by", "status", "verification"})
_SUB_EVENT_TYPES = frozenset(s.lower() for s in SUB_EVENT_TYPES)
_LISTED = 12  # at most this many column names in a message
_PROJECT_SHARE = 0.6  # a header with this share of the required columns is the project's schema


@dataclass(frozen=True, slots=True)
class FillIn:
    """A default the loader set: `field` set to `value` in `rows` rows (a visible default, not a fact)."""

    field: str
    value: str
    rows: int

    def __str__(self) -> str:
        return f"{self.field} set to {self.value!r} for {self.rows} row{'' if self.rows == 1 else 's'}"


@dataclass(slots=True)
class MappedRecords:
    """The rows of a mapped table as schema records, and what mapping them found and filled in."""

    records: list[Record]
    row_problems: dict[int, list[Problem]] = field(default_factory=dict)  # line -> problems of the row
    file_problems: list[Problem] = field(default_factory=list)
    filled: tuple[FillIn, ...] = ()
    date_format: DateFormat | None = None
    flagged: dict[int, set[str]] = field(default_factory=dict)  # line -> fields already reported


def required_cells(header: Sequence[str], *, mapped: bool) -> frozenset[str] | None:
    """The cells a row cannot leave empty: those of a mapped table for a table loaded through a mapping, and
    for a project file that carries `event_type_original` (written from a mapped table by `import`, so it
    loads back as it was); None: the schema's own required columns."""
    return MAPPED_REQUIRED if mapped or "event_type_original" in header else None


def unique_keys(header: Sequence[str]) -> list[str]:
    """A key for each header cell: its normalised name, with `_2`, `_3`... for repeated names."""
    keys: list[str] = []
    seen: Counter[str] = Counter()
    for index, cell in enumerate(header, start=1):
        key = normalise_header(cell) or f"column_{index}"
        seen[key] += 1
        keys.append(key if seen[key] == 1 else f"{key}_{seen[key]}")
    return keys


def is_project_header(header: Sequence[str]) -> bool:
    """Whether a (normalised) header is meant as the project's schema: most of its required columns (a file
    that lacks a few gets the loader's "required columns missing" rather than a guessed mapping)."""
    present = set(header)
    return sum(1 for c in REQUIRED_COLUMNS if c in present) >= _PROJECT_SHARE * len(REQUIRED_COLUMNS)


def no_source(events: pd.DataFrame) -> pd.Series:
    """For each event of a frame, whether it has no source (its `sources` cell is empty): marked "no source"."""
    return events["sources"].astype(str).map(lambda text: not split_sources(text))


def row_id(values: Sequence[str], occurrence: int, *, taken: Container[str] = ()) -> str:
    """The id of a row without one: a hash of its mapped values and how many identical rows came before,
    `row-` and 8 hex digits; longer when those are `taken` by another row of the file (a hash collision,
    about once in 100,000 rows), so two rows never share an id."""
    text = "\x1f".join([*values, str(occurrence)])
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    for length in (8, 12, 16):
        if (candidate := f"row-{digest[:length]}") not in taken:
            return candidate
    return f"row-{digest}"


class _Mapper:
    """Maps the rows of one table; counts what it fills in."""

    def __init__(self, mapping: ColumnMapping, keys: Sequence[str], *, file: str) -> None:
        self.file = file
        self.mapping = mapping
        self.key_of = {f: keys[i] for f in mapping.columns if (i := mapping.index_of(f)) is not None}
        self.filled: Counter[tuple[str, str]] = Counter()
        self.result = MappedRecords([])
        self.seen: Counter[tuple[str, ...]] = Counter()
        self.ids: set[str] = set()

    def problem(self, line: int, field_name: str | None, message: str, value: str | None = None,
                severity: Severity = Severity.ERROR) -> None:
        column = self.mapping.column_of(field_name) if field_name else None
        self.result.row_problems.setdefault(line, []).append(
            Problem(self.file, line, column or field_name, message, None if value is None else shorten(value),
                    severity))
        if field_name and severity is Severity.ERROR:
            self.result.flagged.setdefault(line, set()).add(field_name)

    def fill(self, values: dict[str, str], field_name: str, value: str, said: str | None = None) -> None:
        values[field_name] = value
        self.filled[(field_name, said or value)] += 1

    def dates(self, values: dict[str, str], line: int, formats: dict[str, DateFormat]) -> None:
        for field_name, found in formats.items():
            text = values.get(field_name, "")
            if not text:
                continue
            try:
                values[field_name] = found.parse(text).isoformat()
            except DateFormatError as exc:
                values[field_name] = ""
                self.problem(line, field_name, str(exc))

    def place(self, values: dict[str, str], line: int) -> None:
        lat, lon = values.get("latitude", ""), values.get("longitude", "")
        if values.get("location"):
            return
        if not (lat and lon):
            self.problem(line, "location", "no place: a row needs a place name, or latitude and longitude")

    def event_type(self, values: dict[str, str], line: int) -> None:
        text, sub = values.get("event_type", ""), values.get("sub_event_type", "")
        original = text or sub
        values["event_type_original"] = values.get("event_type_original") or original
        if "event_type" not in self.key_of and "sub_event_type" not in self.key_of:
            return  # no type column: said once for the file
        if sub.lower() in _SUB_EVENT_TYPES and text:
            return  # ACLED's own types: the validator checks them
        found = acled_type(text) or acled_type(sub)
        if found is not None:
            values["event_type"], values["sub_event_type"] = found
            return
        values["event_type"] = values["sub_event_type"] = ""
        if original:
            self.problem(line, "event_type", "names no ACLED event type: kept in event_type_original, "
                         "event_type left empty", original, Severity.WARNING)
        else:
            self.problem(line, "event_type", "empty: event_type left empty", severity=Severity.WARNING)

    def defaults(self, values: dict[str, str]) -> None:
        for field_name, value in DEFAULTS.items():
            if not values.get(field_name):
                self.fill(values, field_name, value)
        if not values.get("actor"):
            side = values["side"]
            self.fill(values, "actor", side, "<side>" if side != NOT_STATED else NOT_STATED)
        if not values.get("event_id"):
            mapped = tuple(values.get(f, "") for f in sorted(self.key_of))
            self.seen[mapped] += 1
            new_id = row_id(mapped, self.seen[mapped] - 1, taken=self.ids)
            self.fill(values, "event_id", new_id, "row-<hash of the row>")
        self.ids.add(values["event_id"])

    def map(self, record: Record, formats: dict[str, DateFormat]) -> Record:
        values = {f: record.values.get(key, "") for f, key in self.key_of.items()}
        self.dates(values, record.line, formats)
        self.place(values, record.line)
        self.event_type(values, record.line)
        self.defaults(values)
        return Record(record.line, values)


def map_records(records: Sequence[Record], mapping: ColumnMapping, keys: Sequence[str], *, file: str,
                dayfirst: bool | None = None) -> MappedRecords:
    """The rows of a table (keyed by `keys`, in header order) as records of the schema, through `mapping`."""
    mapper = _Mapper(mapping, keys, file=file)
    formats: dict[str, DateFormat] = {
        f: decide_date_format([r.values.get(mapper.key_of[f], "") for r in records], dayfirst=dayfirst)
        for f in ("date", "report_date") if f in mapper.key_of}
    mapped = [mapper.map(record, formats) for record in records]
    result = mapper.result
    result.records = mapped
    result.date_format = formats.get("date")
    order = {name: i for i, name in enumerate(COLUMN_NAMES)}
    result.filled = tuple(FillIn(f, v, n) for (f, v), n in sorted(mapper.filled.items(), key=lambda i: order[i[0][0]]))
    result.file_problems = _file_problems(mapper, formats, file=file)
    return result


def _file_problems(mapper: _Mapper, formats: dict[str, DateFormat], *, file: str) -> list[Problem]:
    problems: list[Problem] = []
    for field_name, found in formats.items():
        column = mapper.mapping.column_of(field_name)
        if found.order is Order.UNDECIDED:
            problems.append(Problem(
                file, None, column, f"dates are {found}: {found.undecided} ambiguous dates are left empty "
                "and those rows set aside; say how the file writes dates (--dayfirst or --monthfirst)",
                quotes_value=True))
        elif found.contradicting:
            problems.append(Problem(file, None, column, f"dates are {found}", severity=Severity.WARNING,
                                    quotes_value=True))
    used = set(mapper.mapping.columns.values())
    ignored = [c or f"(unnamed column {i})" for i, c in enumerate(mapper.mapping.header, start=1) if c not in used]
    if ignored:
        problems.append(Problem(file, None, None, "columns that fill no field are ignored (map them with --map "
                                f"FIELD=COLUMN): {', '.join(repr(c) for c in ignored)}", severity=Severity.WARNING))
    if "event_type" not in mapper.key_of and "sub_event_type" not in mapper.key_of:
        problems.append(Problem(file, None, None, "no event type column: event_type is empty in every row",
                                severity=Severity.WARNING))
    return problems


def gap_problems(rows: Sequence[Mapping[str, object]], *, file: str, sources_column: str | None = "sources",
                 event_types: bool = False) -> list[Problem]:
    """File-level warnings about loaded rows that lack what the schema asks for but a mapped table may
    leave out: rows without a source (marked "no source"), and with `event_types`, rows without a type."""
    missing = sum(1 for row in rows if not split_sources(str(row.get("sources") or "")))
    untyped = sum(1 for row in rows if not row.get("event_type")) if event_types else 0
    return gap_count_problems(missing=missing, untyped=untyped, file=file, sources_column=sources_column)


def gap_count_problems(*, missing: int, untyped: int, file: str, sources_column: str | None = "sources"
                       ) -> list[Problem]:
    """The warnings of `gap_problems` from the counts of rows without a source and without a type."""
    problems: list[Problem] = []
    if missing:
        problems.append(Problem(file, None, sources_column, f"{_rows(missing)} without a source: loaded and "
                                "marked 'no source'", severity=Severity.WARNING))
    if untyped:
        problems.append(Problem(file, None, "event_type", f"{_rows(untyped)} without an event type: loaded with "
                                "event_type empty", severity=Severity.WARNING))
    return problems


def _rows(number: int) -> str:
    return f"{number} row{'' if number == 1 else 's'}"


def choose_mapping(header: Sequence[str], rows: Sequence[Sequence[str]], mapping: ColumnMapping | None, *,
                   file: str) -> ColumnMapping:
    """The mapping to load a table with: `mapping` (re-read against this header) or the guess; raises
    `DataFileError` naming the columns seen when the table has no date or no place."""
    names = tuple(cell.replace("\ufeff", "").strip() for cell in header)
    if mapping is None:
        chosen = guess_mapping(names, rows).mapping
    else:
        try:
            chosen = ColumnMapping({}, names).with_overrides(mapping.columns)
        except MappingError as exc:
            raise DataFileError(f"{file}: the column mapping does not fit this table: {exc}") from None
    needs = chosen.needs()
    if needs:
        seen = ", ".join(repr(n) for n in names[:_LISTED]) + (" …" if len(names) > _LISTED else "")
        raise DataFileError(f"{file}: no {' and no '.join(n.removeprefix('a ') for n in needs)} found among the "
                            f"columns {seen}; a table needs a date and a place (a name, or latitude and "
                            "longitude): name them with --map FIELD=COLUMN (e.g. --map date=Datum)")
    return chosen
