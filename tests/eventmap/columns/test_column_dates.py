"""Dates decided per column, from all its values: never guessed per row."""

from __future__ import annotations

import datetime as dt

import pytest

from eventmap.columns import Order, decide_date_format
from eventmap.dates import DateFormatError

D = dt.date


@pytest.mark.parametrize(
    ("values", "dayfirst", "order", "description", "expected"),
    [
        (["2020-10-09", "2020-10-13"], None, Order.NONE, "ISO yyyy-mm-dd", [D(2020, 10, 9), D(2020, 10, 13)]),
        (["13/10/2020", "05/10/2020"], None, Order.DAY_FIRST,
         "dd/mm/yyyy (day first: 1 row has a first part over 12)", [D(2020, 10, 13), D(2020, 10, 5)]),
        (["10/13/2020", "05/10/2020", "10/14/2020"], None, Order.MONTH_FIRST,
         "mm/dd/yyyy (month first: 2 rows have a second part over 12)",
         [D(2020, 10, 13), D(2020, 5, 10), D(2020, 10, 14)]),
        (["08.10.2020", "14.10.2020"], None, Order.DAY_FIRST,
         "dd.mm.yyyy (day first: 1 row has a first part over 12)", [D(2020, 10, 8), D(2020, 10, 14)]),
        (["05/10/2020"], True, Order.DAY_FIRST, "dd/mm/yyyy (day first: as chosen)", [D(2020, 10, 5)]),
        (["05/10/2020"], False, Order.MONTH_FIRST, "mm/dd/yyyy (month first: as chosen)", [D(2020, 5, 10)]),
        (["44112", "44113"], None, Order.NONE, "Excel day numbers (days since 1899-12-30)",
         [D(2020, 10, 8), D(2020, 10, 9)]),
        (["20201008", "20201009"], None, Order.NONE, "yyyymmdd", [D(2020, 10, 8), D(2020, 10, 9)]),
        (["2020-10-08T23:30:00-05:00", "2020-10-09T01:00:00Z"], None, Order.NONE,
         "timestamps (the local date as written)", [D(2020, 10, 8), D(2020, 10, 9)]),
        (["8 October 2020", "8 تشرين الأول 2020", "8 أكتوبر 2020", "8 октября 2020", "٨ أكتوبر ٢٠٢٠"], None,
         Order.NONE, "month names", [D(2020, 10, 8)] * 5),
    ],
)
def test_a_column_is_read_by_one_decision(values: list[str], dayfirst: bool | None, order: Order,
                                          description: str, expected: list[dt.date]) -> None:
    found = decide_date_format(values, dayfirst=dayfirst)
    assert found.order is order
    assert str(found) == description
    assert found.is_dates
    assert [found.parse(v) for v in values] == expected


def test_undecidable_column_leaves_ambiguous_dates_open() -> None:
    values = ["05/10/2020", "06/10/2020", "01/01/2020", "2020-10-09"]
    found = decide_date_format(values)
    assert found.order is Order.UNDECIDED
    assert found.undecided == 2
    assert "undecided" in str(found)
    assert found.is_dates
    for text in ("05/10/2020", "06/10/2020"):
        with pytest.raises(DateFormatError, match="--dayfirst/--monthfirst"):
            found.parse(text)
    assert found.parse("01/01/2020") == D(2020, 1, 1)  # reads the same either way
    assert found.parse("2020-10-09") == D(2020, 10, 9)


def test_inconsistent_column_flags_the_minority() -> None:
    found = decide_date_format(["13/10/2020", "14/10/2020", "10/15/2020", "05/10/2020"])
    assert found.order is Order.DAY_FIRST
    assert found.contradicting == 1
    assert "inconsistent" in str(found)
    with pytest.raises(DateFormatError, match="can only be month first"):
        found.parse("10/15/2020")
    assert found.parse("05/10/2020") == D(2020, 10, 5)


@pytest.mark.parametrize(
    ("values", "is_dates"),
    [(["soon", "later", "2020-10-08"], False), ([], False), (["12345"], False), (["70000"], False)],
)
def test_not_a_column_of_dates(values: list[str], is_dates: bool) -> None:
    assert decide_date_format(values).is_dates is is_dates
