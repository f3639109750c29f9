"""About: where the data comes from, how claims and contested place names are handled, licences and
attribution, and which data file is in use (with its short hash)."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from base.settings import PROJECT_ROOT
from eventmap.i18n import t
from eventmap.schema import split_sources
from services.loading import LoadFailure
from ui import panels, upload
from ui.router import start_page
from ui.safe_text import plain_markdown, spreadsheet_safe
from ui.table import is_web_link

LICENSES_FILE = PROJECT_ROOT / "static" / "LICENSES.md"

settings, choices = start_page()
lang = choices.lang

st.title(t("about.title", lang))

st.header(t("about.in_use", lang))
loaded = upload.data_for_pages(settings)
if isinstance(loaded, LoadFailure):
    panels.data_file_failed(loaded, lang=lang)
else:
    events = loaded.events
    hosts = Counter(urlsplit(s).hostname or "" for cell in events["sources"] for s in split_sources(cell)
                    if is_web_link(s))
    first, last = (events["date"].min().date(), events["date"].max().date()) if len(events) else (None, None)
    where = (t("team.where", lang) if loaded.team_version is not None
             else t("dash.uploaded", lang) if loaded.source_path is None else str(loaded.source_path))
    facts = {
        t("about.file", lang): loaded.source_name,
        t("about.where", lang): where,
        t("about.format", lang): loaded.detected_format,
        t("about.hash", lang): loaded.short_hash,
        t("about.modified", lang): loaded.modified.isoformat() if loaded.modified else "—",
        t("about.events", lang): f"{len(events):,}",
        t("about.days", lang): f"{first} – {last}" if first else "—",
        t("about.set_aside", lang): f"{loaded.rejected_count:,}",
        t("about.sources", lang): f"{len(hosts):,}",
    }
    summary = loaded.geocode_summary
    if summary is not None:
        facts[t("about.geocoding", lang)] = ", ".join(f"{k}: {v}" for k, v in sorted(summary.by_source.items()))
        facts[t("about.unresolved", lang)] = f"{summary.unresolved_rows:,}"
    st.markdown("\n".join(f"- **{label}:** {plain_markdown(value)}" for label, value in facts.items()))
    if hosts:
        with st.expander(t("about.top_sources", lang)):
            sites = pd.DataFrame({t("about.site", lang): [h for h, _ in hosts.most_common(30)],
                                  t("dash.table", lang): [n for _, n in hosts.most_common(30)]})
            st.dataframe(spreadsheet_safe(sites), hide_index=True, width="stretch")

for section in ("data", "claims", "names", "geocoding"):
    st.header(t(f"about.{section}_title", lang))
    st.markdown(t(f"about.{section}_body", lang))

st.header(t("about.licences_title", lang))
st.markdown(t("about.licences_body", lang))
if LICENSES_FILE.is_file():
    with st.expander(t("about.vendored", lang)):
        st.markdown(LICENSES_FILE.read_text(encoding="utf-8"))
