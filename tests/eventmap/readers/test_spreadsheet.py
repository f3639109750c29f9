"""Workbooks: one sheet as a table, cells as a person sees them, rows numbered as in the spreadsheet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from data.workbooks import Sheet, ods, xls, xlsx

from base.errors import DataFileError, LimitExceededError
from eventmap.readers.cells import TableKind
from eventmap.readers.spreadsheet import read_workbook

DATA = Path(__file__).resolve().parents[2] / "data"
WRITERS: list[tuple[Callable[[Sequence[Sheet]], bytes], TableKind]] = [
    (xlsx, TableKind.XLSX), (ods, TableKind.ODS), (xls, TableKind.XLS)]
KNOWN = frozenset({"event_id", "date", "location"})
EVENTS: Sheet = ("Events", [
    None,  # a blank first row: the header is on row 2
    ["event_id", "date", "when", "latitude", "fatalities", "checked", ""],
    ["E1", dt.date(2020, 10, 8), dt.datetime(2020, 10, 8, 14, 30), 39.8177, 3.0, True],
    None,
    ["E2", "08/10/2020", None, 40.0, 12, False],
])


@pytest.mark.parametrize(("write", "kind"), WRITERS)
def test_cells_are_text_as_a_person_sees_them(write: Callable[[Sequence[Sheet]], bytes], kind: TableKind) -> None:
    table = read_workbook(write([EVENTS]), name="book", kind=kind)
    assert table.header == ["event_id", "date", "when", "latitude", "fatalities", "checked"]
    assert table.header_line == 2
    assert [(row.line, row.cells) for row in table.rows] == [
        (3, ["E1", "2020-10-08", "2020-10-08T14:30:00", "39.8177", "3", "true"]),
        (5, ["E2", "08/10/2020", "", "40", "12", "false"]),  # text stays as written: the loader parses dates
    ]
    assert (table.kind, table.line_unit, table.sheets, table.sheet) == (kind.value, "row", ("Events",), "Events")


@pytest.mark.parametrize(("write", "kind"), WRITERS)
def test_padded_text_is_trimmed_and_rows_of_spaces_are_blank(write: Callable[[Sequence[Sheet]], bytes],
                                                             kind: TableKind) -> None:
    sheet: Sheet = ("S", [["  event_id ", "date", "n"], ["   ", " \t", None], [" E1 ", dt.date(2020, 10, 8), -2.5],
                          ["E2", "", 0.0]])
    table = read_workbook(write([sheet]), name="book", kind=kind)
    assert table.header == ["event_id", "date", "n"]
    assert [(row.line, row.cells) for row in table.rows] == [(3, ["E1", "2020-10-08", "-2.5"]), (4, ["E2", "", "0"])]


@pytest.mark.parametrize(("write", "kind"), WRITERS)
@pytest.mark.parametrize(
    ("sheet", "known", "chosen"),
    [
        (None, KNOWN, "Events"),  # the sheet whose header names known columns
        (None, frozenset(), "About"),  # else the first with data (an empty first sheet is passed over)
        ("About", KNOWN, "About"),
    ],
)
def test_which_sheet_is_read(write: Callable[[Sequence[Sheet]], bytes], kind: TableKind, sheet: str | None,
                             known: frozenset[str], chosen: str) -> None:
    book = write([("Empty", []), ("About", [["Events of 8 October 2020"], ["by the project"]]), EVENTS])
    table = read_workbook(book, name="book", kind=kind, sheet=sheet, known_columns=known)
    assert table.sheet == chosen
    assert table.sheets == ("Empty", "About", "Events")


@pytest.mark.parametrize(("write", "kind"), WRITERS)
@pytest.mark.parametrize(
    ("sheets", "sheet", "message"),
    [
        ([EVENTS, ("Notes", [["x"]])], "Sheet9", "book: no sheet 'Sheet9'; the sheets are 'Events', 'Notes'"),
        ([("A", []), ("B", [])], None, "book: the workbook has no data in any of its sheets ('A', 'B')"),
        ([EVENTS, ("B", [])], "B", "book: the workbook has no data in sheet 'B'"),
    ],
)
def test_unusable_sheets(write: Callable[[Sequence[Sheet]], bytes], kind: TableKind, sheets: list[Sheet],
                         sheet: str | None, message: str) -> None:
    with pytest.raises(DataFileError) as caught:
        read_workbook(write(sheets), name="book", kind=kind, sheet=sheet)
    assert str(caught.value) == message


def test_an_hxl_row_under_the_header_is_skipped() -> None:
    book = xlsx([("ACLED", [["event_id_cnty", "event_date"], ["#event+code", "#date+occurred"], ["ARM1", "x"]])])
    table = read_workbook(book, name="book", kind=TableKind.XLSX)
    assert table.skipped_lines == [2]
    assert [row.line for row in table.rows] == [3]


def test_row_limit() -> None:
    book = xlsx([("S", [["a", "b"], *([["1", "2"]] * 5)])])
    assert len(read_workbook(book, name="book", kind=TableKind.XLSX, max_rows=5).rows) == 5
    with pytest.raises(LimitExceededError, match=r"book \(sheet 'S'\): the file has 5 data rows; the limit is 4"):
        read_workbook(book, name="book", kind=TableKind.XLSX, max_rows=4)


@pytest.mark.parametrize(
    ("data", "kind", "message"),
    [
        (b"PK\x03\x04" + bytes(200), TableKind.XLSX, "book: not a readable Excel workbook"),
        (b"PK\x03\x04" + bytes(200), TableKind.ODS, "book: not a readable OpenDocument spreadsheet"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), TableKind.XLS,
         "book: an old Office file that is not a readable Excel workbook"),
    ],
)
def test_damaged_workbooks(data: bytes, kind: TableKind, message: str) -> None:
    with pytest.raises(DataFileError) as caught:
        read_workbook(data, name="book", kind=kind)
    assert str(caught.value).startswith(message)


def test_cells_beyond_the_header_are_kept_for_the_loader_to_report() -> None:
    book = xlsx([("S", [["a", "b"], ["1", "2", "stray"], ["3", "4"]])])
    table = read_workbook(book, name="book", kind=TableKind.XLSX)
    assert [row.cells for row in table.rows] == [["1", "2", "stray"], ["3", "4"]]


@pytest.mark.parametrize(("write", "kind"), WRITERS)
def test_a_title_above_the_header_is_skipped_with_a_warning(write: Callable[[Sequence[Sheet]], bytes],
                                                           kind: TableKind) -> None:
    sheet: Sheet = ("Events", [["Events of 8 October 2020"], ["compiled by the project"], None,
                               ["event_id", "date", "location"], ["E1", "2020-10-08", "Shusha"]])
    table = read_workbook(write([sheet]), name="book", kind=kind, known_columns=KNOWN)
    assert (table.header, table.header_line, [r.line for r in table.rows]) == (["event_id", "date", "location"], 4,
                                                                                [5])
    assert [str(p) for p in table.problems] == [
        "book: warning: sheet 'Events': rows 1-2 above the header read as a title, not as events "
        "(got 'Events of 8 October 2020 compiled by the project')"]
    assert read_workbook(write([sheet]), name="book", kind=kind).header == ["Events of 8 October 2020"]  # no names
