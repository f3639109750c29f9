"""Dates decided per column: how a whole column writes its dates, from all its values.

`decide_date_format(values, dayfirst=...)` looks at every date of a column once and says how they are
written (`DateFormat`): ISO, `dd/mm/yyyy` or `mm/dd/yyyy` (decided by the values: a first part over 12
anywhere means day first, a second part over 12 month first), `dd.mm.yyyy`, month names (English, Arabic,
Russian), Excel serial day numbers, GDELT's `yyyymmdd`, timestamps (the local date as written).
`DateFormat.parse(text)` then reads one cell by that decision. A date that the column leaves open
(`05/10/2020` in a column with no day or month over 12, and no `dayfirst` given) is never guessed: it
raises `DateFormatError` saying so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from eventmap.dates import DateFormatError, normalise_digits, parse_date

_NUMERIC = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")  # GDELT's SQLDATE: 20201008
_SERIAL = re.compile(r"\d{5}(?:\.0+)?")
SERIAL_RANGE = (20_000, 60_000)  # Excel day numbers: 1954-10-03 .. 2064-04-10
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_SHARE = 0.8  # this share of a column's values must read as dates for it to be a column of dates


class Order(Enum):
    """How the column's numeric dates (`05/10/2020`) are read."""

    NONE = "no numeric dates"
    DAY_FIRST = "day first"
    MONTH_FIRST = "month first"
    UNDECIDED = "undecided"


@dataclass(frozen=True, slots=True)
class DateFormat:
    """How one column writes its dates, decided from all its values; `description` says it in words."""

    description: str
    order: Order = Order.NONE
    excel_serial: bool = False
    dates: int = 0  # values that read as dates by this decision
    values: int = 0  # non-empty values looked at
    contradicting: int = 0  # numeric dates against the column's order (read the other way only)
    undecided: int = 0  # numeric dates that read either way while the order is undecided

    def __str__(self) -> str:
        return self.description

    @property
    def is_dates(self) -> bool:
        """Whether the column is a column of dates (most of its values read as dates)."""
        return self.values > 0 and self.dates + self.undecided >= _DATE_SHARE * self.values

    def parse(self, text: str) -> dt.date:
        """The date in one cell of the column; raises `DateFormatError` naming the problem."""
        return _parse(text, order=self.order, excel_serial=self.excel_serial)


def _serial_date(text: str) -> dt.date:
    number = int(float(text))
    if not SERIAL_RANGE[0] <= number <= SERIAL_RANGE[1]:
        raise DateFormatError(f"{text!r} is outside the Excel day numbers of this column "
                              f"({SERIAL_RANGE[0]}..{SERIAL_RANGE[1]})")
    return _EXCEL_EPOCH + dt.timedelta(days=number)


def _compact(text: str) -> dt.date | None:
    match = _COMPACT.fullmatch(text)
    if match is None:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not 1800 <= year <= 2200:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=65536)
def _parse(text: str, *, order: Order, excel_serial: bool) -> dt.date:
    original = text
    text = " ".join(normalise_digits(text).split())
    if excel_serial and _SERIAL.fullmatch(text):
        return _serial_date(text)
    if (compact := _compact(text)) is not None:
        return compact
    match = _NUMERIC.fullmatch(text)
    if match is None:
        return parse_date(text.rstrip(" г.") if text.endswith((" г.", " г")) else text)
    first, second, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
    if first == second or (first > 12) != (second > 12):  # only one reading
        day, month = (first, second) if second <= 12 else (second, first)
        if order is Order.MONTH_FIRST and first > 12:
            raise DateFormatError(f"{original!r} can only be day first, but this column is month first "
                                  "(mm/dd/yyyy)")
        if order is Order.DAY_FIRST and second > 12:
            raise DateFormatError(f"{original!r} can only be month first, but this column is day first "
                                  "(dd/mm/yyyy)")
        return _make(year, month, day, original)
    if first > 12:
        raise DateFormatError(f"not a date: {original!r} (neither part can be a month)")
    if order is Order.DAY_FIRST:
        return _make(year, second, first, original)
    if order is Order.MONTH_FIRST:
        return _make(year, first, second, original)
    raise DateFormatError(
        f"{original!r} could be {_spoken(year, second, first)} or {_spoken(year, first, second)}, and the column "
        "does not say which (no day or month over 12): choose day first or month first (--dayfirst/--monthfirst)")


def _make(year: int, month: int, day: int, original: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateFormatError(f"day {day} does not exist in month {month} of {year} in {original!r}") from None


def _spoken(year: int, month: int, day: int) -> str:
    try:
        return dt.date(year, month, day).strftime("%-d %B %Y")
    except ValueError:
        return f"day {day} of month {month}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def decide_date_format(values: Iterable[str], *, dayfirst: bool | None = None) -> DateFormat:
    """How a column writes its dates, from all its (non-empty) values. `dayfirst` True or False is the
    user's choice for numeric dates (`05/10/2020`); None: decided by the values, or left undecided."""
    texts = [" ".join(normalise_digits(v).split()) for v in values if v and v.strip()]
    if not texts:
        return DateFormat("no dates")
    serial = all(_SERIAL.fullmatch(t) and SERIAL_RANGE[0] <= int(float(t)) <= SERIAL_RANGE[1] for t in texts)
    if serial:
        return DateFormat("Excel day numbers (days since 1899-12-30)", excel_serial=True, dates=len(texts),
                          values=len(texts))
    day_first = month_first = either = 0
    separators: set[str] = set()
    for text in texts:
        match = _NUMERIC.fullmatch(text)
        if match is None:
            continue
        separators.add(match.group(2))
        first, second = int(match.group(1)), int(match.group(3))
        if first > 12 >= second:
            day_first += 1
        elif second > 12 >= first:
            month_first += 1
        elif first != second and first <= 12 and second <= 12:
            either += 1
    numeric = day_first + month_first + either > 0 or any(_NUMERIC.fullmatch(t) for t in texts)
    sep = next(iter(separators)) if len(separators) == 1 else "/"
    dmy, mdy = sep.join(("dd", "mm", "yyyy")), sep.join(("mm", "dd", "yyyy"))
    contradicting = undecided = 0
    if not numeric:
        order, words = Order.NONE, ""
    elif dayfirst is not None:
        order = Order.DAY_FIRST if dayfirst else Order.MONTH_FIRST
        contradicting = month_first if dayfirst else day_first
        words = f"{dmy if dayfirst else mdy} ({'day' if dayfirst else 'month'} first: as chosen)"
    elif day_first and not month_first:
        order = Order.DAY_FIRST
        words = (f"{dmy} (day first: {_count(day_first, 'row')} {'has' if day_first == 1 else 'have'} "
                 "a first part over 12)")
    elif month_first and not day_first:
        order = Order.MONTH_FIRST
        words = (f"{mdy} (month first: {_count(month_first, 'row')} {'has' if month_first == 1 else 'have'} "
                 "a second part over 12)")
    elif day_first and month_first:
        order = Order.DAY_FIRST if day_first >= month_first else Order.MONTH_FIRST
        contradicting = min(day_first, month_first)
        words = (f"{dmy if order is Order.DAY_FIRST else mdy} (inconsistent: {day_first} rows only read day first, "
                 f"{month_first} only month first; {_count(contradicting, 'row')} against the majority "
                 f"{'is' if contradicting == 1 else 'are'} flagged)")
    elif either:
        order, undecided = Order.UNDECIDED, either
        words = (f"{dmy} or {mdy}: undecided ({_count(either, 'date')} could be read either way and none has "
                 "a day or month over 12)")
    else:
        order, words = Order.DAY_FIRST, dmy
    decided = DateFormat("", order=order)
    dates = 0
    kinds: list[str] = []
    for text in texts:
        try:
            decided.parse(text)
        except DateFormatError:
            continue
        dates += 1
        kinds.append(_kind(text))
    described = ", ".join(dict.fromkeys(k for k in kinds if k != "numeric"))
    description = "; ".join(part for part in (words, described) if part) or "no dates"
    return DateFormat(description, order=order, dates=dates, values=len(texts), contradicting=contradicting,
                      undecided=undecided)


def _kind(text: str) -> str:
    if _NUMERIC.fullmatch(text):
        return "numeric"
    if _compact(text) is not None:
        return "yyyymmdd"
    if re.match(r"\d{4}-\d{1,2}-\d{1,2}[T ]\d", text):
        return "timestamps (the local date as written)"
    if re.match(r"\d{4}[-/]\d{1,2}[-/]\d{1,2}$", text):
        return "ISO yyyy-mm-dd"
    return "month names"
