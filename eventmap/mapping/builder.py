"""`build_map` and `build_event_layer`: the two calls the app, the exports and the classroom view use.

In the app, build the base map once per data set and view options, and the event layer once per
filter state; streamlit-folium then swaps the layer without remounting the map::

    colours = side_colours(all_events["side"].unique())
    m = build_map(all_events, naming=naming, lang=lang, colours=colours, with_events=False)
    layer = build_event_layer(filtered, naming=naming, lang=lang, colours=colours)
    st_folium(m, feature_group_to_add=layer, returned_objects=[])

For a standalone page: ``build_map(filtered, naming=..., asset_mode="inline").save(path)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import folium
import pandas as pd

from base.settings import Settings
from eventmap.i18n import is_rtl, t
from eventmap.mapping.assets import AssetMode, use_assets
from eventmap.mapping.basemap import BaseLayers, Basemap, base_options, event_bounds, main_bounds, place_labels
from eventmap.mapping.deltas import SharedView
from eventmap.mapping.layers import DEFAULT_LIMITS, LayerLimits, degrees, event_feature_group, event_payload
from eventmap.mapping.points import POINTS_FROM, point_payload
from eventmap.mapping.scene_parts import area_options, control_options, label_rows, layer_options, legend_options
from eventmap.scene import AreaLayer, Lang, Marks, Palette, Scene
from eventmap.scene.build import scene_legend, scene_marks
from eventmap.styling import side_colours
from geo.naming import Naming

DEFAULT_ZOOM = 8
MAX_FIT_ZOOM = 11  # fitting a single town should not zoom to street level
MIN_ZOOM, MAX_ZOOM = 2, 18
LEGEND_WIDTH_PX = 260
WORLD_VIEW = (-50.0, -170.0, 70.0, 170.0)  # (south, west, north, east) shown when no event has a point
WORLD_ZOOM = 2


def _colours(frame: pd.DataFrame, colours: Mapping[str, str] | None, settings: Settings) -> dict[str, str]:
    sides = list(frame["side"].astype(str).unique()) if len(frame) else []
    given = dict(colours or {})
    missing = [s for s in sides if s not in given]
    if missing:
        given.update(side_colours([*given, *missing], config_path=settings.sides_config_path))
    return given


def build_event_layer(
    frame: pd.DataFrame,
    *,
    naming: Naming,
    lang: Lang = Lang.EN,
    colours: Mapping[str, str] | None = None,
    limits: LayerLimits = DEFAULT_LIMITS,
    marker_size_px: int = 22,
    settings: Settings | None = None,
    scene: Scene | None = None,
    fit_first: bool = True,
    points_from: int = POINTS_FROM,
    density: bool = False,
    shared: SharedView | None = None,
) -> folium.FeatureGroup:
    """The events of `frame` as one `folium.FeatureGroup` (for ``st_folium(feature_group_to_add=...)``).

    Pass the same `colours` as to `build_map` (``side_colours`` of every side in the data), so that a
    side keeps its colour whatever the filters leave. With a `scene` (of `frame`), the colours are the
    scene's and the layer brings the scene's fit, labels, legend and empty-result note along (the map fits
    the scene once per scene; `fit_first=False`: not when the map has just opened at a kept view).
    More than `points_from` located events: every event is a WebGL point (`eventmap.mapping.points`), with
    its card given by the app on a click; fewer: clustered markers with their details in the page.
    `density`: the user's choice of counting the events in squares instead, whatever their number.
    `shared`: the points drawn from the whole data's published columns (`eventmap.mapping.deltas`): the
    layer holds their URL and a small filter value instead of the filtered columns (the dashboard).
    """
    settings = settings or Settings.from_env()
    if scene is not None:
        colours = scene.palette.as_dict()
    palette = _colours(frame, colours, settings)
    marks: Marks | None
    if scene is not None:
        marks, scene_palette = scene.marks, scene.palette
    else:
        scene_palette = Palette(sides=tuple(palette), colours=tuple(palette.values()))
        marks = scene_marks(frame, scene_palette) if len(frame) > points_from else None
    if density:
        payload = event_payload(frame, naming=naming, lang=lang, colours=palette,
                                limits=replace(limits, max_points=0), marker_size_px=marker_size_px)
        if payload["mode"] == "grid":
            payload["notes"] = [t("map.note.density", lang, n=f"{payload['n']:,}",
                                  cells=f"{len(payload['grid']['n']):,}", size=degrees(payload["cellSizeDeg"]))]
    elif marks is not None and len(marks) > points_from:
        payload = (shared.payload(lang=lang, total=len(frame)) if shared is not None
                   else point_payload(marks, scene_palette, lang=lang, total=len(frame)))
    else:
        payload = event_payload(frame, naming=naming, lang=lang, colours=palette, limits=limits,
                                marker_size_px=marker_size_px)
    if scene is not None:
        payload["scene"] = layer_options(scene, fit_first=fit_first)
    return event_feature_group(payload, name=t("map.events", lang))


def build_map(
    frame: pd.DataFrame,
    *,
    naming: Naming,
    basemap: Basemap | str = Basemap.OFFLINE,
    lang: Lang = Lang.EN,
    asset_mode: AssetMode | str = AssetMode.SERVED,
    center: Sequence[float] | None = None,
    zoom: int | None = None,
    labels: bool = True,
    legend: bool = True,
    label_size_px: int = 14,
    text_size_px: int = 13,
    height: int | str = "100%",
    with_events: bool = True,
    colours: Mapping[str, str] | None = None,
    limits: LayerLimits = DEFAULT_LIMITS,
    marker_size_px: int = 22,
    settings: Settings | None = None,
    scene: Scene | None = None,
    areas: Sequence[AreaLayer] | None = None,
) -> folium.Map:
    """A Leaflet map of `frame`'s events that works with no internet.

    `frame` also gives the legend (its sides and event types), the place labels and, unless `center`
    (lat, lon) and `zoom` are given, the initial view (the main area of its events, `main_bounds`).
    `legend=False` leaves the legend out (a small map of something else, such as place candidates).
    With `with_events=False` the map has no events: add them with `build_event_layer`. `asset_mode="served"` links the
    project's JS/CSS at /app/static (the app); `"inline"` embeds them (a standalone HTML file).
    With a `scene` (`eventmap.scene.build_scene` of `frame`), the map draws the scene: its colours,
    extent, labels, legend and area layers (nothing is chosen from `frame` then). `areas`: the area layers
    to draw (default: the scene's), e.g. a scene's areas on the dashboard's base map.
    """
    settings = settings or Settings.from_env()
    palette = scene.palette.as_dict() if scene is not None else _colours(frame, colours, settings)
    bounds = event_bounds(frame)
    if scene is None:
        view = main_bounds(frame)
    else:
        b = scene.extent.bounds
        view = (b.south, b.west, b.north, b.east)
    if view is not None:
        south, west, north, east = view
    else:  # no event has a point: the world, never the bundled war's box (the data may be anywhere)
        south, west, north, east = WORLD_VIEW
        if center is None and zoom is None:
            center, zoom = ((south + north) / 2, (west + east) / 2), WORLD_ZOOM
    if center is None and zoom is not None:
        center = ((south + north) / 2, (west + east) / 2)
    m = folium.Map(location=list(center) if center is not None else None, zoom_start=zoom or DEFAULT_ZOOM,
                   tiles=None, control_scale=True, height=height, width="100%", minZoom=MIN_ZOOM, maxZoom=MAX_ZOOM)
    use_assets(m, asset_mode)
    if center is None:
        # Fit the main area of the events, clear of the legend (bottom right; bottom left in RTL).
        legend_side, other_side = (LEGEND_WIDTH_PX, 30), (30, 30)
        top_left, bottom_right = (legend_side, other_side) if is_rtl(lang) else (other_side, legend_side)
        m.fit_bounds([[south, west], [north, east]], padding_top_left=top_left, padding_bottom_right=bottom_right,
                     max_zoom=MAX_FIT_ZOOM)
    if scene is not None:
        label_list = label_rows(scene) if labels else []
        legend_shown = legend_options(scene.legend, lang=lang) if legend else None
    else:
        label_list = place_labels(frame, naming=naming) if labels else []
        sides = Palette(sides=tuple(palette), colours=tuple(palette.values()))
        legend_shown = legend_options(scene_legend(frame, sides, lang=lang), lang=lang) if legend else None
    options = base_options(
        basemap=basemap, bounds=bounds, labels=label_list, legend=legend_shown,
        lang=lang, label_size_px=label_size_px, text_size_px=text_size_px, tiles_url=settings.tiles_url,
        areas=area_options(areas if areas is not None else scene.areas if scene is not None else ()),
        naming=naming,
    )
    if scene is not None and scene.control is not None:
        options["control"] = control_options(scene.control, lang=lang)
    BaseLayers(options).add_to(m)
    if with_events:
        build_event_layer(frame, naming=naming, lang=lang, colours=palette, limits=limits,
                          marker_size_px=marker_size_px, settings=settings).add_to(m)
    return m
