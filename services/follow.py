"""What the view does when the data changes, without Streamlit: `plan_follow` decides, `ui.follow` applies.

After a load (an upload, going back to the data file, the file changed), the filters are fitted to the new
data (`eventmap.filter_fit`); when the session showed other data before, the map forgets its view (the new
base map opens on the new events' extent), a selected event the new data lacks is let go, and the timeline's
brush is cleared. On a session's first run only the filters are fitted: a shared link's map view is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import pandas as pd

from eventmap.filter_fit import fit_filters, fit_notice
from eventmap.filter_report import FilterPart
from eventmap.filtering import Filters
from eventmap.scene.model import Lang


class DatesChange(Enum):
    """What becomes of the date range widget."""

    KEEP = "keep"
    CLEAR = "clear"  # the whole (new) data
    SET = "set"  # `FollowPlan.filters`' dates


@dataclass(frozen=True, kw_only=True)
class FollowPlan:
    filters: Filters  # the filters fitted to the new data
    dates: DatesChange
    changed: tuple[FilterPart, ...]  # the other filter parts whose widget value changes
    forget_view: bool  # the data replaced other data: the map fits the new events
    drop_selected: bool  # the selected event is not in the new data
    notice: str  # the line saying what was reset ("" when nothing was)


_OTHER_PARTS = tuple(part for part in FilterPart if part is not FilterPart.DATES)


def plan_follow(events: pd.DataFrame, *, current: Filters, seen_before: bool, selected: str | None,
                lang: Lang) -> FollowPlan:
    """What to change when `events` is new to the session; `current`: what the filters select now;
    `seen_before`: the session showed other data before (else this is its first run)."""
    fitted = fit_filters(current, events)
    after = fitted.filters
    if seen_before and (current.date_from, current.date_to) == (None, None):
        dates = DatesChange.CLEAR  # it was the whole old data: it is the whole new data
    elif (after.date_from, after.date_to) != (current.date_from, current.date_to) or seen_before:
        dates = DatesChange.CLEAR if (after.date_from, after.date_to) == (None, None) else DatesChange.SET
    else:
        dates = DatesChange.KEEP
    changed = tuple(part for part in _OTHER_PARTS
                    if getattr(after, part.value) != getattr(current, part.value))
    drop = bool(seen_before and selected and not (events["event_id"] == selected).any())
    return FollowPlan(filters=after, dates=dates, changed=changed, forget_view=seen_before, drop_selected=drop,
                      notice=fit_notice(fitted, lang=lang))
