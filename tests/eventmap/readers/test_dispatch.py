"""`read_any`: every container, told by its content first and then by its name."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from data.workbooks import xlsx

from base.errors import DataFileError, LimitExceededError
from eventmap.readers import read_any
from eventmap.schema import COLUMN_NAMES

DATA = Path(__file__).resolve().parents[2] / "data"
KNOWN = frozenset(COLUMN_NAMES)


def packed(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("file", "kind", "lines", "sheet"),
    [
        ("project_utf8.csv", "csv", None, ""),
        ("events.xlsx", "xlsx", [2, 3, 4, 6, 7, 8], "Events"),  # row 5 is blank
        ("events.xls", "xls", [2, 3, 4, 6, 7, 8], "Events"),
        ("events.ods", "ods", [2, 3, 4, 6, 7, 8], "Events"),
        ("events.json", "json", [1, 2, 3, 4, 5, 6], ""),
        ("events_wrapped.json", "json", [1, 2, 3, 4, 5, 6], ""),
        ("events.jsonl", "json", [1, 2, 3, 5], ""),  # line 4 is blank
        ("events.geojson", "geojson", [1, 2, 3, 4, 5, 6, 7], ""),
        ("events.parquet", "parquet", [1, 2, 3, 4, 5, 6], ""),
        ("gdelt_v2.export.CSV", "csv", [1, 2, 3, 4, 5, 6], ""),
        ("gdelt_v2.export.CSV.zip", "csv", [1, 2, 3, 4, 5, 6], ""),
    ],
)
def test_each_container(file: str, kind: str, lines: list[int] | None, sheet: str) -> None:
    table = read_any((DATA / file).read_bytes(), name=file, known_columns=KNOWN)
    assert (table.kind, table.sheet) == (kind, sheet)
    if lines is not None:
        assert [row.line for row in table.rows] == lines


@pytest.mark.parametrize(
    ("file", "name"),
    [
        ("events.xlsx", "upload.csv"),  # the content wins over a wrong name
        ("events.json", "events.txt"),
        ("events.parquet", "upload"),
    ],
)
def test_content_before_name(file: str, name: str) -> None:
    expected = read_any((DATA / file).read_bytes(), name=file, known_columns=KNOWN)
    table = read_any((DATA / file).read_bytes(), name=name, known_columns=KNOWN)
    assert (table.kind, table.header, [r.cells for r in table.rows]) == (
        expected.kind, expected.header, [r.cells for r in expected.rows])


def test_text_that_only_starts_like_json_is_csv_unless_named_json() -> None:
    data = b"[id],date\nE1,2020-10-08\n"
    assert read_any(data, name="f.csv").header == ["[id]", "date"]
    with pytest.raises(DataFileError, match=r"^f.json: not a JSON file: Expecting value at line 1, column 2$"):
        read_any(data, name="f.json")


def test_sheets_are_listed_and_chosen() -> None:
    data = (DATA / "events.xlsx").read_bytes()
    table = read_any(data, name="events.xlsx", sheet="About")
    assert (table.sheets, table.sheet) == (("About", "Events", "Empty"), "About")


@pytest.mark.parametrize(
    ("data", "sheet", "message"),
    [
        (b"event_id\nE1\n", "Events", "f: a sheet ('Events') was asked for, but this is not a workbook"),
        (xlsx([("Events", [["a"], ["1"]])]), "Sheet1", "f: no sheet 'Sheet1'; the sheets are 'Events'"),
        (packed({"a.csv": b"x\n1\n", "b.csv": b"x\n2\n"}), None,
         "f: a ZIP archive of 2 files; unpack it and open the table"),
        (packed({"word/document.xml": b"<w/>", "[Content_Types].xml": b"<t/>"}), None,
         "f: a text document or presentation, not a table; save the table as CSV or Excel"),
        (packed({"ppt/presentation.xml": b"<p/>", "[Content_Types].xml": b"<t/>"}), None,
         "f: a text document or presentation, not a table; save the table as CSV or Excel"),
        (packed({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<d/>"}), None,
         "f: a text document or presentation, not a table; save the table as CSV or Excel"),
        (packed({"inner.zip": packed({"a.csv": b"x\n1\n"})}), None,
         "f: a ZIP archive inside a ZIP archive; unpack it first"),
        (b"PK\x03\x04" + bytes(100), None, "f: a damaged ZIP archive (an Excel or OpenDocument file?): "
                                           "File is not a zip file"),
        (b"%PDF-1.7\n" + bytes(100), None, "f: not a CSV file: this is a PDF document"),
        (b"", None, "f: the file is empty"),
    ],
)
def test_unusable_files(data: bytes, sheet: str | None, message: str) -> None:
    with pytest.raises(DataFileError) as caught:
        read_any(data, name="f", sheet=sheet)
    assert str(caught.value) == message


def test_a_table_packed_alone_is_read_with_its_name() -> None:
    table = read_any(packed({"__MACOSX/._events.csv": b"junk", "events.csv": b"event_id\nE1\n"}), name="f.zip")
    assert (table.header, [r.cells for r in table.rows]) == (["event_id"], [["E1"]])


@pytest.mark.parametrize("file", ["events.xlsx", "events.json", "events.geojson", "events.parquet",
                                  "gdelt_v2.export.CSV"])
def test_row_limit_everywhere(file: str) -> None:
    with pytest.raises(LimitExceededError, match="the limit is 2 rows"):
        read_any((DATA / file).read_bytes(), name=file, max_rows=2, known_columns=KNOWN)

