"""A first look at an uploaded table, before it is loaded: its header, first rows, sheets, and whether
its columns need mapping onto the schema (it is neither the project's schema nor a known export).

Pure: no streamlit. The dashboard's mapping step shows this preview beside the guessed mapping.
"""

from __future__ import annotations

from dataclasses import dataclass

from base.reading import normalise_header
from eventmap.columns.table import is_project_header
from eventmap.imports import IMPORTERS, detect_format
from eventmap.imports.detect import PROJECT
from eventmap.readers import read_any
from eventmap.validation import FRAME_COLUMNS

PREVIEW_ROWS = 10  # rows shown to the user
SAMPLE_ROWS = 500  # rows the guess looks at
# Column names the readers look for to find a sheet's header (as the loader does).
KNOWN_COLUMNS = frozenset(FRAME_COLUMNS) | frozenset().union(*(m.KNOWN_COLUMNS for m in IMPORTERS.values()))


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
    """Whether a table's columns must be mapped: not a known export, and not meant as the project's schema
    (the loader's own test, `is_project_header`)."""
    names = [normalise_header(cell) for cell in header]
    return detect_format(names) == PROJECT and not is_project_header(names)


def preview_table(data: bytes, *, name: str, sheet: str | None = None, max_rows: int | None = None) -> TablePreview:
    """The header and first rows of the table in `data` (raises the reader's `DataFileError` for a file that
    is not a table)."""
    table = read_any(data, name=name, sheet=sheet, max_rows=max_rows, known_columns=KNOWN_COLUMNS)
    header = tuple(table.header)
    rows = tuple(tuple(row.cells) for row in table.rows[:SAMPLE_ROWS])
    return TablePreview(header=header, rows=rows, sheets=tuple(table.sheets), sheet=table.sheet,
                        needs_mapping=needs_mapping(header))


def unique_columns(header: tuple[str, ...]) -> list[str]:
    """The header with every name made unique and non-empty, for a preview table ("(column 3)", "date (2)")."""
    seen: dict[str, int] = {}
    names: list[str] = []
    for number, cell in enumerate(header, start=1):
        name = cell.strip() or f"(column {number})"
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names
