"""Context on the offline basemap: rivers, lakes and populated places of the region (Natural Earth 1:10m, from
`geo/data/territory/`), drawn from zoom 6 on so that a zoomed-in map is never an empty field.

`context_collection()` gives one GeoJSON FeatureCollection whose features carry only `kind` (lake, river,
place) and `name` (raw text: the browser puts it in as text, `static/eventmap/js/context.js`).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from base.errors import EventMapError

TERRITORY_DIR = Path(__file__).resolve().parents[2] / "geo" / "data" / "territory"
CONTEXT_FILES: dict[str, str] = {"lake": "lakes.geojson", "river": "rivers.geojson",
                                 "place": "populated_places.geojson"}
MIN_ZOOM = 6
CREDIT = "Rivers, lakes, places: Natural Earth"


class ContextLayerError(EventMapError, ValueError):
    """A context layer's file cannot be read (the message names it)."""


@cache
def context_collection(directory: Path = TERRITORY_DIR) -> dict[str, Any]:
    """Lakes, then rivers, then places (the drawing order), with `minZoom` and the credit."""
    features: list[dict[str, Any]] = []
    for kind, name in CONTEXT_FILES.items():
        path = Path(directory) / name
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ContextLayerError(f"{path.name}: cannot read the context layer ({exc})") from exc
        for feature in data.get("features", []):
            if not feature.get("geometry"):
                continue
            props = feature.get("properties") or {}
            features.append({"type": "Feature", "geometry": feature["geometry"],
                             "properties": {"kind": kind, "name": str(props.get("name") or "")}})
    return {"type": "FeatureCollection", "features": features, "minZoom": MIN_ZOOM, "credit": CREDIT}
