"""Synthetic ACLED, UCDP GED and GDELT 2.0 files, made by columns from the synthetic events of
`synthetic_events.py` (same dates, places, types), for the import benchmark: a million rows in seconds.

Each file has the export's own column set and codes: ACLED's current export (time and place precision
codes, actors, `source` with one or two outlets, notes with claims), UCDP GED (type of violence, sides
"Government of ...", precision codes, dates with a time part, death estimates, `geom_wkt`), GDELT 2.0
(61 tab-separated columns without a header, CAMEO codes, `ActionGeo_*`). As in `synthetic_events.py`, one
row in `BROKEN_EVERY` has a latitude that is not a number (the schema's check refuses it), and one row in
`UNMAPPABLE_EVERY` a precision code the importer refuses, so both error paths are measured.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from synthetic_events import BROKEN_EVERY, event_table

from eventmap.imports.acled import CURRENT_COLUMNS
from eventmap.imports.gdelt import COLUMNS_2_0
from eventmap.imports.ucdp import COLUMNS as UCDP_COLUMNS

UNMAPPABLE_EVERY = 4_999
FORMATS = ("acled", "ucdp", "gdelt")
_CAMEO = ("190", "193", "195", "194", "183", "1831", "145", "141", "173", "181", "200", "036")


def _cycle(values: tuple[str, ...], n: int, step: int = 1) -> pa.Array:
    return pa.array(np.array(values, dtype=object)[(np.arange(n) * step) % len(values)].tolist(), pa.string())


def _codes(n: int, codes: tuple[str, ...], *, broken: str) -> pa.Array:
    """Codes in turn, with `broken` in one row of `UNMAPPABLE_EVERY`."""
    values = np.array(codes, dtype=object)[np.arange(n) % len(codes)]
    values[np.arange(n) % UNMAPPABLE_EVERY == UNMAPPABLE_EVERY // 2] = broken
    return pa.array(values.tolist(), pa.string())


def _fill(names: tuple[str, ...], columns: dict[str, pa.Array], n: int) -> pa.Table:
    blank = pa.array([""] * n, pa.string())
    return pa.table({name: columns.get(name, blank) for name in names})


def acled_table(n: int) -> pa.Table:
    events = event_table(n)
    ids = np.arange(n)
    claimed = np.where(ids % 7 == 0, "Reportedly, ", "")
    notes = pc.binary_join_element_wise(pa.array(claimed.tolist(), pa.string()), events["description"], "")
    columns = {
        "event_id_cnty": events["event_id"], "event_date": events["date"], "year": pc.utf8_slice_codeunits(
            events["date"], 0, 4), "time_precision": _codes(n, ("1", "1", "2", "3"), broken="7"),
        "disorder_type": _cycle(("Political violence", "Demonstrations"), n), "event_type": events["event_type"],
        "sub_event_type": events["sub_event_type"], "actor1": events["actor"], "inter1": _cycle(("1", "2"), n),
        "actor2": events["side"], "country": events["country"], "admin1": _cycle(("Syunik", "Tavush"), n),
        "location": events["location"], "latitude": events["latitude"], "longitude": events["longitude"],
        "geo_precision": _codes(n, ("1", "2", "3"), broken="9"),
        "source": _cycle(("Armenpress", "Trend; Azertag", "APA"), n, 5),
        "source_scale": _cycle(("National", "National-International"), n), "notes": notes,
        "fatalities": events["fatalities"], "timestamp": _cycle(("1618957000",), n),
    }
    return _fill(CURRENT_COLUMNS, columns, n)


def ucdp_table(n: int) -> pa.Table:
    events = event_table(n)
    day = pc.binary_join_element_wise(events["date"], pa.array([" 00:00:00.000"] * n, pa.string()), "")
    side_a = pc.binary_join_element_wise(pa.array(["Government of "] * n, pa.string()), events["country"], "")
    wkt = pc.binary_join_element_wise(pa.array(["POINT ("] * n, pa.string()), events["longitude"],
                                      pa.array([" "] * n, pa.string()), events["latitude"],
                                      pa.array([")"] * n, pa.string()), "")
    columns = {
        "id": pa.array(np.char.mod("%d", np.arange(1, n + 1)).tolist(), pa.string()),
        "year": pc.utf8_slice_codeunits(events["date"], 0, 4), "type_of_violence": _codes(n, ("1", "2", "3"),
                                                                                          broken="4"),
        "dyad_name": pc.binary_join_element_wise(side_a, events["side"], " - "), "side_a": side_a,
        "side_b": events["side"], "number_of_sources": _cycle(("1", "2", "-1"), n),
        "source_article": _cycle(("Azertag,2020-10-11,Strike; Trend,2020-10-12,Toll", "Al Jazeera,2020-10-17,Attack"),
                                 n),
        "source_office": _cycle(("Azertag", "Al Jazeera"), n), "where_prec": _codes(n, ("1", "2", "4", "6"),
                                                                                     broken="8"),
        "where_coordinates": events["location"], "adm_1": _cycle(("Ganja city", "Tartar district"), n),
        "latitude": events["latitude"], "longitude": events["longitude"], "geom_wkt": wkt,
        "country": events["country"], "event_clarity": _cycle(("1", "1", "2"), n),
        "date_prec": _cycle(("1", "2", "3", "4", "5"), n), "date_start": day, "date_end": day,
        "deaths_a": events["fatalities"], "best": events["fatalities"], "high": events["fatalities"],
        "low": events["fatalities"],
    }
    return _fill(UCDP_COLUMNS, columns, n)


def gdelt_table(n: int) -> pa.Table:
    events = event_table(n)
    sqldate = pc.replace_substring(events["date"], "-", "")
    full_name = pc.binary_join_element_wise(events["location"], events["country"], ", ")
    columns = {
        "globaleventid": pa.array(np.char.mod("%d", np.arange(900_000_000, 900_000_000 + n)).tolist(), pa.string()),
        "sqldate": sqldate, "monthyear": pc.utf8_slice_codeunits(sqldate, 0, 6),
        "year": pc.utf8_slice_codeunits(sqldate, 0, 4), "actor1code": _cycle(("ARM", "AZE", ""), n),
        "actor1name": _cycle(("ARMENIA", "AZERBAIJAN", ""), n, 7), "actor2name": _cycle(("CIVILIAN", "", "POLICE"), n),
        "isrootevent": _cycle(("1", "0"), n), "eventcode": _cycle(_CAMEO, n, 5),
        "eventrootcode": _cycle(("19", "18", "14"), n), "quadclass": _cycle(("4",), n),
        "goldsteinscale": _cycle(("-10.0", "-9.5"), n), "nummentions": _cycle(("4", "10"), n),
        "numsources": _cycle(("1",), n), "numarticles": _cycle(("4",), n), "avgtone": _cycle(("-5.2",), n),
        "actiongeo_type": _codes(n, ("4", "4", "1", "5"), broken="0"), "actiongeo_fullname": full_name,
        "actiongeo_lat": events["latitude"], "actiongeo_long": events["longitude"],
        "dateadded": pc.binary_join_element_wise(sqldate, pa.array(["071500"] * n, pa.string()), ""),
        "sourceurl": pc.binary_join_element_wise(pa.array(["https://example.org/news/"] * n, pa.string()),
                                                 events["event_id"], ""),
    }
    return _fill(COLUMNS_2_0, columns, n)


def write_export(fmt: str, folder: Path, n: int) -> Path:
    """`n` events as a file of the format `fmt` ("acled", "ucdp", "gdelt") in `folder`."""
    if fmt == "gdelt":
        path = folder / f"gdelt_{n}.export.CSV"
        pacsv.write_csv(gdelt_table(n), path, write_options=pacsv.WriteOptions(
            include_header=False, delimiter="\t", quoting_style="none"))
        return path
    path = folder / f"{fmt}_{n}.csv"
    table = acled_table(n) if fmt == "acled" else ucdp_table(n)
    pacsv.write_csv(table, path, write_options=pacsv.WriteOptions(quoting_style="needed"))
    return path


__all__ = ["BROKEN_EVERY", "FORMATS", "UNMAPPABLE_EVERY", "write_export"]
