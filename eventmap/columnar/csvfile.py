"""A CSV file's bytes -> string columns with pyarrow, or None when the row reader must read it.

pyarrow reads the common file (UTF-8, one header line, one record per physical line) in a fraction of the
time of Python's `csv` module. Whatever it would read differently from `base.reading.read_table` sends the
file back to the row reader, which reports each oddity on its line: other encodings, NUL characters,
undecodable bytes, quoted line breaks, blank lines, rows with the wrong number of cells. An HXL hashtag
row under the header is skipped and a headerless GDELT file gets its published header, as the row reader
does. So a file read here gives the same header, cells and line numbers as the row reader would.
"""

from __future__ import annotations

import codecs
import csv
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from base.errors import DataFileError, LimitExceededError
from base.problems import Problem
from base.reading import detect_delimiter, is_hxl_row
from eventmap.readers.delimited import headerless_layout

_SAMPLE_BYTES = 256 * 1024
_SAMPLE_CHARS = 64 * 1024
_MAX_CONTROL_SHARE = 0.05  # as base.reading: more control characters than this: not a text file
_MIN_CONTROLS = 8
# Bytes the row reader treats in its own way: NUL (removed, with a warning), U+FFFD (reported), the
# separators Python's str.strip() removes but Arrow's trim keeps (U+001C..U+001F), a bare carriage return.
_ROW_READER_BYTES = (b"\x00", b"\xef\xbf\xbd", b"\x1c", b"\x1d", b"\x1e", b"\x1f")
_OTHER_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_BLOCK_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ColumnTable:
    """A CSV file as string columns: the header as written, one column of cells as read (not stripped) per
    header cell, and each row's physical line."""

    header: list[str]
    columns: list[pa.ChunkedArray]
    lines: np.ndarray  # int64, the physical line of each row
    encoding: str
    delimiter: str
    # What a table the readers made carries over (`eventmap.columnar.tables`); a CSV file read here has none.
    kind: str = "csv"
    sheets: tuple[str, ...] = ()
    sheet: str = ""
    line_unit: str = "line"
    problems: tuple[Problem, ...] = ()

    @property
    def num_rows(self) -> int:
        return len(self.lines)


def _sample_text(body: bytes) -> str | None:
    """The first characters of the file as text; None when they hold many control characters (the row
    reader then says it is binary)."""
    sample = body[:_SAMPLE_BYTES].decode("utf-8", errors="ignore")[:_SAMPLE_CHARS]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n")
    if controls > max(_MAX_CONTROL_SHARE * len(sample), _MIN_CONTROLS):
        return None
    return sample


def _header(sample: str, delimiter: str) -> list[str] | None:
    """The header on the file's first line, or None when the file does not start with one line of names."""
    first, newline, _ = sample.partition("\n")
    if not newline or not first.strip() or first.count('"') % 2:
        return None
    cells = next(csv.reader([first.rstrip("\r")], delimiter=delimiter, quotechar='"'), [])
    return cells if "".join(cells).strip() else None


def read_csv_columns(data: bytes, *, name: str, max_rows: int | None = None,
                     known_columns: frozenset[str] = frozenset()) -> ColumnTable | None:
    """The header and string columns of the CSV file `data`, or None when the row reader must read it.

    Raises `LimitExceededError` when it has more than `max_rows` data rows (the row reader's message).
    """
    if data.startswith(_OTHER_BOMS) or any(marker in data for marker in _ROW_READER_BYTES):
        return None
    encoding = "utf-8"
    body = data
    if data.startswith(codecs.BOM_UTF8):
        body, encoding = data[len(codecs.BOM_UTF8):], "utf-8-sig"
    sample = _sample_text(body)
    if sample is None or (b"\r" in body and body.count(b"\r") != body.count(b"\r\n")):
        return None  # a bare carriage return ends a line for the row reader
    delimiter = detect_delimiter(sample, known_columns=known_columns)
    header = _header(sample, delimiter)
    if header is None:
        return None
    layout = headerless_layout(header)  # a GDELT file: the first line is data
    skip = 0 if layout else 1
    names = [f"c{i}" for i in range(len(header))]
    try:
        table = pacsv.read_csv(
            pa.py_buffer(body),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=skip, block_size=_BLOCK_BYTES),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, quote_char='"', double_quote=True,
                                             newlines_in_values=True, ignore_empty_lines=True),
            convert_options=pacsv.ConvertOptions(column_types={n: pa.large_string() for n in names},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeDecodeError):
        return None  # not UTF-8, a row with the wrong number of cells, a quote never closed: the row reader says
    physical_lines = body.count(b"\n") + (0 if body.endswith(b"\n") else 1)
    if physical_lines != table.num_rows + skip:
        return None  # blank lines or line breaks inside quotes: the row reader counts the lines
    columns = list(table.columns)
    filled = _filled_rows(columns)
    lines = np.arange(1 + skip, table.num_rows + 1 + skip, dtype=np.int64)
    if not filled.all():  # rows of empty cells carry no data (the row reader skips them too)
        keep = pa.array(filled)
        columns = [column.filter(keep) for column in columns]
        lines = lines[filled]
    if not layout and lines.size and is_hxl_row([column[0].as_py() for column in columns]):
        columns, lines = [column.slice(1) for column in columns], lines[1:]  # HDX's hashtag row
    _check_size(lines.size - (1 if layout else 0), name=name, max_rows=max_rows)
    _check_size(lines.size, name=name, max_rows=max_rows)
    if layout:
        header = list(layout)
    if not header:
        raise DataFileError(f"{name}: the file has no header row")
    return ColumnTable(header=header, columns=columns, lines=lines, encoding=encoding, delimiter=delimiter)


def _check_size(rows: int, *, name: str, max_rows: int | None) -> None:
    if max_rows is not None and rows > max_rows:
        raise LimitExceededError(f"{name}: the file has {rows:,} data rows; the limit is {max_rows:,} rows (max_rows)")


def _filled_rows(columns: list[pa.ChunkedArray]) -> np.ndarray:
    """For each row, whether any of its cells holds more than white space: the first column decides for
    nearly every row; only the rows it leaves blank are looked at in the other columns."""
    if not columns:
        return np.zeros(0, dtype=bool)
    filled = pc.not_equal(pc.utf8_trim_whitespace(columns[0]), "").to_numpy(zero_copy_only=False)
    undecided = np.flatnonzero(~filled)
    if undecided.size:
        positions = pa.array(undecided)
        for column in columns[1:]:
            cells = pc.utf8_trim_whitespace(column.take(positions))
            filled[undecided] |= pc.not_equal(cells, "").to_numpy(zero_copy_only=False)
    return filled


def stripped(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """The cells of a column with white space removed at both ends (as `str.strip`); the column itself
    when no cell has any (no second copy of it in memory)."""
    trimmed = pc.utf8_trim_whitespace(column)
    return column if pc.all(pc.equal(trimmed, column)).as_py() is not False else trimmed


