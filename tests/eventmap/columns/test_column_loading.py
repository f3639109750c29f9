"""Tables that are not the project's schema load through a column mapping: every row accounted for, every
date right, defaults visible, nothing invented."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from base.errors import DataFileError
from base.problems import Severity
from eventmap.columns import ColumnMapping, guess_mapping
from eventmap.columns.table import FillIn, no_source
from eventmap.loading import LoadResult, load_events

DATA = Path(__file__).resolve().parents[2] / "data"
D = dt.date


def load(file: str, **options: object) -> LoadResult:
    return load_events(DATA / file, **options)  # type: ignore[arg-type]


def dates_by_line(result: LoadResult) -> dict[int, dt.date]:
    return {int(line): pd.Timestamp(day).date()
            for line, day in zip(result.events["source_line"], result.events["date"], strict=True)}


@pytest.mark.parametrize(
    ("file", "options", "dates", "rejected", "date_format"),
    [
        ("table_five_columns.csv", {},
         {2: D(2020, 10, 8), 3: D(2020, 10, 4), 4: D(2020, 10, 11), 5: D(2020, 10, 28), 6: D(2020, 10, 9),
          7: D(2020, 10, 5)}, [], "ISO yyyy-mm-dd"),
        ("table_arabic.csv", {},
         {2: D(2020, 10, 8), 3: D(2020, 10, 4), 4: D(2020, 10, 11), 5: D(2020, 10, 28), 6: D(2020, 10, 5)}, [],
         "dd/mm/yyyy (day first: 1 row has a first part over 12); month names"),
        ("table_when_lat_lng.csv", {},
         {2: D(2020, 10, 8), 3: D(2020, 10, 4), 4: D(2020, 10, 11), 5: D(2020, 10, 28)}, [6],
         "timestamps (the local date as written)"),
        ("table_month_first.csv", {},
         {2: D(2020, 10, 13), 3: D(2020, 10, 4), 4: D(2020, 10, 11), 5: D(2020, 10, 28), 6: D(2020, 10, 5)}, [],
         "mm/dd/yyyy (month first: 2 rows have a second part over 12)"),
        ("table_german_cp1252.csv", {},
         {2: D(2020, 10, 8), 3: D(2020, 10, 4), 4: D(2020, 10, 11), 5: D(2020, 10, 28), 6: D(2020, 10, 31)}, [],
         "dd.mm.yyyy (day first: 2 rows have a first part over 12)"),
        ("table_undecidable_dates.csv", {}, {4: D(2021, 1, 1), 5: D(2020, 10, 9), 6: D(2020, 12, 12)}, [2, 3],
         "dd/mm/yyyy or mm/dd/yyyy: undecided (2 dates could be read either way and none has a day or month "
         "over 12); ISO yyyy-mm-dd"),
        ("table_undecidable_dates.csv", {"dayfirst": True},
         {2: D(2020, 10, 5), 3: D(2020, 10, 6), 4: D(2021, 1, 1), 5: D(2020, 10, 9), 6: D(2020, 12, 12)}, [],
         "dd/mm/yyyy (day first: as chosen); ISO yyyy-mm-dd"),
        ("table_undecidable_dates.csv", {"dayfirst": False},
         {2: D(2020, 5, 10), 3: D(2020, 6, 10), 4: D(2021, 1, 1), 5: D(2020, 10, 9), 6: D(2020, 12, 12)}, [],
         "mm/dd/yyyy (month first: as chosen); ISO yyyy-mm-dd"),
    ],
)
def test_every_row_accounted_for_and_every_date_right(file: str, options: dict[str, object],
                                                      dates: dict[int, dt.date], rejected: list[int],
                                                      date_format: str) -> None:
    result = load(file, **options)
    assert result.detected_format == "table"
    assert dates_by_line(result) == dates
    assert [r.line for r in result.rejected] == rejected
    assert len(result.events) + len(result.rejected) == result.rows_read
    assert str(result.date_format) == date_format
    assert result.mapping is not None


def test_five_columns_get_visible_defaults_and_no_invented_facts() -> None:
    result = load("table_five_columns.csv")
    events = result.events
    assert set(events["status"]) == set(events["verification"]) == {"unverified"}
    assert set(events["claimed_by"]) == {"not stated"}
    assert events["actor"].tolist() == events["side"].tolist()
    assert set(events["country"]) == {""}  # geocoding fills it, the loader does not guess it
    assert set(events["event_type"]) == set(events["sub_event_type"]) == {""}
    assert events["event_id"].str.fullmatch(r"row-[0-9a-f]{8}").all()
    assert events["event_id"].is_unique
    assert no_source(events).tolist() == [False, False, False, True, False, False]
    assert events["sources"].iloc[3] == ""
    assert FillIn("status", "unverified", 6) in result.filled
    assert FillIn("actor", "<side>", 6) in result.filled
    assert str(FillIn("status", "unverified", 6)) == "status set to 'unverified' for 6 rows"
    warnings = [str(p) for p in result.problems]
    assert "table_five_columns.csv: source: warning: 1 row without a source: loaded and marked 'no source'" in warnings
    assert all(p.severity is Severity.WARNING for p in result.problems)


def test_row_ids_do_not_depend_on_the_file_name_and_repeat_rows_differ() -> None:
    data = (DATA / "table_five_columns.csv").read_bytes()
    lines = data.decode().splitlines()
    doubled = "\n".join([*lines, lines[1]]).encode()
    first = load_events(data, name="a.csv").events["event_id"].tolist()
    second = load_events(doubled, name="b.csv").events["event_id"].tolist()
    assert second[:6] == first
    assert second[6] not in first  # the same row again gets its own id


def test_free_text_types_are_kept_and_mapped_only_where_the_word_says_so() -> None:
    events = load("table_month_first.csv").events
    assert events["event_type_original"].tolist() == ["shelling", "drone strike", "missile", "cluster munitions",
                                                      "clashes"]
    assert events["sub_event_type"].tolist() == ["Shelling/artillery/missile attack", "Air/drone strike",
                                                 "Shelling/artillery/missile attack", "", "Armed clash"]
    assert events["event_type"].tolist()[3] == ""


def test_coordinates_only_table_keeps_its_points_without_inventing_a_name() -> None:
    result = load("table_when_lat_lng.csv")
    assert result.events["location"].iloc[0] == ""  # named after the nearest place when geocoded
    assert result.events[["latitude", "longitude"]].iloc[0].tolist() == [39.7601, 46.7499]
    assert str(result.rejected[0].problems[0]) == (
        "table_when_lat_lng.csv:6: location: no place: a row needs a place name, or latitude and longitude")


def test_a_column_the_guess_misses_is_mapped_by_hand() -> None:
    guessed = load("table_german_cp1252.csv")
    assert set(guessed.events["side"]) == {"not stated"}
    assert any("'Verursacher'" in p.message for p in guessed.warnings)
    assert guessed.mapping is not None
    mapped = load("table_german_cp1252.csv", mapping=guessed.mapping.with_overrides({"side": "Verursacher"}))
    assert mapped.events["side"].tolist() == ["Aserbaidschan", "Aserbaidschan", "Armenien", "Armenien",
                                              "Aserbaidschan"]
    assert mapped.events["description"].iloc[0] == "Kathedrale zweimal getroffen, Schäden am Dach"
    assert mapped.encoding == "cp1252"


def test_undecidable_dates_are_a_file_level_error_never_a_guess() -> None:
    result = load("table_undecidable_dates.csv")
    file_errors = [p for p in result.errors if p.line is None]
    assert len(file_errors) == 1
    assert "--dayfirst or --monthfirst" in file_errors[0].message
    assert str(result.rejected[0].problems[0]) == (
        "table_undecidable_dates.csv:2: date: '05/10/2020' could be 5 October 2020 or 10 May 2020, and the column "
        "does not say which (no day or month over 12): choose day first or month first (--dayfirst/--monthfirst)")
    assert all(len(r.problems) == 1 for r in result.rejected)  # not also "required, but empty"


def test_inconsistent_dates_flag_the_rows_against_the_majority() -> None:
    data = b"date,place\n13/10/2020,Shusha\n14/10/2020,Barda\n10/15/2020,Ganja\n05/10/2020,Tartar\n"
    result = load_events(data, name="t.csv")
    assert [r.line for r in result.rejected] == [4]
    assert str(result.rejected[0].problems[0]) == (
        "t.csv:4: date: '10/15/2020' can only be month first, but this column is day first (dd/mm/yyyy)")
    assert dates_by_line(result)[5] == D(2020, 10, 5)


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        (ColumnMapping({"date": "Datum"}, ("Datum",)), "no place column"),
        (ColumnMapping({"date": "Datum", "location": "Stadt"}, ("Datum", "Stadt")), "'Stadt'"),
    ],
)
def test_a_mapping_without_a_place_or_with_a_missing_column_is_refused(mapping: ColumnMapping,
                                                                       message: str) -> None:
    with pytest.raises(DataFileError, match=message):
        load("table_german_cp1252.csv", mapping=mapping)


def test_the_project_schema_is_not_mapped() -> None:
    result = load("project_utf8.csv")
    assert result.detected_format == "project"
    assert result.mapping is None
    assert result.filled == ()
    assert result.date_format is None


@pytest.mark.parametrize(
    ("data", "dates", "date_format"),
    [
        (b"date,place\n44112,Shusha\n44113,Barda\n", [D(2020, 10, 8), D(2020, 10, 9)],
         "Excel day numbers (days since 1899-12-30)"),
        (b"day,place,lat,lon\n20201008,Shusha,39.7601,46.7499\n20201011,Ganja,40.6816,46.3613\n",
         [D(2020, 10, 8), D(2020, 10, 11)], "yyyymmdd"),  # GDELT's SQLDATE form
        ("дата,место\n8 октября 2020,Шуша\n11 октября 2020 г.,Гянджа\n".encode(), [D(2020, 10, 8), D(2020, 10, 11)],
         "month names"),
    ],
)
def test_other_date_forms(data: bytes, dates: list[dt.date], date_format: str) -> None:
    result = load_events(data, name="t.csv")
    assert [pd.Timestamp(d).date() for d in result.events["date"]] == dates
    assert str(result.date_format) == date_format
    assert result.rejected == []


def test_gdelt_columns_map_by_their_names() -> None:
    header = ["GLOBALEVENTID", "SQLDATE", "Actor1Name", "ActionGeo_FullName", "ActionGeo_Lat", "ActionGeo_Long",
              "SOURCEURL"]
    guess = guess_mapping(header, [["1", "20201008", "ARMENIA", "Shusha", "39.7601", "46.7499", "https://x.org"]])
    assert dict(guess.mapping.columns) == {
        "event_id": "GLOBALEVENTID", "date": "SQLDATE", "location": "ActionGeo_FullName",
        "latitude": "ActionGeo_Lat", "longitude": "ActionGeo_Long", "actor": "Actor1Name", "sources": "SOURCEURL"}
    result = load_events(b"id,day,place\n7,20201008,Shusha\n", name="t.csv",
                         mapping=ColumnMapping({"event_id": "id", "date": "day", "location": "place"}, ()))
    assert result.events["event_id"].tolist() == ["7"]  # the table's own id is kept


def test_arabic_table_keeps_arabic_places_and_maps_arabic_types() -> None:
    result = load("table_arabic.csv")
    events = result.events
    assert events["location"].tolist() == ["شوشة", "ستيباناكيرت", "كنجة", "بردع", "ترتر"]
    assert events["sub_event_type"].tolist() == ["Shelling/artillery/missile attack", "Air/drone strike",
                                                 "Shelling/artillery/missile attack", "", "Armed clash"]
    assert events["event_type_original"].iloc[3] == "هجوم"
    assert [str(p) for p in result.warnings if p.line == 5] == [
        "table_arabic.csv:5: النوع: warning: names no ACLED event type: kept in event_type_original, event_type "
        "left empty (got 'هجوم')"]


def test_two_rows_whose_short_ids_collide_both_load() -> None:
    # these two rows' hashes share their first 8 hex digits (found in a 100,000-row table)
    data = (b"date,location,side,description,source\n"
            b"25/10/2020,Shusha,Side 0,Event 54456 shelling reported,https://example.org/54456\n"
            b"18/10/2020,Barda,Side 0,Event 87405 shelling reported,https://example.org/87405\n")
    result = load_events(data, name="t.csv")
    assert result.rejected == []
    assert result.events["event_id"].tolist() == ["row-47d01ff2", "row-47d01ff23a97"]


def test_a_mapping_given_loads_even_an_export_as_a_table() -> None:
    result = load("acled_current.csv", mapping=ColumnMapping({"date": "event_date", "location": "location"}, ()))
    assert result.detected_format == "table"
    assert len(result.events) + len(result.rejected) == result.rows_read == 12
    assert set(result.events["status"]) == {"unverified"}
    with pytest.raises(ValueError, match="'acled'"):
        load("acled_current.csv", mapping=result.mapping, source_format="acled")


@pytest.mark.parametrize(("with_marker", "loaded", "rejected"), [(True, 1, 0), (False, 0, 1)])
def test_a_project_file_written_from_a_table_loads_back(with_marker: bool, loaded: int, rejected: int) -> None:
    header = ("event_id,date,date_precision,report_date,location,latitude,longitude,geo_precision,country,admin1,"
              "side,actor,target,event_type,sub_event_type,description,description_original,language,fatalities,"
              "injured,claimed_by,status,disputed_by,verification,sources,notes")
    row = ("row-1a2b3c4d,2020-10-08,day,,Shusha,,,exact,,,not stated,not stated,,,,,,,,,not stated,unverified,,"
           "unverified,,")
    data = (f"{header},event_type_original\n{row},shelled\n" if with_marker else f"{header}\n{row}\n").encode()
    result = load_events(data, name="t.csv")
    assert (len(result.events), len(result.rejected)) == (loaded, rejected)
    if with_marker:
        assert [str(p) for p in result.warnings] == [
            "t.csv: sources: warning: 1 row without a source: loaded and marked 'no source'",
            "t.csv: event_type: warning: 1 row without an event type: loaded with event_type empty"]
