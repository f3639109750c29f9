"""Bytes to rows: encodings, delimiters, physical line numbers, and files that are not CSV at all."""

from __future__ import annotations

import codecs

import pytest

from base.errors import DataFileError, LimitExceededError
from base.reading import decode, detect_delimiter, is_hxl_row, normalise_header, read_table

ARABIC = "قصف على ستيباناكيرت"
TEXT = f"event_id,description\nE1,{ARABIC}\nE2,Shusha\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("utf-8-sig"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16-le"),  # Python writes a BOM and little-endian
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32-le"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),  # no BOM: told by the NUL bytes
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("cp1256"), "cp1256"),  # Windows Arabic
    ],
)
def test_decode_reads_every_encoding(data: bytes, encoding: str) -> None:
    text, found, problems = decode(data, name="f.csv")
    assert text == TEXT
    assert found == encoding
    assert problems == []


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("event_id,location\nE1,Степанакерт\nE2,Шуша\n", "cp1251"),
        ("event_id,location\nE1,ستيباناكيرت\nE2,شوشة\n", "cp1256"),
        ("event_id,location\nE1,Genève\n", "cp1252"),
    ],
)
def test_decode_tells_single_byte_encodings_apart(text: str, encoding: str) -> None:
    decoded, found, _ = decode(text.encode(encoding), name="f.csv")
    assert (decoded, found) == (text, encoding)


def test_decode_latin1_text() -> None:
    text = "event_id,location\nE1,Genève, Zürich\n"
    decoded, encoding, _ = decode(text.encode("latin-1"), name="f.csv")
    assert decoded == text
    assert encoding == "cp1252"


def test_decode_keeps_utf8_with_a_few_damaged_bytes() -> None:
    """A line pasted in another encoding into a UTF-8 file: the file stays UTF-8, the damage shows as U+FFFD."""
    data = TEXT.encode("utf-8") + "E3,Genève\n".encode("latin-1")
    text, encoding, _ = decode(data, name="f.csv")
    assert encoding == "utf-8"
    assert ARABIC in text
    assert "Gen\ufffdve" in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "f.csv: the file is empty"),
        (b"  \r\n\r\n", "f.csv: the file is empty"),
        (b"\x00\x00\x00", "f.csv: the file is empty"),
        (b"PK\x03\x04rest-of-a-workbook", "f.csv: not a CSV file: this is a ZIP archive (an Excel .xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "f.csv: not a CSV file: this is an old Excel (.xls)"),
        (b"%PDF-1.7\n", "f.csv: not a CSV file: this is a PDF document"),
        (b"\x1f\x8b\x08\x00", "f.csv: not a CSV file: this is a gzip archive"),
        (bytes(range(256)) * 4, "f.csv: not a CSV file: binary data"),
    ],
)
def test_decode_refuses_what_is_not_text(data: bytes, message: str) -> None:
    with pytest.raises(DataFileError) as caught:
        decode(data, name="f.csv")
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1;2;3\n", ";"),
        ("a\tb\tc\n1\t2\t3\n", "\t"),
        ("event_id;description\nE1;one, two, three\nE2;four, five\n", ";"),  # commas inside cells
        ('event_id,notes\nE1,"a;b;c"\n', ","),  # known column names win
        ("single\nvalue\n", ","),
    ],
)
def test_detect_delimiter(text: str, delimiter: str) -> None:
    assert detect_delimiter(text, known_columns=frozenset({"event_id", "notes", "description"})) == delimiter


def _lines(text: str) -> list[tuple[int, list[str]]]:
    table = read_table(text.encode("utf-8"), name="f.csv")
    return [(row.line, row.cells) for row in table.rows]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("h1,h2\na,b\nc,d\n", [(2, ["a", "b"]), (3, ["c", "d"])]),
        ("h1,h2\r\na,b\r\nc,d\r\n", [(2, ["a", "b"]), (3, ["c", "d"])]),
        ("h1,h2\ra,b\rc,d", [(2, ["a", "b"]), (3, ["c", "d"])]),  # old Mac line ends
        ('h1,h2\n"a\nstill a\nand a",b\nc,d\n', [(2, ["a\nstill a\nand a", "b"]), (5, ["c", "d"])]),
        ('h1,h2\n"a\r\nb",x\r\nc,d\r\n', [(2, ["a\r\nb", "x"]), (4, ["c", "d"])]),
        ("h1,h2\n\na,b\n,\n\nc,d\n", [(3, ["a", "b"]), (6, ["c", "d"])]),  # blank rows carry nothing
        ("\n\nh1,h2\na,b\n", [(4, ["a", "b"])]),  # the header is the first row with text
        ("h1,h2\na\nb,c,d\n", [(2, ["a"]), (3, ["b", "c", "d"])]),  # ragged rows are kept as they are
        ('h1,h2\n"say ""hi""",b\n', [(2, ['say "hi"', "b"])]),
        ("h1,h2\na\u2028b,c\n", [(2, ["a\u2028b", "c"])]),  # only \r and \n end lines
    ],
)
def test_rows_carry_the_physical_line_where_they_start(text: str, expected: list[tuple[int, list[str]]]) -> None:
    assert _lines(text) == expected


def test_header_line_and_cells() -> None:
    table = read_table(b"\n Event ID ,Date\nE1,2020-10-09\n", name="f.csv")
    assert table.header_line == 2
    assert [normalise_header(c) for c in table.header] == ["event_id", "date"]


def test_hxl_hashtag_row_is_skipped_and_lines_stay_physical() -> None:
    table = read_table(b"event_id_cnty,event_date,notes\n#event+code,#date+occurred,\nARM1,2020-10-09,x\n",
                       name="f.csv")
    assert table.skipped_lines == [2]
    assert [(r.line, r.cells) for r in table.rows] == [(3, ["ARM1", "2020-10-09", "x"])]


@pytest.mark.parametrize(
    ("cells", "is_hxl"),
    [
        (["#event+code", "#date+occurred", ""], True),
        (["#x_data_id", "#affected+killed"], True),
        (["#1", "x"], False),
        (["", ""], False),
        (["ARM1", "#tag"], False),
    ],
)
def test_is_hxl_row(cells: list[str], is_hxl: bool) -> None:
    assert is_hxl_row(cells) is is_hxl


def test_unclosed_quote_is_a_defect_of_the_last_row() -> None:
    table = read_table(b'h1,h2\na,b\n"c,d\ne,f\ng,h\n', name="f.csv")
    last = table.rows[-1]
    assert (last.line, last.last_line) == (3, 5)
    assert last.defect == "a quoted field is never closed: lines 3-5 were read as one row"
    assert table.rows[0].defect == ""


def test_a_stray_quote_inside_a_cell_is_not_a_defect() -> None:
    table = read_table(b'h1,h2\nsay "hi,b\nc,"d\ne"\n', name="f.csv")
    assert [r.defect for r in table.rows] == ["", ""]


def test_nul_characters_are_flagged() -> None:
    table = read_table(b"h1,h2\na\x00,b\n", name="f.csv")
    assert table.has_nul
    assert table.rows[0].cells == ["a\x00", "b"]


def test_huge_fields_are_read() -> None:
    big = "x" * 300_000  # more than the csv module's default field limit
    table = read_table(f"h1,h2\n{big},b\n".encode(), name="f.csv")
    assert table.rows[0].cells == [big, "b"]


def test_no_header_row() -> None:
    with pytest.raises(DataFileError, match=r"^f\.csv: the file has no header row$"):
        read_table(b",,,\n,,\n", name="f.csv")


def test_row_limit_names_the_limit_and_the_actual_count() -> None:
    data = b"h1,h2\n" + b"a,b\n" * 12
    with pytest.raises(LimitExceededError) as caught:
        read_table(data, name="f.csv", max_rows=10)
    assert str(caught.value) == "f.csv: the file has 12 data rows; the limit is 10 rows (max_rows)"
    assert len(read_table(data, name="f.csv", max_rows=12).rows) == 12
