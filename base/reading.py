"""Bytes to text to rows: encoding and delimiter detection, physical line numbers.

`read_table(data, name=...)` turns the bytes of a CSV file into a header and rows, each row with the
1-based physical line where it starts (the header is line 1 in a file that starts with it; quoted fields
may span lines). It never drops a row silently: rows with the wrong number of cells are returned as they
are, for the validator to report.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise

import charset_normalizer

from base.errors import DataFileError, LimitExceededError
from base.problems import Problem, Severity

DELIMITERS = (",", ";", "\t")
_SAMPLE_CHARS = 64 * 1024
_MAX_CONTROL_SHARE = 0.05  # more control characters than this in the sample: not a text file
_MIN_CONTROLS = 8  # (and more than this many)
# Single-byte encodings tried when a file is not UTF-8, in order of preference on a tie: Western, Arabic,
# Cyrillic, Central European, Turkish, Greek, Hebrew.
_SINGLE_BYTE_ENCODINGS = ("cp1252", "cp1256", "cp1251", "cp1250", "cp1254", "cp1253", "cp1255")
_WORD_SPLIT = re.compile(r"[\s,;.:!?()\[\]{}\"'/\\|<>=+*&%$#@~`^_\-،؛؟«»“”‘’–—…]+")
_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive (an Excel .xlsx or OpenDocument file?); save it as CSV first"),
    (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) or Word file; save it as CSV first"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive; unpack it first"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HXL_TAG = re.compile(r"#[A-Za-z][\w+\-]*(?:\s*\+[\w\-]+)*")


@dataclass(frozen=True, slots=True)
class RawRow:
    """One row as read: its cells and the physical line where it starts."""

    line: int
    cells: list[str]
    last_line: int = 0  # the physical line where it ends (for rows with quoted newlines)
    defect: str = ""  # what is wrong with the row as a whole (e.g. a quote never closed)


@dataclass(frozen=True, slots=True)
class Record:
    """One row as named text: column name -> stripped cell, with the physical line where the row starts."""

    line: int
    values: dict[str, str]


@dataclass(slots=True)
class Table:
    """A table as read (a CSV file, a sheet of a workbook, the records of a JSON file, ...): header, rows,
    and what was detected.

    `kind` names the container ("csv", "xlsx", "xls", "ods", "json", "geojson", "parquet"); `line_unit` says
    what `RawRow.line` counts: the physical "line" of a text file, the "row" number of a spreadsheet or
    the 1-based "record" number of a JSON or Parquet file. A workbook's sheet names are in `sheets` and the
    one read in `sheet`.
    """

    header: list[str]
    header_line: int
    rows: list[RawRow]
    encoding: str
    delimiter: str
    problems: list[Problem] = field(default_factory=list)
    skipped_lines: list[int] = field(default_factory=list)  # e.g. an HXL hashtag row
    has_nul: bool = False  # some cells hold NUL characters
    has_replacement: bool = False  # some bytes could not be decoded and were replaced by U+FFFD
    kind: str = "csv"
    sheets: tuple[str, ...] = ()  # every sheet of a workbook, in order
    sheet: str = ""  # the sheet read
    line_unit: str = "line"  # what `RawRow.line` counts: "line", "row" or "record"


# --- bytes -> text -------------------------------------------------------------------------------------------


def _signature_problem(data: bytes) -> str | None:
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            return what
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """`utf-16-le`/`-be` when the NUL bytes of `sample` sit in every other position (ASCII text in UTF-16)."""
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls = sample[0 : pairs * 2 : 2].count(0)
    odd_nuls = sample[1 : pairs * 2 : 2].count(0)
    if odd_nuls > 0.4 * pairs and even_nuls < 0.05 * pairs:
        return "utf-16-le"
    if even_nuls > 0.4 * pairs and odd_nuls < 0.05 * pairs:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> bool:
    """True when `data` is UTF-8 with a few damaged bytes (a pasted line in another encoding), not another
    encoding altogether."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    return good >= 1 and good >= 2 * bad


def decode(data: bytes, *, name: str) -> tuple[str, str, list[Problem]]:
    """`data` as text: `(text, encoding, problems)`.

    Byte-order marks first (UTF-8, UTF-16 and UTF-32), then UTF-16 without a mark (told by its NUL bytes),
    then strict UTF-8, then UTF-8 with a few damaged bytes (each damaged line is reported by the loader),
    then, of the Windows code pages (Western, Arabic, Cyrillic, ...) and charset-normalizer's guess, the
    one whose text looks most like real words. Raises `DataFileError` for an empty or binary file.
    """
    if not data.strip(b" \t\r\n\x00"):
        raise DataFileError(f"{name}: the file is empty")
    if (what := _signature_problem(data)) is not None:
        raise DataFileError(f"{name}: not a CSV file: this is {what}")
    problems: list[Problem] = []
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is not None:
        bom_length = next(len(bom) for bom, enc in _BOMS if enc == encoding)
        body = data[bom_length:]
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as exc:
            text = body.decode(encoding, errors="replace")
            problems.append(Problem(name, None, None, f"bytes that are not {encoding} were replaced by '\ufffd' "
                                    f"(first at byte {exc.start + bom_length})", severity=Severity.WARNING))
        return _check_text(text, name=name), f"{encoding}-sig" if encoding == "utf-8" else encoding, problems
    if (encoding := _utf16_without_bom(data[:4096])) is not None:
        text = data.decode(encoding, errors="replace")
        return _check_text(text, name=name), encoding, problems
    try:
        return _check_text(data.decode("utf-8"), name=name), "utf-8", problems
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        text = data.decode("utf-8", errors="replace")
        return _check_text(text, name=name), "utf-8", problems  # damaged lines are reported per row
    guess = charset_normalizer.from_bytes(data[: 256 * 1024]).best()
    candidates = [*_SINGLE_BYTE_ENCODINGS, *([guess.encoding] if guess is not None else [])]
    decoded: list[tuple[float, int, str, str]] = []
    for order, encoding in enumerate(candidates):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue  # Windows-1256 decodes every byte, so one candidate always remains
        decoded.append((_plausibility(text[:_SAMPLE_CHARS]), -order, text, codecs.lookup(encoding).name))
    _, _, text, encoding = max(decoded)
    return _check_text(text, name=name), encoding, problems


def _script(ch: str) -> str:
    return unicodedata.name(ch, "?").split(" ", 1)[0]


def _plausibility(text: str) -> float:
    """The share of words with non-ASCII letters that look like real words in `text`'s decoding: letters only,
    from one script, no capital after a small letter, and (for Latin script) mostly ASCII letters. Mojibake
    scores low: Arabic read as Windows-1252 gives words of accented capitals (`ÞÕÝ`), read as Windows-1251
    Cyrillic words with capitals inside (`УКнИЗдЗЯнСК`)."""
    words = [w for w in _WORD_SPLIT.split(text) if not w.isascii()]
    if not words:
        return 1.0
    plausible = 0
    for word in words:
        others = [ch for ch in word if not ch.isascii()]
        if not all(ch.isalpha() or unicodedata.category(ch) == "Mn" for ch in others):
            continue
        scripts = {_script(ch) for ch in others if ch.isalpha()}
        if len(scripts) != 1:
            continue
        if scripts == {"LATIN"} and sum(ch.isascii() and ch.isalpha() for ch in word) < len(others):
            continue
        if any(a.islower() and b.isupper() and not b.isascii() for a, b in pairwise(word)):
            continue
        plausible += 1
    return plausible / len(words)


def _check_text(text: str, *, name: str) -> str:
    sample = text[:_SAMPLE_CHARS]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\r\n")
    if controls > max(_MAX_CONTROL_SHARE * len(sample), _MIN_CONTROLS):
        raise DataFileError(f"{name}: not a CSV file: binary data ({controls} control characters in the first "
                            f"{len(sample)} characters)")
    if not text.strip():
        raise DataFileError(f"{name}: the file is empty")
    return text


# --- text -> rows ----------------------------------------------------------------------------------------------


class _LineCounter:
    """Feeds `csv.reader` one physical line at a time and remembers how many it has given out."""

    __slots__ = ("_lines", "count", "offset")

    def __init__(self, text: str) -> None:
        self._lines = iter(io.StringIO(text, newline=""))
        self.count = 0
        self.offset = 0  # characters given out so far

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.count += 1
        self.offset += len(line)
        return line


def detect_delimiter(text: str, *, known_columns: frozenset[str] = frozenset()) -> str:
    """The delimiter of `text` among `,` `;` and tab.

    A delimiter that splits the header into known column names wins; otherwise the one that gives the
    most consistent number of cells (and more than one) over the first rows. Defaults to `,`.
    """
    sample = text[:_SAMPLE_CHARS]
    best, best_score = ",", (-1.0, 0)
    for delimiter in DELIMITERS:
        rows = []
        try:
            for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
                if any(cell.strip() for cell in row):
                    rows.append(row)
                if len(rows) >= 30:
                    break
        except csv.Error:
            continue
        if not rows:
            continue
        header = [normalise_header(cell) for cell in rows[0]]
        known = sum(1 for cell in header if cell in known_columns)
        width = len(header)
        if width < 2:
            continue
        consistent = sum(1 for row in rows[1:] if len(row) == width) / max(len(rows) - 1, 1)
        score = (known + consistent, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def normalise_header(cell: str) -> str:
    """A header cell as a column name: stripped, lower case, spaces and hyphens as underscores."""
    text = cell.replace("\ufeff", "").replace("\x00", "").strip().lower()
    return re.sub(r"[\s\-]+", "_", text)


def is_hxl_row(cells: list[str]) -> bool:
    """True for a Humanitarian Exchange Language hashtag row (`#event+id`, `#date+occurred`, ...)."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    return bool(filled) and all(_HXL_TAG.fullmatch(cell) for cell in filled)


def read_table(data: bytes, *, name: str, max_rows: int | None = None,
               known_columns: frozenset[str] = frozenset()) -> Table:
    """The header and rows of the CSV file `data`.

    Raises `DataFileError` when the bytes are not a CSV file (empty, binary, no header) and
    `LimitExceededError` when it has more than `max_rows` data rows.
    """
    text, encoding, problems = decode(data, name=name)
    delimiter = detect_delimiter(text, known_columns=known_columns)
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    counter = _LineCounter(text)
    reader = csv.reader(counter, delimiter=delimiter, quotechar='"', doublequote=True, skipinitialspace=False,
                        strict=False)
    header: list[str] | None = None
    header_line = 0
    rows: list[RawRow] = []
    skipped: list[int] = []
    row_count = 0
    start, start_offset, last_offset = 1, 0, 0
    try:
        for cells in reader:
            line, row_offset = start, start_offset
            start, start_offset = counter.count + 1, counter.offset
            if not "".join(cells).strip():
                continue  # a blank line or a row of empty cells carries no data
            if header is None:
                header, header_line = cells, line
                continue
            if not rows and not skipped and is_hxl_row(cells):
                skipped.append(line)
                continue
            row_count += 1
            if max_rows is not None and row_count > max_rows:
                continue  # keep counting, to name the actual size
            rows.append(RawRow(line, cells, counter.count))
            last_offset = row_offset
    except csv.Error as exc:  # the reader is lenient (strict=False); kept for safety
        raise DataFileError(f"{name}:{start}: not a CSV file: {exc}") from None
    if header is None:
        raise DataFileError(f"{name}: the file has no header row")
    if max_rows is not None and row_count > max_rows:
        raise LimitExceededError(
            f"{name}: the file has {row_count:,} data rows; the limit is {max_rows:,} rows (max_rows)"
        )
    if rows and rows[-1].last_line > rows[-1].line and text.count('"', last_offset) % 2 == 1:
        last = rows[-1]
        rows[-1] = RawRow(last.line, last.cells, last.last_line,
                          f"a quoted field is never closed: lines {last.line}-{last.last_line} were read as one row")
    return Table(header=header, header_line=header_line, rows=rows, encoding=encoding, delimiter=delimiter,
                 problems=problems, skipped_lines=skipped, has_nul="\x00" in text,
                 has_replacement="\ufffd" in text)
