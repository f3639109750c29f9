"""CSVs the app writes cannot run formulas in a spreadsheet; numbers stay numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from pathlib import Path

import pandas as pd
import pytest

from base.csv_safety import neutralise_cell
from eventmap.events_csv import format_events_csv, write_events_csv
from eventmap.loading import load_events
from eventmap.schema import COLUMN_NAMES

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Shusha", "Shusha"),
        ("a=b", "a=b"),
        ("", ""),
        (" =1", " =1"),
        ("شوشة", "شوشة"),
    ],
)
def test_neutralise_cell(text: str, expected: str) -> None:
    assert neutralise_cell(text) == expected


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_text_cells_are_neutralised_and_numbers_are_not() -> None:
    events = load_events(DATA / "project_utf8.csv").events.iloc[:2].copy()
    events.loc[0, "description"] = "=cmd|' /C calc'!A0"
    events.loc[0, "actor"] = "-Azerbaijani forces"
    events.loc[0, "longitude"] = -46.7528
    rows = _rows(format_events_csv(events))
    assert list(rows[0]) == list(COLUMN_NAMES)  # no geocoding columns: they are all empty
    assert rows[0]["description"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["actor"] == "'-Azerbaijani forces"
    assert rows[0]["longitude"] == "-46.7528"
    assert rows[0]["date"] == "2020-10-08"
    assert rows[0]["report_date"] == ""
    assert rows[1]["injured"] == "3"  # not 3.0
    assert rows[1]["fatalities"] == "0"
    assert rows[0]["fatalities"] == ""


def test_records_and_text_in_numeric_columns() -> None:
    records = [{"event_id": "E1", "latitude": "=1+2", "longitude": -1.5, "fatalities": 2,
                "date": dt.date(2020, 10, 9), "geo_confidence": math.nan}]
    rows = _rows(format_events_csv(records))
    assert rows[0]["latitude"] == "'=1+2"  # text that is not a number is neutralised in any column
    assert rows[0]["longitude"] == "-1.5"
    assert rows[0]["date"] == "2020-10-09"
    assert "geo_confidence" not in rows[0]


def test_geocoding_columns_are_written_when_filled() -> None:
    events = load_events(DATA / "project_utf8.csv").events.iloc[:1].copy()
    events.loc[0, "geo_source"] = "gazetteer"
    events.loc[0, "geo_confidence"] = 0.9
    rows = _rows(format_events_csv(events))
    assert (rows[0]["geo_source"], rows[0]["geo_confidence"], rows[0]["matched_name"]) == ("gazetteer", "0.9", "")
    assert list(_rows(format_events_csv(events, columns=["event_id", "location"]))[0]) == ["event_id", "location"]


def test_written_file_loads_back_the_same(tmp_path: Path) -> None:
    events = load_events(DATA / "project_utf8.csv").events
    for bom in (False, True):
        path = write_events_csv(events, tmp_path / "out" / "events.csv", excel_bom=bom)
        assert path.read_bytes().startswith(b"\xef\xbb\xbf") is bom
        again = load_events(path)
        assert again.problems == []
        pd.testing.assert_frame_equal(again.events.drop(columns="source_line"),
                                      events.drop(columns="source_line"))
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["events.csv"]  # no temporary file left
