"""UCDP GED exports mapped onto the project's schema."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from eventmap.imports import ucdp
from eventmap.loading import Limits, load_events

DATA = Path(__file__).resolve().parents[2] / "data"


def test_ged_export_imports_every_row() -> None:
    result = load_events(DATA / "ucdp_ged.csv")
    assert result.detected_format == "ucdp"
    assert result.problems == []
    assert len(result.events) == result.rows_read == 5
    row = result.events.set_index("event_id").loc["UCDP-390001"]
    assert row["date"] == pd.Timestamp("2020-10-11")
    assert (row["event_type"], row["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert (row["side"], row["actor"], row["target"]) == ("Armenia", "Government of Armenia", "Civilians")
    assert (row["location"], row["admin1"], row["country"]) == ("Ganja town", "Ganja city", "Azerbaijan")
    assert (row["date_precision"], row["geo_precision"]) == ("day", "exact")
    assert row["fatalities"] == 10
    assert row["notes"].startswith("UCDP best 10 (low 7, high 10); deaths: side A 0, side B 0, civilians 10")
    assert row["sources"] == ("Azertag,2020-10-11,Missile strike on Ganja; Trend,2020-10-12,Death toll in Ganja "
                              "rises; UCDP GED 390001")
    assert (row["claimed_by"], row["status"], row["verification"]) == ("Azertag", "confirmed", "multi-source")
    assert row["description"] == ("One-sided violence, Government of Armenia - civilians, at Ganja town "
                                  "(UCDP best estimate: 10 deaths)")


def test_state_based_event_with_ranges() -> None:
    row = load_events(DATA / "ucdp_ged.csv").events.set_index("event_id").loc["UCDP-390005"]
    assert (row["event_type"], row["sub_event_type"]) == ("Battles", "Armed clash")
    assert (row["date_precision"], row["geo_precision"]) == ("week", "region")
    assert (row["status"], row["verification"]) == ("claimed", "single-source")
    assert row["fatalities"] == 12
    assert "UCDP best 12 (low 5, high 40)" in row["notes"]
    assert "UCDP dates 2020-10-06 to 2020-10-08 (date_prec 2)" in row["notes"]


@pytest.mark.parametrize(("code", "precision"), [("1", "day"), ("2", "week"), ("3", "week"), ("4", "month"),
                                                 ("5", "month")])
def test_date_precision(code: str, precision: str) -> None:
    assert ucdp.DATE_PRECISION[code] == precision


@pytest.mark.parametrize(("code", "precision"), [("1", "exact"), ("2", "near"), *((str(c), "region")
                                                                                 for c in range(3, 8))])
def test_geo_precision(code: str, precision: str) -> None:
    assert ucdp.GEO_PRECISION[code] == precision


@pytest.mark.parametrize(
    ("side_a", "side"),
    [("Government of Azerbaijan", "Azerbaijan"), ("Government of Armenia (1991-)", "Armenia"),
     ("Republic of Artsakh", "Republic of Artsakh"), ("", "")],
)
def test_side_of(side_a: str, side: str) -> None:
    assert ucdp.side_of(side_a) == side


@pytest.mark.parametrize(("count", "verification"), [("3", "multi-source"), ("1", "single-source"),
                                                     ("-1", "unverified"), ("", "unverified"),
                                                     ("2.0", "multi-source")])
def test_verification_of(count: str, verification: str) -> None:
    assert ucdp.verification_of(count) == verification


def _ged(**cells: str) -> bytes:
    lines = (DATA / "ucdp_ged.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    rows = list(csv.reader(lines[1:2]))
    values = dict(zip(header, rows[0], strict=True)) | cells
    out = [",".join(header), ",".join(f'"{values[c]}"' for c in header)]
    return ("\n".join(out) + "\n").encode()


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"type_of_violence": "4"}, "t.csv:2: type_of_violence: must be one of 1, 2, 3 (got '4')"),
        ({"date_prec": "9"}, "t.csv:2: date_prec: must be one of 1, 2, 3, 4, 5 (got '9')"),
        ({"where_prec": ""}, "t.csv:2: where_prec: must be one of 1, 2, 3, 4, 5, 6, 7 (got '')"),
        ({"event_clarity": "3"}, "t.csv:2: event_clarity: must be 1 or 2 (got '3')"),
        ({"date_start": "2020-13-01"}, "t.csv:2: date_start: month 13 does not exist in '2020-13-01'"),
        ({"best": "-3"}, "t.csv:2: best: must be 0 or more (got '-3')"),
        ({"side_a": ""}, "t.csv:2: side_a: required, but empty"),
    ],
)
def test_rows_that_cannot_be_imported_name_the_ucdp_column(cells: dict[str, str], problem: str) -> None:
    result = load_events(_ged(**cells), name="t.csv", limits=Limits())
    assert [str(p) for p in result.problems] == [problem]
    assert result.events.empty
    assert result.rejected[0].raw["id"] == "390001"


def test_older_versions_estimates_and_points_from_geom_wkt() -> None:
    result = load_events(DATA / "ucdp_ged_old.csv", limits=Limits())
    assert result.detected_format == "ucdp"
    assert [p for p in result.problems if p.severity.value == "error"] == []
    assert len(result.events) == result.rows_read == 5
    events = result.events.set_index("event_id")
    assert events.loc["UCDP-390001", ["latitude", "longitude", "fatalities"]].tolist() == [40.6816, 46.3613, 10]
    assert events.loc["UCDP-390001", "notes"].startswith("UCDP best 10 (low 7, high 10)")
    assert pd.isna(events.loc["UCDP-390003", "latitude"])  # no point at all: geocoded from where_coordinates
    assert events.loc["UCDP-390003", "location"] == "Barda town"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"best_est": "12", "low_est": "5", "high_est": "40"}, {"best": "12", "low": "5", "high": "40"}),
        ({"best": "3", "best_est": "12"}, {"best": "3"}),  # the current column wins
        ({"geom_wkt": "POINT (46.3613 40.6816)"}, {"latitude": "40.6816", "longitude": "46.3613"}),
        ({"geom_wkt": "POINT(-1.5 -2)", "latitude": "", "longitude": ""}, {"latitude": "-2", "longitude": "-1.5"}),
        ({"geom_wkt": "POINT (46 40)", "latitude": "41", "longitude": "47"}, {"latitude": "41", "longitude": "47"}),
        ({"geom_wkt": "LINESTRING (1 2, 3 4)"}, {}),
    ],
)
def test_current_names(values: dict[str, str], expected: dict[str, str]) -> None:
    current = ucdp.current_names(values)
    assert {k: current[k] for k in expected} == expected
    if not expected:
        assert "latitude" not in current
