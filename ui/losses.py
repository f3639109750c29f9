"""Under the timeline: a small chart of the losses the events report, per side and kind, each figure with who
reported it (`eventmap.losses` builds the data). A caption says these are claims.

Up to `DETAIL_POINTS` figures each is a point with its reporter and place; above that (an export of a whole
war) the figures of one day (or week, or month: the finest that keeps the points under `DETAIL_POINTS`), side
and kind are one point with how many reports they sum (`eventmap.losses.by_day`), and the caption says so: a
reader cannot point at a hundred thousand dots, and the browser should not have to draw them (at a million
events, per-day points were 4 MB of the page). The chart is built once per shown events, language and colours
for every session.
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd
import streamlit as st

from eventmap.i18n import side_label, t
from eventmap.losses import BINS, by_day, reported_losses

LOSSES_HEIGHT_PX = 130
DETAIL_POINTS = 2_000  # more figures than this: summed per day, side and kind


def losses_chart(frame: pd.DataFrame, *, colours: Mapping[str, str], lang: str,
                 detail_points: int = DETAIL_POINTS) -> tuple[alt.LayerChart | None, str]:
    """The chart of `frame`'s reported losses (None when no event gives a figure), and the bin its figures
    are summed in when there are more than `detail_points` of them ("day", "week", "month"; "" when not)."""
    rows = reported_losses(frame).rows
    if rows.empty:
        return None, ""
    summed = ""
    data = rows
    if len(rows) > detail_points:
        for summed in BINS:  # the finest of day, week and month that keeps the points few
            data = by_day(rows, unit=summed)
            if len(data) <= detail_points:
                break
    side_text = {side: side_label(side, lang) for side in data["side"].unique()}
    kind_text = {kind: t(f"losses.{kind}", lang) for kind in data["kind"].unique()}
    data = data.assign(side_text=data["side"].map(side_text), kind_text=data["kind"].map(kind_text),
                       day=data["date"].dt.strftime("%Y-%m-%d"))
    sides = list(dict.fromkeys(data["side_text"]))
    by_text = {side_label(s, lang): c for s, c in colours.items()}
    colour = alt.Color("side_text:N", title=t("losses.by_side", lang),
                       scale=alt.Scale(domain=sides, range=[by_text.get(s, "#777777") for s in sides]))
    kinds = [t("losses.fatalities", lang), t("losses.injured", lang)]
    dash = alt.StrokeDash("kind_text:N", title=None, scale=alt.Scale(domain=kinds, range=[[1, 0], [5, 3]]))
    shape = alt.Shape("kind_text:N", title=None, scale=alt.Scale(domain=kinds, range=["circle", "square"]))
    tooltip = [alt.Tooltip("day:N", title=t("losses.day", lang)), alt.Tooltip("side_text:N", title=None),
               alt.Tooltip("kind_text:N", title=None), alt.Tooltip("count:Q", title="+"),
               alt.Tooltip("cumulative:Q", title=t("losses.total", lang))]
    if summed:
        tooltip.append(alt.Tooltip("reports:Q", title=t("losses.reports", lang)))
    else:
        tooltip += [alt.Tooltip("claimed_by:N", title=t("losses.reporter", lang)),
                    alt.Tooltip("place:N", title=None)]
    base = alt.Chart(data).encode(x=alt.X("date:T", title=None),
                                  y=alt.Y("cumulative:Q", title=t("losses.total", lang)), color=colour)
    lines = base.mark_line(interpolate="step-after", strokeWidth=2).encode(
        strokeDash=dash, detail=["side_text:N", "kind_text:N"])
    points = base.mark_point(filled=True, size=40).encode(shape=shape, tooltip=tooltip)
    return (lines + points).properties(height=LOSSES_HEIGHT_PX), summed


@st.cache_resource(show_spinner=False, max_entries=16)
def _shared_chart(key: tuple[str, str, tuple[tuple[str, str], ...]],
                  _frame: pd.DataFrame) -> tuple[alt.LayerChart | None, str]:
    """`losses_chart` of the events `key` names (data and filters, language, colours), built once for every
    session of the process."""
    _, lang, colours = key
    return losses_chart(_frame, colours=dict(colours), lang=lang)


def render_losses(frame: pd.DataFrame, *, colours: Mapping[str, str], lang: str, signature: str) -> None:
    """The chart and its caption; a sentence when no event gives a figure. `signature` names the data and
    filters that gave `frame`: a rerun with the same ones (a pan, a click) reuses this session's chart."""
    chart, summed = _shared_chart((signature, lang, tuple(colours.items())), frame)
    if chart is None:
        st.caption(t("losses.none", lang))
        return
    st.altair_chart(chart, width="stretch", height=LOSSES_HEIGHT_PX + 40)
    summed_line = (t("losses.summed", lang, n=f"{DETAIL_POINTS:,}", period=t(f"losses.per_{summed}", lang))
                   if summed else "")
    st.caption(f"{t('losses.caption', lang)} {summed_line}".strip())
