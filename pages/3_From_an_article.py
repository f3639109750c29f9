"""From an article: paste or upload a news article (Arabic, English, Russian), review the draft events it
reports beside its highlighted text, keep the right ones and add them to the data (after the same checks as
any file) or save them to a file. Nothing is added without review. Logic: `eventmap.extract`, `services.articles`.
"""

from __future__ import annotations

import streamlit as st

from eventmap.i18n import t
from ui import article_review, data, hooks, sidebar
from ui.map_view import basemap_names
from ui.router import routed, run_app

if not routed():
    run_app()
    st.stop()

settings = data.current_settings()
choices = sidebar.display_choices(basemaps=basemap_names())
lang = choices.lang
hooks.apply_direction(lang)

st.title(t("article.title", lang))
st.caption(t("article.intro", lang))
article_review.article_input(settings, lang=lang)
extraction = article_review.current_extraction()
if extraction is not None:
    table = article_review.review(extraction, lang=lang)
    if not table.empty:
        article_review.draft_map(table, lang=lang, settings=settings)
        article_review.keep_actions(table, lang=lang, settings=settings)
