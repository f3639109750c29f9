"""The dashboard: `streamlit run app.py` (or `streamlit run app.py -- --data FILE`, or `EVENTMAP_DATA=FILE`).

Filters in the sidebar; in the main area the headline counter, the map, the timeline and the event
table. Every choice lives in the URL, so a link opens the same view. The other pages are
`pages/1_Places.py` (fix place names) and `pages/2_About.py`; `ui.router` declares them. This file only
wires widgets to the core (`eventmap`, `geo`) through the thin `ui` modules.
"""

from __future__ import annotations

import streamlit as st

from eventmap.filtering import Filters, apply_filters
from eventmap.i18n import t
from services.loading import LoadFailure
from ui import control as control_view
from ui import data, follow, hooks, large_view, mapping_step, panels, sidebar, url, who
from ui import map_view as map_section
from ui import upload as uploads
from ui.losses import render_losses
from ui.router import routed, run_app
from ui.table import render_table
from ui.timeline import render_timeline, timeline_heading

if not routed():
    run_app()
    st.stop()

settings = data.current_settings()
choices = sidebar.display_choices(basemaps=map_section.basemap_names())
lang, naming = choices.lang, choices.naming
who.sign_in_panel(settings, lang=lang)
hooks.apply_direction(lang)

with st.sidebar.expander(t("data.your_data", lang), icon=":material/upload_file:"):
    upload = uploads.upload_panel(settings, lang=lang)
if upload.pending is not None:
    if upload.failure is not None:
        panels.upload_failed(upload.failure, lang=lang)
    mapping_step.render(upload.pending, settings=settings, lang=lang)
    st.stop()
big = large_view.large_view(settings, lang=lang) if upload.loaded is None and not settings.team_store else None
loaded = large_view.load(big, settings) if big is not None else data.choose_data(settings, upload.loaded)
if isinstance(loaded, LoadFailure):
    panels.data_file_failed(loaded, lang=lang)
    st.stop()

events = loaded.events
follow.follow_new_data(events, data_id=loaded.identity, lang=lang)
control = control_view.control_data(loaded, settings=settings)
filters = sidebar.filter_controls(events, lang=lang, naming=naming, data_key=loaded.cache_key,
                                  last_day=control.history.last_day if control.history is not None else None)
follow.remember_filters(filters)
hooks.presentation_switch(events, lang=lang, naming=naming, settings=settings)
undated = apply_filters(events, filters.with_dates(None, None))  # the timeline shows every day of these
shown = apply_filters(undated, Filters().with_dates(filters.date_from, filters.date_to))
view = url.view_from_session(filters, lang=lang, naming=naming, basemap=choices.basemap)
url.write(view)
presented_control = control.history if control_view.control_wanted() else None
if view.present and hooks.show_presentation(events, view, settings=settings, control=presented_control):
    st.stop()

st.title(t("app.title", lang))
# One container for the lines that come and go with the filters: the map below keeps its place in the page,
# so a filter change swaps its events without remounting it (which would lose the fit and the view).
with st.container():
    panels.url_ignored(lang=lang)
    if upload.failure is not None:
        panels.upload_failed(upload.failure, lang=lang)
    panels.source_line(loaded, lang=lang)
    if big is not None:
        large_view.view_line(big, lang=lang)
    follow.reset_notice()
    panels.headline(shown, total=len(events), lang=lang)
    panels.hidden_by_filters(events, filters, lang=lang)
    panels.load_problems(loaded, lang=lang)
    panels.filled_in(loaded, lang=lang)
    panels.names_waiting(loaded, lang=lang)
    panels.without_location(shown, naming=naming, lang=lang)

signature = panels.view_signature(filters, loaded)
map_section.map_options(lang=lang)
control_shown = control_view.control_switch(control, lang=lang)
scene = map_section.scene_for(
    shown, events=events, view=view, settings=settings, signature=signature,
    data_version=f"{loaded.source_name} · {loaded.short_hash}",
    control=control.history if control_shown else None,
    control_day=control_view.control_day(control.history, date_to=filters.date_to,
                                         last_event_day=sidebar.date_bounds_of(events))
    if control.history is not None else None)
colours = scene.palette.as_dict()
map_section.render_map(shown, events=events, naming=naming, lang=lang, basemap=choices.basemap,
                       scene=scene, settings=settings, signature=signature, data_key=loaded.cache_key)
panels.selected_event(shown, naming=naming, lang=lang, colours=colours, history_link=settings.team_store)

st.subheader(timeline_heading(undated, lang=lang), help=t("dash.timeline_help", lang))
render_timeline(undated, colours=colours, lang=lang, date_range=sidebar.effective_date_range(events, filters),
                signature=panels.view_signature(filters.with_dates(None, None), loaded))
with st.expander(t("losses.title", lang), expanded=True, icon=":material/monitoring:"):
    render_losses(shown, colours=colours, lang=lang, signature=signature)

st.subheader(t("dash.table", lang), help=t("dash.table_help", lang))
render_table(shown, naming=naming, lang=lang, generation=panels.table_generation(signature), signature=signature)
hooks.export_panel(shown, view=view, loaded=loaded, settings=settings, scene=scene, control=control.history)
