"""Under the timeline: a small chart of the losses the events report, per side and kind, each figure with who
reported it (`eventmap.losses` builds the data). A caption says these are claims."""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd
import streamlit as st

from eventmap.i18n import side_label, t
from eventmap.losses import reported_losses

LOSSES_HEIGHT_PX = 130


def losses_chart(frame: pd.DataFrame, *, colours: Mapping[str, str], lang: str) -> alt.Chart | None:
    """The chart of `frame`'s reported losses (None when no event gives a figure)."""
    rows = reported_losses(frame).rows
    if rows.empty:
        return None
    data = rows.assign(
        side_text=rows["side"].map(lambda s: side_label(s, lang)),
        kind_text=rows["kind"].map(lambda k: t(f"losses.{k}", lang)),
        day=rows["date"].dt.strftime("%Y-%m-%d"),
    )
    sides = list(dict.fromkeys(data["side_text"]))
    by_text = {side_label(s, lang): c for s, c in colours.items()}
    colour = alt.Color("side_text:N", title=t("losses.by_side", lang),
                       scale=alt.Scale(domain=sides, range=[by_text.get(s, "#777777") for s in sides]))
    kinds = [t("losses.fatalities", lang), t("losses.injured", lang)]
    dash = alt.StrokeDash("kind_text:N", title=None, scale=alt.Scale(domain=kinds, range=[[1, 0], [5, 3]]))
    shape = alt.Shape("kind_text:N", title=None, scale=alt.Scale(domain=kinds, range=["circle", "square"]))
    tooltip = [alt.Tooltip("day:N", title=t("losses.day", lang)), alt.Tooltip("side_text:N", title=None),
               alt.Tooltip("kind_text:N", title=None), alt.Tooltip("count:Q", title="+"),
               alt.Tooltip("cumulative:Q", title=t("losses.total", lang)),
               alt.Tooltip("claimed_by:N", title=t("losses.reporter", lang)), alt.Tooltip("place:N", title=None)]
    base = alt.Chart(data).encode(x=alt.X("date:T", title=None),
                                  y=alt.Y("cumulative:Q", title=t("losses.total", lang)), color=colour)
    lines = base.mark_line(interpolate="step-after", strokeWidth=2).encode(
        strokeDash=dash, detail=["side_text:N", "kind_text:N"])
    points = base.mark_point(filled=True, size=40).encode(shape=shape, tooltip=tooltip)
    return (lines + points).properties(height=LOSSES_HEIGHT_PX)


def render_losses(frame: pd.DataFrame, *, colours: Mapping[str, str], lang: str) -> None:
    """The chart and its caption; a sentence when no event gives a figure."""
    chart = losses_chart(frame, colours=colours, lang=lang)
    if chart is None:
        st.caption(t("losses.none", lang))
        return
    st.altair_chart(chart, width="stretch", height=LOSSES_HEIGHT_PX + 40)
    st.caption(t("losses.caption", lang))
