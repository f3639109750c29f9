"""The "From an article" page without Streamlit: drafts to review, the article highlighted as escaped HTML,
kept rows validated like any file, merged into the session's data and saved where the user says.

Nothing is added without review: `kept_rows` takes only the rows the analyst ticked, `validate_kept` loads
them through the same loader as any file (same messages), and only a load with no problem is merged.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from access import Action, Principal, require
from base.problems import Problem
from base.settings import Settings
from eventmap.events_csv import format_events_csv, write_events_csv
from eventmap.export.paths import export_path, safe_file_name
from eventmap.extract import DRAFT_COLUMNS, Extraction
from eventmap.loading import Limits, load_events
from eventmap.schema import COLUMN_NAMES

KEEP = "keep"
# The columns the review table shows, in order; the others travel with the rows unseen.
REVIEW_COLUMNS: tuple[str, ...] = (
    KEEP, "draft_confidence", "date", "location", "latitude", "longitude", "side", "event_type", "sub_event_type",
    "claimed_by", "status", "disputed_by", "notes", "draft_words", "description_original", "description",
)
KEPT_NAME = "article drafts"


@dataclass(frozen=True, kw_only=True)
class Validated:
    """Kept rows loaded like any file: the events that loaded and every problem (FILE:LINE: column: ...)."""

    events: pd.DataFrame
    problems: tuple[Problem, ...]
    rows: int

    @property
    def ok(self) -> bool:
        return self.rows > 0 and not self.problems and len(self.events) == self.rows


def draft_table(extraction: Extraction, *, use_publication_date: bool = False, keep_all: bool = False) -> pd.DataFrame:
    """The drafts as a review table (every schema and draft column; `keep` unticked unless `keep_all`: nothing is
    kept unasked). `use_publication_date` fills the empty dates with the publication day, as the analyst chose."""
    frame = pd.DataFrame(list(extraction.drafts), columns=[*COLUMN_NAMES, *DRAFT_COLUMNS])
    if use_publication_date and extraction.published is not None:
        empty = frame["date"].astype(str).str.strip() == ""
        frame.loc[empty, "date"] = extraction.published.isoformat()
        frame.loc[empty, "date_precision"] = "day"
        frame.loc[empty, "notes"] = frame.loc[empty, "notes"].astype(str).str.replace(
            r"date left empty: [^;]*; fill it in", "date: the publication day (the analyst's choice)", regex=True)
    frame.insert(0, KEEP, keep_all)
    for column in ("latitude", "longitude", "draft_confidence"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame


def kept_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The rows ticked `keep`, in the schema's columns only."""
    if table.empty:
        return pd.DataFrame(columns=list(COLUMN_NAMES))
    return table.loc[table[KEEP].fillna(False).astype(bool), list(COLUMN_NAMES)].reset_index(drop=True)


def validate_kept(rows: pd.DataFrame, *, name: str = KEPT_NAME, settings: Settings) -> Validated:
    """`rows` written as a CSV and loaded like any file: the same checks, the same messages."""
    data = format_events_csv(rows, columns=COLUMN_NAMES).encode("utf-8")
    result = load_events(data, name=f"{name}.csv", limits=Limits.from_settings(settings))
    return Validated(events=result.events, problems=tuple(result.problems), rows=len(rows))


def merged_csv(current: pd.DataFrame, added: pd.DataFrame) -> bytes:
    """The session's data with the kept rows appended, as the bytes of one events CSV."""
    frames = [frame for frame in (current, added) if not frame.empty]
    both = pd.concat(frames, ignore_index=True) if frames else added
    return format_events_csv(both).encode("utf-8")


def save_kept(rows: pd.DataFrame, *, file_name: str, settings: Settings, principal: Principal) -> Path:
    """Write the kept rows to `file_name` in the app's exports folder (atomic); the name cannot leave it.
    A file there may be anyone's: `PermissionDeniedError`, nothing written, unless `principal` may `SAVE_FILES`."""
    require(principal, Action.SAVE_FILES)
    target = export_path(settings.exports_dir, safe_file_name(file_name, suffix=".csv", fallback="article-events"))
    return write_events_csv(rows, target)


# How each kind of source word is marked (inline styles: the page's CSS does not reach st.html's content).
HIGHLIGHT_STYLES: dict[str, str] = {
    "place": "background:#ffe066;padding:0 2px;border-radius:3px",
    "event": "background:#ffd0c2;padding:0 2px;border-radius:3px",
    "said": "background:none;text-decoration:underline dotted;text-underline-offset:3px",
}


def highlighted_html(text: str, spans: Sequence[tuple[int, int, str, str]]) -> str:
    """The article as HTML: every character of it escaped, the words the drafts came from in `<mark>`
    (`spans`: start, end, kind, label; kind is a key of `HIGHLIGHT_STYLES`, the label (row ids) its `title`),
    paragraphs kept. No markup of the article's own ever reaches the page."""
    parts: list[str] = []
    position = 0
    for start, end, kind, label in sorted({s for s in spans if 0 <= s[0] < s[1] <= len(text)}):
        if start < position:
            continue  # overlapping spans: the first wins
        style = HIGHLIGHT_STYLES.get(kind, HIGHLIGHT_STYLES["place"])
        parts.append(html.escape(text[position:start]))
        parts.append(f'<mark class="{html.escape(kind)}" style="{style}" title="{html.escape(label)}">'
                     f"{html.escape(text[start:end])}</mark>")
        position = end
    parts.append(html.escape(text[position:]))
    body = "".join(parts).replace("\n", "<br>")
    return f'<div dir="auto" class="article-text" style="line-height:1.8;max-height:32rem;overflow:auto">{body}</div>'


def spans_of(extraction: Extraction) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, row ids) of the words the drafts came from: places, event words, who said it."""
    return list(extraction.highlights)
