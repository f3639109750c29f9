"""The filtered events as data: CSV (for spreadsheets) and GeoJSON (for GIS tools).

CSV: every schema column, the geocoding columns and `source_line`, written by the loader helper's
`base.csv_safety` (cells a spreadsheet would run as a formula are neutralised with `'`). Exports
are UTF-8 **with a byte-order mark** by default: Excel, opened by double-click, reads a BOM-less file
as the local code page and mangles Arabic and Armenian; LibreOffice, pandas (`utf-8-sig`) and the
project's own loader read the BOM transparently. `bom=False` writes plain UTF-8 for other tools.

GeoJSON (RFC 7946): a FeatureCollection of Points in WGS84 `[longitude, latitude]`, one Feature per
event with every column as a property (dates ISO 8601, missing values null, `sources` a list). Rows
without coordinates cannot be Features: they are counted and listed by id in the foreign member
`metadata`, never dropped silently.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from base.csv_safety import format_events_csv
from eventmap.export.stamp import DataStamp
from eventmap.filtering import Filters, describe_filters
from eventmap.schema import COLUMN_NAMES, GEO_RESULT_COLUMNS, split_sources

BOM = "\ufeff"
EXTRA_COLUMNS = ("source_line",)
MAX_LISTED_IDS = 1000  # ids of rows without coordinates listed in the metadata (all are counted)


def export_columns(frame: pd.DataFrame) -> list[str]:
    """Every schema column, then the geocoding columns and `source_line` that the frame has."""
    return [*COLUMN_NAMES, *(c for c in (*GEO_RESULT_COLUMNS, *EXTRA_COLUMNS) if c in frame.columns)]


def events_csv(frame: pd.DataFrame, *, bom: bool = True) -> bytes:
    """The events as CSV bytes (UTF-8, with a BOM unless `bom=False`), formula-injection-safe."""
    text = format_events_csv(frame, columns=export_columns(frame))
    return ((BOM if bom else "") + text).encode("utf-8")


def _json_value(value: Any) -> Any:
    """A frame value as JSON: ISO dates, None for missing values, plain ints and floats."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return _json_value(value.item())
    return value


def _valid_point(lat: Any, lon: Any) -> bool:
    lat, lon = _json_value(lat), _json_value(lon)
    return (isinstance(lat, int | float) and isinstance(lon, int | float)
            and -90 <= lat <= 90 and -180 <= lon <= 180)


def events_geojson(frame: pd.DataFrame, *, metadata: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The events as an RFC 7946 FeatureCollection (a dict), rows without coordinates counted in `metadata`."""
    columns = export_columns(frame)
    features: list[dict[str, Any]] = []
    without: list[str] = []
    for record in frame.to_dict("records"):
        if not _valid_point(record.get("latitude"), record.get("longitude")):
            without.append(str(record.get("event_id", "")))
            continue
        properties = {c: _json_value(record.get(c)) for c in columns}
        properties["sources"] = split_sources(str(record.get("sources") or ""))
        features.append({
            "type": "Feature",
            "id": str(record.get("event_id", "")),
            "geometry": {"type": "Point",
                         "coordinates": [_json_value(record["longitude"]), _json_value(record["latitude"])]},
            "properties": properties,
        })
    meta: dict[str, Any] = dict(metadata or {})
    meta.update({
        "events": len(frame),
        "features": len(features),
        "without_coordinates": len(without),
        "without_coordinates_ids": without[:MAX_LISTED_IDS],
    })
    return {"type": "FeatureCollection", "metadata": meta, "features": features}


def export_metadata(*, title: str, filters: Filters, data_stamp: DataStamp | None) -> dict[str, Any]:
    """What the GeoJSON's `metadata` says besides the counts: title, filters in words, the data's stamp."""
    meta: dict[str, Any] = {"title": title, "filters": describe_filters(filters, "en"), "generator": "eventmap export"}
    if data_stamp is not None:
        meta["data"] = {"name": data_stamp.name, "sha256": data_stamp.sha256,
                        "modified": data_stamp.modified.isoformat() if data_stamp.modified else None}
    return meta


def geojson_bytes(frame: pd.DataFrame, *, metadata: Mapping[str, Any] | None = None) -> bytes:
    """`events_geojson` encoded as UTF-8 JSON (no NaN: GeoJSON must be valid JSON)."""
    document = events_geojson(frame, metadata=metadata)
    return json.dumps(document, ensure_ascii=False, allow_nan=False, indent=None).encode("utf-8")
