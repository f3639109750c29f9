"""Filters that follow new data: after a load, a filter that no longer fits the data is reset.

Pure: no streamlit. A date range outside the new data's days, sides, types or places the new data does
not have, words no event contains, more fatalities than any event has: each is reset to "no filter"
(values the new data has are kept), and `fit_notice` says in one line what was reset:
"Filters reset to the new data: 13–15 Sep 2022, all sides".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pandas as pd

from eventmap.filter_report import FilterPart, only, without
from eventmap.filtering import Filters, SourceFilter, date_bounds, filter_mask, has_sources, options
from eventmap.i18n import t

# Filters field -> frame column, for the parts that pick values of a column.
CHOICE_COLUMNS: dict[FilterPart, str] = {
    FilterPart.SIDES: "side",
    FilterPart.EVENT_TYPES: "event_type",
    FilterPart.SUB_EVENT_TYPES: "sub_event_type",
    FilterPart.STATUSES: "status",
    FilterPart.VERIFICATIONS: "verification",
    FilterPart.PLACES: "location",
}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, kw_only=True)
class FittedFilters:
    filters: Filters  # what to use on the new data
    reset: tuple[FilterPart, ...]  # the parts that changed (reset, or values the data lacks dropped)
    bounds: tuple[date, date] | None  # the new data's first and last day


def fit_filters(filters: Filters, frame: pd.DataFrame) -> FittedFilters:
    """`filters` made to fit `frame`: every part that cannot fit is loosened (see the module's docstring)."""
    bounds = date_bounds(frame)
    fitted = filters
    reset: list[FilterPart] = []
    if bounds is not None and (filters.date_from or filters.date_to):
        first = filters.date_from or bounds[0]
        last = filters.date_to or bounds[1]
        if last < bounds[0] or first > bounds[1]:
            fitted = without(fitted, FilterPart.DATES)
            reset.append(FilterPart.DATES)
    for part, column in CHOICE_COLUMNS.items():
        wanted = getattr(filters, part.value)
        if not wanted:
            continue
        offered = set(options(frame, column)) if column in frame.columns else set()
        kept = tuple(value for value in wanted if value in offered)
        if kept != wanted:
            change: dict[str, Any] = {part.value: kept}  # the Filters field of this part
            fitted = replace(fitted, **change)
            reset.append(part)
    for part in (FilterPart.TEXT, FilterPart.MIN_FATALITIES):
        alone = only(filters, part)
        if alone != Filters() and not filter_mask(frame, alone).any():
            fitted = without(fitted, part)
            reset.append(part)
    if filters.sources is not SourceFilter.ANY:
        given = has_sources(frame)
        if not (given if filters.sources is SourceFilter.WITH else ~given).any():
            fitted = without(fitted, FilterPart.SOURCES)
            reset.append(FilterPart.SOURCES)
    return FittedFilters(filters=fitted, reset=tuple(reset), bounds=bounds)


def date_range_text(first: date, last: date, *, lang: str) -> str:
    """"13–15 Sep 2022", "28 Sep – 2 Oct 2022", "30 Dec 2021 – 2 Jan 2022" (ISO days outside English)."""
    if lang != "en":
        return first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"

    def day(d: date, *, year: bool = True) -> str:
        return f"{d.day} {_MONTHS[d.month - 1]}" + (f" {d.year}" if year else "")

    if first == last:
        return day(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{day(last)}"
    if first.year == last.year:
        return f"{day(first, year=False)} – {day(last)}"
    return f"{day(first)} – {day(last)}"


def fit_notice(fitted: FittedFilters, *, lang: str) -> str:
    """One line naming what was reset ("" when nothing was): the new days, "all sides", the sides kept...
    Values are data: show the line as text."""
    parts: list[str] = []
    for part in fitted.reset:
        if part is FilterPart.DATES:
            if fitted.bounds is not None:
                parts.append(date_range_text(*fitted.bounds, lang=lang))
            continue
        value = getattr(fitted.filters, part.value)
        if part in CHOICE_COLUMNS and value:
            parts.append(f"{t(f'filter.{part.value}', lang)}: {', '.join(value)}")
        else:
            parts.append(t(f"fit.all.{part.value}", lang))
    return t("fit.line", lang, parts=", ".join(parts)) if parts else ""
