"""Write the sample tables of `tests/data/` in every container and field format the readers take
(run: `python tests/data/make_tables.py`; the outputs are committed).

The events are those of `make_samples.py` (the 2020 Nagorno-Karabakh war): the project's rows as an Excel,
old Excel and OpenDocument workbook, as JSON, JSON Lines, GeoJSON and Parquet; and rows written by us in
the published column orders of the older ACLED files, older UCDP GED versions, GDELT 1.0 and 2.0 event
files and TimeMap (Forensic Architecture / Bellingcat) exports. Their text and codes are ours.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from data.make_samples import PROJECT_HEADER, PROJECT_ROWS, ucdp_rows  # noqa: E402
from data.workbooks import ods, xls, xlsx  # noqa: E402

from eventmap.imports.gdelt import COLUMNS_1_0_DAILY, COLUMNS_2_0  # noqa: E402

_FLOATS = ("latitude", "longitude")
_INTS = ("fatalities", "injured")
_DATES = ("date", "report_date")


def typed(row: dict[str, str]) -> dict[str, object]:
    """A project row as a spreadsheet or JSON holds it: dates as dates, numbers as numbers, empty as None."""
    values: dict[str, object] = {}
    for column in PROJECT_HEADER:
        text = row.get(column, "")
        if not text:
            values[column] = None
        elif column in _DATES:
            values[column] = dt.date.fromisoformat(text)
        elif column in _FLOATS:
            values[column] = float(text)
        elif column in _INTS:
            values[column] = float(text)  # as spreadsheets store every number: read back without ".0"
        else:
            values[column] = text
    return values


def workbook_sheets() -> list[tuple[str, list[list[object] | None]]]:
    """A cover sheet, the events (a blank row after the third event; a report time on the second) and an
    empty sheet."""
    rows = [typed(r) for r in PROJECT_ROWS]
    rows[1]["report_date"] = dt.datetime(2020, 10, 9, 14, 30)
    body: list[list[object] | None] = [[r[c] for c in PROJECT_HEADER] for r in rows]
    body.insert(3, None)
    return [("About", [["Events of 8 October 2020, from the project's reference research"]]),
            ("Events", [list(PROJECT_HEADER), *body]),
            ("Empty", [])]


def json_records() -> list[dict[str, object]]:
    records = []
    for row in PROJECT_ROWS:
        record = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in typed(row).items()}
        for column in _INTS:
            if record[column] is not None:
                record[column] = int(record[column])  # type: ignore[call-overload]
        records.append(record)
    return records


def geojson() -> dict[str, object]:
    """The events as Points ([longitude, latitude]); Goranboy without geometry; one LineString (a front line)."""
    features: list[dict[str, object]] = []
    for record in json_records():
        properties = {k: v for k, v in record.items() if k not in _FLOATS}
        point = None if record["latitude"] is None else {"type": "Point",
                                                          "coordinates": [record["longitude"], record["latitude"]]}
        features.append({"type": "Feature", "geometry": point, "properties": properties})
    line = {**features[3]["properties"], "event_id": "NK-2020-10-08-099-front"}  # type: ignore[dict-item]
    features.append({"type": "Feature", "properties": line,
                     "geometry": {"type": "LineString", "coordinates": [[46.9, 39.4], [47.1, 39.6]]}})
    return {"type": "FeatureCollection", "features": features}


def parquet() -> bytes:
    records = json_records()
    schema = pa.schema([
        (c, pa.date32() if c in _DATES else pa.float64() if c in _FLOATS else pa.int64() if c in _INTS
         else pa.string()) for c in PROJECT_HEADER])
    columns = {c: [dt.date.fromisoformat(r[c]) if c in _DATES and r[c] else r[c] for r in records]  # type: ignore[arg-type]
               for c in PROJECT_HEADER}
    buffer = io.BytesIO()
    pq.write_table(pa.table(columns, schema=schema), buffer)
    return buffer.getvalue()


def csv_text(header: tuple[str, ...] | None, rows: list[dict[str, str]], *, delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    if header is not None:
        writer.writerow(header)
    columns = header or tuple(rows[0])
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return buffer.getvalue()


# --- ACLED before 2019: upper-case columns, old event types, GEO_PRECIS ---------------------------------------------
ACLED_OLD_HEADER = (
    "GWNO", "EVENT_ID_CNTY", "EVENT_ID_NO_CNTY", "EVENT_DATE", "YEAR", "TIME_PRECISION", "EVENT_TYPE", "ACTOR1",
    "ALLY_ACTOR_1", "INTER1", "ACTOR2", "ALLY_ACTOR_2", "INTER2", "INTERACTION", "COUNTRY", "ADMIN1", "ADMIN2",
    "ADMIN3", "LOCATION", "LATITUDE", "LONGITUDE", "GEO_PRECIS", "SOURCE", "NOTES", "FATALITIES",
)
# id, date, type, actor1, inter1, actor2, admin1, location, lat, lon, geo_precis, source, notes, fatalities
ACLED_OLD_EVENTS = [
    ("AZE1", "08/10/2020", "Battle-No change of territory", "Military Forces of Azerbaijan (2003-)", "1",
     "Military Forces of Armenia (2018-)", "Jabrayil", "Jabrayil", "39.3992", "47.0245", "2", "Trend",
     "Fighting went on around Jabrayil.", "12"),
    ("AZE2", "2020-10-09", "Battle-Government regains territory", "Military Forces of Azerbaijan (2003-)", "1",
     "Military Forces of Armenia (2018-)", "Hadrut", "Hadrut", "39.5200", "47.0300", "1", "APA",
     "Azerbaijani forces took Hadrut back.", "0"),
    ("AZE3", "2020-10-10", "Remote violence", "Military Forces of Armenia (2018-)", "1", "Civilians (Azerbaijan)",
     "Ganja", "Ganja", "40.6816", "46.3613", "1", "Azertag", "A missile hit a residential block in Ganja.", "10"),
    ("AZE4", "2020-10-11", "Violence against civilians", "Unidentified Armed Group (Azerbaijan)", "3",
     "Civilians (Azerbaijan)", "Barda", "Barda", "40.3758", "47.1262", "3", "Jam News",
     "Two residents were abducted near Barda.", "0"),
    ("AZE5", "2020-10-12", "Riots/Protests", "Protesters (Azerbaijan)", "6", "", "Baku", "Baku", "40.4093",
     "49.8671", "1", "Turan", "A peaceful rally in Baku in support of the army.", "0"),
    ("AZE6", "2020-10-13", "Strategic development", "Government of Azerbaijan (2003-)", "1", "", "Baku", "Baku",
     "40.4093", "49.8671", "1", "Trend", "A curfew was declared.", "0"),
    ("AZE7", "2020-10-14", "Non-violent activity by a conflict actor", "Military Forces of Armenia (2018-)", "1", "",
     "Shusha", "Shusha", "39.7601", "46.7499", "2", "Armenpress", "A recruitment drive in Shusha.", "0"),
    ("AZE8", "2020-10-15", "Headquarters or base established", "Military Forces of Armenia (2018-)", "1", "",
     "Khojavend", "Martuni", "39.7953", "47.1131", "2", "Armenpress", "A new base was set up near Martuni.", "0"),
    ("AZE9", "2020-10-16", "Battle-Non-state actor overtakes territory", "Artsakh Defence Army", "2",
     "Military Forces of Azerbaijan (2003-)", "Khojavend", "Karin Tak", "39.7350", "46.7800", "1", "Armenpress",
     "Artsakh forces took the village back.", "3"),
    ("AZE10", "2020-10-17", "Skirmish", "Military Forces of Armenia (2018-)", "1", "", "Khojavend", "Martuni",
     "39.7953", "47.1131", "4", "Armenpress", "An event type ACLED never had, and a GEO_PRECIS of 4.", "0"),
]


def acled_old_rows() -> list[dict[str, str]]:
    rows = []
    for (event_id, date, kind, actor1, inter1, actor2, admin1, location, lat, lon, precis, source, notes,
         fatalities) in ACLED_OLD_EVENTS:
        rows.append({"GWNO": "373", "EVENT_ID_CNTY": event_id, "EVENT_ID_NO_CNTY": event_id[3:],
                     "EVENT_DATE": date, "YEAR": "2020", "TIME_PRECISION": "1", "EVENT_TYPE": kind, "ACTOR1": actor1,
                     "INTER1": inter1, "ACTOR2": actor2, "INTER2": "7" if actor2.startswith("Civilians") else "",
                     "INTERACTION": f"{inter1}7" if actor2.startswith("Civilians") else "", "COUNTRY": "Azerbaijan",
                     "ADMIN1": admin1, "LOCATION": location, "LATITUDE": lat, "LONGITUDE": lon,
                     "GEO_PRECIS": precis, "SOURCE": source, "NOTES": notes, "FATALITIES": fatalities})
    return rows


# --- UCDP GED before version 5: best_est/low_est/high_est; a point only in geom_wkt or not at all --------------------
UCDP_OLD_HEADER = (
    "id", "year", "active_year", "type_of_violence", "conflict_dset_id", "conflict_name", "dyad_dset_id",
    "dyad_name", "side_a_dset_id", "side_a", "side_b_dset_id", "side_b", "number_of_sources", "source_article",
    "source_office", "source_date", "source_headline", "source_original", "where_prec", "where_coordinates",
    "adm_1", "adm_2", "geom_wkt", "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec",
    "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best_est", "high_est",
    "low_est",
)


def ucdp_old_rows() -> list[dict[str, str]]:
    rows = []
    for index, row in enumerate(ucdp_rows()):
        old = {c: row.get(c, "") for c in UCDP_OLD_HEADER}
        old.update(best_est=row["best"], high_est=row["high"], low_est=row["low"])
        if index == 2:
            old["geom_wkt"] = ""  # only the place's name: geocoded later
        rows.append(old)
    return rows


# --- GDELT ---------------------------------------------------------------------------------------------------------
# id, sqldate, actor1 name, actor1 country, actor2 name, event code, root, geo type, full name, lat, lon, url
GDELT_EVENTS = [
    ("951300001", "20201008", "ARMENIA", "ARM", "AZERBAIJAN", "190", "19", "4",
     "Stepanakert, Azarbaycan (general), Azerbaijan", "39.8153", "46.7519", "https://example.org/news/1"),
    ("951300002", "20201008", "AZERBAIJAN", "AZE", "CIVILIAN", "195", "19", "4", "Shusha, Susa, Azerbaijan",
     "39.7601", "46.7499", "https://example.org/news/2"),
    ("951300003", "20201008", "PROTESTER", "", "ARMENIA", "141", "14", "1", "Armenia", "40", "45",
     "https://example.org/news/3"),
    ("951300004", "20201008", "", "", "", "1823", "18", "5", "Goranboy, Azerbaijan", "40.6102", "46.7897",
     "https://example.org/news/4"),
    ("951300005", "20201008", "RUSSIA", "RUS", "ARMENIA", "036", "03", "4", "Moscow, Moskva, Russia", "55.7522",
     "37.6156", "https://example.org/news/5"),
    ("951300006", "2020108", "AZERBAIJAN", "AZE", "", "190", "19", "4", "Jabrayil, Cabrayil, Azerbaijan",
     "39.3992", "47.0245", "https://example.org/news/6"),  # a SQLDATE with a digit missing
]


def gdelt_rows(columns: tuple[str, ...]) -> list[list[str]]:
    rows = []
    for (event_id, date, actor1, country1, actor2, code, root, geo_type, full_name, lat, lon, url) in GDELT_EVENTS:
        values = dict.fromkeys(columns, "")
        values.update(globaleventid=event_id, sqldate=date, monthyear=date[:6], year=date[:4],
                      fractiondate=f"{date[:4]}.7671", actor1name=actor1, actor1countrycode=country1,
                      actor1code=country1, actor2name=actor2, isrootevent="1", eventcode=code,
                      eventbasecode=code[:3], eventrootcode=root, quadclass="4", goldsteinscale="-10.0",
                      nummentions="4", numsources="1", numarticles="4", avgtone="-5.2", actiongeo_type=geo_type,
                      actiongeo_fullname=full_name, actiongeo_lat=lat, actiongeo_long=lon,
                      dateadded="20201009" if len(columns) < 61 else "20201009071500", sourceurl=url)
        rows.append([values[c] for c in columns])
    return rows


def tsv(rows: list[list[str]], header: list[str] | None = None) -> bytes:
    lines = ([header] if header else []) + rows
    return "".join("\t".join(r) + "\n" for r in lines).encode("utf-8")


def zipped(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo(name, date_time=(2020, 10, 8, 0, 0, 0)), data,
                         compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


GDELT_2_HEADER = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
                  *(f"Actor{n}{c}" for n in (1, 2) for c in ("Code", "Name", "CountryCode", "KnownGroupCode",
                    "EthnicCode", "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
                  "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
                  "NumMentions", "NumSources", "NumArticles", "AvgTone",
                  *(f"{p}Geo_{c}" for p in ("Actor1", "Actor2", "Action") for c in ("Type", "FullName",
                    "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
                  "DATEADDED", "SOURCEURL"]


# --- TimeMap -------------------------------------------------------------------------------------------------------
def timemap_export() -> dict[str, object]:
    """The data behind a timemap as datasheet-server serves it: events naming their sources and associations by
    id; the sources an object keyed by id (its `deepids` shape), the associations a list (`deeprows`)."""
    events = [
        {"id": "CIV0001", "description": "Residential buildings in Stepanakert hit by shelling.", "date": "10/08/2020",
         "time": "09:30", "location": "Stepanakert", "latitude": "39.8177", "longitude": "46.7528",
         "associations": ["Shelling", "Residential"], "sources": ["SRC-1", "SRC-2"]},
        {"id": "CIV0002", "description": "The Ghazanchetsots Cathedral hit from the air.", "date": "10/08/2020",
         "time": "", "location": "Shusha", "latitude": "39.7601", "longitude": "46.7499",
         "associations": ["Airstrike", "Religious site"], "sources": ["SRC-3"]},
        {"id": "CIV0003", "description": "Damage reported in Martuni, weapon unknown.", "date": "2020-10-09",
         "time": "", "location": "Martuni", "latitude": "39.7953", "longitude": "47.1131",
         "associations": ["Residential"], "sources": ["SRC-9"]},
        {"id": "CIV0004", "description": "A date written day first.", "date": "24/10/2020", "time": "",
         "location": "Barda", "latitude": "40.3758", "longitude": "47.1262", "associations": [], "sources": []},
    ]
    sources = [
        {"id": "SRC-1", "title": "Video of the strike", "type": "Video", "paths": ["https://example.org/v/1"],
         "url": "", "description": ""},
        {"id": "SRC-2", "title": "Photo of the damage", "type": "Image", "paths": ["https://example.org/p/2"],
         "url": "", "description": ""},
        {"id": "SRC-3", "title": "Journalist's report", "type": "Text", "paths": [],
         "url": "https://example.org/r/3", "description": ""},
    ]
    associations = [
        {"id": "Shelling", "title": "Shelling", "desc": "Artillery or rocket fire", "mode": "FILTER",
         "filter_paths": ["Weapon", "Shelling"]},
        {"id": "Airstrike", "title": "Airstrike", "desc": "Strike from the air", "mode": "FILTER",
         "filter_paths": ["Weapon", "Airstrike"]},
        {"id": "Residential", "title": "Residential", "desc": "Homes", "mode": "FILTER",
         "filter_paths": ["Impact", "Residential"]},
        {"id": "Religious site", "title": "Religious site", "desc": "", "mode": "FILTER",
         "filter_paths": ["Impact", "Religious site"]},
    ]
    return {"events": events, "sources": {s.pop("id"): s for s in sources}, "associations": associations}


def timemap_download() -> list[dict[str, object]]:
    """The file of a timemap's download button (Bellingcat's Ukraine timemap): sources and filters inline."""
    return [
        {"id": "CIV0101", "date": "10/17/2020", "latitude": "40.6816", "longitude": "46.3613", "location": "Ganja",
         "description": "A missile struck a residential street in Ganja.",
         "sources": [{"id": "SRC-11", "path": "https://example.org/v/11", "description": "Video of the street"}],
         "filters": [{"key": "Weapon System", "value": "Missile"}, {"key": "Impact", "value": "Residential"}]},
        {"id": "CIV0102", "date": "10/28/2020", "latitude": "40.3758", "longitude": "47.1262", "location": "Barda",
         "description": "Cluster munitions fell on the town centre.",
         "sources": [{"id": "SRC-12", "path": "https://example.org/p/12", "description": ""},
                     {"id": "SRC-13", "path": "https://example.org/p/13", "description": ""}],
         "filters": [{"key": "Weapon System", "value": "Cluster munitions"}]},
    ]


TIMEMAP_SHEET_HEADER = ("id", "description", "date", "time", "location", "latitude", "longitude", "type",
                        "category", "source1", "source2", "association1", "association2")
TIMEMAP_SHEET_ROWS = [
    {"id": "1", "description": "Rocket fire on Ganja.", "date": "10/11/2020", "time": "02:00", "location": "Ganja",
     "latitude": "40.6816", "longitude": "46.3613", "type": "Rocket strike", "category": "Civilian harm",
     "source1": "https://example.org/a", "source2": "https://example.org/b", "association1": "Residential"},
    {"id": "2", "description": "A protest in Yerevan.", "date": "10/12/2020", "time": "", "location": "Yerevan",
     "latitude": "40.1792", "longitude": "44.4991", "type": "", "category": "Protest",
     "source1": "https://example.org/c"},
    {"id": "3", "description": "A strike whose point is missing.", "date": "10/13/2020", "time": "",
     "location": "Tartar", "latitude": "", "longitude": "", "type": "Shelling", "category": "",
     "source1": "SRC-7"},
]


SAMPLES = {
    "events.xlsx": lambda: xlsx(workbook_sheets()),
    "events.xls": lambda: xls(workbook_sheets()),
    "events.ods": lambda: ods(workbook_sheets()),
    "events.json": lambda: json.dumps(json_records(), ensure_ascii=False, indent=1).encode("utf-8"),
    "events_wrapped.json": lambda: json.dumps({"meta": {"title": "8 October 2020"}, "data": json_records()},
                                              ensure_ascii=False).encode("utf-8"),
    "events.jsonl": lambda: ("\n".join(json.dumps(r, ensure_ascii=False) for r in json_records()[:3]) + "\n\n42\n"
                             ).encode("utf-8"),
    "events.geojson": lambda: json.dumps(geojson(), ensure_ascii=False).encode("utf-8"),
    "events.parquet": parquet,
    "acled_old.csv": lambda: csv_text(ACLED_OLD_HEADER, acled_old_rows()).encode("utf-8"),
    "ucdp_ged_old.csv": lambda: csv_text(UCDP_OLD_HEADER, ucdp_old_rows()).encode("utf-8"),
    "gdelt_v1_daily.tsv": lambda: tsv(gdelt_rows(COLUMNS_1_0_DAILY)),
    "gdelt_v2.export.CSV": lambda: tsv(gdelt_rows(COLUMNS_2_0)),
    "gdelt_v2_header.tsv": lambda: tsv(gdelt_rows(COLUMNS_2_0), GDELT_2_HEADER),
    "gdelt_v2.export.CSV.zip": lambda: zipped("20201008000000.export.CSV", tsv(gdelt_rows(COLUMNS_2_0))),
    "timemap_export.json": lambda: json.dumps(timemap_export(), indent=1).encode("utf-8"),
    "timemap_download.json": lambda: json.dumps(timemap_download(), indent=1).encode("utf-8"),
    "timemap_datasheet.csv": lambda: csv_text(TIMEMAP_SHEET_HEADER, TIMEMAP_SHEET_ROWS).encode("utf-8"),
}


def main() -> None:
    for name, make in SAMPLES.items():
        (HERE / name).write_bytes(make())


if __name__ == "__main__":
    main()
