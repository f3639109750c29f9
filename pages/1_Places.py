"""Places: the place names of the loaded data that geocoding could not settle (not found, ambiguous,
unavailable, or a match under 0.9 confidence), each listed with its candidates. The candidates of the
name picked are numbered markers on a small map and one button each: one click (on a button or a
marker) saves the point to the overrides file (atomically, by the overrides geocoder), used at once in
every session. A click elsewhere on the map offers that point. Saving and asking the online service need
an editor (the person at the machine, or someone signed in); anyone else sees the page read-only.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from access import Action, allowed
from eventmap.i18n import t
from geo.naming import display_name
from services.loading import LoadFailure, file_stamp
from services.places import candidates_for, labelled_candidates, places_to_review, point_options
from ui import data, places_choice, upload, who
from ui.places_online import online_lookup_panel, online_source, online_status, show_notice
from ui.router import start_page
from ui.safe_text import plain_markdown, spreadsheet_safe

PICK_KEY = "places_pick"
MAX_CANDIDATES_LISTED = 6

settings, choices = start_page()
lang, naming = choices.lang, choices.naming
principal = who.current(settings)
may_save = allowed(principal, Action.SAVE_PLACES)

st.title(t("places.title", lang))
st.caption(t("places.intro", lang, threshold="0.9"))
if not may_save:
    st.info(t("places.read_only", lang), icon=":material/lock:")
saved = st.session_state.pop(places_choice.SAVED_KEY, None)
if saved:
    st.success(saved, icon=":material/check_circle:")
show_notice()

loaded = upload.data_for_pages(settings)
if isinstance(loaded, LoadFailure):
    st.error(t("data.file_failed", lang, name=plain_markdown(loaded.source_name)))
    st.stop()
review = places_to_review(loaded.events)
if not review:
    st.success(t("places.all_resolved", lang, name=plain_markdown(loaded.source_name)),
               icon=":material/check_circle:")
    st.stop()

by_name = {p.name: p for p in review}
shown_name = {p.name: display_name(p.name, naming) for p in review}
online = online_lookup_panel(review, settings=settings, lang=lang, shown_name=shown_name, principal=principal)
stamp = file_stamp(settings.overrides_path)
offline = data.shared_geocoder(replace(settings, online_geocoding=False), stamp)  # the table asks nobody online
source = online_source(settings, lang)


def candidates_of(name: str, geocoder) -> list:
    found = online.get(name)
    return labelled_candidates(candidates_for(by_name[name], geocoder=geocoder),
                               list(found.candidates) if found else [], online_source=source)


listed = {p.name: [text for _, text in candidates_of(p.name, offline)] for p in review}
st.dataframe(
    spreadsheet_safe(pd.DataFrame({
        "place": [shown_name[p.name] for p in review],
        "as_written": [p.name for p in review],
        "status": [t(f"places.status.{p.status}", lang) for p in review],
        "candidates": ["; ".join(listed[p.name][:MAX_CANDIDATES_LISTED]) for p in review],
        "events": [p.events for p in review],
        "online": [online_status(online.get(p.name), lang) for p in review],
        "reason": [p.reason for p in review],
    })),
    hide_index=True, width="stretch",
    column_config={"place": t("filter.places", lang), "as_written": t("places.as_written", lang),
                   "status": t("places.status", lang), "candidates": t("places.candidates", lang),
                   "events": t("dash.table", lang), "reason": t("dash.reason", lang),
                   "online": t("places.online", lang)},
)

if st.session_state.get(PICK_KEY) not in by_name:
    st.session_state[PICK_KEY] = review[0].name
name = st.selectbox(t("places.pick", lang), list(by_name), key=PICK_KEY,
                    format_func=lambda n: f"{shown_name[n]} — {t(f'places.status.{by_name[n].status}', lang)}")
place = by_name[name]
places_choice.remember_seen(name, settings)
asking = settings if allowed(principal, Action.GEOCODE_ONLINE) else replace(settings, online_geocoding=False)
options = point_options(candidates_of(name, data.shared_geocoder(asking, stamp)),
                        st.session_state.get(places_choice.clicked_key(name)), lang=lang)

left, right = st.columns([2, 3], gap="large")
with right:
    marker_choice = places_choice.candidate_map(
        name, events=loaded.events, options=options, naming=naming, basemap=choices.basemap, lang=lang,
        settings=settings, current=(place.lat, place.lon) if place.lat is not None else None)
with left:
    st.subheader(plain_markdown(shown_name[name]))
    st.caption(t("places.status_line", lang, status=t(f"places.status.{place.status}", lang), events=place.events))
    st.code(place.reason, language=None, wrap_lines=True)
    precision, note = places_choice.precision_and_note(name, lang=lang, enabled=may_save)
    chosen = places_choice.choice_buttons(name, options, lang=lang, principal=principal) or marker_choice
    if chosen is not None:
        places_choice.save_choice(name, chosen, shown_name=shown_name[name], precision=precision, note=note,
                                  settings=settings, lang=lang, principal=principal)
    events_here = loaded.events.loc[loaded.events["location"] == name, ["date", "side", "description"]]
    st.caption(t("places.events_here", lang))
    st.dataframe(spreadsheet_safe(events_here.assign(date=events_here["date"].dt.date)), hide_index=True,
                 width="stretch")
