"""The map's ground: the offline basemap from `geo/basemap/`, optional online tiles, and place labels.

The offline basemap is always drawn, in a pane under the tiles: with no network (or with the
"offline map" choice) it is what people see: light land on a pale sea, dashed country borders,
country names. With ``basemap="osm"`` OpenStreetMap tiles cover it, and a control switches between
the two. The detailed region file is used when the events are in or near its box; the coarse world
file is always there for zooming out and for other conflicts.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, Sequence
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from base.errors import EventMapError
from eventmap.i18n import is_rtl, t
from eventmap.mapping.context import context_collection
from eventmap.mapping.layers import located_mask, script_json
from eventmap.mapping.popups import term
from geo.basemap import REGION_BBOX, REGION_PATH, WORLD_PATH
from geo.naming import Naming, display_name, naming_for_language

OSM_ATTRIBUTION = ('&copy; <a href="https://www.openstreetmap.org/copyright" target="_blank" '
                   'rel="noopener noreferrer">OpenStreetMap</a> contributors')
COLOURS = {"sea": "#CFE2EE", "land": "#F4F1E8", "border": "#8C7F6A", "coast": "#8FAFC4"}
LABEL_PRECISIONS = ("exact", "near")  # places shown by name: not whole regions


class Basemap(StrEnum):
    OFFLINE = "offline"
    OSM = "osm"


class BasemapError(EventMapError, ValueError):
    """A basemap choice or file that cannot be used."""


@cache
def _read(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BasemapError(f"{path}: cannot read the offline basemap ({exc}); "
                           "rebuild it with `python -m geo.basemap.build`") from exc


def basemap_collections(bounds: Sequence[float] | None, *, lang: str) -> list[dict[str, Any]]:
    """The GeoJSON collections to draw, coarse first; country labels carry a ``label`` in `lang` (raw text).

    `bounds` is (south, west, north, east) of the events, or None for no events.
    """
    collections = [_read(WORLD_PATH)]
    if bounds is None or _touches_region(bounds):
        region = copy.deepcopy(_read(REGION_PATH))
        for feature in region["features"]:
            props = feature["properties"]
            if props.get("kind") == "country_label":
                props["label"] = term("country", props.get("name", ""), lang)
        collections.append(region)
    return collections


def _touches_region(bounds: Sequence[float], margin: float = 1.0) -> bool:
    south, west, north, east = bounds
    r_west, r_south, r_east, r_north = REGION_BBOX
    return (west <= r_east + margin and r_west - margin <= east
            and south <= r_north + margin and r_south - margin <= north)


def event_bounds(frame: pd.DataFrame) -> tuple[float, float, float, float] | None:
    """(south, west, north, east) of the located events, or None when there are none."""
    mask = located_mask(frame)
    if not mask.any():
        return None
    lat = frame["latitude"].to_numpy(dtype=float)[mask]
    lon = frame["longitude"].to_numpy(dtype=float)[mask]
    return float(np.min(lat)), float(np.min(lon)), float(np.max(lat)), float(np.max(lon))


def main_bounds(frame: pd.DataFrame, *, keep_share: float = 0.8,
                min_for_outliers: int = 20) -> tuple[float, float, float, float] | None:
    """Bounds of the main area of the events: (south, west, north, east), or None when there are none.

    Events far from the rest (talks in Geneva, a statement in Moscow) would zoom the first view out
    to a continent; they are left out when at least `keep_share` of the events remain: those within
    max(3 degrees, 3 × the 75th percentile of the distances) of the median point. A small table (fewer
    than `min_for_outliers` located events) is shown whole: each of its events counts.
    """
    mask = located_mask(frame)
    if not mask.any():
        return None
    lat = frame["latitude"].to_numpy(dtype=float)[mask]
    lon = frame["longitude"].to_numpy(dtype=float)[mask]
    if len(lat) < min_for_outliers:
        return float(lat.min()), float(lon.min()), float(lat.max()), float(lon.max())
    distance = np.hypot(lat - np.median(lat), (lon - np.median(lon)) * np.cos(np.radians(np.median(lat))))
    near = distance <= max(3.0, 3 * float(np.percentile(distance, 75)))
    if near.mean() >= keep_share:
        lat, lon = lat[near], lon[near]
    return float(lat.min()), float(lon.min()), float(lat.max()), float(lon.max())


def place_labels(frame: pd.DataFrame, *, naming: Naming, limit: int = 30) -> list[list[Any]]:
    """The main places of `frame` as ``[lat, lon, name, number of events]``, most events first (raw names).

    A place is a distinct ``location`` with an exact or "near" point; names are shown in `naming`,
    and spellings that `naming` shows alike are merged.
    """
    if not len(frame):
        return []
    mask = located_mask(frame) & frame["geo_precision"].astype(str).isin(LABEL_PRECISIONS).to_numpy()
    rows = frame.loc[mask, ["location", "country", "latitude", "longitude"]].astype({"location": str, "country": str})
    rows = rows[rows["location"].str.strip() != ""]
    if rows.empty:
        return []
    grouped = rows.groupby(["location", "country"], sort=False).agg(
        n=("latitude", "size"), lat=("latitude", "median"), lon=("longitude", "median")).reset_index()
    grouped["name"] = [display_name(loc, naming, country=country or None)
                       for loc, country in zip(grouped["location"], grouped["country"], strict=True)]
    merged = (grouped.sort_values("n", ascending=False, kind="stable")
              .groupby("name", sort=False).agg(n=("n", "sum"), lat=("lat", "first"), lon=("lon", "first"))
              .sort_values("n", ascending=False, kind="stable").head(limit))
    return [[round(float(r.lat), 5), round(float(r.lon), 5), str(name), int(r.n)]
            for name, r in merged.iterrows()]


class BaseLayers(MacroElement):
    """Panes, the offline basemap, optional tiles, place labels and the legend of a map (eventmap.js)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        EventMap.setupBase({{ this._parent.get_name() }}, /*em-base*/{{ this.options_json }});
        {% endmacro %}
        """
    )

    def __init__(self, options: Mapping[str, Any]) -> None:
        super().__init__()
        self._name = "BaseLayers"
        self.options = options
        self.options_json = script_json(options)


def base_options(*, basemap: Basemap | str, bounds: Sequence[float] | None, labels: list[list[Any]],
                 legend: Mapping[str, Any] | None, lang: str, label_size_px: int, text_size_px: int,
                 tiles_url: str, areas: Sequence[Mapping[str, Any]] = (),
                 naming: Naming | str | None = None) -> dict[str, Any]:
    """The options of `BaseLayers` (`naming`: of the context's place names; by default the language's own)."""
    try:
        choice = Basemap(basemap)
    except ValueError:
        raise BasemapError(f"basemap must be one of {[b.value for b in Basemap]} (got {basemap!r})") from None
    tiles = None
    if choice is Basemap.OSM:
        tiles = {"url": tiles_url, "attribution": OSM_ATTRIBUTION, "maxZoom": 19}
    return {
        "basemaps": basemap_collections(bounds, lang=lang),
        "colours": COLOURS,
        "tiles": tiles,
        "strings": {"tiles": t("map.basemap.tiles", lang), "offline": t("map.basemap.offline", lang),
                    "tilesFailed": t("map.basemap.tiles_failed", lang)},  # raw: put in as text
        # Rivers, lakes and places of the region from zoom 6 on (only where the region's detail is drawn).
        "context": (context_collection(naming=Naming(naming) if naming else naming_for_language(lang))
                    if bounds is None or _touches_region(bounds) else None),
        "labels": labels,
        "labelSizePx": int(label_size_px),
        "textSizePx": int(text_size_px),
        "legend": legend,  # `eventmap.mapping.scene_parts.legend_options` (raw text), or None
        "legendPosition": "bottomleft" if is_rtl(lang) else "bottomright",
        "layersPosition": "topleft" if is_rtl(lang) else "topright",  # the layer switch, mirrored in RTL
        "areas": list(areas),  # a scene's area layers (`eventmap.mapping.scene_parts.area_options`)
    }
