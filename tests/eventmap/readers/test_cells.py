"""Typed values as the text a person sees, nested records as flat columns."""

from __future__ import annotations

import datetime as dt
import decimal

import pytest

from base.errors import LimitExceededError
from eventmap.readers.cells import TableKind, cell_text, check_rows, flatten, records_table


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        ("Shusha", "Shusha"),
        (True, "true"),
        (False, "false"),
        (3, "3"),
        (3.0, "3"),  # spreadsheets store every number as a float
        (-0.0, "0"),
        (39.8177, "39.8177"),
        (1e20, "1e+20"),  # too large to be an exact whole number: as it is
        (float("nan"), ""),
        (decimal.Decimal("12.50"), "12.50"),
        (decimal.Decimal("12.00"), "12"),
        (dt.date(2020, 10, 8), "2020-10-08"),
        (dt.datetime(2020, 10, 8, 14, 30), "2020-10-08T14:30:00"),
        (dt.datetime(2020, 10, 8), "2020-10-08"),  # a date cell that some readers give with a time
        (dt.datetime(2020, 10, 8, 14, 30, tzinfo=dt.UTC), "2020-10-08T14:30:00+00:00"),
        (dt.time(9, 30), "09:30:00"),
        (dt.timedelta(hours=1, minutes=5), "1:05:00"),
        (b"Ganja", "Ganja"),
        (["a", "", "b", None], "a; b"),
        ({"a": 1, "b": "x"}, "a: 1; b: x"),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


@pytest.mark.parametrize(
    ("record", "flat"),
    [
        ({"id": 1, "place": {"name": "Shusha", "geo": {"lat": 39.76}}},
         {"id": "1", "place.name": "Shusha", "place.geo.lat": "39.76"}),
        ({"tags": ["shelling", "night"]}, {"tags": "shelling; night"}),
        ({"tags": []}, {"tags": ""}),
        ({"sources": [{"url": "https://a", "title": "A"}, {"url": "https://b"}]},
         {"sources.url": "https://a; https://b", "sources.title": "A"}),
        ({"n": None, "ok": True}, {"n": "", "ok": "true"}),
    ],
)
def test_flatten(record: dict[str, object], flat: dict[str, str]) -> None:
    assert flatten(record) == flat


def test_records_table_keeps_every_column_and_every_record() -> None:
    table = records_table([(1, {"a": "1"}, ""), (2, None, "record 2 is a number"), (3, {"b": "2", "a": "3"}, "")],
                          kind=TableKind.JSON)
    assert table.header == ["a", "b"]
    assert [(r.line, r.cells, r.defect) for r in table.rows] == [
        (1, ["1", ""], ""), (2, ["", ""], "record 2 is a number"), (3, ["3", "2"], "")]
    assert (table.kind, table.line_unit, table.header_line) == ("json", "record", 0)


@pytest.mark.parametrize(("count", "limit", "raises"), [(10, 10, False), (11, 10, True), (10**6, None, False)])
def test_check_rows(count: int, limit: int | None, raises: bool) -> None:
    if raises:
        with pytest.raises(LimitExceededError, match=r"f.json: the file has 11 records; the limit is 10 rows"):
            check_rows(count, name="f.json", max_rows=limit)
    else:
        check_rows(count, name="f.json", max_rows=limit)
