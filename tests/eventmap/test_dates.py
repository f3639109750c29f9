"""Dates as people write them: the accepted forms, and the messages for the rest."""

from __future__ import annotations

import datetime as dt

import pytest

from eventmap.dates import (
    DAY_FIRST,
    EITHER,
    MONTH_FIRST,
    DateFormatError,
    normalise_digits,
    numeric_date_order,
    parse_date,
)

OCT_9 = dt.date(2020, 10, 9)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-10-09", OCT_9),
        ("2020-10-9", OCT_9),
        ("2020/10/09", OCT_9),
        ("2020-10-09T13:50:00+03:00", OCT_9),
        ("2020-10-09 00:00:00.000", OCT_9),  # UCDP GED
        ("09/10/2020", OCT_9),  # day first
        ("9/10/2020", OCT_9),
        ("09.10.2020", OCT_9),
        ("09-10-2020", OCT_9),
        ("05/10/2020", dt.date(2020, 10, 5)),  # ambiguous: read day first, never month first
        ("13/10/2020", dt.date(2020, 10, 13)),
        ("09 October 2020", OCT_9),  # ACLED
        ("9 October 2020", OCT_9),
        ("9 oct 2020", OCT_9),
        ("9 Sept 2020", dt.date(2020, 9, 9)),
        ("9-Oct-20", OCT_9),  # Excel's d-mmm-yy
        ("09-Oct-2020", OCT_9),
        ("October 9, 2020", OCT_9),
        ("9th October 2020", OCT_9),
        ("  2020-10-09  ", OCT_9),
        ("٢٠٢٠-١٠-٠٩", OCT_9),  # Arabic-Indic digits
        ("٠٩/١٠/٢٠٢٠", OCT_9),
        ("۰۹/۱۰/۲۰۲۰", OCT_9),  # Persian digits
        ("٩ أكتوبر ٢٠٢٠", OCT_9),  # Arabic month name
        ("9 تشرين الأول 2020", OCT_9),  # Levantine month name
        ("\u200f09/10/2020", OCT_9),  # a right-to-left mark pasted from Arabic text
        ("29/02/2020", dt.date(2020, 2, 29)),
    ],
)
def test_accepted_dates(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty date"),
        ("10/13/2020", "'10/13/2020' is read day first (dd/mm/yyyy) and 13 is not a month; if the file writes "
                       "month first, write dates as yyyy-mm-dd (2020-10-13)"),
        ("13/13/2020", "month 13 does not exist in '13/13/2020'"),
        ("2020-13-01", "month 13 does not exist in '2020-13-01'"),
        ("31/09/2020", "day 31 does not exist in month 9 of 2020 in '31/09/2020'"),
        ("29/02/2021", "day 29 does not exist in month 2 of 2021"),
        ("09/10/20", "the year must have 4 digits (dd/mm/yyyy): '09/10/20'"),
        ("9 Octobre 2020", "unknown month name 'Octobre' in '9 Octobre 2020'"),
        ("yesterday", "not a date: 'yesterday' (use yyyy-mm-dd, dd/mm/yyyy or '09 October 2020')"),
        ("2020", "not a date: '2020'"),
        ("2020-10-09-01", "not a date"),
    ],
)
def test_rejected_dates_say_why(text: str, message: str) -> None:
    with pytest.raises(DateFormatError) as caught:
        parse_date(text)
    assert message in str(caught.value)


def test_date_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="not a date"):
        parse_date("soon")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("٠١٢٣٤٥٦٧٨٩", "0123456789"), ("۰۱۲۳۴۵۶۷۸۹", "0123456789"), ("٣٩٫٧٦", "39.76"), ("١٬٢٠٠", "1,200"),
     ("abc", "abc")],
)
def test_normalise_digits(text: str, expected: str) -> None:
    assert normalise_digits(text) == expected


@pytest.mark.parametrize(
    ("text", "order"),
    [("05/10/2020", EITHER), ("13/10/2020", DAY_FIRST), ("10/13/2020", MONTH_FIRST), ("10/10/2020", None),
     ("13/13/2020", None), ("2020-05-10", None), ("٠٥/١٠/٢٠٢٠", EITHER), ("5.10.2020", EITHER),
     ("09 October 2020", None), ("", None)],
)
def test_numeric_date_order(text: str, order: str | None) -> None:
    assert numeric_date_order(text) == order
