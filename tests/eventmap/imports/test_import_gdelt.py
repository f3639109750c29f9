"""GDELT 1.0 and 2.0 event files, with and without a header, mapped onto the project's schema."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from base.errors import DataFileError
from base.reading import Record
from eventmap.imports import gdelt
from eventmap.loading import Limits, load_events
from eventmap.schema import STATUSES

DATA = Path(__file__).resolve().parents[2] / "data"
UNVERIFIED = "unverified" if "unverified" in STATUSES else "claimed"


@pytest.mark.parametrize(
    ("file", "bad_line"),
    [
        ("gdelt_v1_daily.tsv", 6),  # 58 columns, no header
        ("gdelt_v2.export.CSV", 6),  # 61 columns, no header
        ("gdelt_v2_header.tsv", 7),  # with GDELT's header: the header is line 1
        ("gdelt_v2.export.CSV.zip", 6),  # as GDELT publishes it
    ],
)
def test_every_gdelt_file_imports_every_row(file: str, bad_line: int) -> None:
    result = load_events(DATA / file, limits=Limits())
    assert result.detected_format == "gdelt"
    assert result.rows_read == len(result.events) + len(result.rejected) == 6
    assert [(r.line, [str(p) for p in r.problems]) for r in result.rejected] == [
        (bad_line, [f"{file}:{bad_line}: sqldate: must be a date written yyyymmdd (got '2020108')"])]
    events = result.events.set_index("event_id")
    assert (events["date"] == pd.Timestamp("2020-10-08")).all()
    assert events.loc["GDELT-951300001", ["latitude", "longitude"]].tolist() == [39.8153, 46.7519]
    assert events.loc["GDELT-951300005", ["latitude", "longitude"]].tolist() == [55.7522, 37.6156]
    assert set(events["status"]) == {UNVERIFIED}
    assert set(events["claimed_by"]) == {"not stated"}
    assert events["fatalities"].isna().all()


def test_the_mapping_of_one_event() -> None:
    events = load_events(DATA / "gdelt_v2.export.CSV", limits=Limits()).events.set_index("event_id")
    row = events.loc["GDELT-951300002"]
    assert (row["location"], row["admin1"], row["country"]) == ("Shusha, Susa, Azerbaijan", "Susa", "Azerbaijan")
    assert (row["side"], row["actor"], row["target"]) == ("AZERBAIJAN", "AZERBAIJAN", "CIVILIAN")
    assert (row["event_type"], row["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert (row["geo_precision"], row["verification"]) == ("near", "single-source")
    assert row["sources"] == "https://example.org/news/2; GDELT 951300002"
    assert row["notes"].startswith("GDELT CAMEO event code 195 (root 19: fight); GDELT Goldstein scale -10.0")
    assert events.loc["GDELT-951300004", ["side", "admin1", "geo_precision"]].tolist() == [
        "not stated", "Goranboy", "region"]  # no actor; a first-order region
    assert events.loc["GDELT-951300003", ["country", "admin1"]].tolist() == ["Armenia", ""]  # a country


@pytest.mark.parametrize(
    ("code", "types"),
    [
        ("190", ("Battles", "Armed clash")),
        ("193", ("Battles", "Armed clash")),
        ("194", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        ("1951", ("Explosions/Remote violence", "Air/drone strike")),
        ("192", ("Strategic developments", "Non-violent transfer of territory")),
        ("180", ("Violence against civilians", "Attack")),
        ("181", ("Violence against civilians", "Abduction/forced disappearance")),
        ("1821", ("Violence against civilians", "Sexual violence")),
        ("1823", ("Violence against civilians", "Attack")),
        ("1831", ("Explosions/Remote violence", "Suicide bomb")),
        ("1833", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("202", ("Violence against civilians", "Attack")),
        ("2041", ("Explosions/Remote violence", "Chemical weapon")),
        ("141", ("Protests", "Peaceful protest")),
        ("145", ("Riots", "Violent demonstration")),
        ("173", ("Strategic developments", "Arrests")),
        ("036", ("Strategic developments", "Other")),
        ("", ("Strategic developments", "Other")),
    ],
)
def test_event_type_of(code: str, types: tuple[str, str]) -> None:
    assert gdelt.event_type_of(code) == types


@pytest.mark.parametrize(("text", "iso"), [("20201008", "2020-10-08"), ("20201008.0", "2020-10-08"),
                                          ("2020108", None), ("2020-10-08", None), ("", None)])
def test_date_of(text: str, iso: str | None) -> None:
    assert gdelt.date_of(text) == iso


@pytest.mark.parametrize(
    ("geo_type", "full_name", "precision", "place"),
    [
        ("1", "Azerbaijan", "region", ("", "Azerbaijan")),
        ("2", "Texas, United States", "region", ("Texas", "United States")),
        ("3", "Austin, Texas, United States", "near", ("Texas", "United States")),
        ("4", "Barda, Barda, Azerbaijan", "near", ("Barda", "Azerbaijan")),
        ("4", "Baku, Azerbaijan", "near", ("", "Azerbaijan")),
        ("5", "Goranboy, Azerbaijan", "region", ("Goranboy", "Azerbaijan")),
    ],
)
def test_place_and_precision(geo_type: str, full_name: str, precision: str, place: tuple[str, str]) -> None:
    row = Record(2, {"globaleventid": "1", "sqldate": "20201008", "eventcode": "190", "eventrootcode": "19",
                     "actiongeo_type": geo_type, "actiongeo_fullname": full_name})
    [record], problems = gdelt.to_schema([row], file="g.csv")
    assert problems == []
    values = record.values
    assert (values["geo_precision"], values["location"], (values["admin1"], values["country"])) == (
        precision, full_name, place)


def test_an_event_without_a_place_is_reported() -> None:
    row = Record(3, {"globaleventid": "1", "sqldate": "20201008", "eventcode": "190", "actiongeo_type": "0"})
    records, problems = gdelt.to_schema([row], file="g.csv")
    assert records == []
    assert [str(p) for p in problems] == [
        "g.csv:3: actiongeo_type: must be 1 (country), 2 (US state), 3 (US city), 4 (world city) or 5 (world "
        "region): the event has no place (got '0')"]


def test_a_headerless_file_of_another_layout_is_refused() -> None:
    data = b"951300001\t20201008\tx\ty\n951300002\t20201008\tx\ty\n"
    with pytest.raises(DataFileError, match="the file has no header row: its first line is data"):
        load_events(data, name="short.tsv", limits=Limits())
