"""From an article: paste or upload a news article (Arabic, English, Russian), review the draft events it
reports beside its highlighted text, keep the right ones and add them to the data (after the same checks as
any file) or save them to a file. Nothing is added without review. Logic: `eventmap.extract`, `services.articles`.
"""

from __future__ import annotations

import streamlit as st

from eventmap.i18n import t
from ui import article_review
from ui.router import start_page

settings, choices = start_page()
lang = choices.lang

st.title(t("article.title", lang))
st.caption(t("article.intro", lang))
article_review.article_input(settings, lang=lang)
extraction = article_review.current_extraction()
if extraction is not None:
    table = article_review.review(extraction, lang=lang)
    if not table.empty:
        article_review.draft_map(table, lang=lang, settings=settings)
        article_review.keep_actions(table, lang=lang, settings=settings)
