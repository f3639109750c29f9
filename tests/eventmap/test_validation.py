"""Every validation rule, one table row each: the cell, the exact problem, and whether the row loads."""

from __future__ import annotations

import csv
import io
import math

import pytest

from base.problems import Severity
from eventmap.loading import Limits, LoadResult, load_events
from eventmap.validation import parse_count, parse_number

REGION = (38.3, 43.4, 41.5, 50.6)  # south, west, north, east: the South Caucasus
VALID_ROW: dict[str, str] = {
    "event_id": "NK-1", "date": "2020-10-08", "date_precision": "day", "report_date": "",
    "location": "Stepanakert", "latitude": "39.8177", "longitude": "46.7528", "geo_precision": "exact",
    "country": "Azerbaijan", "admin1": "", "side": "Azerbaijan", "actor": "Azerbaijani Armed Forces",
    "target": "", "event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
    "description": "Shelling of Stepanakert.", "description_original": "", "language": "", "fatalities": "",
    "injured": "", "claimed_by": "Artsakh authorities", "status": "claimed", "disputed_by": "",
    "verification": "single-source", "sources": "https://example.org/a", "notes": "",
}


def csv_bytes(rows: list[dict[str, str]], *, header: list[str] | None = None) -> bytes:
    header = header or list(VALID_ROW)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return buffer.getvalue().encode("utf-8")


def load_rows(rows: list[dict[str, str]], **options: object) -> LoadResult:
    return load_events(csv_bytes(rows, **options), name="t.csv", limits=Limits(), region_bbox=REGION)


def load_one(**cells: str) -> LoadResult:
    return load_rows([{**VALID_ROW, **cells}])


def test_the_valid_row_is_valid() -> None:
    result = load_one()
    assert result.problems == []
    assert len(result.events) == 1


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"event_id": ""}, "t.csv:2: event_id: required, but empty"),
        ({"date": ""}, "t.csv:2: date: required, but empty"),
        ({"location": "   "}, "t.csv:2: location: required, but empty"),
        ({"description": ""}, "t.csv:2: description: required, but empty"),
        ({"claimed_by": ""}, "t.csv:2: claimed_by: required, but empty"),
        ({"date": "10/13/2020"}, "t.csv:2: date: '10/13/2020' is read day first (dd/mm/yyyy) and 13 is not a month; "
                                 "if the file writes month first, write dates as yyyy-mm-dd (2020-10-13)"),
        ({"date": "2020-02-30"}, "t.csv:2: date: day 30 does not exist in month 2 of 2020 in '2020-02-30'"),
        ({"report_date": "soon"}, "t.csv:2: report_date: not a date: 'soon' (use yyyy-mm-dd, dd/mm/yyyy or "
                                  "'09 October 2020')"),
        ({"date_precision": "daily"}, "t.csv:2: date_precision: must be one of: day, week, month (got 'daily')"),
        ({"geo_precision": "town"}, "t.csv:2: geo_precision: must be one of: exact, near, region (got 'town')"),
        ({"status": "rumour"}, "t.csv:2: status: must be one of: confirmed, claimed, disputed, denied, "
                               "unverified (got 'rumour')"),
        ({"verification": "multi source"}, "t.csv:2: verification: must be one of: multi-source, single-source, "
                                           "party-claim-only, unverified (got 'multi source')"),
        ({"event_type": "War"}, "t.csv:2: event_type: must be one of: Battles, Explosions/Remote violence, "
                                "Violence against civilians, Protests, Riots, Strategic developments (got 'War')"),
        ({"sub_event_type": "Bombing"}, "t.csv:2: sub_event_type: not an ACLED sub-event type (see `python -m "
                                        "eventmap schema`) (got 'Bombing')"),
        ({"sub_event_type": "Armed clash"}, "t.csv:2: sub_event_type: is not a sub-event type of "
                                            "'Explosions/Remote violence' (allowed: Shelling/artillery/missile "
                                            "attack, Air/drone strike, Remote explosive/landmine/IED, Grenade, "
                                            "Suicide bomb, Chemical weapon) (got 'Armed clash')"),
        ({"latitude": "abc"}, "t.csv:2: latitude: not a number (decimal degrees expected, e.g. 39.7601) "
                              "(got 'abc')"),
        ({"latitude": "nan"}, "t.csv:2: latitude: not a finite number (got 'nan')"),
        ({"longitude": "inf"}, "t.csv:2: longitude: not a finite number (got 'inf')"),
        ({"latitude": "95.1", "longitude": "46.7"}, "t.csv:2: latitude: out of range -90..90; latitude and "
                                                    "longitude look swapped (got '95.1')"),
        ({"latitude": "95.1", "longitude": "146.7"}, "t.csv:2: latitude: out of range -90..90 (got '95.1')"),
        ({"longitude": "190"}, "t.csv:2: longitude: out of range -180..180 (got '190')"),
        ({"latitude": ""}, "t.csv:2: latitude: empty while longitude is given: give both or neither"),
        ({"longitude": ""}, "t.csv:2: longitude: empty while latitude is given: give both or neither"),
        ({"fatalities": "-1"}, "t.csv:2: fatalities: must be 0 or more (got '-1')"),
        ({"fatalities": "1.5"}, "t.csv:2: fatalities: not a whole number (got '1.5')"),
        ({"injured": "many"}, "t.csv:2: injured: not a whole number (got 'many')"),
        ({"fatalities": "20+"}, "t.csv:2: fatalities: not a whole number (write the lowest figure, e.g. '20', "
                                "and the rest in notes) (got '20+')"),
        ({"sources": ""}, "t.csv:2: sources: required, but empty"),
        ({"sources": "; ;"}, "t.csv:2: sources: at least one source is needed (URLs or citations separated by "
                             "';') (got '; ;')"),
        ({"description": "x", "event_id": "E" * 200}, None),  # long values are fine
    ],
)
def test_errors_set_the_row_aside(cells: dict[str, str], problem: str | None) -> None:
    result = load_one(**cells)
    if problem is None:
        assert result.problems == []
        return
    assert [str(p) for p in result.problems] == [problem]
    assert result.events.empty
    assert [(r.line, [str(p) for p in r.problems]) for r in result.rejected] == [(2, [problem])]
    assert result.rejected[0].raw["event_id"] == cells.get("event_id", "NK-1").strip()


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"latitude": "46.7528", "longitude": "39.8177"},
         "t.csv:2: latitude: warning: the point lies outside the region; swapped (39.8177, 46.7528) it would be "
         "inside: are latitude and longitude swapped? (got '46.7528, 39.8177')"),
        ({"latitude": "0", "longitude": "0"},
         "t.csv:2: latitude: warning: the point 0, 0 is usually a missing value; leave both empty to geocode the "
         "location (got '0, 0')"),
        ({"report_date": "2020-10-01"}, "t.csv:2: report_date: warning: is before the event's date 2020-10-08 "
                                        "(got '2020-10-01')"),
        ({"language": "Arabic"}, "t.csv:2: language: warning: should be an ISO 639-1 code such as 'ar' or 'en' "
                                 "(got 'Arabic')"),
    ],
)
def test_warnings_keep_the_row(cells: dict[str, str], problem: str) -> None:
    result = load_one(**cells)
    assert [str(p) for p in result.problems] == [problem]
    assert [p.severity for p in result.problems] == [Severity.WARNING]
    assert len(result.events) == 1
    assert result.rejected == []


def test_a_point_far_from_the_region_that_does_not_swap_into_it_is_fine() -> None:
    assert load_one(latitude="55.7522", longitude="37.6156").problems == []  # Moscow


@pytest.mark.parametrize(
    ("cells", "column", "value"),
    [
        ({"date_precision": "DAY"}, "date_precision", "day"),
        ({"status": "Confirmed"}, "status", "confirmed"),
        ({"verification": "Multi-Source"}, "verification", "multi-source"),
        ({"event_type": "battles", "sub_event_type": "ARMED CLASH"}, "event_type", "Battles"),
        ({"event_type": "battles", "sub_event_type": "ARMED CLASH"}, "sub_event_type", "Armed clash"),
        ({"geo_precision": " Near "}, "geo_precision", "near"),
        ({"latitude": "٣٩٫٨١٧٧", "longitude": "٤٦٫٧٥٢٨"}, "latitude", 39.8177),
        ({"latitude": "39,8177", "longitude": "46,7528"}, "longitude", 46.7528),
        ({"fatalities": "١٢"}, "fatalities", 12),
        ({"fatalities": "۱۲"}, "fatalities", 12),
        ({"injured": "12.0"}, "injured", 12),
        ({"fatalities": "0"}, "fatalities", 0),
        ({"location": "  Shusha  "}, "location", "Shusha"),
        ({"sources": "a; b ;c"}, "sources", "a; b ;c"),
    ],
)
def test_accepted_values_are_normalised(cells: dict[str, str], column: str, value: object) -> None:
    result = load_one(**cells)
    assert result.problems == []
    assert result.events[column].iloc[0] == value


def test_duplicate_event_id_names_the_first_line() -> None:
    result = load_rows([VALID_ROW, {**VALID_ROW, "event_id": "NK-2"}, VALID_ROW])
    assert [str(p) for p in result.problems] == ["t.csv:4: event_id: duplicate: already used on line 2 (got 'NK-1')"]
    assert result.events["event_id"].tolist() == ["NK-1", "NK-2"]


def test_a_row_lists_all_its_problems() -> None:
    result = load_one(event_id="", fatalities="x", status="maybe")
    assert [(p.line, p.column) for p in result.rejected[0].problems] == [
        (2, "event_id"), (2, "fatalities"), (2, "status")]


MONTH_FIRST_WARNING = (
    "t.csv: date: warning: 1 date only read month first (mm/dd/yyyy), so the file may be month first; dates that "
    "read either way (like 05/10/2020) are read day first (dd/mm/yyyy) and may be wrong (1 in this file): write "
    "dates as yyyy-mm-dd")
EITHER_WARNING = (
    "t.csv: date: warning: 2 dates could be read either way (like 05/10/2020): read day first (dd/mm/yyyy), "
    "the project's rule; check, or write dates as yyyy-mm-dd")


@pytest.mark.parametrize(
    ("dates", "warning"),
    [
        (["10/13/2020", "10/05/2020"], MONTH_FIRST_WARNING),  # the file looks month first
        (["05/10/2020", "2020-10-08", "06/10/2020"], EITHER_WARNING),  # nothing shows which
        (["05/10/2020", "13/10/2020"], None),  # 13/10 shows the file is day first
        (["2020-10-05", "09 October 2020", "10/10/2020"], None),  # nothing ambiguous
        (["10/13/2020"], None),  # the error on the row says it all
    ],
)
def test_day_first_rule_is_never_silent(dates: list[str], warning: str | None) -> None:
    result = load_rows([{**VALID_ROW, "event_id": f"E{i}", "date": date} for i, date in enumerate(dates)])
    file_level = [str(p) for p in result.problems if p.line is None]
    assert file_level == ([warning] if warning else [])


def test_ambiguous_dates_are_read_day_first() -> None:
    result = load_rows([{**VALID_ROW, "event_id": "a", "date": "10/13/2020"},
                        {**VALID_ROW, "event_id": "b", "date": "10/05/2020"}])
    assert result.events["date"].dt.strftime("%Y-%m-%d").tolist() == ["2020-05-10"]


@pytest.mark.parametrize(("text", "value"), [("1", 1.0), ("-12.5", -12.5), ("1e2", 100.0), ("٣٫٥", 3.5),
                                             ("3,5", 3.5), (" 7 ", 7.0)])
def test_parse_number(text: str, value: float) -> None:
    assert math.isclose(parse_number(text), value)


@pytest.mark.parametrize(("text", "value"), [("0", 0), ("12", 12), ("١٢٣", 123), ("3.0", 3), ("1e2", 100)])
def test_parse_count(text: str, value: int) -> None:
    assert parse_count(text) == value
