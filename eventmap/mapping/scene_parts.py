"""A `eventmap.scene.Scene` as the options `static/eventmap/eventmap.js` draws: the Leaflet renderer.

Nothing is decided here: the extent, the colours, the labels, the legend, the area layers and the note for an
empty result all come from the scene. Every text stays raw (not escaped): the browser puts it into the page as
text nodes (`static/eventmap/js/maplegend.js`, `placelabels.js`, `mapcontrols.js`, `areas.js`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventmap.i18n import is_rtl, t
from eventmap.scene import AreaLayer, ExtentRule, Lang, Legend, Scene
from eventmap.scene.model import ControlLayer
from eventmap.styling import PRECISION_RADIUS_M, SHAPES, status_style

NEUTRAL = "#555555"
LEGEND_CLEARANCE_PX = (260, 30)  # fit the events clear of the legend (bottom right; bottom left in RTL)
EDGE_PX = (30, 30)


def label_rows(scene: Scene) -> list[list[Any]]:
    """``[lat, lon, name, priority, kind]`` per label, highest priority first (the name as raw text)."""
    return [[label.lat, label.lon, label.text, label.priority, label.kind.value] for label in scene.labels]


def area_options(areas: Sequence[AreaLayer]) -> list[dict[str, Any]]:
    """A scene's area layers: GeoJSON, style, a title for the layer switch and an attribution (raw text)."""
    return [{"key": area.key.value, "title": area.title, "geojson": area.geojson, "stroke": area.stroke,
             "weight": area.weight, "dash": area.dash, "fill": area.fill, "fillOpacity": area.fill_opacity,
             "shown": area.shown, "attribution": area.attribution} for area in areas]


def control_options(control: ControlLayer | None, *, lang: str) -> dict[str, Any] | None:
    """The scene's control layer for `static/eventmap/js/control.js`: raw texts (the browser puts them in as
    text), GeoJSON geometries, styles; None when the scene has no control layer or it is switched off."""
    if control is None or not control.shown:
        return None
    return {
        "day": control.day, "title": control.title, "caveat": control.caveat,
        "attribution": control.attribution, "words": dict(control.card_words),
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


def empty_note(scene: Scene) -> dict[str, str] | None:
    """"No event matches the filters." and "Loosen: Text" (raw text); None when events match."""
    if scene.empty is None:
        return None
    loosen = t("scene.loosen", scene.lang, filters=", ".join(scene.empty.loosen)) if scene.empty.loosen else ""
    return {"message": scene.empty.message, "loosen": loosen}


def layer_options(scene: Scene, *, fit_first: bool) -> dict[str, Any]:
    """What the events layer brings along in the dashboard (swapped with the filters): the fit, the labels,
    the legend and the note for an empty result. `fit_first`: fit even when the map is new (no view kept)."""
    rtl = is_rtl(scene.lang)
    # The control legend takes the other bottom corner: fit clear of both.
    other = (LEGEND_CLEARANCE_PX[0], EDGE_PX[1]) if scene.control is not None and scene.control.shown else EDGE_PX
    return {"fit": fit_bounds(scene), "fitKey": scene.signature(), "fitFirst": fit_first,
            "fitPaddingTopLeft": LEGEND_CLEARANCE_PX if rtl else other,
            "fitPaddingBottomRight": other if rtl else LEGEND_CLEARANCE_PX,
            "labels": label_rows(scene), "legend": legend_options(scene.legend, lang=scene.lang),
            "empty": empty_note(scene), "legendPosition": "bottomleft" if rtl else "bottomright",
            "control": control_options(scene.control, lang=scene.lang)}


def _style(status: str) -> dict[str, Any]:
    style = status_style(status)
    return {"filled": style.filled, "fill_opacity": style.fill_opacity, "stroke_width": style.stroke_width,
            "dash": style.dash, "opacity": style.opacity}


def legend_options(legend: Legend, *, lang: Lang, open_: bool = True) -> dict[str, Any] | None:
    """The scene's legend as raw texts and symbols (only what is shown; None for an empty scene).

    Sides: ``[text, colour]``; types: ``[text, SVG path]``; statuses: ``[text, line and fill style]``; marks:
    ``[sample, text]`` with sample ``near``/``region`` (a precision circle) or ``cluster``.
    """
    if legend.is_empty():
        return None
    marks = [[precision, t(f"map.legend.{precision}", lang)] for precision, radius in PRECISION_RADIUS_M.items()
             if radius]
    marks.append(["cluster", t("map.legend.cluster", lang)])
    return {
        "title": legend.title, "open": open_, "dir": "rtl" if is_rtl(lang) else "ltr", "neutral": NEUTRAL,
        "circle": SHAPES["circle"].svg_path,
        "sides": {"title": legend.sides_title, "rows": [[s.text, s.colour] for s in legend.sides]},
        "types": {"title": legend.types_title, "rows": [[ty.text, SHAPES[ty.shape].svg_path] for ty in legend.types]},
        "statuses": {"title": legend.statuses_title, "rows": [[s.text, _style(s.status)] for s in legend.statuses]},
        "marks": {"title": t("map.legend.marks", lang), "rows": marks},
    }
