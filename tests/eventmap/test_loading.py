"""`load_events`: the frame contract, the sample files, whole-file errors, limits, and nothing dropped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from base.errors import DataFileError, ImportFormatError, LimitExceededError
from base.problems import Severity
from base.settings import Settings
from eventmap.loading import Limits, LoadResult, load_events
from eventmap.schema import COLUMN_NAMES, GEO_RESULT_COLUMNS

DATA = Path(__file__).resolve().parents[1] / "data"
REGION = Settings.region_bbox
OPTIONAL_EXTRAS = {"event_type_original", "description_ar", "description_ar_source"}
HEADER = ",".join(c for c in COLUMN_NAMES if c not in OPTIONAL_EXTRAS)  # a project file as people write it
ROW = ("NK-1,2020-10-08,day,,Stepanakert,39.8177,46.7528,exact,Azerbaijan,,Azerbaijan,Azerbaijani Armed Forces,,"
       "Explosions/Remote violence,Shelling/artillery/missile attack,Shelling.,,,,,Artsakh authorities,claimed,,"
       "single-source,https://example.org/a,")


def load(data: bytes | Path, **options: object) -> LoadResult:
    return load_events(data, name="t.csv", limits=Limits(), region_bbox=REGION, **options)


def test_frame_has_every_column_with_the_contract_dtypes() -> None:
    events = load_events(DATA / "project_utf8.csv").events
    assert list(events.columns) == [*COLUMN_NAMES, *GEO_RESULT_COLUMNS, "source_line"]
    dtypes = {column: str(dtype) for column, dtype in events.dtypes.items()}
    assert dtypes["date"] == dtypes["report_date"] == "datetime64[ns]"
    assert dtypes["latitude"] == dtypes["longitude"] == dtypes["geo_confidence"] == "float64"
    assert dtypes["fatalities"] == dtypes["injured"] == "Int64"
    assert dtypes["source_line"] == "int64"
    text_columns = [c for c in events.columns if c not in {"date", "report_date", "latitude", "longitude",
                                                           "geo_confidence", "fatalities", "injured", "source_line"}]
    for column in text_columns:
        assert all(isinstance(value, str) for value in events[column]), column
    assert events["admin1"].iloc[0] == ""  # empty text is "", never NaN
    assert pd.isna(events["report_date"].iloc[0])
    assert events["report_date"].iloc[4] == pd.Timestamp("2020-10-09")
    assert pd.isna(events["fatalities"].iloc[0])
    assert events["injured"].iloc[1] == 3
    assert events["latitude"].isna().tolist() == [False, False, True, False, False, False]  # Goranboy: geocode


def test_empty_file_result_still_has_the_columns() -> None:
    result = load(f"{HEADER}\n".encode())
    assert result.events.empty
    assert list(result.events.columns) == [*COLUMN_NAMES, *GEO_RESULT_COLUMNS, "source_line"]
    assert result.rows_read == 0


@pytest.mark.parametrize(
    ("file", "encoding", "delimiter"),
    [
        ("project_utf8.csv", "utf-8", ","),
        ("project_utf8_bom.csv", "utf-8-sig", ","),
        ("project_utf16le.csv", "utf-16-le", ","),
        ("project_utf16be.csv", "utf-16-be", ","),
        ("project_cp1256.csv", "cp1256", ","),
        ("project_semicolon.csv", "utf-8", ";"),  # with decimal commas in the coordinates
        ("project_tab.csv", "utf-8", "\t"),
    ],
)
def test_every_encoding_and_delimiter_gives_the_same_events(file: str, encoding: str, delimiter: str) -> None:
    expected = load_events(DATA / "project_utf8.csv").events
    result = load_events(DATA / file)
    assert (result.encoding, result.delimiter, result.detected_format) == (encoding, delimiter, "project")
    assert result.problems == []
    pd.testing.assert_frame_equal(result.events, expected)


def test_quoted_newlines_keep_physical_line_numbers() -> None:
    events = load_events(DATA / "project_utf8.csv").events
    assert events["source_line"].tolist() == [2, 3, 5, 6, 7, 8]  # row 3 has a two-line note
    assert "\n" in events["notes"].iloc[1]


def test_arabic_indic_digits() -> None:
    result = load_events(DATA / "project_arabic_digits.csv")
    assert [str(p) for p in result.problems] == [
        "project_arabic_digits.csv: date: warning: 1 date could be read either way (like 05/10/2020): read day "
        "first (dd/mm/yyyy), the project's rule; check, or write dates as yyyy-mm-dd"]
    events = result.events
    assert events["date"].dt.date.tolist() == [dt.date(2020, 10, 8)] * 3
    assert events["report_date"].iloc[2] == pd.Timestamp("2020-10-09")
    assert (events["latitude"].iloc[0], events["longitude"].iloc[0]) == (39.7601, 46.7499)
    assert events["fatalities"].tolist() == [0, 1, pd.NA]


BROKEN_PROBLEMS = [
    "project_broken.csv: date: warning: 1 date only read month first (mm/dd/yyyy), so the file may be month "
    "first; dates that read either way (like 05/10/2020) are read day first (dd/mm/yyyy) and may be wrong (1 in "
    "this file): write dates as yyyy-mm-dd",
    "project_broken.csv:5: date: '10/13/2020' is read day first (dd/mm/yyyy) and 13 is not a month; if the file "
    "writes month first, write dates as yyyy-mm-dd (2020-10-13)",
    "project_broken.csv:6: latitude: warning: the point lies outside Azerbaijan; swapped (39.3992, 47.0284) it "
    "would be inside: are latitude and longitude swapped? (got '47.0284, 39.3992')",
    "project_broken.csv:7: latitude: out of range -90..90; latitude and longitude look swapped (got '147.0')",
    "project_broken.csv:8: longitude: empty while latitude is given: give both or neither",
    "project_broken.csv:9: sub_event_type: is not a sub-event type of 'Battles' (allowed: Armed clash, Government "
    "regains territory, Non-state actor overtakes territory) (got 'Shelling/artillery/missile attack')",
    "project_broken.csv:10: sources: at least one source is needed (URLs or citations separated by ';') (got ';')",
    "project_broken.csv:11: fatalities: not a whole number (write the lowest figure, e.g. '20', and the rest in "
    "notes) (got '20+')",
    "project_broken.csv:12: event_id: duplicate: already used on line 2 (got 'NK-2020-10-08-031-stepanakert')",
    "project_broken.csv:14: location: required, but empty",
    "project_broken.csv:15: the row has 3 cells but the header has 26",
]


def test_broken_file_gets_exact_line_numbered_problems() -> None:
    result = load_events(DATA / "project_broken.csv")
    assert [str(p) for p in result.problems] == BROKEN_PROBLEMS
    assert result.events["event_id"].tolist() == ["NK-2020-10-08-031-stepanakert", "B-02", "B-04", "B-11"]
    assert [r.line for r in result.rejected] == [5, 7, 8, 9, 10, 11, 12, 14, 15]
    assert len(result.events) + len(result.rejected) == result.rows_read == 13
    assert result.events["status"].iloc[3] == "claimed"  # "CLAIMED" normalised
    assert result.rejected[-1].raw == {"event_id": "B-13", "date": "2020-10-08", "date_precision": "day"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"event_id,location\nE1,Shusha\n",
         "t.csv: no date column found among the columns 'event_id', 'location'; a table needs a date and a place "
         "(a name, or latitude and longitude): name them with --map FIELD=COLUMN (e.g. --map date=Datum)"),
        (b"event_id,status\nE1,2020-10-08\n",
         "t.csv: no date column and no place column (a name, or latitude and longitude) found among the columns "
         "'event_id', 'status'; a table needs a date and a place (a name, or latitude and longitude): name them "
         "with --map FIELD=COLUMN (e.g. --map date=Datum)"),
        ("\n".join([HEADER.replace(",location", ""), ROW]).encode(), "t.csv: required columns missing: location"),
        (b"\x89PNG\r\n\x1a\n", "t.csv: not a CSV file: this is a PNG image"),
        (b"", "t.csv: the file is empty"),
        (f"{HEADER},date\n".encode(), "t.csv: column 'date' appears twice in the header (columns 2 and 27)"),
        (b"event_id_cnty,actor1,event_date\nARM1,x,2020-10-09\n",
         "t.csv: ACLED export without required columns: time_precision, event_type, country, location, "
         "latitude, longitude"),
    ],
)
def test_unusable_files_raise_one_line_errors(data: bytes, message: str) -> None:
    with pytest.raises(DataFileError) as caught:
        load(data)
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


def test_missing_file() -> None:
    with pytest.raises(DataFileError, match=r"^nope.csv: no such file$"):
        load_events(Path("/nonexistent/nope.csv"))


def test_size_limit_names_the_limit_and_the_size(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(f"{HEADER}\n{ROW}\n".encode() * 1)
    size = path.stat().st_size
    with pytest.raises(LimitExceededError) as caught:
        load_events(path, limits=Limits(max_bytes=100, max_rows=10))
    assert str(caught.value) == (f"big.csv: the file is 0.0 MB ({size:,} bytes); the limit is 0.0 MB "
                                 "(max_upload_bytes)")
    with pytest.raises(LimitExceededError, match=r"^upload\.csv: the file is"):
        load_events(path.read_bytes(), limits=Limits(max_bytes=100, max_rows=10))


def test_row_limit() -> None:
    data = "\n".join([HEADER, *(ROW.replace("NK-1", f"NK-{i}") for i in range(5))]).encode()
    with pytest.raises(LimitExceededError, match=r"^t.csv: the file has 5 data rows; the limit is 4 rows"):
        load_events(data, name="t.csv", limits=Limits(max_bytes=10**6, max_rows=4))
    assert len(load_events(data, limits=Limits(max_bytes=10**6, max_rows=5)).events) == 5


def test_limits_default_to_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTMAP_MAX_ROWS", "1")
    with pytest.raises(LimitExceededError, match="the limit is 1 rows"):
        load_events(f"{HEADER}\n{ROW}\n{ROW}\n".encode())
    assert Limits() == Limits(max_bytes=200 * 1024 * 1024, max_rows=2_000_000)


def test_missing_optional_columns_are_filled() -> None:
    keep = ["event_id", "date", "location", "country", "side", "actor", "event_type", "sub_event_type",
            "description", "claimed_by", "status", "sources"]
    values = dict(zip(HEADER.split(","), ROW.split(","), strict=True))
    data = (",".join(keep) + "\n" + ",".join(values[c] for c in keep) + "\n").encode()
    result = load(data)
    assert [str(p) for p in result.problems] == [
        "t.csv: date_precision: warning: column missing: every row is set to 'day'",
        "t.csv: geo_precision: warning: column missing: every row is set to 'exact'",
        "t.csv: verification: warning: column missing: every row is set to 'unverified'",
    ]
    row = result.events.iloc[0]
    assert (row["date_precision"], row["geo_precision"], row["verification"]) == ("day", "exact", "unverified")
    assert (row["notes"], row["target"]) == ("", "")
    assert pd.isna(row["latitude"])
    assert pd.isna(row["fatalities"])


def test_unknown_columns_are_ignored_with_one_warning() -> None:
    data = f"{HEADER},colour,,Extra 3\n{ROW},red,x,y\n{ROW.replace('NK-1', 'NK-2')},blue,,\n".encode()
    result = load(data)
    assert [str(p) for p in result.problems] == [
        "t.csv: warning: columns not in the schema are ignored: colour, (unnamed column 28), Extra 3"]
    assert "colour" not in result.events.columns
    assert len(result.events) == 2


def test_header_names_are_matched_loosely() -> None:
    header = HEADER.replace("event_id", " Event ID ").replace("sub_event_type", "Sub-Event-Type")
    result = load(f"{header}\n{ROW}\n".encode())
    assert result.problems == []
    assert result.events["event_id"].tolist() == ["NK-1"]


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (ROW + ",extra", "t.csv:2: the row has 27 cells but the header has 26 (got 'extra')"),
        (ROW + ",,,", None),  # empty trailing cells are harmless
        (ROW.rsplit(",", 3)[0], "t.csv:2: the row has 23 cells but the header has 26"),
    ],
)
def test_ragged_rows(row: str, problem: str | None) -> None:
    result = load(f"{HEADER}\n{row}\n".encode())
    assert [str(p) for p in result.problems] == ([problem] if problem else [])
    assert len(result.events) + len(result.rejected) == 1


def test_nul_characters_are_removed_with_a_warning() -> None:
    row = ROW.replace("Shelling.", "Shel\x00ling.")
    result = load(f"{HEADER}\n{row}\n".encode())
    assert [str(p) for p in result.problems] == ["t.csv:2: description: warning: NUL characters removed "
                                                 "(got 'Shelling.')"]
    assert result.events["description"].tolist() == ["Shelling."]


def test_undecodable_bytes_are_reported_on_their_line() -> None:
    arabic = ROW.replace("Shelling.", "قصف").encode()
    latin1 = ROW.replace("NK-1", "NK-2").replace("Shelling.", "Genève").encode("latin-1")
    result = load(b"\n".join([HEADER.encode(), arabic, latin1]))
    assert [str(p) for p in result.problems] == [
        "t.csv:3: description: warning: bytes that could not be decoded were replaced by '\ufffd' "
        "(got 'Gen\ufffdve')"]
    assert result.encoding == "utf-8"


def test_unclosed_quote_sets_the_rest_aside() -> None:
    rows = [ROW, ROW.replace("NK-1", "NK-2").replace("Shelling.", '"Shelling.'), ROW.replace("NK-1", "NK-3")]
    result = load("\n".join([HEADER, *rows]).encode())
    assert len(result.events) == 1
    assert [str(p) for p in result.rejected[0].problems] == [
        "t.csv:3: a quoted field is never closed: lines 3-4 were read as one row",
        "t.csv:3: the row has 16 cells but the header has 26",
    ]


def test_geocoding_columns_are_kept() -> None:
    data = f"{HEADER},geo_source,matched_name,geo_confidence,geo_status\n{ROW},gazetteer,Stepanakert,0.95,ok\n"
    events = load(data.encode()).events
    assert events["geo_confidence"].tolist() == [0.95]
    assert events["matched_name"].tolist() == ["Stepanakert"]


def test_names() -> None:
    assert load_events(DATA / "project_broken.csv").problems[1].file == "project_broken.csv"
    assert load_events(f"{HEADER}\n{ROW}\nx\n".encode()).problems[0].file == "upload.csv"
    assert load_events(DATA / "project_broken.csv", name="mine.csv").problems[1].file == "mine.csv"
    assert load_events(str(DATA / "project_utf8.csv")).rows_read == 6


def test_forced_format_must_match() -> None:
    with pytest.raises(ImportFormatError, match=r"^project_utf8.csv: not an ACLED export: the header looks like "
                                                r"the project's schema \(event_id, date, "):
        load_events(DATA / "project_utf8.csv", source_format="acled")
    with pytest.raises(ImportFormatError, match="not a UCDP GED export: the header looks like an ACLED export"):
        load_events(DATA / "acled_current.csv", source_format="ucdp")
    assert load_events(DATA / "acled_current.csv", source_format="acled").detected_format == "acled"


def test_warnings_are_listed_apart() -> None:
    result = load_events(DATA / "project_broken.csv")
    assert [p.line for p in result.warnings] == [None, 6]
    assert all(p.severity is Severity.ERROR for p in result.errors)
    assert len(result.errors) + len(result.warnings) == len(result.problems)


@pytest.mark.parametrize(
    ("arabic", "origin", "problem"),
    [
        ("قصف ستيباناكيرت", "source", None),
        ("قصف ستيباناكيرت", "Project", None),
        ("", "", None),
        ("قصف ستيباناكيرت", "", "t.csv:2: description_ar_source: description_ar needs description_ar_source"),
        ("", "source", "t.csv:2: description_ar: description_ar needs description_ar_source"),
        ("قصف", "google", "t.csv:2: description_ar_source: must be one of: source, project"),
    ],
)
def test_an_arabic_description_says_where_it_comes_from(arabic: str, origin: str, problem: str | None) -> None:
    result = load(f"{HEADER},description_ar,description_ar_source\n{ROW},{arabic},{origin}\n".encode())
    messages = [str(p) for p in result.problems]
    if problem is None:
        assert messages == []
        assert result.events["description_ar"].tolist() == [arabic]
        assert result.events["description_ar_source"].tolist() == [origin.lower()]
    else:
        assert any(message.startswith(problem) for message in messages), messages
        assert len(result.events) == 0  # set aside, listed, never shown half-checked
