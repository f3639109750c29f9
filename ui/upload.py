"""The "your data" uploader: which files it takes, and this session's upload, kept until the user removes it.

Streamlit's own type check names refused files by MIME type ("application/pdf files are not allowed"):
the uploader takes any file and `refusal` says, in words, which kinds of table it reads.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePath

import streamlit as st

from base.problems import Problem
from base.settings import Settings
from eventmap.i18n import t
from eventmap.scene.model import Lang
from eventmap.table_preview import TablePreview
from services.loading import MB, LoadedData, LoadFailure
from ui import mapping_step
from ui.data import choose_data, load_upload
from ui.mapping_step import PendingMapping
from ui.safe_text import plain_markdown

UPLOAD_WIDGET_KEY = "data_upload"
UPLOAD_STATE_KEY = "_uploaded_data"  # (bytes, file name, sha256) of this session's upload
_FAILURE_KEY = "_upload_failure"
_UPLOAD_GENERATION_KEY = "_upload_generation"  # bumped to empty the uploader
SHEETS_KEY = "_upload_sheet"  # {sha256: the sheet chosen} of this session's workbooks
# The kinds of file the readers take, by name ending.
ACCEPTED_SUFFIXES: tuple[str, ...] = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".ods", ".json", ".geojson",
                                      ".parquet")


def refusal(name: str, *, lang: Lang) -> LoadFailure | None:
    """Why a file named `name` is not read (its kind, in words), or None when its name ending is one we read."""
    suffix = PurePath(name).suffix.lower()
    if suffix in ACCEPTED_SUFFIXES:
        return None
    kind = t("data.type_known", lang, suffix=suffix) if suffix else t("data.type_unknown", lang)
    message = t("data.wrong_type", lang, kind=kind, types=t("data.types_in_words", lang))
    return LoadFailure(source_name=name, problems=(Problem(file=name, line=None, column=None, message=message),))


@dataclass(frozen=True, kw_only=True)
class UploadOutcome:
    """This session's upload: loaded, failed, or waiting for its column mapping (a mapping that failed to
    load gives both: the step is shown again with the failure)."""

    loaded: LoadedData | None = None
    failure: LoadFailure | None = None
    pending: PendingMapping | None = None


def upload_panel(settings: Settings, *, lang: Lang) -> UploadOutcome:
    """The "your data" uploader, with the sheet of a workbook and a way back to the column mapping.

    The upload is kept in the session (not only in the widget), so it stays in use on every page until
    the user removes it or goes back to the data file.
    """
    max_mb = max(1, int(settings.max_upload_bytes // MB))
    generation = st.session_state.get(_UPLOAD_GENERATION_KEY, 0)
    widget_key = f"{UPLOAD_WIDGET_KEY}_{generation}"
    st.file_uploader(
        t("data.upload_label", lang),
        type=None,  # every file: a refused one is explained in words (see `refusal`)
        key=widget_key,
        max_upload_size=max_mb,
        help=t("data.upload_help", lang, types=t("data.types_in_words", lang)),
        on_change=partial(_upload_changed, widget_key, lang),
    )
    st.caption(t("data.upload_limits", lang, mb=max_mb, rows=f"{settings.max_rows:,}"))
    kept = st.session_state.get(UPLOAD_STATE_KEY)
    if kept is None:
        return UploadOutcome(failure=st.session_state.get(_FAILURE_KEY))
    data, name, digest = kept
    preview, sheet = _sheet_and_preview(data, name, digest, settings=settings, lang=lang)
    options = mapping_step.options_for(digest, sheet, preview, settings=settings)
    if options is None:
        return UploadOutcome(pending=PendingMapping(data=data, name=name, digest=digest, preview=preview,
                                                    sheet=sheet))
    result = load_upload(data, name, settings, digest=digest, options=options)
    if isinstance(result, LoadFailure):
        if options.mapping is not None:  # the mapping did not work: back to the step, saying why
            mapping_step.reopen((digest, sheet))
            return UploadOutcome(failure=result, pending=PendingMapping(data=data, name=name, digest=digest,
                                                                        preview=preview, sheet=sheet))
        st.session_state.pop(UPLOAD_STATE_KEY, None)
        st.session_state[_FAILURE_KEY] = result
        return UploadOutcome(failure=result)
    st.caption(t("data.upload_in_use", lang, name=plain_markdown(result.source_name), rows=f"{len(result.events):,}"))
    if options.mapping is not None:
        mapping_step.mapped_note_and_reopen(digest, sheet, lang=lang)
    st.button(t("data.back_to_file", lang), key="back_to_data_file", on_click=forget_upload,
              icon=":material/undo:")
    return UploadOutcome(loaded=result)


def _sheet_and_preview(data: bytes, name: str, digest: str, *, settings: Settings, lang: Lang):
    """The first look at the upload, and the sheet chosen when it is a workbook of several sheets."""
    sheets = st.session_state.setdefault(SHEETS_KEY, {})
    sheet = sheets.get(digest)
    preview = mapping_step.cached_preview(digest, name, sheet, settings.max_rows, data)
    if preview is not None and len(preview.sheets) > 1:
        widget = f"upload_sheet_{digest[:12]}"
        if st.session_state.get(widget) not in preview.sheets:
            st.session_state[widget] = preview.sheet or preview.sheets[0]
        chosen = st.selectbox(t("data.sheet", lang), list(preview.sheets), key=widget,
                              help=t("data.sheet_help", lang, count=len(preview.sheets)))
        if chosen != (sheet or preview.sheet):
            sheets[digest] = chosen
            return mapping_step.cached_preview(digest, name, chosen, settings.max_rows, data), chosen
    return preview, sheet_read(sheet, preview)


def sheet_read(chosen: str | None, preview: TablePreview | None) -> str | None:
    """The sheet the upload is read from: the one chosen, else the readers' default (None: not a workbook)."""
    return chosen or (preview.sheet if preview is not None and preview.sheet else None)


def _upload_changed(widget_key: str, lang: Lang) -> None:
    """A callback: keep the new upload in the session, or forget it when the user removed the file."""
    st.session_state.pop(_FAILURE_KEY, None)
    uploaded = st.session_state.get(widget_key)
    if uploaded is None:
        st.session_state.pop(UPLOAD_STATE_KEY, None)
        return
    name = Path(uploaded.name).name
    refused = refusal(name, lang=lang)
    if refused is not None:
        st.session_state[_FAILURE_KEY] = refused  # the data shown before stays
        return
    data = uploaded.getvalue()
    st.session_state[UPLOAD_STATE_KEY] = (data, name, hashlib.sha256(data).hexdigest())


def forget_upload() -> None:
    """Back to the data file: forget the upload and empty the uploader."""
    st.session_state.pop(UPLOAD_STATE_KEY, None)
    st.session_state.pop(_FAILURE_KEY, None)
    st.session_state[_UPLOAD_GENERATION_KEY] = st.session_state.get(_UPLOAD_GENERATION_KEY, 0) + 1


def session_upload(settings: Settings) -> LoadedData | None:
    """This session's upload, for pages without the uploader (it is loaded already: a cache hit)."""
    kept = st.session_state.get(UPLOAD_STATE_KEY)
    if kept is None:
        return None
    data, name, digest = kept
    sheet = st.session_state.get(SHEETS_KEY, {}).get(digest)
    preview = mapping_step.cached_preview(digest, name, sheet, settings.max_rows, data)
    sheet = sheet_read(sheet, preview)
    options = mapping_step.options_for(digest, sheet, preview, settings=settings)
    if options is None:  # still waiting for its mapping: the pages show the data file meanwhile
        return None
    result = load_upload(data, name, settings, digest=digest, options=options)
    return result if isinstance(result, LoadedData) else None


def data_for_pages(settings: Settings) -> LoadedData | LoadFailure:
    """What the other pages work on: this session's upload, else the data file."""
    return choose_data(settings, session_upload(settings))
