"""Events → one compact payload that `static/eventmap/eventmap.js` draws: fast at any size.

One `folium.Marker` per event costs about 6 s and 7.6 MB at 10,000 events. Instead the layer is one
JSON object, built with vectorised pandas, in one of two modes:

- ``points`` (up to `LayerLimits.max_points` events): one entry per event in parallel integer
  columns: ``p`` (index into the place table: latitude, longitude, name), ``d`` (days since
  ``day0``), ``k`` (side, event type, claim status and location precision packed in one integer).
  The browser makes the markers (shape by type, colour by side, line by status), clusters them
  with Leaflet.markercluster and builds each popup when it is opened. The full details (actor,
  description, original text, claims, sources ...) are embedded for the first events in the frame's
  order until `detail_budget_bytes` is used; the others' popups show the summary (date, place, side,
  type, status) and say that their details are in the event table. The map works offline either way.
- ``grid`` (more events): the events are counted in squares, as small as keeps the squares under
  `max_cells`; each square is one circle sized by its count and coloured by its main side, with a
  popup of counts by side, and a note on the map says the view is aggregated.

Every text in the payload is raw (not escaped): the browser puts it into the page as text nodes
(`static/eventmap/js/popups.js`, `mapcontrols.js`). The JSON is made safe inside ``<script>`` (`script_json`).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import numpy as np
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from eventmap.i18n import direction, side_label, t
from eventmap.mapping.popups import DETAIL_FIELDS, DetailRenderer, labels, term
from eventmap.schema import EVENT_TYPES, GEO_PRECISIONS, STATUSES
from eventmap.styling import PRECISION_RADIUS_M, STATUS_STYLES, shape_for, side_colours, status_style
from geo.naming import Naming, display_name

PAYLOAD_MARKER = "/*em-payload*/"
DETAIL_CHUNK_ROWS = 500


@dataclass(frozen=True, kw_only=True)
class LayerLimits:
    """How much one map layer may hold."""

    max_points: int = 100_000  # above this many located events, aggregate into grid squares
    detail_budget_bytes: int = 2_000_000  # JSON bytes of full popup details embedded at most
    max_cells: int = 5_000  # grid squares at most in grid mode
    max_circles: int = 4_000  # precision circles (distinct place/precision/side) drawn at most


DEFAULT_LIMITS = LayerLimits()


_TEMPLATE_OPENING = re.compile(r"\{(?=[{%#])")


def script_json(value: Any) -> str:
    """`value` as JSON that can sit inside a ``<script>`` element and inside a template.

    No ``</script>`` or ``<!--`` (``<`` and ``>`` are written ``\\u003c``/``\\u003e``), no line
    separators JavaScript would choke on, and no Jinja opening (``{{``, ``{%``, ``{#``): branca compiles
    each element's rendered script as a template again, so data must never look like one. In compact
    JSON such a pair can only occur inside a string, where ``\\u007b`` stands for the same ``{``.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = (text.replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    return _TEMPLATE_OPENING.sub(r"\\u007b", text)


def located_mask(frame: pd.DataFrame) -> np.ndarray:
    """Rows with a usable point: both coordinates present and within range."""
    lat = pd.to_numeric(frame["latitude"], errors="coerce").to_numpy(dtype=float)
    lon = pd.to_numeric(frame["longitude"], errors="coerce").to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        return np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)


def _categories(values: pd.Series, known: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """Integer codes of `values` into `known` followed by any other values met (sorted)."""
    extra = sorted(set(values.unique()) - set(known))
    names = [*known, *extra]
    codes = pd.Categorical(values, categories=names).codes.astype(np.int64)
    return codes, names


def _places(frame: pd.DataFrame, naming: Naming) -> tuple[np.ndarray, list[list[Any]]]:
    """Codes into a table of distinct (lat, lon, place) with the name shown in `naming` (raw text)."""
    latq = np.round(frame["latitude"].to_numpy(dtype=float) * 1e5).astype(np.int64)
    lonq = np.round(frame["longitude"].to_numpy(dtype=float) * 1e5).astype(np.int64)
    loc_codes, locations = pd.factorize(frame["location"].astype(str), sort=False)
    coord_codes, _ = pd.factorize(latq * 40_000_001 + lonq, sort=False)
    key = coord_codes.astype(np.int64) * max(len(locations), 1) + loc_codes
    place_codes, _ = pd.factorize(key, sort=False)
    _, first = np.unique(place_codes, return_index=True)  # the first row of each place, by code
    countries = frame["country"].astype(str).to_numpy() if "country" in frame else np.full(len(frame), "")
    shown: dict[tuple[str, str], str] = {}
    table = []
    for i in first.tolist():
        name_key = (locations[loc_codes[i]], countries[i])
        if name_key not in shown:
            location, country = name_key
            shown[name_key] = display_name(location, naming, country=country or None) if location else ""
        table.append([latq[i] / 1e5, lonq[i] / 1e5, shown[name_key]])
    return place_codes.astype(np.int64), table


def _details(frame: pd.DataFrame, *, naming: Naming, lang: str, budget: int) -> list[list[Any]]:
    """Details of the first rows of `frame`, as many as fit in `budget` bytes of JSON."""
    renderer = DetailRenderer(naming=naming, lang=lang)
    details: list[list[Any]] = []
    used = 0
    for start in range(0, len(frame), DETAIL_CHUNK_ROWS):
        for row in frame.iloc[start:start + DETAIL_CHUNK_ROWS].to_dict("records"):
            values = renderer.values({str(name): value for name, value in row.items()})
            used += len(json.dumps(values, ensure_ascii=False, separators=(",", ":"))) + 1
            if used > budget:
                return details
            details.append(values)
    return details


def _grid(frame: pd.DataFrame, side_codes: np.ndarray, *, max_cells: int) -> tuple[dict[str, Any], float]:
    lat = frame["latitude"].to_numpy(dtype=float)
    lon = frame["longitude"].to_numpy(dtype=float)
    size = 0.005
    while True:
        row = np.floor(lat / size).astype(np.int64)
        col = np.floor(lon / size).astype(np.int64)
        cell_codes, cells = pd.factorize(row * 1_000_000 + col, sort=False)
        if len(cells) <= max_cells:
            break
        size *= 2
    counts = np.bincount(cell_codes)
    mean_lat = np.bincount(cell_codes, weights=lat) / counts
    mean_lon = np.bincount(cell_codes, weights=lon) / counts
    by_side = (pd.DataFrame({"cell": cell_codes, "side": side_codes}).value_counts()
               .rename("n").reset_index().sort_values(["cell", "n"], ascending=[True, False], kind="stable"))
    top: list[list[list[int]]] = [[] for _ in range(len(cells))]
    for cell, side, n in by_side.itertuples(index=False):
        if len(top[cell]) < 3:
            top[cell].append([int(side), int(n)])
    grid = {
        "lat": np.round(mean_lat, 4).tolist(), "lon": np.round(mean_lon, 4).tolist(), "n": counts.tolist(),
        "side": [entry[0][0] for entry in top], "top": top,
    }
    return grid, size


def event_payload(frame: pd.DataFrame, *, naming: Naming, lang: str, colours: Mapping[str, str] | None = None,
                  limits: LayerLimits = DEFAULT_LIMITS, marker_size_px: int = 22) -> dict[str, Any]:
    """The JSON-ready payload of the events of `frame` (see the module's docstring)."""
    located_rows = located_mask(frame)
    located = frame.loc[located_rows]
    n = len(located)
    side_codes, side_values = pd.factorize(located["side"].astype(str), sort=False)
    sides = [str(side) for side in side_values]
    palette = dict(colours) if colours is not None else {}
    missing_colours = [s for s in sides if s not in palette]
    if missing_colours:
        palette.update(side_colours([*palette, *missing_colours]))
    type_codes, types = _categories(located["event_type"].astype(str), tuple(EVENT_TYPES))
    status_codes, statuses = _categories(located["status"].astype(str), STATUSES)
    prec_codes, precisions = _categories(located["geo_precision"].astype(str).replace("", "exact"), GEO_PRECISIONS)
    n_type, n_status, n_prec = len(types), len(statuses), len(precisions)
    packed = ((side_codes.astype(np.int64) * n_type + type_codes) * n_status + status_codes) * n_prec + prec_codes
    dates = pd.to_datetime(located["date"], errors="coerce").to_numpy(dtype="datetime64[D]")
    valid_dates = dates[~np.isnat(dates)]
    day0 = valid_dates.min() if len(valid_dates) else np.datetime64("1970-01-01", "D")
    offsets = np.where(np.isnat(dates), -1, (dates - day0).astype(np.int64))
    payload: dict[str, Any] = {
        "version": 1,
        "total": len(frame), "n": n, "missing": len(frame) - n,
        "day0": str(day0), "dir": direction(lang), "markerSizePx": marker_size_px,
        "sides": [side_label(s, lang) for s in sides], "colours": [palette[s] for s in sides],
        "types": [term("event_type", ty, lang) for ty in types],
        "shapes": [shape_for(ty).svg_path for ty in types],
        "statuses": [term("status", st, lang) for st in statuses],
        "statusStyles": [_style_json(st) for st in statuses],
        "precisions": [term("map.precision", p, lang) for p in precisions],
        "radii": [PRECISION_RADIUS_M.get(p, 0) for p in precisions],
        "nType": n_type, "nStatus": n_status, "nPrec": n_prec,
        "fields": list(DETAIL_FIELDS), "labels": labels(lang),
        "maxCircles": limits.max_circles,
        "strings": {
            "noDetails": t("map.no_details", lang),
            "noSource": t("map.popup.no_source", lang),
            "cellEvents": t("map.cell.events", lang, n="{n}"),
            "cellHelp": t("map.cell.help", lang),
            "tooManyCircles": t("map.note.too_many_circles", lang),
        },
        "notes": [],  # lines of the note on the map (raw text)
        "details": [],
    }
    if n > limits.max_points:
        grid, size = _grid(located, side_codes, max_cells=limits.max_cells)
        payload.update(mode="grid", grid=grid, cellSizeDeg=size,
                       notes=[t("map.note.aggregated", lang, n=f"{n:,}", cells=f"{len(grid['n']):,}",
                                size=degrees(size))])
        payload["cols"] = {"p": [], "d": [], "k": []}
        payload["places"] = []
        return payload
    place_codes, places = _places(located, naming)
    details = _details(located, naming=naming, lang=lang, budget=limits.detail_budget_bytes)
    payload.update(mode="points", places=places, details=details,
                   cols={"p": place_codes.tolist(), "d": offsets.tolist(), "k": packed.tolist()})
    if len(details) < n:
        payload["notes"] = [t("map.note.details_partial", lang, shown=f"{len(details):,}", n=f"{n:,}")]
    return payload


def _style_json(status: str) -> dict[str, Any]:
    style = STATUS_STYLES.get(status) or status_style(status)
    return {"filled": style.filled, "fill_opacity": style.fill_opacity, "stroke_width": style.stroke_width,
            "dash": style.dash, "opacity": style.opacity}


def degrees(size: float) -> str:
    """A square's side in degrees, with as many digits as it needs ("0.0050°")."""
    digits = max(0, -math.floor(math.log10(size)) + 1)
    return f"{size:.{digits}f}°"


class EventLayer(MacroElement):
    """The events of one payload, drawn into the parent `folium.FeatureGroup` by eventmap.js."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        EventMap.addEvents({{ this._parent.get_name() }}, """ + PAYLOAD_MARKER + """{{ this.payload_json }});
        {% endmacro %}
        """
    )

    def __init__(self, payload: Mapping[str, Any]) -> None:
        super().__init__()
        self._name = "EventLayer"
        self.payload = payload
        self.payload_json = script_json(payload)


def event_feature_group(payload: Mapping[str, Any], *, name: str) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=name, control=False)
    EventLayer(payload).add_to(group)
    return group


def payloads_from_html(text: str) -> list[dict[str, Any]]:
    """Every event payload in a rendered map page or script (for tests and checks)."""
    decoder = json.JSONDecoder()
    found = []
    start = text.find(PAYLOAD_MARKER)
    while start != -1:
        value, end = decoder.raw_decode(text, start + len(PAYLOAD_MARKER))
        found.append(value)
        start = text.find(PAYLOAD_MARKER, end)
    return found


def drawn_event_count(payload: Mapping[str, Any]) -> int:
    """How many events a payload draws (in grid mode: the sum of the squares' counts)."""
    if payload.get("mode") == "grid":
        return int(sum(payload["grid"]["n"]))
    if payload.get("mode") == "gl":
        return int(payload["n"])
    return len(payload["cols"]["k"])
