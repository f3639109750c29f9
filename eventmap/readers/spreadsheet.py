"""Workbooks: Excel (.xlsx, .xlsm, .xlsb, .xls) and OpenDocument (.ods) sheets, through python-calamine.

One sheet is one table: the first row with any text is the header, blank rows are skipped, an HXL hashtag
row under the header is skipped as in CSV files. Cells are the text a person sees (dates as ISO dates,
whole numbers without `.0`; see `cells.cell_text`) and `RawRow.line` is the spreadsheet's row number, so
a problem at `book.xlsx:7` is on row 7 of the sheet. Without a `sheet`, the first sheet whose header names
known columns is read (else the first with data, so that a cover sheet does not hide the events);
`Table.sheets` lists every sheet so that the user can choose another.
"""

from __future__ import annotations

import io

import python_calamine as calamine

from eventmap.errors import DataFileError
from eventmap.readers.cells import LineUnit, TableKind, cell_text, check_rows
from eventmap.reading import RawRow, Table, is_hxl_row, normalise_header

_ENOUGH_KNOWN = 2  # known column names in a sheet's first row that make it the events sheet
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
        what = "an OpenDocument spreadsheet" if kind is TableKind.ODS else "an Excel workbook"
        raise DataFileError(f"{name}: not a readable {what}: {exc}") from None


def _rows(sheet: calamine.CalamineSheet) -> list[tuple[int, list[str]]]:
    """The sheet's rows with text, as `(row number, cells)`; rows are numbered from 1 as in the spreadsheet."""
    rows = []
    for number, values in enumerate(sheet.iter_rows(), start=1):
        cells = [cell_text(v).strip() if isinstance(v, str) else cell_text(v) for v in values]
        if any(cell.strip() for cell in cells):
            rows.append((number, cells))
    return rows


def _names(names: list[str]) -> str:
    return ", ".join(repr(n) for n in names)


def _known(rows: list[tuple[int, list[str]]], known_columns: frozenset[str]) -> int:
    return sum(1 for cell in rows[0][1] if normalise_header(cell) in known_columns) if rows else 0


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
                if _known(found, known_columns) >= _ENOUGH_KNOWN:
                    chosen, rows = candidate, found
                    break
    except _CALAMINE_ERRORS as exc:
        raise DataFileError(f"{name}: a sheet cannot be read: {exc}") from None
    if not rows:
        where = f"sheet {sheet!r}" if sheet is not None else f"any of its sheets ({_names(names)})"
        raise DataFileError(f"{name}: the workbook has no data in {where}")
    (header_line, header), body = rows[0], rows[1:]
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
                 encoding="", delimiter="", skipped_lines=skipped, kind=kind.value, sheets=tuple(names),
                 sheet=chosen, line_unit=LineUnit.ROW.value,
                 has_nul=any("\x00" in c for _, cells in body for c in cells))


def _trimmed(cells: list[str], width: int) -> list[str]:
    """A row cut to the header's width when the cells beyond it are empty (calamine pads every row)."""
    if len(cells) > width and not any(c.strip() for c in cells[width:]):
        return cells[:width]
    return cells
