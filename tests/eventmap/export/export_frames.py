"""Events frames for the export tests, built in memory with the frame contract's dtypes (a helper module:
`conftest.py` holds the fixtures)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from eventmap.schema import COLUMN_NAMES, GEO_RESULT_COLUMNS

DEFAULTS: dict[str, object] = {
    "date": "2020-10-08", "date_precision": "day", "location": "Stepanakert", "latitude": 39.8177,
    "longitude": 46.7528, "geo_precision": "exact", "country": "Azerbaijan", "side": "Azerbaijan",
    "actor": "Azerbaijani Armed Forces", "event_type": "Explosions/Remote violence",
    "sub_event_type": "Shelling/artillery/missile attack", "description": "Shelling of the town",
    "claimed_by": "Artsakh authorities", "status": "confirmed", "verification": "multi-source",
    "sources": "https://example.org/a; https://example.org/b",
}

# Places of the 2020 war (WGS84), as in the gazetteer.
PLACES: dict[str, tuple[float, float]] = {
    "Stepanakert": (39.8177, 46.7528),
    "Shusha": (39.7601, 46.7499),
    "Jabrayil": (39.3992, 47.0284),
    "Hadrut": (39.5200, 47.0319),
    "Ganja": (40.6816, 46.3606),
    "Barda": (40.3758, 47.1262),
    "Tartar": (40.3420, 46.9320),
}

MakeEvents = Callable[..., pd.DataFrame]


def make_events(rows: list[Mapping[str, object]]) -> pd.DataFrame:
    """A frame with every column of the contract; each row is DEFAULTS updated with the given cells."""
    records = []
    for i, row in enumerate(rows):
        record: dict[str, object] = {c: "" for c in COLUMN_NAMES}
        record.update(DEFAULTS)
        location = row.get("location")
        if isinstance(location, str) and location in PLACES and "latitude" not in row:
            record["latitude"], record["longitude"] = PLACES[location]
        record.update(row)
        record.setdefault("event_id", "")
        if not record["event_id"]:
            record["event_id"] = f"T-{i:03d}"
        records.append(record)
    frame = pd.DataFrame(records, columns=list(COLUMN_NAMES))
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame["report_date"] = pd.to_datetime(frame["report_date"].replace("", None)).astype("datetime64[ns]")
    for column in ("latitude", "longitude"):
        frame[column] = pd.to_numeric(frame[column].replace("", np.nan)).astype("float64")
    for column in ("fatalities", "injured"):
        frame[column] = pd.array([None if v in ("", None) else int(v) for v in frame[column]], dtype="Int64")
    for column in GEO_RESULT_COLUMNS:
        frame[column] = "" if column != "geo_confidence" else np.nan
    frame["geo_confidence"] = frame["geo_confidence"].astype("float64")
    frame["source_line"] = range(2, len(frame) + 2)
    return frame
