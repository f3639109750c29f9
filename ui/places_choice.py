"""The Places page's choice of a point for one name: its candidates on a small map, one marker each,
numbered and labelled, and one button each; a click on a button or on a marker saves that point at once
(with the precision and note set above the buttons). A click elsewhere on the map offers that point too.
"""

from __future__ import annotations

from collections.abc import Sequence

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from access import Action, PermissionDeniedError, Principal, allowed
from base.errors import WriteConflictError
from base.settings import Settings
from eventmap.i18n import t
from eventmap.mapping import build_map
from eventmap.mapping.popups import folium_text
from eventmap.scene.model import Lang
from eventmap.schema import GEO_PRECISIONS
from geo.geocoders.override import OverrideGeocoder
from geo.naming import Naming
from services.places import PointOption, option_of_tooltip, point_of_click, save_override, view_of_points
from ui import data
from ui.safe_text import plain_markdown

SAVED_KEY = "_places_saved"
SEEN_KEY = "_places_seen_override"  # the override shown to the user, for the conflict check
CANDIDATE_COLOUR, CLICKED_COLOUR = "#0072B2", "#D55E00"
MAP_HEIGHT_PX = 520


def clicked_key(name: str) -> str:
    return f"_clicked_{name}"


def candidate_map(name: str, *, events: pd.DataFrame, options: Sequence[PointOption], current: tuple | None,
                  naming: Naming, basemap: str, lang: Lang, settings: Settings) -> PointOption | None:
    """The small map of `options` (one labelled marker each); returns the candidate whose marker was just
    clicked. A click elsewhere keeps that point as this name's clicked point (and reruns)."""
    points = [(o.lat, o.lon) for o in options] + ([current] if current else [])
    center, zoom = view_of_points(points)
    # The view is the base map's own (one map per name): streamlit-folium's `center` loses to the initial fit.
    base = build_map(events, naming=naming, basemap=basemap, lang=lang, with_events=False, legend=False,
                     center=center, zoom=zoom, settings=settings)
    marks = folium.FeatureGroup(name="candidates", control=False)
    for option in options:
        colour = CLICKED_COLOUR if option.key == "clicked" else CANDIDATE_COLOUR
        folium.CircleMarker([option.lat, option.lon], radius=10, color=colour, weight=3, fill=True,
                            fill_opacity=0.6, tooltip=folium.Tooltip(folium_text(option.short), permanent=True,
                                                                     direction="auto")).add_to(marks)
    returned = st_folium(base, key=f"places_map_{name}", feature_group_to_add=marks,
                         returned_objects=["last_clicked", "last_object_clicked_tooltip"], height=MAP_HEIGHT_PX,
                         use_container_width=True) or {}
    st.caption(t("places.click_help", lang))
    handled_key = f"_handled_{name}"
    handled = st.session_state.get(handled_key, (None, None))
    tooltip, last = returned.get("last_object_clicked_tooltip"), returned.get("last_clicked")
    last_point = point_of_click(last)
    st.session_state[handled_key] = (tooltip, last_point)
    if tooltip and tooltip != handled[0]:
        return option_of_tooltip(tooltip, options)
    if last_point is not None and last_point != handled[1] and last_point != st.session_state.get(clicked_key(name)):
        st.session_state[clicked_key(name)] = last_point
        st.rerun()
    return None


def choice_buttons(name: str, options: Sequence[PointOption], *, lang: Lang,
                   principal: Principal) -> PointOption | None:
    """One button per point ("one click saves it"); returns the one clicked. For someone who may not save,
    the buttons are shown off (the points are still listed)."""
    if not options:
        st.info(t("places.no_candidates", lang), icon=":material/ads_click:")
        return None
    st.markdown(f"**{t('places.choose', lang)}**")
    chosen = None
    for option in options:
        if st.button(plain_markdown(option.label), key=f"places_use_{name}_{option.key}", width="stretch",
                     icon=":material/where_to_vote:", type="primary" if option.key == "clicked" else "secondary",
                     disabled=not allowed(principal, Action.SAVE_PLACES)):
            chosen = option
    return chosen


def save_choice(name: str, option: PointOption, *, shown_name: str, precision: str, note: str,
                settings: Settings, lang: Lang, principal: Principal) -> None:
    """Save `option` as the point of `name` (atomically, with the conflict check) and rerun the page; for
    someone who may not save (a click on a marker, a crafted rerun), nothing is written and the page says so."""
    seen = st.session_state.setdefault(SEEN_KEY, {})
    try:
        save_override(principal, name, lat=option.lat, lon=option.lon, overrides_path=settings.overrides_path,
                      precision=precision, note=note, expected=seen.get(name))
    except PermissionDeniedError:
        st.error(t("places.save_refused", lang), icon=":material/lock:")
        return
    except WriteConflictError as conflict:
        seen.pop(name, None)
        st.error(plain_markdown(str(conflict)), icon=":material/sync_problem:")
        return
    data.clear_geocoding_caches()
    seen.pop(name, None)
    st.session_state.pop(clicked_key(name), None)
    st.session_state[SAVED_KEY] = t("places.saved", lang, name=plain_markdown(shown_name), lat=f"{option.lat:.5f}",
                                    lon=f"{option.lon:.5f}", file=plain_markdown(settings.overrides_path.name))
    st.rerun()


def remember_seen(name: str, settings: Settings) -> None:
    """Keep the override this name had when first shown (a save then checks nobody changed it since)."""
    seen = st.session_state.setdefault(SEEN_KEY, {})
    if name not in seen:
        seen[name] = OverrideGeocoder(settings.overrides_path).get(name)


def precision_and_note(name: str, *, lang: Lang, enabled: bool = True) -> tuple[str, str]:
    precision = st.radio(t("places.precision", lang), GEO_PRECISIONS, horizontal=True, disabled=not enabled,
                         key=f"places_precision_{name}", format_func=lambda p: t(f"places.precision.{p}", lang))
    note = st.text_input(t("places.note", lang), key=f"places_note_{name}", max_chars=300, disabled=not enabled)
    return precision, note
