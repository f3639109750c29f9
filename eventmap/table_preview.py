"""A first look at an uploaded table, before it is loaded: its header, first rows, sheets, and whether
its columns need mapping onto the schema (it is neither the project's schema nor a known export).

Pure: no streamlit. The dashboard's mapping step shows this preview beside the guessed mapping.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventmap.imports import detect_format
from eventmap.imports.detect import PROJECT
from eventmap.reading import normalise_header, read_table
from eventmap.schema import REQUIRED_COLUMNS

PREVIEW_ROWS = 10  # rows shown to the user
SAMPLE_ROWS = 500  # rows the guess looks at
_PROJECT_SHARE = 0.6  # a header with this share of the required columns is meant as the project's schema


@dataclass(frozen=True, kw_only=True)
class TablePreview:
    header: tuple[str, ...]  # as written
    rows: tuple[tuple[str, ...], ...]  # the first `SAMPLE_ROWS` rows, raw cells
    sheets: tuple[str, ...] = ()  # every sheet of a workbook
    sheet: str = ""  # the sheet read
    needs_mapping: bool = False

    @property
    def shown_rows(self) -> tuple[tuple[str, ...], ...]:
        return self.rows[:PREVIEW_ROWS]

    def column_values(self, column: str) -> list[str]:
        """The sampled values of one column (by its name as written; the first column of that name)."""
        if column not in self.header:
            return []
        index = self.header.index(column)
        return [row[index] for row in self.rows if index < len(row)]


def needs_mapping(header: list[str] | tuple[str, ...]) -> bool:
    """Whether a table's columns must be mapped: not an ACLED or UCDP export, and not meant as the project's
    schema (fewer than `_PROJECT_SHARE` of its required columns)."""
    names = [normalise_header(cell) for cell in header]
    if detect_format(names) != PROJECT:
        return False
    present = set(names)
    return sum(1 for c in REQUIRED_COLUMNS if c in present) < _PROJECT_SHARE * len(REQUIRED_COLUMNS)


def preview_table(data: bytes, *, name: str, sheet: str | None = None, max_rows: int | None = None) -> TablePreview:
    """The header and first rows of the table in `data` (raises the reader's `DataFileError` for a file that
    is not a table)."""
    table = read_table(data, name=name, max_rows=max_rows)
    del sheet  # one sheet only until the readers take workbooks
    header = tuple(table.header)
    rows = tuple(tuple(row.cells) for row in table.rows[:SAMPLE_ROWS])
    return TablePreview(header=header, rows=rows, sheets=tuple(getattr(table, "sheets", ()) or ()),
                        sheet=str(getattr(table, "sheet", "") or ""), needs_mapping=needs_mapping(header))


def unique_columns(header: tuple[str, ...]) -> list[str]:
    """The header with every name made unique and non-empty, for a preview table ("(column 3)", "date (2)")."""
    seen: dict[str, int] = {}
    names: list[str] = []
    for number, cell in enumerate(header, start=1):
        name = cell.strip() or f"(column {number})"
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names
