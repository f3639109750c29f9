"""Reading dates and numbers as people write them: ISO, day-first, month names, Arabic-Indic digits.

The rule for numeric dates is **day first** (`dd/mm/yyyy`): `05/10/2020` is 5 October. A date whose
second part cannot be a month (`10/13/2020`) is an error that says the file looks month-first; it is
never swapped silently.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from base.errors import EventMapError

# Arabic-Indic (U+0660..U+0669) and Extended Arabic-Indic / Persian (U+06F0..U+06F9) digits, the Arabic
# decimal and thousands separators, and the Arabic comma.
_DIGITS = "٠١٢٣٤٥٦٧٨٩" + "۰۱۲۳۴۵۶۷۸۹"
_DIGIT_TABLE = str.maketrans({
    **{ch: str(i % 10) for i, ch in enumerate(_DIGITS)},
    "\u066b": ".",  # Arabic decimal separator
    "\u066c": ",",  # Arabic thousands separator
    "\u060c": ",",  # Arabic comma
    "\u200f": None,  # right-to-left mark
    "\u200e": None,  # left-to-right mark
    "\u061c": None,  # Arabic letter mark
})

MONTHS: dict[str, int] = {
    **{name: i for i, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
         "november", "december"), start=1)},
    **{name: i for i, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)},
    "sept": 9,
    # Arabic month names: Egyptian/Gulf usage, then Levantine/Iraqi usage.
    **{name: i for i, name in enumerate(
        ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
         "ديسمبر"), start=1)},
    "ابريل": 4, "إبريل": 4, "يونيه": 6, "يوليه": 7, "اكتوبر": 10,
    **{name: i for i, name in enumerate(
        ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول",
         "تشرين الثاني", "كانون الأول"), start=1)},
    "اذار": 3, "ايار": 5, "اب": 8, "ايلول": 9, "تشرين الاول": 10, "كانون الاول": 12,
    # Russian month names: genitive ("8 октября 2020"), then nominative.
    **{name: i for i, name in enumerate(
        ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
         "ноября", "декабря"), start=1)},
    **{name: i for i, name in enumerate(
        ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
         "ноябрь", "декабрь"), start=1)},
}

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_ISO_SLASH = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{2,4})")
_DAY_NAME_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[\s\-]+([^\W\d_]+(?: [^\W\d_]+)?)\.?,?[\s\-]+(\d{2}|\d{4})")
_NAME_DAY_YEAR = re.compile(r"([^\W\d_]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})")

# Two-digit years (`9-Oct-20`) below this are 20xx, others 19xx.
TWO_DIGIT_YEAR_PIVOT = 70


class DateFormatError(EventMapError, ValueError):
    """A text is not a date in any accepted form; the message says what is wrong."""


def normalise_digits(text: str) -> str:
    """`text` with Arabic-Indic and Persian digits as ASCII digits and Arabic separators as `.` `,`."""
    return text.translate(_DIGIT_TABLE)


def _full_year(year_text: str, original: str) -> int:
    if len(year_text) == 4:
        return int(year_text)
    if len(year_text) == 2:
        year = int(year_text)
        return 2000 + year if year < TWO_DIGIT_YEAR_PIVOT else 1900 + year
    raise DateFormatError(f"the year must have 4 digits: {original!r}")


def _make(year: int, month: int, day: int, original: str) -> dt.date:
    if not 1 <= month <= 12:
        raise DateFormatError(f"month {month} does not exist in {original!r}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateFormatError(f"day {day} does not exist in month {month} of {year} in {original!r}") from None


@lru_cache(maxsize=65536)
def parse_date(text: str) -> dt.date:
    """The date written in `text`.

    Accepted: ISO `2020-10-09` (a time part is ignored), `2020/10/09`, day-first `09/10/2020`,
    `9/10/2020`, `09.10.2020`, `09-10-2020`, month names `09 October 2020`, `9 Oct 2020`, `9-Oct-20`,
    `October 9, 2020`, Arabic month names `9 أكتوبر 2020`, Russian `9 октября 2020`, and all of these
    with Arabic-Indic digits.
    Raises `DateFormatError` with a message that names the problem.
    """
    original = text
    text = " ".join(normalise_digits(text).split())
    if not text:
        raise DateFormatError("empty date")
    if match := _ISO.fullmatch(text) or _ISO_SLASH.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
        return _make(year, month, day, original)
    if match := _DAY_FIRST.fullmatch(text):
        day, month = int(match.group(1)), int(match.group(3))
        year_text = match.group(4)
        if len(year_text) != 4:
            raise DateFormatError(f"the year must have 4 digits (dd/mm/yyyy): {original!r}")
        if month > 12 and day <= 12:
            raise DateFormatError(
                f"{original!r} is read day first (dd/mm/yyyy) and {month} is not a month; if the file writes "
                f"month first, write dates as yyyy-mm-dd ({int(year_text):04d}-{day:02d}-{month:02d})"
            )
        return _make(int(year_text), month, day, original)
    if match := _DAY_NAME_YEAR.fullmatch(text):
        day_text, month_name, year_text = match.groups()
        return _make(_full_year(year_text, original), _month(month_name, original), int(day_text), original)
    if match := _NAME_DAY_YEAR.fullmatch(text):
        month_name, day_text, year_text = match.groups()
        return _make(int(year_text), _month(month_name, original), int(day_text), original)
    raise DateFormatError(
        f"not a date: {original!r} (use yyyy-mm-dd, dd/mm/yyyy or '09 October 2020')"
    )


def _month(name: str, original: str) -> int:
    month = MONTHS.get(name.lower())
    if month is None:
        raise DateFormatError(f"unknown month name {name!r} in {original!r}")
    return month


EITHER, DAY_FIRST, MONTH_FIRST = "either", "day first", "month first"


@lru_cache(maxsize=4096)
def numeric_date_order(text: str) -> str | None:
    """How a numeric date such as `05/10/2020` can be read: `EITHER` (day and month could be swapped),
    `DAY_FIRST` (only day first makes sense: `13/10/2020`), `MONTH_FIRST` (only month first does:
    `10/13/2020`); None for other forms, and when both parts are equal or neither can be a month."""
    match = _DAY_FIRST.fullmatch(" ".join(normalise_digits(text).split()))
    if match is None:
        return None
    first, second = int(match.group(1)), int(match.group(3))
    if first == second or (first > 12 and second > 12):
        return None
    if first <= 12 and second <= 12:
        return EITHER
    return DAY_FIRST if first > 12 else MONTH_FIRST
