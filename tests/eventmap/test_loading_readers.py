"""`load_events` on every container: the same events whatever holds them, every row accounted for."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from eventmap.loading import Limits, load_events

DATA = Path(__file__).resolve().parents[1] / "data"
COMPARED = ["date", "date_precision", "location", "latitude", "longitude", "geo_precision", "country", "side",
            "event_type", "sub_event_type", "description", "description_original", "fatalities", "injured",
            "status", "sources", "notes"]


@pytest.fixture(scope="module")
def reference() -> pd.DataFrame:
    return load_events(DATA / "project_utf8.csv", limits=Limits()).events.set_index("event_id")


@pytest.mark.parametrize(
    ("file", "kind", "rows", "rejected", "sheet"),
    [
        ("events.xlsx", "xlsx", 6, [], "Events"),
        ("events.xls", "xls", 6, [], "Events"),
        ("events.ods", "ods", 6, [], "Events"),
        ("events.json", "json", 6, [], ""),
        ("events_wrapped.json", "json", 6, [], ""),
        ("events.jsonl", "json", 4, [5], ""),
        ("events.geojson", "geojson", 7, [7], ""),
        ("events.parquet", "parquet", 6, [], ""),
    ],
)
def test_the_same_events_from_every_container(file: str, kind: str, rows: int, rejected: list[int], sheet: str,
                                               reference: pd.DataFrame) -> None:
    result = load_events(DATA / file, limits=Limits())
    assert (result.detected_format, result.kind, result.sheet) == ("project", kind, sheet)
    assert result.rows_read == rows == len(result.events) + len(result.rejected)
    assert [r.line for r in result.rejected] == rejected
    assert [p for p in result.problems if p.line not in rejected] == []
    events = result.events.set_index("event_id")
    pd.testing.assert_frame_equal(events[COMPARED], reference.loc[events.index, COMPARED])


def test_a_report_time_in_a_workbook_is_its_day() -> None:
    events = load_events(DATA / "events.xlsx", limits=Limits()).events.set_index("event_id")
    assert events.loc["NK-2020-10-08-032-shusha", "report_date"] == pd.Timestamp("2020-10-09")  # 2020-10-09T14:30


@pytest.mark.parametrize(
    ("file", "fmt", "rows"),
    [
        ("acled_old.csv", "acled", 10),
        ("ucdp_ged_old.csv", "ucdp", 5),
        ("gdelt_v1_daily.tsv", "gdelt", 6),
        ("gdelt_v2.export.CSV", "gdelt", 6),
        ("gdelt_v2_header.tsv", "gdelt", 6),
        ("gdelt_v2.export.CSV.zip", "gdelt", 6),
        ("timemap_export.json", "timemap", 4),
        ("timemap_download.json", "timemap", 2),
        ("timemap_datasheet.csv", "timemap", 3),
    ],
)
def test_every_row_of_every_format_is_loaded_or_listed(file: str, fmt: str, rows: int) -> None:
    result = load_events(DATA / file, limits=Limits())
    assert result.detected_format == fmt
    assert result.rows_read == rows == len(result.events) + len(result.rejected)
    assert sorted([*result.events["source_line"], *(r.line for r in result.rejected)]) == sorted(
        {*result.events["source_line"], *(r.line for r in result.rejected)})  # no row twice
    assert all(r.problems for r in result.rejected)


def test_the_sheet_keyword() -> None:
    result = load_events(DATA / "events.xlsx", limits=Limits(), sheet="Events")
    assert (result.sheets, result.sheet, result.line_unit) == (("About", "Events", "Empty"), "Events", "row")
    assert result.events["source_line"].tolist() == [2, 3, 4, 6, 7, 8]  # the sheet's row numbers


def test_bytes_of_an_upload_are_read_by_their_content() -> None:
    result = load_events((DATA / "events.parquet").read_bytes(), name="upload.csv", limits=Limits())
    assert (result.kind, len(result.events)) == ("parquet", 6)
