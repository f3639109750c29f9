"""The widgets of the "From an article" page: the article's input, the review table beside the highlighted
text, the small map of the drafts, and adding or saving the kept rows. Logic lives in `services.articles`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from access import Action, PermissionDeniedError, allowed
from base.settings import Settings
from eventmap.extract import ArticleInputError, Extraction, extract_article
from eventmap.i18n import t
from eventmap.mapping import build_map
from eventmap.mapping.popups import folium_text
from geo.chain import shared_place_index
from geo.placeindex import INDEX_FILE
from services.articles import (
    KEEP,
    KEPT_NAME,
    REVIEW_COLUMNS,
    Validated,
    draft_table,
    highlighted_html,
    kept_rows,
    merged_csv,
    save_kept,
    spans_of,
    validate_kept,
)
from services.loading import LoadFailure
from services.places import view_of_points
from ui import upload, who
from ui.safe_text import plain_markdown

EXTRACTION_KEY = "_article_extraction"
_ERROR_KEY = "_article_error"
_ADDED_KEY = "_article_added"
MAP_HEIGHT_PX = 320
DRAFT_COLOUR = "#D55E00"


def article_input(settings: Settings, *, lang: str) -> None:
    """Paste or upload an article, say its source and day, and read it (the drafts go to the session)."""
    pasted = st.text_area(t("article.paste", lang), height=180, key="article_text")
    file = st.file_uploader(t("article.upload", lang), type=["txt", "html", "htm"], key="article_file",
                            max_upload_size=max(1, settings.max_article_bytes // (1024 * 1024)))
    left, right = st.columns(2)
    source = left.text_input(t("article.source", lang), key="article_source",
                             help=t("article.source_help", lang))
    day = right.text_input(t("article.published", lang), key="article_published", placeholder="2020-10-09",
                           help=t("article.published_help", lang))
    index_ready = (Path(settings.state_dir) / INDEX_FILE).is_file()
    use_villages = st.checkbox(t("article.villages", lang), value=index_ready, key="article_villages",
                               help=t("article.villages_help", lang))
    if not st.button(t("article.read", lang), type="primary", icon=":material/auto_awesome:"):
        return
    st.session_state.pop(_ADDED_KEY, None)
    data: bytes | str = file.getvalue() if file is not None else pasted
    name = file.name if file is not None else t("article.pasted_name", lang)
    try:
        published = dt.date.fromisoformat(day.strip()) if day.strip() else None
    except ValueError:
        st.session_state[_ERROR_KEY] = t("article.bad_day", lang, value=day)
        st.session_state.pop(EXTRACTION_KEY, None)
        return
    try:
        villages = shared_place_index(Path(settings.state_dir)) if use_villages else None
        st.session_state[EXTRACTION_KEY] = extract_article(data, name=name, source=source.strip(),
                                                           published=published, settings=settings, villages=villages)
        st.session_state.pop(_ERROR_KEY, None)
    except ArticleInputError as error:
        st.session_state[_ERROR_KEY] = str(error)
        st.session_state.pop(EXTRACTION_KEY, None)


def current_extraction() -> Extraction | None:
    error = st.session_state.get(_ERROR_KEY)
    if error:
        st.error(plain_markdown(error), icon=":material/error:")
    return st.session_state.get(EXTRACTION_KEY)


def review(extraction: Extraction, *, lang: str) -> pd.DataFrame:
    """The summary, the editable drafts beside the highlighted article; returns the table as edited."""
    day = extraction.published.isoformat() if extraction.published else t("article.unknown", lang)
    st.caption(t("article.summary", lang, language=extraction.language or "?", day=day,
                 source=plain_markdown(extraction.source), rows=len(extraction.drafts)))
    for notice in extraction.messages:
        st.info(plain_markdown(t(f"article.notice.{notice.code.value}", lang, **notice.values)), icon=":material/info:")
    if not extraction.drafts:
        return pd.DataFrame()
    use_day = st.checkbox(t("article.use_day", lang, day=day), key="article_use_day",
                          disabled=extraction.published is None, help=t("article.use_day_help", lang))
    keep_all = st.checkbox(t("article.keep_all", lang), key="article_keep_all")
    table = draft_table(extraction, use_publication_date=use_day, keep_all=keep_all)
    digest = hashlib.sha256(extraction.text.encode("utf-8")).hexdigest()[:12]
    left, right = st.columns([3, 2])
    with left:
        edited = st.data_editor(
            table, key=f"article_editor_{digest}_{int(use_day)}_{int(keep_all)}", hide_index=True, num_rows="fixed",
            column_order=REVIEW_COLUMNS, width="stretch",
            column_config={
                KEEP: st.column_config.CheckboxColumn(t("article.keep", lang), default=False),
                "draft_confidence": st.column_config.ProgressColumn(t("article.confidence", lang), min_value=0,
                                                                    max_value=1, format="%.2f"),
                "description_original": st.column_config.TextColumn(t("article.sentence", lang), width="large"),
                "draft_words": st.column_config.TextColumn(t("article.words", lang), disabled=True),
            },
        )
        st.caption(t("article.review_help", lang))
    with right:
        st.html(highlighted_html(extraction.text, spans_of(extraction)))
    return edited


def draft_map(table: pd.DataFrame, *, lang: str, settings: Settings) -> None:
    """The drafts with a point as labelled markers on a small offline map (ticked rows filled)."""
    located = table.dropna(subset=["latitude", "longitude"])
    if located.empty:
        return
    points = list(zip(located["latitude"].astype(float), located["longitude"].astype(float), strict=True))
    center, zoom = view_of_points(points)
    base = build_map(located.drop(columns=[KEEP]), naming="en", lang=lang, with_events=False, legend=False,
                     center=center, zoom=zoom, settings=settings)
    marks = folium.FeatureGroup(name="drafts", control=False)
    for _, row in located.iterrows():
        label = str(row["location"])
        folium.CircleMarker([float(row["latitude"]), float(row["longitude"])], radius=9, color=DRAFT_COLOUR,
                            weight=3, fill=bool(row[KEEP]), fill_opacity=0.7,
                            tooltip=folium.Tooltip(folium_text(label), permanent=True)).add_to(marks)
    st_folium(base, key="article_map", feature_group_to_add=marks, returned_objects=[], height=MAP_HEIGHT_PX,
              use_container_width=True)


def _show_problems(validated: Validated, *, lang: str) -> None:
    st.error(t("article.invalid", lang, count=len(validated.problems)), icon=":material/error:")
    st.code("\n".join(str(problem) for problem in validated.problems), language=None)


def keep_actions(table: pd.DataFrame, *, lang: str, settings: Settings) -> None:
    """Add the ticked rows to the session's data (after validation), or save them to a named file."""
    rows = kept_rows(table)
    st.caption(t("article.kept_count", lang, count=len(rows), total=len(table)))
    add_col, save_col = st.columns(2)
    with add_col:
        if st.button(t("article.add", lang), icon=":material/add_location_alt:", disabled=rows.empty):
            validated = validate_kept(rows, settings=settings)
            if not validated.ok:
                _show_problems(validated, lang=lang)
            else:
                current = upload.data_for_pages(settings)
                base = current.events if not isinstance(current, LoadFailure) else pd.DataFrame()
                name = current.source_name if not isinstance(current, LoadFailure) else "events.csv"
                data = merged_csv(base, validated.events)
                combined = f"{name.removesuffix('.csv')} + {KEPT_NAME}.csv"
                st.session_state[upload.UPLOAD_STATE_KEY] = (data, combined, hashlib.sha256(data).hexdigest())
                st.session_state[_ADDED_KEY] = len(validated.events)
        if st.session_state.get(_ADDED_KEY):
            st.success(t("article.added", lang, count=st.session_state[_ADDED_KEY]), icon=":material/check:")
            st.page_link("app.py", label=t("article.to_map", lang), icon=":material/map:")
    with save_col:
        file_name = st.text_input(t("article.file_name", lang), value="article-events.csv", key="article_file_name")
        principal = who.current(settings)
        may_save = allowed(principal, Action.SAVE_FILES)
        if st.button(t("article.save", lang), icon=":material/save:", disabled=rows.empty or not may_save,
                     help=None if may_save else who.needs_line(Action.SAVE_FILES, lang=lang)):
            validated = validate_kept(rows, settings=settings)
            if not validated.ok:
                _show_problems(validated, lang=lang)
            else:
                try:
                    path = save_kept(validated.events, file_name=file_name, settings=settings, principal=principal)
                except PermissionDeniedError:
                    st.error(who.needs_line(Action.SAVE_FILES, lang=lang), icon=":material/lock:")
                else:
                    st.success(t("article.saved", lang, name=plain_markdown(path.name)), icon=":material/check:")
