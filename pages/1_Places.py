"""Places: the place names of the loaded data that geocoding could not settle (not found, ambiguous,
unavailable, or a match under 0.9 confidence). Pick a candidate or click the map, and the point is
saved to the overrides file (atomically, by the overrides geocoder) and used at once, in every session.
"""

from __future__ import annotations

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from eventmap.errors import WriteConflictError
from eventmap.i18n import t
from eventmap.mapping import build_map
from eventmap.mapping.popups import folium_text
from eventmap.schema import GEO_PRECISIONS
from geo.geocoders.override import OverrideGeocoder
from geo.naming import Naming, display_name
from ui import data, hooks, sidebar, upload
from ui.map_view import basemap_names
from ui.places import candidates_for, labelled_candidates, places_to_review, view_of_points
from ui.places_online import online_lookup_panel, online_source, online_status, show_notice
from ui.router import routed, run_app
from ui.safe_text import plain_markdown, spreadsheet_safe

PICK_KEY = "places_pick"
SAVED_KEY = "_places_saved"
SEEN_KEY = "_places_seen_override"  # the override shown to the user, for the conflict check
CANDIDATE_COLOUR, CLICKED_COLOUR = "#0072B2", "#D55E00"



if not routed():
    run_app()
    st.stop()

settings = data.current_settings()
choices = sidebar.display_choices(basemaps=basemap_names())
lang, naming = choices.lang, choices.naming
hooks.apply_direction(lang)

st.title(t("places.title", lang))
st.caption(t("places.intro", lang, threshold="0.9"))
saved = st.session_state.pop(SAVED_KEY, None)
if saved:
    st.success(saved, icon=":material/check_circle:")
show_notice()

loaded = upload.data_for_pages(settings)
if isinstance(loaded, data.LoadFailure):
    st.error(t("data.file_failed", lang, name=plain_markdown(loaded.source_name)))
    st.stop()
review = places_to_review(loaded.events)
if not review:
    st.success(t("places.all_resolved", lang, name=plain_markdown(loaded.source_name)),
               icon=":material/check_circle:")
    st.stop()

by_name = {p.name: p for p in review}
shown_name = {p.name: display_name(p.name, Naming(naming)) for p in review}
online = online_lookup_panel(review, settings=settings, lang=lang, shown_name=shown_name)
st.dataframe(
    spreadsheet_safe(pd.DataFrame({
        "place": [shown_name[p.name] for p in review],
        "as_written": [p.name for p in review],
        "status": [t(f"places.status.{p.status}", lang) for p in review],
        "events": [p.events for p in review],
        "online": [online_status(online.get(p.name), lang) for p in review],
        "reason": [p.reason for p in review],
    })),
    hide_index=True, width="stretch",
    column_config={"place": t("filter.places", lang), "as_written": t("places.as_written", lang),
                   "status": t("places.status", lang), "events": t("dash.table", lang),
                   "reason": t("dash.reason", lang), "online": t("places.online", lang)},
)

if st.session_state.get(PICK_KEY) not in by_name:
    st.session_state[PICK_KEY] = review[0].name
name = st.selectbox(t("places.pick", lang), list(by_name), key=PICK_KEY,
                    format_func=lambda n: f"{shown_name[n]} — {t(f'places.status.{by_name[n].status}', lang)}")
place = by_name[name]
overrides = OverrideGeocoder(settings.overrides_path)
seen = st.session_state.setdefault(SEEN_KEY, {})
if name not in seen:
    seen[name] = overrides.get(name)
geocoder = data.shared_geocoder(settings, data.file_stamp(settings.overrides_path))
found_online = online.get(name)
candidates = labelled_candidates(candidates_for(place, geocoder=geocoder),
                                 list(found_online.candidates) if found_online else [],
                                 online_source=online_source(settings, lang))

left, right = st.columns([2, 3], gap="large")
with right:
    points = [(c.lat, c.lon) for c, _ in candidates] + ([(place.lat, place.lon)] if place.lat is not None else [])
    clicked_state = st.session_state.get(f"_clicked_{name}")
    center, zoom = view_of_points(points)
    # The view is the base map's own (one map per name): streamlit-folium's `center` loses to the initial fit.
    # No legend: the map shows candidates, not events, and is small.
    base = build_map(loaded.events, naming=naming, basemap=choices.basemap, lang=lang, with_events=False,
                     legend=False, center=center, zoom=zoom, settings=settings)
    marks = folium.FeatureGroup(name="candidates", control=False)
    for number, (candidate, text) in enumerate(candidates, start=1):
        folium.CircleMarker([candidate.lat, candidate.lon], radius=9, color=CANDIDATE_COLOUR, weight=3,
                            fill=True, fill_opacity=0.5, tooltip=folium_text(f"{number}. {text}")).add_to(marks)
    if clicked_state:
        folium.CircleMarker(list(clicked_state), radius=8, color=CLICKED_COLOUR, weight=3, fill=True,
                            fill_opacity=0.9, tooltip=folium_text(t("places.clicked_point", lang))).add_to(marks)
    returned = st_folium(base, key=f"places_map_{name}", feature_group_to_add=marks,
                         returned_objects=["last_clicked"], height=520, use_container_width=True)
    st.caption(t("places.click_help", lang))
    last = (returned or {}).get("last_clicked")
    if isinstance(last, dict) and "lat" in last and "lng" in last:
        point = (round(float(last["lat"]), 5), round(float(last["lng"]), 5))
        if point != clicked_state:
            st.session_state[f"_clicked_{name}"] = point
            st.rerun()

with left:
    st.subheader(plain_markdown(shown_name[name]))
    st.caption(t("places.status_line", lang, status=t(f"places.status.{place.status}", lang), events=place.events))
    st.code(place.reason, language=None, wrap_lines=True)
    points_by_label: dict[str, tuple[float, float]] = {}
    for number, (candidate, text) in enumerate(candidates, start=1):
        label = f"{number}. {text} — {candidate.lat:.4f}, {candidate.lon:.4f}"
        points_by_label[label] = (float(candidate.lat), float(candidate.lon))
    clicked = st.session_state.get(f"_clicked_{name}")
    if clicked:
        clicked_label = t("places.clicked_option", lang, lat=f"{clicked[0]:.5f}", lon=f"{clicked[1]:.5f}")
        points_by_label[clicked_label] = (float(clicked[0]), float(clicked[1]))
    if not points_by_label:
        st.info(t("places.no_candidates", lang), icon=":material/ads_click:")
    else:
        labels = list(points_by_label)
        picked_label = st.radio(t("places.point", lang), labels, index=len(labels) - 1 if clicked else 0,
                                key=f"places_point_{name}", format_func=plain_markdown)
        lat, lon = points_by_label[picked_label]
        precision = st.radio(t("places.precision", lang), GEO_PRECISIONS, horizontal=True,
                             key=f"places_precision_{name}", format_func=lambda p: t(f"places.precision.{p}", lang))
        note = st.text_input(t("places.note", lang), key=f"places_note_{name}", max_chars=300)
        if st.button(t("places.save", lang), type="primary", icon=":material/save:", key=f"places_save_{name}"):
            try:
                overrides.set(name, lat, lon, precision=precision, note=note, expected=seen[name])
            except WriteConflictError as conflict:
                seen.pop(name, None)
                st.error(plain_markdown(str(conflict)), icon=":material/sync_problem:")
            else:
                data.clear_geocoding_caches()
                seen.pop(name, None)
                st.session_state.pop(f"_clicked_{name}", None)
                st.session_state[SAVED_KEY] = t("places.saved", lang, name=plain_markdown(shown_name[name]),
                                                lat=f"{lat:.5f}", lon=f"{lon:.5f}",
                                                file=plain_markdown(settings.overrides_path.name))
                st.rerun()

    events_here = loaded.events.loc[loaded.events["location"] == name, ["date", "side", "description"]]
    st.caption(t("places.events_here", lang))
    st.dataframe(spreadsheet_safe(events_here.assign(date=events_here["date"].dt.date)), hide_index=True,
                 width="stretch")
