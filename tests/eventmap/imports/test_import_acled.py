"""ACLED exports (current and HDX column sets) mapped onto the project's schema."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from base.reading import Record
from eventmap.imports import acled
from eventmap.loading import Limits, load_events

DATA = Path(__file__).resolve().parents[2] / "data"


def test_current_export_imports_every_row() -> None:
    result = load_events(DATA / "acled_current.csv")
    assert result.detected_format == "acled"
    assert result.problems == []
    assert len(result.events) == result.rows_read == 12
    row = result.events.set_index("event_id").loc["ARM4888"]
    assert row["date"] == pd.Timestamp("2020-10-01")
    assert (row["date_precision"], row["geo_precision"]) == ("day", "exact")
    assert (row["side"], row["actor"], row["target"]) == (
        "Azerbaijan", "Military Forces of Azerbaijan (2003-)", "Civilians (Armenia)")
    assert (row["event_type"], row["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert (row["location"], row["country"], row["admin1"]) == ("Mets Masrik", "Armenia", "Gegharkunik")
    assert (row["latitude"], row["longitude"]) == (40.2195, 45.7639)
    assert row["fatalities"] == 1
    assert (row["claimed_by"], row["sources"]) == ("Armenpress", "Armenpress; ACLED ARM4888")
    assert (row["status"], row["verification"]) == ("confirmed", "single-source")
    assert row["description"].startswith("An Azerbaijani drone struck Mets Masrik")
    assert row["notes"] == ("ACLED disorder_type: Political violence; ACLED civilian_targeting: Civilian targeting; "
                            "ACLED source_scale: National; ACLED admin2: Vardenis")


def test_claims_and_several_sources() -> None:
    events = load_events(DATA / "acled_current.csv").events.set_index("event_id")
    assert events.loc["ARM4887", "status"] == "claimed"  # "The Armenian MoD claimed ..."
    assert events.loc["ARM4887", "verification"] == "multi-source"
    assert events.loc["ARM4887", "side"] == "Turkey"
    assert events.loc["ARM4892", "side"] == "Government of Armenia (2018-)"
    assert events.loc["ARM4927", ["event_type", "sub_event_type"]].tolist() == ["Riots", "Violent demonstration"]
    assert events.loc["ARM4926", "geo_precision"] == "exact"
    assert events.loc["ARM4908", "geo_precision"] == "near"


def test_hdx_export_skips_the_hxl_row_and_has_no_fatalities() -> None:
    result = load_events(DATA / "acled_hdx.csv")
    assert result.problems == []
    assert result.detected_format == "acled"
    events = result.events
    assert events["source_line"].tolist() == [3, 4, 5, 6, 7, 8]  # line 2 is the HXL row
    assert events["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2020-09-29", "2020-10-01", "2020-10-01", "2020-09-27", "2020-09-29", "2020-10-10"]
    assert events["fatalities"].isna().all()
    current = load_events(DATA / "acled_current.csv").events.iloc[:6]
    assert events["event_id"].tolist() == current["event_id"].tolist()
    assert events["side"].tolist() == current["side"].tolist()


@pytest.mark.parametrize(
    ("actor1", "side"),
    [
        ("Military Forces of Azerbaijan (2003-)", "Azerbaijan"),
        ("Military Forces of Armenia (2018-) Air Force", "Armenia"),
        ("Police Forces of Armenia (2018-)", "Armenia"),
        ("Military Forces of Nagorno-Karabakh", "Nagorno-Karabakh"),
        ("Rioters (Armenia)", "Rioters (Armenia)"),
        ("Civilians (Azerbaijan)", "Civilians (Azerbaijan)"),
        ("  Unidentified Armed Group (Armenia) ", "Unidentified Armed Group (Armenia)"),
        ("", ""),
    ],
)
def test_side_of(actor1: str, side: str) -> None:
    assert acled.side_of(actor1) == side


@pytest.mark.parametrize(
    ("notes", "status"),
    [
        ("Azerbaijani forces shelled Tartar.", "confirmed"),
        ("The MoD claimed to have destroyed 10 tanks.", "claimed"),
        ("A bus was reportedly hit.", "claimed"),
        ("Allegedly, a drone struck.", "claimed"),
        ("Reclaimed land was handed over.", "confirmed"),  # whole words only
    ],
)
def test_status_of(notes: str, status: str) -> None:
    assert acled.status_of(notes) == status


@pytest.mark.parametrize(
    ("source", "scale", "verification"),
    [
        ("Armenpress", "National", "single-source"),
        ("Armenpress; News.am", "National", "multi-source"),
        ("Armenpress", "New media-National", "multi-source"),
        ("", "", "unverified"),
    ],
)
def test_verification_of(source: str, scale: str, verification: str) -> None:
    assert acled.verification_of(source, scale) == verification


HEADER = ",".join(acled.CURRENT_COLUMNS)


def acled_row(**cells: str) -> str:
    values = {c: "" for c in acled.CURRENT_COLUMNS} | {
        "event_id_cnty": "AZE1", "event_date": "2020-10-08", "time_precision": "1", "event_type": "Battles",
        "sub_event_type": "Armed clash", "actor1": "Military Forces of Azerbaijan (2003-)", "country": "Azerbaijan",
        "location": "Tartar", "latitude": "40.342", "longitude": "46.9316", "geo_precision": "2",
        "source": "Trend", "notes": "Clashes near Tartar.", "fatalities": "0",
    } | cells
    return ",".join(values[c] for c in acled.CURRENT_COLUMNS)


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"time_precision": "7"}, "t.csv:2: time_precision: must be one of 1 (day), 2 (week), 3 (month) (got '7')"),
        ({"geo_precision": ""}, "t.csv:2: geo_precision: must be one of 1 (exact), 2 (near), 3 (region) (got '')"),
        ({"event_date": "soon"}, "t.csv:2: event_date: not a date: 'soon' (use yyyy-mm-dd, dd/mm/yyyy or "
                                 "'09 October 2020')"),
        ({"event_type": "Remote violence"}, "t.csv:2: event_type: must be one of: Battles, Explosions/Remote "
                                            "violence, Violence against civilians, Protests, Riots, Strategic "
                                            "developments (got 'Remote violence')"),
        ({"actor1": ""}, "t.csv:2: actor1: required, but empty"),
        ({"latitude": "95"}, "t.csv:2: latitude: out of range -90..90; latitude and longitude look swapped "
                             "(got '95')"),
        ({"fatalities": "x"}, "t.csv:2: fatalities: not a whole number (got 'x')"),
    ],
)
def test_rows_that_cannot_be_imported_name_the_acled_column(cells: dict[str, str], problem: str) -> None:
    data = f"{HEADER}\n{acled_row(**cells)}\n{acled_row(event_id_cnty='AZE2')}\n".encode()
    result = load_events(data, name="t.csv", limits=Limits())
    assert [str(p) for p in result.problems] == [problem]
    assert result.events["event_id"].tolist() == ["AZE2"]
    assert result.rejected[0].line == 2
    assert result.rejected[0].raw["event_id_cnty"] == "AZE1"  # the row as it is in the export


def test_empty_notes_get_a_description() -> None:
    result = load_events(f"{HEADER}\n{acled_row(notes='')}\n".encode(), limits=Limits())
    assert result.events["description"].tolist() == ["Armed clash in Tartar (ACLED gives no notes)"]


def test_to_schema_directly() -> None:
    rows = [Record(2, {"event_id_cnty": "X1", "time_precision": "3", "geo_precision": "3", "actor1": "A",
                       "source": "S1; S2"}),
            Record(3, {"event_id_cnty": "X2", "time_precision": "1.0", "geo_precision": "0"})]
    records, problems = acled.to_schema(rows, file="x.csv")
    assert [r.line for r in records] == [2]
    assert records[0].values["date_precision"] == "month"
    assert records[0].values["geo_precision"] == "region"
    assert records[0].values["sources"] == "S1; S2; ACLED X1"
    assert [str(p) for p in problems] == ["x.csv:3: geo_precision: must be one of 1 (exact), 2 (near), 3 (region) "
                                          "(got '0')"]


OLD_TYPES = {
    "AZE1": ("Battles", "Armed clash", "near"),
    "AZE2": ("Battles", "Government regains territory", "exact"),
    "AZE3": ("Explosions/Remote violence", "Shelling/artillery/missile attack", "exact"),  # "a missile hit"
    "AZE4": ("Violence against civilians", "Abduction/forced disappearance", "region"),  # "were abducted"
    "AZE5": ("Protests", "Peaceful protest", "exact"),  # INTER1 6: protesters
    "AZE6": ("Strategic developments", "Other", "exact"),
    "AZE7": ("Strategic developments", "Change to group/activity", "near"),
    "AZE8": ("Strategic developments", "Headquarters or base established", "near"),
    "AZE9": ("Battles", "Non-state actor overtakes territory", "exact"),
}


def test_older_upper_case_files_map_old_event_types() -> None:
    result = load_events(DATA / "acled_old.csv", limits=Limits())
    assert result.detected_format == "acled"
    assert result.rows_read == len(result.events) + len(result.rejected) == 10
    events = result.events.set_index("event_id")
    assert {i: tuple(events.loc[i, ["event_type", "sub_event_type", "geo_precision"]]) for i in events.index} == (
        OLD_TYPES)
    assert events.loc["AZE1", "date"] == pd.Timestamp("2020-10-08")  # 08/10/2020, day first
    assert events.loc["AZE1", "notes"] == ("ACLED old event type 'Battle-No change of territory' mapped to Battles / "
                                           "Armed clash")
    assert (events.loc["AZE3", "side"], events.loc["AZE3", "fatalities"]) == ("Armenia", 10)
    [rejected] = result.rejected
    assert rejected.line == 11
    assert [p.column for p in rejected.problems] == ["geo_precis", "event_type"]


@pytest.mark.parametrize(
    ("event_type", "notes", "inter1", "expected"),
    [
        ("Battle-No change of territory", "", "", ("Battles", "Armed clash")),
        ("BATTLE - NO CHANGE OF TERRITORY", "", "", ("Battles", "Armed clash")),
        ("Remote violence", "An air strike hit the market", "", ("Explosions/Remote violence", "Air/drone strike")),
        ("Remote violence", "An IED exploded on the road", "", ("Explosions/Remote violence",
                                                                 "Remote explosive/landmine/IED")),
        ("Remote violence", "A suicide bomber", "", ("Explosions/Remote violence", "Suicide bomb")),
        ("Remote violence", "Mortar fire", "", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        ("Violence against civilians", "Women were raped", "", ("Violence against civilians", "Sexual violence")),
        ("Violence against civilians", "Villagers were shot", "", ("Violence against civilians", "Attack")),
        ("Riots/Protests", "Youths rioted", "5", ("Riots", "Violent demonstration")),
        ("Riots/Protests", "A violent crowd burned cars", "", ("Riots", "Violent demonstration")),
        ("Riots/Protests", "Teachers marched", "6", ("Protests", "Peaceful protest")),
        ("Non-violent transfer of territory", "", "", ("Strategic developments", "Non-violent transfer of territory")),
        ("Skirmish", "", "", None),
    ],
)
def test_old_event_type(event_type: str, notes: str, inter1: str, expected: tuple[str, str] | None) -> None:
    assert acled.old_event_type(event_type, notes=notes, inter1=inter1) == expected
