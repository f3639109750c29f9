"""The map in the dashboard: a stable base map, the filtered events swapped in as a layer.

The map draws the scene (`eventmap.scene.build_scene`, see `scene_for`): the base map (`build_map` without
events) depends only on the whole data, the naming, the language, the basemap and the area layers, so a filter
change does not remount it: `st_folium(feature_group_to_add=...)` swaps the events layer, which brings the
scene's fit (the map fits the filtered events unless "keep my view" is on), labels, legend and empty note.
The map reruns only its own fragment when the user pans or zooms (for the
centre and zoom in the URL), never the whole page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from base.settings import Settings
from eventmap.control.history import ControlHistory
from eventmap.export.view import ScreenView
from eventmap.filtering import options
from eventmap.i18n import t
from eventmap.mapping import Basemap, build_event_layer, build_map
from eventmap.mapping.deltas import DataPoints, SharedView, data_points, positions_of, publish, publish_labels
from eventmap.mapping.points import POINTS_FROM, PickedPoint, event_id_of
from eventmap.scene import AreaKey, Bounds, Lang, Palette, Scene, SceneView, build_scene
from eventmap.styling import side_colours
from eventmap.urlstate import ViewState
from geo.naming import Naming
from ui.sidebar import SELECTED_EVENT_KEY
from ui.url import AREAS_KEY, CENTER_PENDING_KEY, KEEP_VIEW_KEY, MAP_CENTER_KEY, MAP_ZOOM_KEY, write_map_view

MAP_KEY = "event_map"
DENSITY_KEY = "map_density"  # the user's choice: events counted in squares instead of drawn one by one
BASE_VIEW_KEY = "_map_base_view"
_LAYER_KEY = "_map_event_layer"
_NUDGE_KEY = "_map_nudge"
_SCENE_KEY = "_map_scene"
_DATA_POINTS_KEY = "_map_data_points"  # the whole data's columns the point layer draws from (for clicks)
_PICK_COUNT_KEY = "_map_pick_count"  # the browser's click count last read (a click is read once)
_ON_SCREEN_KEY = "_map_on_screen"  # {"view": ScreenView}: what the map shows now (the exports read it on click)
MAP_HEIGHT_PX = 600
SCREEN = (1280, MAP_HEIGHT_PX)  # the map's size on a usual screen (for the bounds of a kept view)
SELECTED_ZOOM = 11  # zoom to at least this when an event is picked in the table
HIGHLIGHT_COLOUR = "#000000"


def basemap_names() -> list[str]:
    return [b.value for b in Basemap]


def colours_for(events: pd.DataFrame, *, settings: Settings, data_key: str) -> dict[str, str]:
    """One colour per side of the whole data (not of the filtered rows: a side keeps its colour), the sides
    with most events first, as in the map's legend (the timeline's legend follows this order)."""
    return dict(_colours_cached(data_key, settings.sides_config_path, events))


@st.cache_data(show_spinner=False, max_entries=16)
def _colours_cached(data_key: str, config_path: Path, _events: pd.DataFrame) -> list[tuple[str, str]]:
    del data_key  # names `_events` in the cache key
    colours = side_colours(options(_events, "side"), config_path=config_path)
    by_count = _events["side"].value_counts(sort=True).index
    return [(side, colours[side]) for side in by_count if side in colours]


# A short window (1280x720): less room above the page's title and a smaller title, so that more of the map
# shows before any scrolling (the map's legends fold to chips there too: static/eventmap/js/mapcontrols.js).
SHORT_WINDOW_CSS = """
@media (max-height: 800px) {
  [data-testid="stMainBlockContainer"] { padding-top: 2rem !important; }
  [data-testid="stMainBlockContainer"] h1 { font-size: 1.9rem !important; padding-top: 0 !important; }
}
"""


def map_options(*, lang: Lang) -> None:
    """Over the map: "keep my view" and the area layers (both in the URL; read by `ui.url.view_from_session`)."""
    st.html(f"<style>{SHORT_WINDOW_CSS}</style>")
    left, middle, right = st.columns([1, 1, 2])
    left.toggle(t("scene.keep_view", lang), key=KEEP_VIEW_KEY, help=t("scene.keep_view_help", lang))
    middle.toggle(t("map.density", lang), key=DENSITY_KEY, help=t("map.density_help", lang))
    if st.session_state.get(AREAS_KEY) is None:
        st.session_state[AREAS_KEY] = []
    right.pills(t("scene.layers", lang), [key.value for key in AreaKey], selection_mode="multi", key=AREAS_KEY,
                format_func=lambda key: t(f"scene.area.{key}", lang), label_visibility="collapsed")


def scene_for(shown: pd.DataFrame, *, events: pd.DataFrame, view: ViewState, settings: Settings, signature: str,
              data_version: str, control: ControlHistory | None = None, control_day: date | None = None) -> Scene:
    """The scene every picture of this view draws (the map, the presentation, the exports), rebuilt only when
    the data, filters, naming, language, layers, the control shown or a kept view change."""
    scene_view = SceneView(center=view.center, zoom=view.zoom, screen=SCREEN, keep=view.keep_view)
    key = (signature, view.naming, view.lang, view.areas, view.keep_view,
           (view.center, view.zoom) if view.keep_view else None, settings.sides_config_path,
           id(control) if control is not None else None, control_day)
    kept = st.session_state.get(_SCENE_KEY)
    if kept is not None and kept[0] == key:
        return kept[1]
    scene = _shared_scene(key, shown, events, view, scene_view, settings, data_version, control, control_day)
    st.session_state[_SCENE_KEY] = (key, scene)
    return scene


@st.cache_resource(show_spinner=False, max_entries=16)
def _shared_scene(key: tuple, _shown: pd.DataFrame, _events: pd.DataFrame, _view: ViewState,
                  _scene_view: SceneView, _settings: Settings, _data_version: str,
                  _control: ControlHistory | None, _control_day: date | None) -> Scene:
    """The scene of `key` (see `scene_for`), built once for every session of the process that shows the same
    view (a class opening the same link): a scene is a value, never changed once built."""
    del key  # the cache key: the arguments below are what it names
    return build_scene(_shown, full_frame=_events, filters=_view.filters, view=_scene_view, lang=_view.lang,
                       naming=_view.naming, sides_config_path=_settings.sides_config_path,
                       areas=frozenset(_view.areas), data_version=_data_version,
                       control=_control, control_day=_control_day)


def highlight_layer(event: Mapping[str, object]) -> folium.FeatureGroup:
    """A dashed ring around the selected event; clicks go through it to the event's marker."""
    group = folium.FeatureGroup(name="selected", control=False)
    folium.CircleMarker(
        location=[float(event["latitude"]), float(event["longitude"])],
        radius=24, color=HIGHLIGHT_COLOUR, weight=4, fill=False, dash_array="6 4", interactive=False,
    ).add_to(group)
    return group


def selected_row(shown: pd.DataFrame) -> dict[str, object] | None:
    """The selected event when it is shown and has a point."""
    event_id = st.session_state.get(SELECTED_EVENT_KEY, "")
    if not event_id:
        return None
    rows = shown.loc[shown["event_id"] == event_id]
    if rows.empty or pd.isna(rows["latitude"].iloc[0]) or pd.isna(rows["longitude"].iloc[0]):
        return None
    return rows.iloc[0].to_dict()


@st.fragment
def render_map(shown: pd.DataFrame, *, events: pd.DataFrame, naming: Naming, lang: Lang, basemap: str,
               scene: Scene, settings: Settings, signature: str, data_key: str = "") -> None:
    """The map of `shown` (the filtered events, drawn as `scene`) over a base map of all `events`. `signature`
    names the data and filters that gave `shown` (the events layer is rebuilt only when it changes);
    `data_key` names the data (`events`): with it, the WebGL points' columns are those of the whole data,
    sent once per data version (`shared_points`), and a filter change sends only which of them to draw."""
    selected = selected_row(shown)
    move_to: tuple[float, float] | None = None
    move_zoom: int | None = None
    if selected is not None and st.session_state.pop(CENTER_PENDING_KEY, False):
        move_to = _nudged((float(selected["latitude"]), float(selected["longitude"])))
        move_zoom = max(st.session_state.get(MAP_ZOOM_KEY) or 0, SELECTED_ZOOM)
        write_map_view(_rounded(move_to), move_zoom)  # before `base_view`: a new base map opens there
    area_keys = tuple(area.key for area in scene.areas)
    center, zoom = base_view((naming, lang, basemap, len(events), area_keys))
    base = build_map(events, naming=naming, basemap=basemap, lang=lang, with_events=False,
                     colours=scene.palette.as_dict(), center=center, zoom=zoom, settings=settings, labels=False,
                     legend=False, areas=scene.areas)
    layers: list[folium.FeatureGroup] = [
        event_layer(shown, naming=naming, lang=lang, scene=scene, settings=settings, signature=signature,
                    fit_first=center is None, density=bool(st.session_state.get(DENSITY_KEY)),
                    events=events, data_key=data_key)]
    if selected is not None:
        layers.append(highlight_layer(selected))
    returned = st_folium(
        base,
        key=MAP_KEY,
        feature_group_to_add=layers,
        center=list(move_to) if move_to else None,  # only to move the map: the base map holds the view
        zoom=move_zoom,
        returned_objects=["center", "zoom", "bounds", "last_object_clicked_tooltip", "last_object_clicked_count"],
        height=MAP_HEIGHT_PX,
        use_container_width=True,
    )
    picked_id = picked_event(returned, scene=scene, whole=_kept_data_points())
    moved_center, moved_zoom = view_of(returned)
    on_screen = screen_view_of(returned, zoom=moved_zoom)
    if on_screen is not None:
        on_screen_holder()["view"] = on_screen
    if moved_center is not None and (moved_center != _rounded(st.session_state.get(MAP_CENTER_KEY))
                                     or moved_zoom != st.session_state.get(MAP_ZOOM_KEY)):
        write_map_view(moved_center, moved_zoom)
    if picked_id is not None and picked_id != st.session_state.get(SELECTED_EVENT_KEY):
        st.session_state[SELECTED_EVENT_KEY] = picked_id
        st.rerun(scope="app")  # the card of the event is drawn under the map, outside this fragment


def picked_event(returned: Mapping[str, object] | None, *, scene: Scene,
                 whole: DataPoints | None = None) -> str | None:
    """The id of the event just clicked on the WebGL point layer (read once per click), else None."""
    event_id, count = new_pick(returned, scene=scene, last_count=st.session_state.get(_PICK_COUNT_KEY),
                               whole=whole)
    st.session_state[_PICK_COUNT_KEY] = count
    return event_id


def new_pick(returned: Mapping[str, object] | None, *, scene: Scene, last_count: int | None,
             whole: DataPoints | None = None) -> tuple[str | None, int | None]:
    """(the id of the event a new click picked on the point layer, or None; the browser's click count).

    A click is new when the count differs from `last_count`; it names an event only when its tooltip is
    exactly ``em-point:KEY:INDEX`` for this scene's points (`eventmap.mapping.points`) or for the whole data's
    columns `whole` (`eventmap.mapping.deltas`: KEY names the data version, INDEX a position in it)."""
    if not returned:
        return None, last_count
    count = returned.get("last_object_clicked_count")
    if not isinstance(count, int) or count == last_count:
        return None, last_count
    picked = PickedPoint.parse(returned.get("last_object_clicked_tooltip"))
    found = whole.event_id(picked) if whole is not None else None
    return found or event_id_of(scene.marks, picked), count


def event_layer(shown: pd.DataFrame, *, naming: Naming, lang: Lang, scene: Scene, settings: Settings,
                signature: str, fit_first: bool, density: bool = False, events: pd.DataFrame | None = None,
                data_key: str = "") -> folium.FeatureGroup:
    """The events layer, rebuilt only when the data, filters, naming, language, scene or density choice change:
    a pan, a click in the table or an opened expander reuse this session's last one. `density`: the events
    counted in squares (the user's choice); else clusters for small data, every event a point for large data
    (from the whole data's published columns when `events` and `data_key` are given: `shared_points`)."""
    key = (signature, naming, lang, scene.signature(), tuple(area.key for area in scene.areas),
           scene.control.day if scene.control is not None else None, density)
    kept = st.session_state.get(_LAYER_KEY)
    if kept is not None and kept[0] == key:
        return kept[1]
    shared = None
    if not density and events is not None and data_key and len(scene.marks) > POINTS_FROM:
        shared = shared_points(shown, events=events, scene=scene, data_key=data_key)
    layer = build_event_layer(shown, naming=naming, lang=lang, scene=scene, settings=settings, fit_first=fit_first,
                              density=density, shared=shared)
    st.session_state[_LAYER_KEY] = (key, layer)  # per session: st_folium attaches the layer to its map
    return layer


def shared_points(shown: pd.DataFrame, *, events: pd.DataFrame, scene: Scene, data_key: str) -> SharedView | None:
    """The scene's points as a filter over the whole data's columns, published once per data version and
    palette for every session; None (the layer carries the filtered columns, as in an export) when the static
    folder cannot be written or the shown rows cannot be found among `events`."""
    palette = scene.palette
    data, url = _published(data_key, palette.sides, palette.colours, events)
    st.session_state[_DATA_POINTS_KEY] = data  # a click names a position in these
    positions = positions_of(data, shown, scene.marks) if url is not None else None
    if url is None or positions is None:
        return None
    labels_url = _labels_published(data_key, palette.sides, palette.colours, str(scene.lang), data)
    return SharedView(data=data, url=url, positions=positions, labels_url=labels_url)


@st.cache_resource(show_spinner=False, max_entries=4)
def _published(data_key: str, sides: tuple[str, ...], colours: tuple[str, ...],
               _events: pd.DataFrame) -> tuple[DataPoints, str | None]:
    del data_key  # names `_events` in the cache key
    data = data_points(_events, Palette(sides=sides, colours=colours))
    return data, publish(data)


@st.cache_resource(show_spinner=False, max_entries=12)
def _labels_published(data_key: str, sides: tuple[str, ...], colours: tuple[str, ...], lang: str,
                      _data: DataPoints) -> str | None:
    del data_key, sides, colours  # name `_data` in the cache key
    return publish_labels(_data, lang)


def _kept_data_points() -> DataPoints | None:
    return st.session_state.get(_DATA_POINTS_KEY)


def base_view(signature: tuple) -> tuple[tuple[float, float] | None, int | None]:
    """The view the base map opens on: the session's view when the base map was (re)built for `signature`.

    It stays fixed while the user pans (so the map is not remounted); a new base map (another basemap,
    language or naming) opens where the user was. (None, None): fit the data.
    """
    stored = st.session_state.get(BASE_VIEW_KEY)
    if stored is None or stored[0] != signature:
        center = st.session_state.get(MAP_CENTER_KEY)
        zoom = st.session_state.get(MAP_ZOOM_KEY)
        view = (tuple(center), int(zoom)) if center is not None and zoom is not None else (None, None)
        stored = (signature, *view)
        st.session_state[BASE_VIEW_KEY] = stored
    return stored[1], stored[2]


def _nudged(point: tuple[float, float]) -> tuple[float, float]:
    """`point`, moved by a few centimetres every other time: the map moves again to an event picked twice
    (streamlit-folium only moves when the centre it is given changes)."""
    flip = st.session_state[_NUDGE_KEY] = not st.session_state.get(_NUDGE_KEY, False)
    return (point[0] + (1e-7 if flip else 0.0), point[1])


def view_of(returned: Mapping[str, object] | None) -> tuple[tuple[float, float] | None, int | None]:
    """(centre, zoom) the browser reported, or (None, None) before it reported anything."""
    if not returned:
        return None, None
    center = returned.get("center")
    zoom = returned.get("zoom")
    if not isinstance(center, Mapping) or not isinstance(zoom, int | float):
        return None, None
    try:
        lat, lng = float(center["lat"]), float(center["lng"])
    except (KeyError, TypeError, ValueError):
        return None, None
    return _rounded((lat, lng)), int(zoom)


def on_screen_holder() -> dict[str, ScreenView]:
    """This session's holder of what the map shows: updated in place by the map's fragment, so that a download
    made after a pan (which reruns only the fragment) draws the view on screen."""
    holder = st.session_state.get(_ON_SCREEN_KEY)
    if holder is None:
        holder = st.session_state[_ON_SCREEN_KEY] = {}
    return holder


def screen_view_of(returned: Mapping[str, object] | None, *, zoom: int | None) -> ScreenView | None:
    """The bounds the browser reported (``{"_southWest": {"lat", "lng"}, "_northEast": ...}``) and the zoom."""
    if not returned or zoom is None:
        return None
    bounds = returned.get("bounds")
    try:
        south_west, north_east = bounds["_southWest"], bounds["_northEast"]  # type: ignore[index]
        south, west = float(south_west["lat"]), float(south_west["lng"])
        north, east = float(north_east["lat"]), float(north_east["lng"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
        return None  # a map zoomed out past the world's edge: use the centre and zoom instead
    return ScreenView(bounds=Bounds(south, west, north, east), zoom=float(zoom))


def _rounded(center: Sequence[float] | None) -> tuple[float, float] | None:
    if not center:
        return None
    return (round(float(center[0]), 5), round(float(center[1]), 5))
