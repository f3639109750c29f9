"""The timeline under the map: events per day, stacked by side, as an Altair chart.

Pure (no streamlit): the app shows the chart with `st.altair_chart(..., on_select=...)` and turns the
span the user brushed back into dates with `selected_span`. The chart counts the events that match
every filter except the dates, and dims the days outside the date filter, so the user sees what a
wider span would add and can brush a new one.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Literal, cast

import altair as alt
import pandas as pd

from eventmap.i18n import side_label, t

SELECTION_NAME = "span"
DAY_FIELD = "day"
# Above this many days one bar per day gets thinner than a pixel on a laptop: bin by week, then month.
MAX_DAILY_BARS = 740
MAX_WEEKLY_BARS = 740
_BIN_RULES = {"day": "D", "week": "W-SAT", "month": "M"}  # W-SAT: weeks Sunday to Saturday, as Vega's
TimeUnit = Literal["utcyearmonthdate", "utcyearweek", "utcyearmonth"]
_TIME_UNITS: dict[str, TimeUnit] = {"day": "utcyearmonthdate", "week": "utcyearweek", "month": "utcyearmonth"}
_AXIS_FORMAT = {"day": "%d %b", "week": "%d %b %Y", "month": "%b %Y"}


def bin_for(first: date, last: date) -> str:
    """"day", "week" or "month": the finest bin that keeps the bars readable over this span."""
    days = (last - first).days + 1
    if days <= MAX_DAILY_BARS:
        return "day"
    if days / 7 <= MAX_WEEKLY_BARS:
        return "week"
    return "month"


def daily_counts(frame: pd.DataFrame, *, bin_unit: str = "day") -> pd.DataFrame:
    """Events per bin and side: columns `day` and `end` (ISO dates: the bin's first day and the day after
    its last), `side`, `events`."""
    if frame.empty:
        return pd.DataFrame({DAY_FIELD: pd.Series([], dtype=str), "end": pd.Series([], dtype=str),
                             "side": pd.Series([], dtype=str), "events": pd.Series([], dtype="int64")})
    periods = frame["date"].dt.to_period(_BIN_RULES[bin_unit])
    ends = periods.dt.end_time.dt.normalize() + pd.Timedelta(days=1)
    counts = (
        pd.DataFrame({DAY_FIELD: periods.dt.start_time, "end": ends, "side": frame["side"].replace("", "?")})
        .groupby([DAY_FIELD, "end", "side"], sort=True)
        .size()
        .rename("events")
        .reset_index()
    )
    counts[DAY_FIELD] = counts[DAY_FIELD].dt.strftime("%Y-%m-%d")
    counts["end"] = counts["end"].dt.strftime("%Y-%m-%d")
    return counts


def timeline_chart(
    frame: pd.DataFrame,
    *,
    colours: Mapping[str, str],
    lang: str = "en",
    date_range: tuple[date, date] | None = None,
    marker_day: date | None = None,
    height: int = 220,
) -> alt.LayerChart:
    """Stacked bars of `frame` (already filtered on everything but the dates) by day and side.

    `colours` maps each side to its colour (the legend's order); days outside `date_range` are dimmed;
    `marker_day` draws a vertical rule (playback). The interval selection is named `SELECTION_NAME`.
    """
    bin_unit = "day"
    if not frame.empty:
        bin_unit = bin_for(frame["date"].min().date(), frame["date"].max().date())
    counts = daily_counts(frame, bin_unit=bin_unit)
    if date_range is not None:
        # A bin is inside when it overlaps the range (a week bin may straddle its ends).
        first, last = date_range[0].isoformat(), date_range[1].isoformat()
        counts["inside"] = (counts["end"] > first) & (counts[DAY_FIELD] <= last)
    else:
        counts["inside"] = True

    present = set(counts["side"])
    sides = [s for s in colours if s in present] or list(colours)
    extra = sorted(set(counts["side"]) - set(sides))
    palette = [colours.get(s, "#999999") for s in sides + extra]
    # Shown in the interface's language; the colours stay bound to the data's side values.
    labels = {side: side_label(side, lang) for side in sides + extra}
    counts["side"] = counts["side"].map(labels)
    domain = [labels[s] for s in sides + extra]
    x_title = t(f"timeline.x_{bin_unit}", lang)
    y_title = t("timeline.y", lang)
    side_title = t("filter.sides", lang)

    span = alt.selection_interval(name=SELECTION_NAME, encodings=["x"])
    bars = (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            x=alt.X(f"{DAY_FIELD}:T", timeUnit=_TIME_UNITS[bin_unit], title=x_title,
                    axis=alt.Axis(format=_AXIS_FORMAT[bin_unit], labelAngle=0, labelOverlap=True)),
            y=alt.Y("sum(events):Q", title=y_title, stack="zero", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "side:N",
                title=side_title,
                scale=alt.Scale(domain=domain, range=palette),
                legend=alt.Legend(orient="top", direction="horizontal", title=None),
            ),
            # A field (not a condition) so that the aggregation groups by it and keeps it on each bar.
            opacity=alt.Opacity("inside:N", scale=alt.Scale(domain=[True, False], range=[1.0, 0.25]), legend=None),
            tooltip=[
                alt.Tooltip(f"{DAY_FIELD}:N", title=x_title),
                alt.Tooltip("side:N", title=side_title),
                alt.Tooltip("sum(events):Q", title=y_title),
            ],
        )
        .add_params(span)
    )
    layers: list[alt.Chart] = [bars]
    if marker_day is not None:
        rule = alt.Chart(pd.DataFrame({DAY_FIELD: [marker_day.isoformat()]})).mark_rule(
            color="#000000", strokeWidth=2
        ).encode(x=alt.X(f"{DAY_FIELD}:T", timeUnit=_TIME_UNITS[bin_unit]))
        layers.append(rule)
    # altair types `properties` as LayerChart | FacetChart; setting a height keeps a layer chart a layer chart
    return cast(alt.LayerChart, alt.layer(*layers).properties(height=height))


def selected_span(selection: Mapping | None) -> tuple[date, date] | None:
    """The days covered by an interval selection as Streamlit reports it, or None when nothing is selected.

    Accepts the chart state (`{"selection": {"span": {...}}}`), the selection mapping, or the span itself
    (`{"utcyearmonthdate_day": [start, end]}`); the ends are epoch milliseconds (UTC) or ISO strings.
    """
    if not selection:
        return None
    if "selection" in selection:
        selection = selection["selection"] or {}
    if SELECTION_NAME in selection:
        selection = selection[SELECTION_NAME] or {}
    if not isinstance(selection, Mapping):
        return None
    for values in selection.values():
        if isinstance(values, list | tuple) and len(values) == 2:
            low, high = sorted(values, key=_sort_key)
            # A brush ending exactly at midnight covers nothing of the day that starts there.
            if _sort_key(low)[0] == _sort_key(high)[0] == 0 and high > low:
                high = high - 1
            start, end = _to_day(low), _to_day(high)
            if start is not None and end is not None:
                first, last = sorted((start, end))
                return first, last
    return None


def _sort_key(value: object) -> tuple[int, float | str]:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (0, float(value))
    return (1, str(value))


def _to_day(value: object) -> date | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(value / 1000, tz=UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None
