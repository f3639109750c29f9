"""Filters over the events frame: one frozen value that the app, the URL, the exports and the
classroom view share, so that every view of the data answers the same question.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date
from enum import StrEnum

import numpy as np
import pandas as pd

from eventmap.i18n import side_label, t
from eventmap.schema import SOURCE_SEPARATOR

TEXT_SEARCH_COLUMNS = ("description", "description_original", "description_ar", "actor", "target", "claimed_by",
                       "disputed_by", "location", "matched_name", "notes")


class SourceFilter(StrEnum):
    """Events by whether they give a source: all of them, only those with one, only those without."""

    ANY = "any"
    WITH = "with"
    WITHOUT = "without"


@dataclass(frozen=True, kw_only=True)
class Filters:
    """What to show. Every field's default means "no filter on this"."""

    date_from: date | None = None
    date_to: date | None = None
    sides: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    verifications: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # values of the `location` column
    text: str = ""
    min_fatalities: int = 0
    sources: SourceFilter = SourceFilter.ANY

    def is_empty(self) -> bool:
        return self == Filters()

    def with_dates(self, date_from: date | None, date_to: date | None) -> Filters:
        return replace(self, date_from=date_from, date_to=date_to)


_CHOICE_FIELDS: dict[str, str] = {
    "sides": "side",
    "event_types": "event_type",
    "sub_event_types": "sub_event_type",
    "statuses": "status",
    "verifications": "verification",
    "places": "location",
}


CHOICE_FIELDS = _CHOICE_FIELDS  # filter field -> the column it keeps values of


def filter_mask(frame: pd.DataFrame, filters: Filters) -> np.ndarray:
    """A boolean array: which rows of `frame` the filters keep."""
    keep = np.ones(len(frame), dtype=bool)
    if filters.date_from is not None:
        keep &= (frame["date"] >= pd.Timestamp(filters.date_from)).to_numpy()
    if filters.date_to is not None:
        keep &= (frame["date"] <= pd.Timestamp(filters.date_to)).to_numpy()
    for field_name, column in _CHOICE_FIELDS.items():
        wanted = getattr(filters, field_name)
        if wanted:
            keep &= frame[column].isin(wanted).to_numpy()
    if filters.min_fatalities > 0:
        keep &= (frame["fatalities"].fillna(0) >= filters.min_fatalities).to_numpy(dtype=bool)
    if filters.text.strip():
        keep &= _text_mask(frame, filters.text.strip())
    if filters.sources is not SourceFilter.ANY:
        given = has_sources(frame)
        keep &= given if filters.sources is SourceFilter.WITH else ~given
    return keep


def has_sources(frame: pd.DataFrame) -> np.ndarray:
    """A boolean array: which rows give at least one source (a `sources` cell with more than separators)."""
    if "sources" not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    text = frame["sources"].fillna("").astype(str).str.replace(SOURCE_SEPARATOR, "", regex=False).str.strip()
    return (text != "").to_numpy(dtype=bool)


def apply_filters(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows of `frame` that `filters` keep, in their original order."""
    if filters.is_empty():
        return frame
    return frame.loc[filter_mask(frame, filters)]


# The case-folded search text of a frame, built once per frame object (a filter change on 100,000
# events would otherwise spend most of its time rebuilding it). Entries leave with their frame.
# Frames are treated as read-only once filtered; the app shares one loaded frame between sessions.
_SEARCH_TEXT: dict[int, pd.Series] = {}


def _search_text(frame: pd.DataFrame) -> pd.Series:
    key = id(frame)
    cached = _SEARCH_TEXT.get(key)
    if cached is not None and len(cached) == len(frame):
        return cached
    columns = [c for c in TEXT_SEARCH_COLUMNS if c in frame.columns]
    haystack = frame[columns[0]].astype(str).str.casefold()
    for column in columns[1:]:
        haystack = haystack + "\u241f" + frame[column].astype(str).str.casefold()
    _SEARCH_TEXT[key] = haystack
    weakref.finalize(frame, _SEARCH_TEXT.pop, key, None)
    return haystack


def _text_mask(frame: pd.DataFrame, text: str) -> np.ndarray:
    """Rows where every word of `text` occurs (case-insensitively) in one of the text columns."""
    haystack = _search_text(frame)
    keep = np.ones(len(frame), dtype=bool)
    for word in text.casefold().split():
        keep &= haystack.str.contains(word, regex=False).to_numpy()
    return keep


def describe_filters(filters: Filters, lang: str = "en") -> str:
    """The active filters in words, for title blocks and stamps: "Side: Armenia; Status: disputed"."""
    parts: list[str] = []
    if filters.date_from or filters.date_to:
        start = filters.date_from.isoformat() if filters.date_from else "…"
        end = filters.date_to.isoformat() if filters.date_to else "…"
        parts.append(f"{t('filter.dates', lang)}: {start} – {end}")
    for f in fields(Filters):
        value = getattr(filters, f.name)
        if f.name in _CHOICE_FIELDS and value:
            shown = [side_label(v, lang) for v in value] if f.name == "sides" else value
            parts.append(f"{t('filter.' + f.name, lang)}: {', '.join(shown)}")
    if filters.text.strip():
        parts.append(f"{t('filter.text', lang)}: “{filters.text.strip()}”")
    if filters.min_fatalities > 0:
        parts.append(f"{t('filter.min_fatalities', lang)}: {filters.min_fatalities}")
    if filters.sources is not SourceFilter.ANY:
        parts.append(f"{t('filter.sources', lang)}: {t('filter.sources.' + filters.sources.value, lang)}")
    return "; ".join(parts) if parts else t("filter.none", lang)


def date_bounds(frame: pd.DataFrame) -> tuple[date, date] | None:
    """The first and last day of the data, or None for an empty frame."""
    if frame.empty:
        return None
    return frame["date"].min().date(), frame["date"].max().date()


def options(frame: pd.DataFrame, column: str) -> list[str]:
    """The distinct non-empty values of a column, sorted, for a multiselect."""
    return sorted(v for v in frame[column].unique() if isinstance(v, str) and v)


def as_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))
