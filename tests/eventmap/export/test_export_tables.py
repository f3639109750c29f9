"""The filtered data as CSV (spreadsheet-safe, UTF-8 with BOM) and GeoJSON (RFC 7946)."""

import csv
import io
import json
from datetime import date

import pandas as pd
import pytest
from export_frames import MakeEvents

from eventmap.export.stamp import DataStamp
from eventmap.export.tables import events_csv, events_geojson, export_columns, export_metadata, geojson_bytes
from eventmap.filtering import Filters, apply_filters
from eventmap.loading import load_events
from eventmap.schema import COLUMN_NAMES, GEO_RESULT_COLUMNS


def read_csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("column", ["description", "actor", "location", "sources", "notes", "claimed_by"])
@pytest.mark.parametrize(
    "payload",
    ["=1+1", "=HYPERLINK(\"http://evil.example\",\"x\")", "+41 000", "-2+3", "@SUM(A1:A2)", "\tleading tab",
     "\r=cmd|' /C calc'!A0", "=cmd|' /C calc'!A0"],
)
def test_cells_a_spreadsheet_would_run_are_neutralised(events: MakeEvents, column: str, payload: str) -> None:
    frame = events({"location": "Shusha", column: payload})
    row = read_csv_rows(events_csv(frame))[0]
    assert row[column] == "'" + payload


@pytest.mark.parametrize("text", ["Shusha", "شوشة", "Շուշի", "a=b", "50% of 3+4", "'quoted'", ""])
def test_harmless_text_is_unchanged(events: MakeEvents, text: str) -> None:
    frame = events({"location": "Shusha", "description": text})
    assert read_csv_rows(events_csv(frame))[0]["description"] == text


def test_numbers_stay_numbers(events: MakeEvents) -> None:
    frame = events({"location": "somewhere south", "latitude": -12.5, "longitude": -77.25, "fatalities": 3})
    row = read_csv_rows(events_csv(frame))[0]
    assert (row["latitude"], row["longitude"], row["fatalities"], row["injured"]) == ("-12.5", "-77.25", "3", "")


def test_every_column_is_exported(events: MakeEvents) -> None:
    frame = events({"location": "Shusha"})
    header = next(csv.reader(io.StringIO(events_csv(frame).decode("utf-8-sig"))))
    assert header == [*COLUMN_NAMES, *GEO_RESULT_COLUMNS, "source_line"]
    assert export_columns(frame) == header


def test_csv_has_a_bom_for_excel_unless_asked_not_to(events: MakeEvents) -> None:
    frame = events({"location": "Shusha", "description_original": "قصفت القوات الأذربيجانية"})
    assert events_csv(frame).startswith(b"\xef\xbb\xbfevent_id,")
    assert events_csv(frame, bom=False).startswith(b"event_id,")
    assert "قصفت القوات الأذربيجانية" in events_csv(frame).decode("utf-8-sig")


def test_the_project_reads_its_own_export_back(events: MakeEvents, war_week: pd.DataFrame) -> None:
    result = load_events(events_csv(war_week), name="export.csv")
    assert result.rejected == []
    assert list(result.events["event_id"]) == list(war_week["event_id"])
    assert list(result.events["location"]) == list(war_week["location"])
    assert result.events["latitude"].equals(war_week["latitude"])


def test_only_the_filtered_events_are_exported(war_week: pd.DataFrame) -> None:
    shown = apply_filters(war_week, Filters(date_from=date(2020, 10, 8), date_to=date(2020, 10, 9)))
    rows = read_csv_rows(events_csv(shown))
    assert [r["event_id"] for r in rows] == list(shown["event_id"])
    assert {r["date"] for r in rows} == {"2020-10-08", "2020-10-09"}


# --- GeoJSON -------------------------------------------------------------------------------------------------


def strict_json(data: bytes) -> dict:
    def no_constants(name: str) -> None:
        raise AssertionError(f"{name} is not JSON")

    return json.loads(data.decode("utf-8"), parse_constant=no_constants)


def test_geojson_is_an_rfc7946_feature_collection(war_week: pd.DataFrame) -> None:
    shown = apply_filters(war_week, Filters(date_from=date(2020, 10, 8), date_to=date(2020, 10, 9)))
    document = strict_json(geojson_bytes(shown))
    assert document["type"] == "FeatureCollection"
    assert "crs" not in document  # RFC 7946: WGS84 only, no crs member
    located = shown["latitude"].notna()
    assert len(document["features"]) == int(located.sum()) == 4
    meta = document["metadata"]
    assert (meta["events"], meta["features"], meta["without_coordinates"]) == (len(shown), 4, 1)
    assert meta["without_coordinates_ids"] == list(shown.loc[~located, "event_id"])
    for feature, (_, row) in zip(document["features"], shown[located].iterrows(), strict=True):
        assert feature["type"] == "Feature"
        assert feature["id"] == row["event_id"]
        assert feature["geometry"] == {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180
        assert -90 <= lat <= 90


def test_geojson_properties_hold_every_column(events: MakeEvents) -> None:
    frame = events({"location": "Shusha", "fatalities": 2, "report_date": "2020-10-09",
                    "sources": "https://a.example/1; AFP, 9 Oct 2020 ;https://b.example/2"})
    properties = strict_json(geojson_bytes(frame))["features"][0]["properties"]
    assert set(properties) == set(export_columns(frame))
    assert properties["sources"] == ["https://a.example/1", "AFP, 9 Oct 2020", "https://b.example/2"]
    assert properties["date"] == "2020-10-08"
    assert properties["report_date"] == "2020-10-09"
    assert properties["fatalities"] == 2
    assert properties["injured"] is None
    assert properties["geo_confidence"] is None


def test_geojson_metadata_says_what_was_exported() -> None:
    stamp = DataStamp(name="events.csv", sha256="c" * 64, modified=date(2020, 11, 12))
    meta = export_metadata(title="War", filters=Filters(sides=("Armenia",)), data_stamp=stamp)
    assert meta["filters"] == "Side: Armenia"
    assert meta["data"] == {"name": "events.csv", "sha256": "c" * 64, "modified": "2020-11-12"}


@pytest.mark.parametrize(("lat", "lon"), [(95.0, 46.0), (39.0, 190.0), (float("nan"), 46.0)])
def test_impossible_coordinates_are_not_features_but_are_counted(events: MakeEvents, lat: float, lon: float) -> None:
    document = events_geojson(events({"location": "x", "latitude": lat, "longitude": lon}))
    assert document["features"] == []
    assert document["metadata"]["without_coordinates"] == 1


def test_hostile_text_stays_data(events: MakeEvents) -> None:
    frame = events({"location": "Shusha", "description": "</script><script>alert(1)</script>"})
    document = strict_json(geojson_bytes(frame))
    assert document["features"][0]["properties"]["description"] == "</script><script>alert(1)</script>"
