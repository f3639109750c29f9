"""A `eventmap.scene.Scene` as the options `static/eventmap/eventmap.js` draws: the Leaflet renderer.

Nothing is decided here: the extent, the colours, the labels, the legend, the area layers and the note for an
empty result all come from the scene. Texts are escaped here, once, where they meet the page (`esc`), except
the area names, which the browser puts into the page with `textContent`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventmap.i18n import direction, is_rtl, t
from eventmap.mapping.popups import esc
from eventmap.scene import AreaLayer, ExtentRule, Legend, Scene
from eventmap.scene.model import ControlLayer
from eventmap.styling import PRECISION_RADIUS_M, SHAPES, marker_svg

NEUTRAL = "#555555"
LEGEND_CLEARANCE_PX = (260, 30)  # fit the events clear of the legend (bottom right; bottom left in RTL)
EDGE_PX = (30, 30)


def label_rows(scene: Scene) -> list[list[Any]]:
    """``[lat, lon, escaped name, priority]`` per label, highest priority first."""
    return [[label.lat, label.lon, esc(label.text), label.priority] for label in scene.labels]


def area_options(areas: Sequence[AreaLayer]) -> list[dict[str, Any]]:
    """A scene's area layers: GeoJSON, style, an escaped title for the layer switch, raw area names."""
    return [{"key": area.key.value, "titleHtml": esc(area.title), "geojson": area.geojson, "stroke": area.stroke,
             "weight": area.weight, "dash": area.dash, "fill": area.fill, "fillOpacity": area.fill_opacity,
             "shown": area.shown, "attributionHtml": esc(area.attribution)} for area in areas]


def control_options(control: ControlLayer | None, *, lang: str) -> dict[str, Any] | None:
    """The scene's control layer for `static/eventmap/js/control.js`: raw texts (the browser puts them in as
    text), GeoJSON geometries, styles; None when the scene has no control layer or it is switched off."""
    if control is None or not control.shown:
        return None
    return {
        "day": control.day, "title": control.title, "caveat": control.caveat,
        "attributionHtml": esc(control.attribution), "words": dict(control.card_words),
        "legendPosition": "bottomright" if is_rtl(lang) else "bottomleft",
        "legend": [{"text": r.text, "colour": r.colour, "fillOpacity": r.fill_opacity, "dash": r.dash,
                    "hatched": r.hatched, "line": r.line} for r in control.legend],
        "references": [{"key": r.key, "colour": r.colour, "dash": r.dash, "weight": r.weight,
                        "geometry": r.geometry} for r in control.references],
        "patches": [{
            "side": p.side, "sideText": p.side_text, "status": p.status, "statusText": p.status_text,
            "colour": p.colour, "fillOpacity": p.fill_opacity, "dash": p.dash, "weight": p.weight,
            "hatched": p.hatched, "areaKm2": p.area_km2, "geometry": p.geometry,
            "cards": [{"changeId": c.change_id, "date": c.date, "dateText": c.date_text, "place": c.place,
                       "claimedBy": c.claimed_by, "status": c.status, "statusText": c.status_text,
                       "disputedBy": c.disputed_by, "sources": list(c.sources)} for c in p.cards],
        } for p in control.patches],
    }


def fit_bounds(scene: Scene) -> list[list[float]] | None:
    """Where the map opens: the scene's extent, unless the user keeps the view on screen."""
    if scene.extent.rule is ExtentRule.KEPT_VIEW:
        return None
    return scene.extent.bounds.as_leaflet()


def empty_html(scene: Scene) -> str:
    """"No event matches the filters. Loosen: Text", escaped; "" when events match."""
    if scene.empty is None:
        return ""
    loosen = t("scene.loosen", scene.lang, filters=", ".join(scene.empty.loosen)) if scene.empty.loosen else ""
    return f"<b>{esc(scene.empty.message)}</b>" + (f"<br>{esc(loosen)}" if loosen else "")


def layer_options(scene: Scene, *, fit_first: bool) -> dict[str, Any]:
    """What the events layer brings along in the dashboard (swapped with the filters): the fit, the labels,
    the legend and the note for an empty result. `fit_first`: fit even when the map is new (no view kept)."""
    rtl = is_rtl(scene.lang)
    # The control legend takes the other bottom corner: fit clear of both.
    other = (LEGEND_CLEARANCE_PX[0], EDGE_PX[1]) if scene.control is not None and scene.control.shown else EDGE_PX
    return {"fit": fit_bounds(scene), "fitKey": scene.signature(), "fitFirst": fit_first,
            "fitPaddingTopLeft": LEGEND_CLEARANCE_PX if rtl else other,
            "fitPaddingBottomRight": other if rtl else LEGEND_CLEARANCE_PX,
            "labels": label_rows(scene), "legendHtml": legend_html_of(scene.legend, lang=scene.lang),
            "empty": empty_html(scene), "legendPosition": "bottomleft" if rtl else "bottomright",
            "control": control_options(scene.control, lang=scene.lang)}


def _row(symbol: str, text: str) -> str:
    return f'<div class="em-legend-row">{symbol}<span dir="auto">{text}</span></div>'


def _section(title: str, rows: list[str]) -> str:
    if not rows:
        return ""
    return f'<div class="em-legend-section"><div class="em-legend-title">{esc(title)}</div>{"".join(rows)}</div>'


def legend_html_of(legend: Legend, *, lang: str, open_: bool = True) -> str:
    """The scene's legend as one escaped HTML fragment (only what is shown; nothing for an empty scene)."""
    if legend.is_empty():
        return ""
    side_rows = [_row(f'<span class="em-swatch" style="background:{esc(s.colour)}"></span>', esc(s.text))
                 for s in legend.sides]
    type_rows = [_row(marker_svg(SHAPES[ty.shape], NEUTRAL, "confirmed", size_px=18), esc(ty.text))
                 for ty in legend.types]
    status_cells = "".join(_row(marker_svg(SHAPES["circle"], NEUTRAL, s.status, size_px=18), esc(s.text))
                           for s in legend.statuses)
    mark_rows = [_row(f'<span class="em-precision-sample em-precision-{precision}"></span>',
                      esc(t(f"map.legend.{precision}", lang))) for precision, radius in PRECISION_RADIUS_M.items()
                 if radius]
    mark_rows.append(_row('<span class="em-cluster-sample"><span>12</span></span>',
                          esc(t("map.legend.cluster", lang))))
    body = "".join([
        _section(legend.sides_title, side_rows),
        _section(legend.types_title, type_rows),
        _section(legend.statuses_title, [f'<div class="em-legend-grid">{status_cells}</div>'] if status_cells else []),
        _section(t("map.legend.marks", lang), mark_rows),
    ])
    return (f'<details class="em-legend" dir="{direction(lang)}"{" open" if open_ else ""}>'
            f'<summary>{esc(legend.title)}</summary>{body}</details>')
