"""Delimited text: GDELT files without a header get GDELT's columns; other headerless files are refused."""

from __future__ import annotations

import pytest

from base.errors import DataFileError, LimitExceededError
from eventmap.imports.gdelt import COLUMNS_1_0, COLUMNS_1_0_DAILY, COLUMNS_2_0
from eventmap.readers.delimited import headerless_layout, looks_like_data, read_delimited


def gdelt_line(width: int, event_id: str = "951300001", date: str = "20201008") -> str:
    cells = [event_id, date, *(["x"] * (width - 2))]
    return "\t".join(cells)


@pytest.mark.parametrize("columns", [COLUMNS_1_0, COLUMNS_1_0_DAILY, COLUMNS_2_0])
def test_headerless_gdelt_files_get_the_published_columns(columns: tuple[str, ...]) -> None:
    width = len(columns)
    data = f"{gdelt_line(width)}\n{gdelt_line(width, '951300002')}\n".encode()
    table = read_delimited(data, name="20201008.export.CSV")
    assert table.header == list(columns)
    assert table.header_line == 0
    assert [(row.line, row.cells[0]) for row in table.rows] == [(1, "951300001"), (2, "951300002")]


@pytest.mark.parametrize(
    ("first", "layout"),
    [
        (gdelt_line(61).split("\t"), COLUMNS_2_0),
        (gdelt_line(58).split("\t"), COLUMNS_1_0_DAILY),
        (gdelt_line(60).split("\t"), None),  # not a GDELT width
        (gdelt_line(61, date="20201308").split("\t"), None),  # no month 13
        (gdelt_line(61, event_id="GLOBALEVENTID", date="SQLDATE").split("\t"), None),  # a header
    ],
)
def test_headerless_layout(first: list[str], layout: tuple[str, ...] | None) -> None:
    assert headerless_layout(first) == layout


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["1", "2020-10-08", "39.76", "46.75"], True),
        (["17", "08/10/2020", "-3,5"], True),
        (["951300001", "20201008", "ARMENIA", "AZERBAIJAN"], True),  # half of them values
        (["1", "2"], True),
        (["event_id", "date", "latitude"], False),
        (["id", "2020-10-08", "Shusha"], False),  # one value: the header of a table with a dated column
        (["17", "", ""], False),
    ],
)
def test_looks_like_data(cells: list[str], expected: bool) -> None:
    assert looks_like_data(cells) is expected


def test_a_headerless_file_of_unknown_layout_is_refused() -> None:
    with pytest.raises(DataFileError) as caught:
        read_delimited(b"1,2020-10-08,39.76,46.75\n2,2020-10-09,39.8,46.7\n", name="f.csv")
    assert str(caught.value) == (
        "f.csv: the file has no header row: its first line is data ('1', '2020-10-08', '39.76', '46.75'), and its "
        "layout (4 columns) is not one known without a header (GDELT events: 57, 58, 61 columns); add a row of "
        "column names")


def test_a_file_with_a_header_is_read_as_it_is() -> None:
    table = read_delimited(b"event_id,date\nE1,2020-10-08\n", name="f.csv")
    assert (table.header, table.header_line, [r.line for r in table.rows]) == (["event_id", "date"], 1, [2])


def test_the_first_row_of_a_headerless_file_counts_towards_the_limit() -> None:
    data = "".join(gdelt_line(61, str(n)) + "\n" for n in range(1, 4)).encode()
    assert len(read_delimited(data, name="f", max_rows=3).rows) == 3
    with pytest.raises(LimitExceededError, match="f: the file has 3 data rows; the limit is 2 rows"):
        read_delimited(data, name="f", max_rows=2)
