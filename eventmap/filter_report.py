"""Why events are hidden: how many events each active filter excludes, and what loosening one would show.

Pure: no streamlit. The dashboard says "3 of 8 events hidden: 2 by date, 1 by side" and, when nothing
matches, which filters to loosen ("side: 3 events would show"). An event that two filters exclude is
counted under both: each count is what that filter, on its own, excludes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np
import pandas as pd

from eventmap.filtering import Filters, filter_mask
from eventmap.i18n import t


class FilterPart(StrEnum):
    """One filter of the sidebar (its value is the catalogue's `hidden.<value>` / `filter.<value>` suffix)."""

    DATES = "dates"
    SIDES = "sides"
    EVENT_TYPES = "event_types"
    SUB_EVENT_TYPES = "sub_event_types"
    STATUSES = "statuses"
    VERIFICATIONS = "verifications"
    PLACES = "places"
    TEXT = "text"
    MIN_FATALITIES = "min_fatalities"
    SOURCES = "sources"


def only(filters: Filters, part: FilterPart) -> Filters:
    """`filters` reduced to one of its parts (every other part: no filter)."""
    if part is FilterPart.DATES:
        return Filters(date_from=filters.date_from, date_to=filters.date_to)
    return replace(Filters(), **{part.value: getattr(filters, part.value)})


def without(filters: Filters, part: FilterPart) -> Filters:
    """`filters` with one part loosened to "no filter"."""
    if part is FilterPart.DATES:
        return filters.with_dates(None, None)
    return replace(filters, **{part.value: getattr(Filters(), part.value)})


def active_parts(filters: Filters) -> tuple[FilterPart, ...]:
    """The parts of `filters` that filter anything."""
    return tuple(part for part in FilterPart if only(filters, part) != Filters())


@dataclass(frozen=True, kw_only=True)
class HiddenReport:
    total: int
    shown: int
    by_part: tuple[tuple[FilterPart, int], ...]  # events each active filter excludes, on its own (> 0 only)
    if_loosened: tuple[tuple[FilterPart, int], ...] = ()  # when nothing is shown: events shown without that part

    @property
    def hidden(self) -> int:
        return self.total - self.shown


def hidden_report(frame: pd.DataFrame, filters: Filters) -> HiddenReport:
    """How many of `frame`'s events `filters` hide, and by which filter."""
    total = len(frame)
    parts = active_parts(filters)
    if not parts or total == 0:
        return HiddenReport(total=total, shown=total, by_part=())
    masks = {part: filter_mask(frame, only(filters, part)) for part in parts}
    keep = np.logical_and.reduce(list(masks.values()))
    by_part = tuple((part, int((~mask).sum())) for part, mask in masks.items() if (~mask).any())
    loosened: tuple[tuple[FilterPart, int], ...] = ()
    if not keep.any():
        counts = []
        for part in parts:
            others = [mask for other, mask in masks.items() if other is not part]
            counts.append((part, int(np.logical_and.reduce(others).sum()) if others else total))
        loosened = tuple(sorted(counts, key=lambda item: -item[1]))
    return HiddenReport(total=total, shown=int(keep.sum()), by_part=by_part, if_loosened=loosened)


def hidden_text(report: HiddenReport, *, lang: str) -> str:
    """"3 of 8 events hidden: 2 by date, 1 by side" ("" when nothing is hidden)."""
    if report.hidden == 0:
        return ""
    reasons = ", ".join(t(f"hidden.{part.value}", lang, count=f"{count:,}") for part, count in report.by_part)
    return t("hidden.line", lang, hidden=f"{report.hidden:,}", total=f"{report.total:,}", reasons=reasons)


def loosen_text(report: HiddenReport, *, lang: str) -> str:
    """When no event matches: which filters to loosen, with what each would show ("" otherwise)."""
    if report.shown or not report.if_loosened:
        return ""
    hints = [t("hidden.loosen_one", lang, filter=t(f"filter.{part.value}", lang), count=f"{count:,}")
             for part, count in report.if_loosened]
    return t("hidden.nothing", lang, hints="; ".join(hints))


__all__ = ["FilterPart", "HiddenReport", "active_parts", "hidden_report", "hidden_text",
           "loosen_text", "only", "without"]
