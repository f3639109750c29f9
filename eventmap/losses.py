"""Reported losses over time, from the events' `fatalities` and `injured` columns: claims, each with its reporter.

`reported_losses(frame)` gives one row per figure an event reports (a day, the side the attack is attributed to
— the event's `side` —, killed or injured, the figure, who reported it, the place) with the running total per
side and kind. Events give no figure, or 0, are left out; a figure that is not a whole number is left out and
counted in `LossTable.unreadable` (never guessed). The chart under the timeline draws this (`ui.losses`);
`by_day(rows)` sums the figures of one day (week, month), side and kind into one row (with how many reports they
are), for a chart of more figures than a reader can point at one by one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pandas as pd


class LossKind(StrEnum):
    FATALITIES = "fatalities"
    INJURED = "injured"


COLUMNS = ("date", "side", "kind", "count", "cumulative", "claimed_by", "place", "event_id")
DAY_COLUMNS = ("date", "side", "kind", "count", "cumulative", "reports")


@dataclass(frozen=True, slots=True)
class LossTable:
    rows: pd.DataFrame  # COLUMNS, by date then side, kind and event order
    unreadable: int = 0  # figures that are not whole numbers (left out)


def _figures(frame: pd.DataFrame, kind: LossKind) -> tuple[pd.DataFrame, int]:
    if kind.value not in frame.columns:
        return pd.DataFrame(columns=list(COLUMNS)), 0
    column = frame[kind.value]
    if pd.api.types.is_numeric_dtype(column):  # a loaded frame: already numbers (no text to read)
        numbers = column.astype("float64")
        given = numbers.notna()
    else:
        text = column.astype("string").fillna("").str.strip()
        numbers = pd.to_numeric(text.where(text != ""), errors="coerce")
        given = text != ""
    unreadable = int((given & (numbers.isna() | (numbers % 1 != 0) | (numbers < 0))).sum())
    keep = numbers.notna() & (numbers > 0) & (numbers % 1 == 0)
    rows = frame.loc[keep]
    return pd.DataFrame({
        "date": pd.to_datetime(rows["date"], errors="coerce").dt.normalize(),
        "side": rows["side"].astype(str),
        "kind": kind.value,
        "count": numbers[keep].astype(int),
        "claimed_by": rows["claimed_by"].astype(str) if "claimed_by" in rows else "",
        "place": rows["location"].astype(str) if "location" in rows else "",
        "event_id": rows["event_id"].astype(str) if "event_id" in rows else "",
    }), unreadable


def reported_losses(frame: pd.DataFrame) -> LossTable:
    """Every reported figure of `frame` with its running total per side and kind (see the module docstring)."""
    parts, unreadable = [], 0
    for kind in LossKind:
        part, bad = _figures(frame, kind)
        parts.append(part)
        unreadable += bad
    rows = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else None
    if rows is None:
        return LossTable(rows=pd.DataFrame(columns=list(COLUMNS)), unreadable=unreadable)
    rows = rows.dropna(subset=["date"]).sort_values(["date", "side", "kind"], kind="stable", ignore_index=True)
    rows["cumulative"] = rows.groupby(["side", "kind"])["count"].cumsum()
    return LossTable(rows=rows[list(COLUMNS)], unreadable=unreadable)


BINS = {"day": "D", "week": "W-SAT", "month": "M"}  # as the timeline's bins (`eventmap.timeline`)


def by_day(rows: pd.DataFrame, *, unit: str = "day") -> pd.DataFrame:
    """`reported_losses(...).rows` summed per day (or per "week", "month": `unit`), side and kind
    (`DAY_COLUMNS`): the bin's figures added up, the running total at its end, and how many reports they are;
    `date` is the bin's first day."""
    if rows.empty:
        return pd.DataFrame(columns=list(DAY_COLUMNS))
    binned = rows.assign(date=rows["date"].dt.to_period(BINS[unit]).dt.start_time)
    grouped = binned.groupby(["date", "side", "kind"], sort=True, observed=True)
    days = grouped.agg(count=("count", "sum"), cumulative=("cumulative", "last"), reports=("count", "size"))
    return days.reset_index()[list(DAY_COLUMNS)]
