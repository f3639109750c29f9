"""Workbooks: Excel (.xlsx, .xlsm, .xlsb, .xls) and OpenDocument (.ods) sheets, through python-calamine.

One sheet is one table: the header is the first row with text, or, when known column names are given, the
first of the top rows that names two of them (a title above it is skipped, with a warning that shows it);
blank rows are skipped, and an HXL hashtag row under the header is skipped as in CSV files. Cells are the
text a person sees (dates as ISO dates, whole numbers without `.0`; see `cells.cell_text`) and `RawRow.line`
is the spreadsheet's row number, so a problem at `book.xlsx:7` is on row 7 of the sheet. Without a `sheet`,
the first sheet whose header names known columns is read (else the first with data, so that a cover sheet
does not hide the events); `Table.sheets` lists every sheet so that the user can choose another.

Known limit: python-calamine gives a cell holding a formula error (`#DIV/0!`, `#N/A`) as an empty cell, so
such a cell reads as empty (and a required column is then reported as missing in that row).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import python_calamine as calamine

from base.errors import DataFileError
from base.problems import Problem, Severity
from base.reading import RawRow, Table, is_hxl_row, normalise_header
from eventmap.readers.cells import LineUnit, TableKind, cell_text, check_rows, number_text
from eventmap.validation import shorten

_ENOUGH_KNOWN = 2  # known column names in a row that make it the header, and its sheet the events sheet
_HEADER_SEARCH_ROWS = 10  # the header is looked for in this many rows with text at the top of a sheet
_CALAMINE_ERRORS = (calamine.CalamineError, calamine.ZipError, calamine.XmlError, ValueError, OSError)


def _open(data: bytes, *, name: str, kind: TableKind) -> calamine.CalamineWorkbook:
    try:
        return calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except calamine.PasswordError:
        raise DataFileError(f"{name}: the workbook is protected by a password; save a copy without one") from None
    except _CALAMINE_ERRORS as exc:
        if kind is TableKind.XLS:
            raise DataFileError(f"{name}: an old Office file that is not a readable Excel workbook (a Word "
                                f"document?): {exc}; save the table as CSV or .xlsx") from None
        what = "OpenDocument spreadsheet" if kind is TableKind.ODS else "Excel workbook"
        raise DataFileError(f"{name}: not a readable {what}: {exc}") from None


# The text of the cell types calamine gives most often, by exact type (a `datetime` is not a `date` here,
# nor a `bool` an `int`); any other value goes through `cell_text`. Same text as `cell_text`, fewer checks.
_FAST_TEXT: dict[type, Callable[[Any], str]] = {
    str: str.strip, float: number_text, int: str, dt.date: dt.date.isoformat,
}


def _rows(sheet: calamine.CalamineSheet) -> list[tuple[int, list[str]]]:
    """The sheet's rows with text, as `(row number, cells)`; rows are numbered from 1 as in the spreadsheet."""
    rows = []
    fast = _FAST_TEXT.get
    for number, values in enumerate(sheet.iter_rows(), start=1):
        cells = [(fast(type(v)) or cell_text)(v) for v in values]
        if any(cells):  # every cell's text is stripped or cannot be blank (a number, a date)
            rows.append((number, cells))
    return rows


def _names(names: list[str]) -> str:
    return ", ".join(repr(n) for n in names)


def _header_index(rows: list[tuple[int, list[str]]], known_columns: frozenset[str]) -> int | None:
    """The index in `rows` of the first of the top rows that names two or more known columns, or None."""
    for index, (_, cells) in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        if sum(1 for cell in cells if normalise_header(cell) in known_columns) >= _ENOUGH_KNOWN:
            return index
    return None


def read_workbook(data: bytes, *, name: str, kind: TableKind, sheet: str | None = None, max_rows: int | None = None,
                  known_columns: frozenset[str] = frozenset()) -> Table:
    """One sheet of a workbook as a table: `sheet` by name; else the first whose header has two or more of
    `known_columns`; else the first with data.

    Raises `DataFileError` for a damaged or protected workbook, an unknown sheet (naming the sheets) or a
    workbook without data, and `LimitExceededError` above `max_rows` data rows.
    """
    book = _open(data, name=name, kind=kind)
    names = list(book.sheet_names)
    if sheet is not None and sheet not in names:
        raise DataFileError(f"{name}: no sheet {sheet!r}; the sheets are {_names(names)}")
    try:
        if sheet is not None:
            chosen, rows = sheet, _rows(book.get_sheet_by_name(sheet))
        else:
            chosen, rows = "", []
            for candidate in names:
                found = _rows(book.get_sheet_by_name(candidate))
                if found and not rows:
                    chosen, rows = candidate, found  # the first with data, unless one has known columns
                if _header_index(found, known_columns) is not None:
                    chosen, rows = candidate, found
                    break
    except _CALAMINE_ERRORS as exc:
        raise DataFileError(f"{name}: a sheet cannot be read: {exc}") from None
    if not rows:
        where = f"sheet {sheet!r}" if sheet is not None else f"any of its sheets ({_names(names)})"
        raise DataFileError(f"{name}: the workbook has no data in {where}")
    start = _header_index(rows, known_columns) or 0
    (header_line, header), body = rows[start], rows[start + 1:]
    problems = [_title_warning(rows[:start], name=name, sheet=chosen)] if start else []
    skipped = []
    if body and is_hxl_row(body[0][1]):
        skipped.append(body[0][0])
        body = body[1:]
    check_rows(len(body), name=f"{name} (sheet {chosen!r})", max_rows=max_rows, unit="data rows")
    width = len(header)
    while width and not header[width - 1].strip():
        width -= 1  # empty columns at the right of the header: cells there are reported by the loader
    return Table(header=header[:width], header_line=header_line,
                 rows=[RawRow(number, _trimmed(cells, width), number) for number, cells in body],
                 encoding="", delimiter="", problems=problems, skipped_lines=skipped, kind=kind.value,
                 sheets=tuple(names),
                 sheet=chosen, line_unit=LineUnit.ROW.value,
                 has_nul=any("\x00" in "".join(cells) for _, cells in body))


def _title_warning(above: list[tuple[int, list[str]]], *, name: str, sheet: str) -> Problem:
    """The warning that the rows above a sheet's header were read as its title."""
    first, last = above[0][0], above[-1][0]
    rows = f"row {first}" if first == last else f"rows {first}-{last}"
    text = " ".join(cell for _, cells in above for cell in cells if cell.strip())
    return Problem(name, None, None, f"sheet {sheet!r}: {rows} above the header read as a title, not as events",
                   shorten(text), Severity.WARNING)


def _trimmed(cells: list[str], width: int) -> list[str]:
    """A row cut to the header's width when the cells beyond it are empty (calamine pads every row)."""
    if len(cells) > width and not any(c.strip() for c in cells[width:]):
        return cells[:width]
    return cells
