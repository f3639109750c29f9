"""TimeMap exports (JSON with events, sources and associations) and datasheets mapped onto the project's schema."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from eventmap.imports import timemap
from eventmap.loading import Limits, load_events
from eventmap.schema import STATUSES

DATA = Path(__file__).resolve().parents[2] / "data"
UNVERIFIED = "unverified" if "unverified" in STATUSES else "claimed"


def test_the_json_export_resolves_sources_and_associations() -> None:
    result = load_events(DATA / "timemap_export.json", limits=Limits())
    assert (result.detected_format, result.kind, result.line_unit) == ("timemap", "json", "record")
    assert result.rows_read == len(result.events) + len(result.rejected) == 4
    assert [str(p) for p in result.rejected[0].problems] == [
        "timemap_export.json:4: date: TimeMap dates are month first (MM/DD/YYYY) and this one has no month in "
        "that place; write it as YYYY-MM-DD (got '24/10/2020')"]
    events = result.events.set_index("event_id")
    assert events["date"].tolist() == [pd.Timestamp("2020-10-08")] * 2 + [pd.Timestamp("2020-10-09")]
    assert events.loc["CIV0001", ["latitude", "longitude"]].tolist() == [39.8177, 46.7528]
    assert events.loc["CIV0001", "sources"] == "https://example.org/v/1; https://example.org/p/2; TimeMap CIV0001"
    assert events.loc["CIV0001", "claimed_by"] == "Video of the strike, Photo of the damage"
    assert events.loc["CIV0001", ["event_type", "sub_event_type"]].tolist() == [
        "Explosions/Remote violence", "Shelling/artillery/missile attack"]
    assert events.loc["CIV0002", ["sub_event_type", "sources"]].tolist() == [
        "Air/drone strike", "https://example.org/r/3; TimeMap CIV0002"]
    assert events.loc["CIV0003", ["event_type", "sub_event_type", "sources"]].tolist() == [
        "Strategic developments", "Other", "SRC-9; TimeMap CIV0003"]  # an id the file does not list: kept
    assert "event type not stated in words the import knows" in events.loc["CIV0003", "notes"]
    assert set(events["status"]) == {UNVERIFIED}
    assert [str(p) for p in result.warnings if p.line == 3] == [
        "timemap_export.json:3: sources: warning: record 3: 1 id(s) not among the file's 'sources'; kept as they "
        "are (got 'SRC-9')"]


def test_the_download_button_file() -> None:
    result = load_events(DATA / "timemap_download.json", limits=Limits())
    assert (result.detected_format, result.rows_read, len(result.events)) == ("timemap", 2, 2)
    events = result.events.set_index("event_id")
    assert events["date"].tolist() == [pd.Timestamp("2020-10-17"), pd.Timestamp("2020-10-28")]  # month first
    assert events.loc["CIV0101", ["sub_event_type", "sources"]].tolist() == [
        "Shelling/artillery/missile attack", "https://example.org/v/11; TimeMap CIV0101"]  # "Missile"
    assert events.loc["CIV0102", ["verification", "sources"]].tolist() == [
        "multi-source", "https://example.org/p/12; https://example.org/p/13; TimeMap CIV0102"]
    assert events.loc["CIV0101", "notes"].startswith("TimeMap associations: Missile, Residential")


def test_the_datasheet() -> None:
    result = load_events(DATA / "timemap_datasheet.csv", limits=Limits())
    assert result.detected_format == "timemap"
    assert result.rows_read == len(result.events) == 3
    events = result.events.set_index("event_id")
    assert events["date"].tolist() == [pd.Timestamp(d) for d in ("2020-10-11", "2020-10-12", "2020-10-13")]
    assert events.loc["1", "sources"] == "https://example.org/a; https://example.org/b; TimeMap 1"
    assert events.loc["1", "verification"] == "multi-source"
    assert events.loc["2", ["event_type", "sub_event_type"]].tolist() == ["Protests", "Peaceful protest"]
    assert events.loc["3", ["location", "sub_event_type"]].tolist() == ["Tartar", "Shelling/artillery/missile attack"]
    assert pd.isna(events.loc["3", "latitude"])  # no point: geocoded from its location


@pytest.mark.parametrize(
    ("text", "iso"),
    [("10/08/2020", "2020-10-08"), ("3/1/2022", "2022-03-01"), ("2020-10-08", "2020-10-08"),
     ("24/02/2022", None), ("8 October 2020", "8 October 2020")],
)
def test_date_of(text: str, iso: str | None) -> None:
    assert timemap.date_of(text) == iso


@pytest.mark.parametrize(
    ("words", "types"),
    [
        ("Shelling Residential", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        ("Airstrike", ("Explosions/Remote violence", "Air/drone strike")),
        ("Drone attack", ("Explosions/Remote violence", "Air/drone strike")),
        ("Landmine", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("Chemical weapon", ("Explosions/Remote violence", "Chemical weapon")),
        ("Execution of civilians", ("Violence against civilians", "Attack")),
        ("Kidnapping", ("Violence against civilians", "Abduction/forced disappearance")),
        ("Protest", ("Protests", "Peaceful protest")),
        ("Residential Hospital", None),
    ],
)
def test_event_type_of(words: str, types: tuple[str, str] | None) -> None:
    assert timemap.event_type_of(words) == types
