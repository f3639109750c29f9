"""Validating rows of the project's schema, cell by cell.

`RowValidator.check(line, record)` takes one row as text (column name -> stripped cell) and returns the
row's typed values and its problems. A row with any problem of severity ERROR is set aside by the loader
(listed with its problems); warnings leave the row in. Every rule is here, and every message names the
bad value.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial

from base.problems import Problem, Severity
from eventmap.dates import (
    DAY_FIRST,
    EITHER,
    MONTH_FIRST,
    DateFormatError,
    normalise_digits,
    numeric_date_order,
    parse_date,
)
from eventmap.schema import (
    COLUMN_BY_NAME,
    COLUMN_NAMES,
    EVENT_TYPES,
    GEO_RESULT_COLUMNS,
    SOURCE_SEPARATOR,
    SUB_EVENT_TYPES,
    Kind,
)

# Every column of the events frame, in order; `source_line` is added by the loader.
FRAME_COLUMNS: tuple[str, ...] = (*COLUMN_NAMES, *GEO_RESULT_COLUMNS)
FLOAT_COLUMNS = frozenset({"latitude", "longitude", "geo_confidence"})
INT_COLUMNS = frozenset(c.name for c in COLUMN_BY_NAME.values() if c.kind is Kind.INT)
DATE_COLUMNS = frozenset(c.name for c in COLUMN_BY_NAME.values() if c.kind is Kind.DATE)
MAX_VALUE_CHARS = 80  # longer bad values are shortened in messages

_CHOICES: dict[str, dict[str, str]] = {
    c.name: {choice.lower(): choice for choice in c.choices} for c in COLUMN_BY_NAME.values() if c.choices
}
CHOICE_SPELLINGS = _CHOICES  # column -> lower-case spelling -> the canonical choice
_SUB_EVENT_TYPES_OF: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in EVENT_TYPES.items()}
_SUB_EVENT_TYPE_BY_LOWER = {s.lower(): s for s in SUB_EVENT_TYPES}
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_REQUIRED = frozenset(c.name for c in COLUMN_BY_NAME.values() if c.required)


class CellError(ValueError):
    """A cell's text cannot be read as its column's kind; the message says why (`quotes_value`: and shows
    the text, so the problem does not repeat it)."""

    def __init__(self, message: str, *, quotes_value: bool = False) -> None:
        super().__init__(message)
        self.quotes_value = quotes_value


def shorten(value: str) -> str:
    """`value`, cut to `MAX_VALUE_CHARS` characters for a message."""
    return value if len(value) <= MAX_VALUE_CHARS else value[: MAX_VALUE_CHARS - 1] + "…"


def parse_number(text: str) -> float:
    """A finite decimal number; Arabic-Indic digits and a decimal comma (`39,76`) are read too."""
    try:
        value = float(text)
    except ValueError:
        normalised = normalise_digits(text).replace(" ", "")
        if _DECIMAL_COMMA.fullmatch(normalised):
            normalised = normalised.replace(",", ".")
        try:
            value = float(normalised)
        except ValueError:
            raise CellError("not a number (decimal degrees expected, e.g. 39.7601)") from None
    if not math.isfinite(value):
        raise CellError("not a finite number")
    return value


def parse_count(text: str) -> int:
    """A whole number ≥ 0 (`12`, `12.0`, `١٢`)."""
    if text.isascii() and text.isdigit():
        return int(text)
    normalised = normalise_digits(text).replace(" ", "")
    if normalised.isascii() and normalised.isdigit():
        return int(normalised)
    try:
        value = float(normalised)
    except ValueError:
        hint = " (write the lowest figure, e.g. '20', and the rest in notes)" if any(
            ch.isdigit() for ch in normalised) else ""
        raise CellError(f"not a whole number{hint}") from None
    if not math.isfinite(value) or value != int(value):
        raise CellError("not a whole number")
    if value < 0:
        raise CellError("must be 0 or more")
    return int(value)


def parse_choice(column: str, text: str) -> str:
    """The canonical spelling of a choice (`Confirmed` -> `confirmed`)."""
    choice = _CHOICES[column].get(text.lower())
    if choice is None:
        raise CellError(f"must be one of: {', '.join(_CHOICES[column].values())}")
    return choice


def parse_sub_event_type(text: str) -> str:
    """The canonical spelling of an ACLED sub-event type."""
    sub = _SUB_EVENT_TYPE_BY_LOWER.get(text.lower())
    if sub is None:
        raise CellError("not an ACLED sub-event type (see `python -m eventmap schema`)")
    return sub


def parse_date_cell(text: str) -> dt.date:
    try:
        return parse_date(text)
    except DateFormatError as exc:  # its messages quote the date: "not a date: 'soon' (use ...)"
        raise CellError(str(exc), quotes_value=True) from None


def parse_sources(text: str) -> str:
    if not text.replace(SOURCE_SEPARATOR, "").strip():
        raise CellError("at least one source is needed (URLs or citations separated by ';')")
    return text


def in_bbox(lat: float, lon: float, bbox: tuple[float, float, float, float]) -> bool:
    south, west, north, east = bbox
    return south <= lat <= north and west <= lon <= east


# The value of an empty cell in the events frame.
_EMPTY: dict[str, object] = {
    **{c: math.nan for c in FLOAT_COLUMNS},
    **{c: None for c in INT_COLUMNS},
    **{c: None for c in DATE_COLUMNS},
}

_PARSERS: dict[str, Callable[[str], object]] = {
    **{c: parse_date_cell for c in DATE_COLUMNS},
    **{c: parse_number for c in FLOAT_COLUMNS},
    **{c: parse_count for c in INT_COLUMNS},
    **{c: partial(parse_choice, c) for c in _CHOICES},
    "sub_event_type": parse_sub_event_type,
    "sources": parse_sources,
}
REQUIRED: frozenset[str] = _REQUIRED  # the columns a row of the project's schema cannot leave empty


def _column_plan(required: frozenset[str]) -> tuple[tuple[str, bool, object, Callable[[str], object] | None], ...]:
    """For each column of the frame: (name, required, value when empty, parser or None for text)."""
    return tuple((c, c in required, _EMPTY.get(c, ""), _PARSERS.get(c)) for c in FRAME_COLUMNS)


_COLUMN_PLAN = _column_plan(_REQUIRED)


@dataclass(slots=True)
class RowValidator:
    """Checks rows of one file; remembers event ids to find duplicates. `required` are the columns a row
    cannot leave empty (default: the schema's required columns)."""

    file: str
    region_bbox: tuple[float, float, float, float] | None = None
    required: frozenset[str] = _REQUIRED
    first_line_of_id: dict[str, int] = field(default_factory=dict)
    # Numeric dates by how they can be read (05/10/2020 either way, 13/10/2020 day first, 10/13/2020 month
    # first): the file-level warning about the day-first rule depends on them.
    date_orders: dict[str, int] = field(default_factory=lambda: {EITHER: 0, DAY_FIRST: 0, MONTH_FIRST: 0})
    _plan: tuple[tuple[str, bool, object, Callable[[str], object] | None], ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._plan = _COLUMN_PLAN if self.required == _REQUIRED else _column_plan(self.required)

    def _problem(self, line: int, column: str | None, message: str, value: str | None = None,
                 severity: Severity = Severity.ERROR, *, quotes_value: bool = False) -> Problem:
        return Problem(self.file, line, column, message, None if value is None else shorten(value), severity,
                       quotes_value)

    def check(self, line: int, record: Mapping[str, str]) -> tuple[dict[str, object], list[Problem]]:
        """The typed values of one row and its problems. `record` maps column names to stripped cells;
        missing columns count as empty."""
        values: dict[str, object] = {}
        problems: list[Problem] = []
        get = record.get
        for column, required, empty, parser in self._plan:
            text = get(column, "")
            if not text:
                if required:
                    problems.append(self._problem(line, column, "required, but empty"))
                values[column] = empty
            elif parser is None:
                values[column] = text
            else:
                try:
                    values[column] = parser(text)
                except CellError as exc:
                    problems.append(self._problem(line, column, str(exc), text, quotes_value=exc.quotes_value))
                    values[column] = empty
        self._check_sub_event_type(line, record, values, problems)
        self._check_coordinates(line, record, values, problems)
        self._check_dates(line, record, values, problems)
        self._check_id(line, str(values["event_id"]), problems)
        if bool(values["description_ar"]) != bool(values["description_ar_source"]):
            problems.append(self._problem(
                line, "description_ar_source" if values["description_ar"] else "description_ar",
                "description_ar needs description_ar_source (source or project), and the other way round"))
        language = values["language"]
        if language and not _LANGUAGE.fullmatch(str(language)):
            problems.append(self._problem(line, "language", "should be an ISO 639-1 code such as 'ar' or 'en'",
                                          str(language), Severity.WARNING))
        return values, problems

    def _check_sub_event_type(self, line: int, record: Mapping[str, str], values: dict[str, object],
                              problems: list[Problem]) -> None:
        event_type, sub = values["event_type"], values["sub_event_type"]
        if event_type and sub and sub not in _SUB_EVENT_TYPES_OF[str(event_type)]:
            allowed = ", ".join(EVENT_TYPES[str(event_type)])
            problems.append(self._problem(
                line, "sub_event_type", f"is not a sub-event type of {event_type!r} (allowed: {allowed})",
                record.get("sub_event_type", "")))

    def _check_coordinates(self, line: int, record: Mapping[str, str], values: dict[str, object],
                           problems: list[Problem]) -> None:
        lat, lon = values["latitude"], values["longitude"]
        lat_text, lon_text = record.get("latitude", ""), record.get("longitude", "")
        if bool(lat_text) != bool(lon_text):
            given, missing = ("latitude", "longitude") if lat_text else ("longitude", "latitude")
            problems.append(self._problem(line, missing, f"empty while {given} is given: give both or neither"))
            return
        if not isinstance(lat, float) or not isinstance(lon, float) or math.isnan(lat) or math.isnan(lon):
            return
        swap_hint = "; latitude and longitude look swapped"
        if abs(lat) > 90:
            hint = swap_hint if abs(lon) <= 90 else ""
            problems.append(self._problem(line, "latitude", f"out of range -90..90{hint}", lat_text))
        if abs(lon) > 180:
            problems.append(self._problem(line, "longitude", "out of range -180..180", lon_text))
        if abs(lat) > 90 or abs(lon) > 180:
            return
        if lat == 0 and lon == 0:
            problems.append(self._problem(line, "latitude", "the point 0, 0 is usually a missing value; leave "
                                          "both empty to geocode the location", "0, 0", Severity.WARNING))
        elif (self.region_bbox is not None and not in_bbox(lat, lon, self.region_bbox)
              and in_bbox(lon, lat, self.region_bbox)):
            problems.append(self._problem(
                line, "latitude", f"the point lies outside the region; swapped ({lon}, {lat}) it would be "
                "inside: are latitude and longitude swapped?", f"{lat_text}, {lon_text}", Severity.WARNING))

    def _check_dates(self, line: int, record: Mapping[str, str], values: dict[str, object],
                     problems: list[Problem]) -> None:
        date, report_date = values["date"], values["report_date"]
        for column in ("date", "report_date"):
            order = numeric_date_order(record.get(column, ""))
            if order is not None:
                self.date_orders[order] += 1
        if isinstance(date, dt.date) and isinstance(report_date, dt.date) and report_date < date:
            problems.append(self._problem(line, "report_date", f"is before the event's date {date.isoformat()}",
                                          record.get("report_date", ""), Severity.WARNING))

    def _check_id(self, line: int, event_id: str, problems: list[Problem]) -> None:
        if not event_id:
            return
        first = self.first_line_of_id.setdefault(event_id, line)
        if first != line:
            problems.append(self._problem(line, "event_id", f"duplicate: already used on line {first}", event_id))

    def summary_problems(self) -> list[Problem]:
        """File-level problems found across rows (call after the last row): dates such as 05/10/2020,
        read day first by the project's rule, in a file that does not show it is day first."""
        either, day_first, month_first = (self.date_orders[k] for k in (EITHER, DAY_FIRST, MONTH_FIRST))
        if not either or (day_first and not month_first):
            return []
        if month_first:
            message = (f"{_count(month_first, 'date')} only read month first (mm/dd/yyyy), so the file may be "
                       "month first; dates that read either way (like 05/10/2020) are read day first "
                       f"(dd/mm/yyyy) and may be wrong ({either} in this file): write dates as yyyy-mm-dd")
        else:
            message = (f"{_count(either, 'date')} could be read either way (like 05/10/2020): read day first "
                       "(dd/mm/yyyy), the project's rule; check, or write dates as yyyy-mm-dd")
        return [Problem(self.file, None, "date", message, severity=Severity.WARNING)]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


