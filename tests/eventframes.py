"""In-memory events frames with the contract's dtypes, for tests of the map, the playback and the exports."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from eventmap.schema import COLUMN_NAMES, GEO_RESULT_COLUMNS

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# One valid, located event; a test's record overrides only the fields it is about.
EVENT: dict[str, Any] = {
    "date": "2020-10-08", "date_precision": "day", "report_date": None, "location": "Shusha",
    "latitude": 39.7601, "longitude": 46.7499, "geo_precision": "exact", "country": "Azerbaijan", "admin1": "",
    "side": "Azerbaijan", "actor": "Azerbaijani Armed Forces", "target": "", "event_type": "Explosions/Remote violence",
    "sub_event_type": "Shelling/artillery/missile attack", "description": "Shelling reported.",
    "description_original": "", "language": "", "fatalities": None, "injured": None,
    "claimed_by": "Artsakh authorities", "status": "claimed", "disputed_by": "", "verification": "single-source",
    "sources": "https://example.org/a", "notes": "", "geo_source": "gazetteer", "matched_name": "Shusha",
    "geo_confidence": 1.0, "geo_status": "resolved",
}

MakeEvents = Callable[..., pd.DataFrame]


def events_frame(records: list[Mapping[str, Any]], *, event_id: Callable[[int], str]) -> pd.DataFrame:
    """A frame with every column of the contract and its dtypes; fields a record lacks come from `EVENT`,
    its id from `event_id(row number)`."""
    rows = [{**EVENT, "event_id": event_id(i), **record} for i, record in enumerate(records)]
    frame = pd.DataFrame(rows, columns=[*COLUMN_NAMES, *GEO_RESULT_COLUMNS])
    for column in ("date", "report_date"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    for column in ("latitude", "longitude", "geo_confidence"):
        frame[column] = pd.to_numeric(frame[column]).astype("float64")
    for column in ("fatalities", "injured"):
        frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].astype(str)
    frame["source_line"] = np.arange(2, len(frame) + 2)
    return frame
