"""`read_any`: the bytes of any table an analyst has, as a `Table`, by content first and then by name.

The content decides where it can: a ZIP archive is an Excel (.xlsx, .xlsm, .xlsb) or OpenDocument (.ods)
workbook by what it holds, or a single table file packed alone (GDELT's `.export.CSV.zip`); an OLE2 file
is an old Excel workbook (.xls); `PAR1` starts a Parquet file; text that starts with `[` or `{` and parses
as JSON is JSON, GeoJSON or JSON Lines. Text that does not parse as JSON is read as CSV unless its name
says JSON, in which case the JSON error is reported. Everything else is delimited text (CSV, TSV,
semicolon), which also rejects the binary files we cannot read (PDF, images, ...) with what they are.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from base.errors import DataFileError, LimitExceededError
from base.reading import Table, decode
from eventmap.readers.cells import TableKind
from eventmap.readers.delimited import read_delimited
from eventmap.readers.geojson import is_geojson, read_geojson
from eventmap.readers.jsondoc import json_table, looks_like_json, parse_json
from eventmap.readers.parquet import MAGIC as PARQUET_MAGIC
from eventmap.readers.parquet import read_parquet
from eventmap.readers.spreadsheet import read_workbook

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_JSON_SUFFIXES = frozenset({".json", ".geojson", ".jsonl", ".ndjson"})
_MAX_UNPACKED = 1024 * 1024 * 1024  # a table packed alone in a ZIP is unpacked up to this size
_IGNORED_MEMBERS = ("__MACOSX/", ".DS_Store")


def _suffix(name: str) -> str:
    return PurePath(name).suffix.lower()


def _zip_kind(archive: zipfile.ZipFile) -> TableKind | None:
    names = set(archive.namelist())
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return TableKind.XLSX
    if "mimetype" in names and archive.read("mimetype").strip().startswith(_ODS_MIMETYPE):
        return TableKind.ODS  # a spreadsheet or a spreadsheet template
    return None


def _read_zip(data: bytes, *, name: str, sheet: str | None, max_rows: int | None,
              known_columns: frozenset[str]) -> Table:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        kind = _zip_kind(archive)
        if kind is not None:
            return read_workbook(data, name=name, kind=kind, sheet=sheet, max_rows=max_rows,
                                 known_columns=known_columns)
        members = [m for m in archive.infolist()
                   if not m.is_dir() and not m.filename.startswith(_IGNORED_MEMBERS)]
        if {"word/document.xml", "ppt/presentation.xml", "mimetype"} & set(archive.namelist()):
            raise DataFileError(f"{name}: a text document or presentation, not a table; save the table as "
                                "CSV or Excel")
        if len(members) != 1:
            raise DataFileError(f"{name}: a ZIP archive of {len(members)} files; unpack it and open the table")
        member = members[0]
        if member.file_size > _MAX_UNPACKED:
            raise LimitExceededError(f"{name}: {member.filename!r} unpacks to {member.file_size:,} bytes; the "
                                     f"limit is {_MAX_UNPACKED:,} bytes")
        inner = archive.read(member)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        raise DataFileError(f"{name}: a damaged ZIP archive (an Excel or OpenDocument file?): {exc}") from None
    if inner.startswith(ZIP_MAGIC):
        raise DataFileError(f"{name}: a ZIP archive inside a ZIP archive; unpack it first")
    return read_any(inner, name=f"{name}/{member.filename}", sheet=sheet, max_rows=max_rows,
                    known_columns=known_columns)


def _starts_like_json(data: bytes, *, name: str) -> bool:
    try:
        return looks_like_json(decode(data[:4096], name=name)[0])
    except DataFileError:
        return False  # empty or binary: the CSV reader says what it is


def _read_text(data: bytes, *, name: str, max_rows: int | None, known_columns: frozenset[str]) -> Table:
    says_json = _suffix(name) in _JSON_SUFFIXES
    if says_json or _starts_like_json(data, name=name):
        try:
            document, encoding, problems, lines = parse_json(data, name=name)
        except DataFileError:
            if says_json:
                raise
        else:
            if not lines and isinstance(document, dict) and is_geojson(document):
                return read_geojson(document, name=name, encoding=encoding, max_rows=max_rows, problems=problems)
            return json_table(document, name=name, encoding=encoding, problems=problems, lines=lines,
                              max_rows=max_rows)
    return read_delimited(data, name=name, max_rows=max_rows, known_columns=known_columns)


def read_any(data: bytes, *, name: str, sheet: str | None = None, max_rows: int | None = None,
             known_columns: frozenset[str] = frozenset()) -> Table:
    """The table in `data`, whatever holds it: CSV/TSV/semicolon text, an Excel or OpenDocument workbook
    (`sheet` by name; default the first whose header has known columns, else the first with data), JSON,
    JSON Lines, GeoJSON or Parquet.

    `name` is the file's name, used in problems and, after the content, to choose the reader;
    `max_rows` limits the data rows; `known_columns` help to find a CSV file's delimiter and a workbook's
    events sheet.
    Raises `DataFileError` for bytes that hold no readable table (naming what they are) or an unknown
    `sheet`, and `LimitExceededError` above `max_rows`.
    """
    if data.startswith(ZIP_MAGIC):
        return _read_zip(data, name=name, sheet=sheet, max_rows=max_rows, known_columns=known_columns)
    if data.startswith(OLE_MAGIC):
        return read_workbook(data, name=name, kind=TableKind.XLS, sheet=sheet, max_rows=max_rows,
                             known_columns=known_columns)
    if data.startswith(PARQUET_MAGIC):
        return read_parquet(data, name=name, max_rows=max_rows)
    if sheet is not None:
        raise DataFileError(f"{name}: a sheet ({sheet!r}) was asked for, but this is not a workbook")
    return _read_text(data, name=name, max_rows=max_rows, known_columns=known_columns)
