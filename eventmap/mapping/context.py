"""Context on the offline basemap: rivers, lakes and populated places of the region (Natural Earth 1:10m, from
`geo/data/territory/`), drawn from zoom 6 on so that a zoomed-in map is never an empty field.

`context_collection(naming=...)` gives one GeoJSON FeatureCollection whose features carry `kind` (lake, river,
place) and `name` (raw text: the browser puts it in as text, `static/eventmap/js/context.js`). A populated
place also carries `rank` (its population: bigger places win room first) and `twins`: the points of the
gazetteer's places with the same name (after `geo.normalize.loose_key`) farther than `SAME_PLACE_KM` away.

A place's name follows the naming: a place the gazetteer knows (same name, within `SAME_PLACE_KM`) is named as
the events' labels name it (its cited Arabic and Russian names included); another takes Natural Earth's own
English or Russian name. Natural Earth's layer here carries no Arabic name, so in Arabic such a place has an
empty `name`: the browser draws neither its dot nor a Latin name.

In the browser the names go through the same placement as the events' place names, after them: an event's
place wins (a context name gives way to it, to a marker and to a cluster icon), a context place at an event's
place is not named twice, and a place whose twin is on screen (a second "Agdam", a village near Tovuz, far
from Aghdam) is not named at all, so a class cannot confuse them; shown alone, it carries its district's centre
("Ağdam (Tovuz)").
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from base.errors import EventMapError
from geo.gazetteer import Place, default_gazetteer
from geo.naming import Naming, place_name
from geo.normalize import loose_key

TERRITORY_DIR = Path(__file__).resolve().parents[2] / "geo" / "data" / "territory"
CONTEXT_FILES: dict[str, str] = {"lake": "lakes.geojson", "river": "rivers.geojson",
                                 "place": "populated_places.geojson"}
MIN_ZOOM = 6
CREDIT = "Rivers, lakes, places: Natural Earth"
SAME_PLACE_KM = 15.0  # a gazetteer place this close with the same name is the same place
PLACE_NAME_FIELDS = ("name", "name_en", "name_alt", "name_ru")  # Natural Earth's spellings of a place


class ContextLayerError(EventMapError, ValueError):
    """A context layer's file cannot be read (the message names it)."""


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _keys(spellings: Iterable[str]) -> set[str]:
    return {key for key in (loose_key(s) for s in spellings if s and s.strip()) if key}


def place_matches(props: dict[str, Any], point: tuple[float, float],
                  places: Iterable[Place]) -> tuple[Place | None, list[tuple[float, float]]]:
    """(the gazetteer place that is this Natural Earth place, or None; the points of its twins: gazetteer places
    of the same name farther than `SAME_PLACE_KM`)."""
    keys = _keys(str(props.get(field) or "") for field in PLACE_NAME_FIELDS)
    same: Place | None = None
    twins: list[tuple[float, float]] = []
    for place in places:
        if place.lat is None or place.lon is None or not keys & _keys(s for s, _ in place.aliases()):
            continue
        where = (place.lat, place.lon)
        if distance_km(point, where) <= SAME_PLACE_KM:
            same = same or place
        else:
            twins.append((round(place.lat, 5), round(place.lon, 5)))
    return same, twins


def context_name(props: dict[str, Any], same: Place | None, naming: Naming) -> str:
    """The name shown for a Natural Earth place under `naming` ("" when it has none in that language)."""
    if same is not None:
        return place_name(same, naming)
    if naming is Naming.AR:
        return ""  # no Arabic name in the layer: not shown, rather than a Latin name in an Arabic map
    if naming is Naming.RU:
        return str(props.get("name_ru") or props.get("name_en") or props.get("name") or "")
    return str(props.get("name_en") or props.get("name") or "")


def with_district(name: str, props: dict[str, Any], features: Iterable[dict[str, Any]], naming: Naming) -> str:
    """`name` with its district's centre in brackets ("Ağdam (Tovuz)"): a place with a namesake elsewhere is told
    apart even when shown alone. The district's name is the layer's own place of that name, in `naming`'s
    language; unchanged when the layer has no such place."""
    district = str(props.get("adm1name") or "")
    for feature in features:
        other = feature.get("properties") or {}
        if district and other.get("name") == district and other is not props:
            shown = context_name(other, None, naming)
            return f"{name} ({shown})" if shown else name
    return name


@cache
def context_collection(directory: Path = TERRITORY_DIR, *, naming: Naming | str = Naming.EN) -> dict[str, Any]:
    """Lakes, then rivers, then places (the drawing order), with `minZoom` and the credit."""
    naming = Naming(naming)
    places = list(default_gazetteer().places.values())
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
            if kind != "place":
                features.append({"type": "Feature", "geometry": feature["geometry"],
                                 "properties": {"kind": kind, "name": str(props.get("name") or "")}})
                continue
            lon, lat = feature["geometry"]["coordinates"][:2]
            same, twins = place_matches(props, (float(lat), float(lon)), places)
            name = context_name(props, same, naming)
            if twins and name:
                name = with_district(name, props, data.get("features", []), naming)
            features.append({"type": "Feature", "geometry": feature["geometry"],
                             "properties": {"kind": kind, "name": name,
                                            "rank": int(props.get("pop_max") or 0),
                                            "twins": [list(point) for point in twins]}})
    return {"type": "FeatureCollection", "features": features, "minZoom": MIN_ZOOM, "credit": CREDIT}
