"""The map's legend: sides and their colours, event-type shapes, claim-status styles, precision, clusters.

Rendered here as one escaped HTML fragment (the browser only inserts it), from the same styling
tables as the markers, so the legend cannot disagree with the map.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from eventmap.i18n import direction, side_label, t
from eventmap.mapping.popups import esc, term
from eventmap.schema import EVENT_TYPES, STATUSES
from eventmap.styling import PRECISION_RADIUS_M, marker_svg, shape_for

LEGEND_MAX_SIDES = 12
NEUTRAL = "#555555"


def _row(symbol: str, text: str) -> str:
    return f'<div class="em-legend-row">{symbol}<span dir="auto">{text}</span></div>'


def _section(title_key: str, lang: str, rows: list[str]) -> str:
    if not rows:
        return ""
    return f'<div class="em-legend-section"><div class="em-legend-title">{esc(t(title_key, lang))}</div>' \
           f'{"".join(rows)}</div>'


def legend_html(frame: pd.DataFrame, *, colours: Mapping[str, str], lang: str, open_: bool = True) -> str:
    """The legend for the events of `frame` (sides by number of events, the types present, every status)."""
    sides = frame["side"].astype(str).value_counts(sort=True) if len(frame) else pd.Series(dtype=int)
    side_rows = [
        _row(f'<span class="em-swatch" style="background:{esc(colours.get(side, NEUTRAL))}"></span>',
             esc(side_label(side, lang)) if side else esc(t("map.legend.no_side", lang)))
        for side in list(sides.index)[:LEGEND_MAX_SIDES]
    ]
    if len(sides) > LEGEND_MAX_SIDES:
        more = esc(t("map.legend.more_sides", lang, n=len(sides) - LEGEND_MAX_SIDES))
        side_rows.append(f'<div class="em-legend-note">{more}</div>')
    present_types = set(frame["event_type"].astype(str)) if len(frame) else set()
    types = [ty for ty in EVENT_TYPES if ty in present_types] + sorted(present_types - set(EVENT_TYPES))
    type_rows = [_row(marker_svg(shape_for(ty), NEUTRAL, "confirmed", size_px=18), esc(term("event_type", ty, lang)))
                 for ty in types if ty]
    status_cells = "".join(_row(marker_svg(shape_for("Explosions/Remote violence"), NEUTRAL, status, size_px=18),
                                esc(term("status", status, lang))) for status in STATUSES)
    status_rows = [f'<div class="em-legend-grid">{status_cells}</div>']
    mark_rows = [
        _row(f'<span class="em-precision-sample em-precision-{precision}"></span>',
             esc(t(f"map.legend.{precision}", lang)))
        for precision, radius in PRECISION_RADIUS_M.items() if radius
    ]
    mark_rows.append(_row('<span class="em-cluster-sample"><span>12</span></span>',
                          esc(t("map.legend.cluster", lang))))
    body = "".join([
        _section("map.legend.sides", lang, side_rows),
        _section("map.legend.types", lang, type_rows),
        _section("map.legend.status", lang, status_rows),
        _section("map.legend.marks", lang, mark_rows),
    ])
    return (f'<details class="em-legend" dir="{direction(lang)}"{" open" if open_ else ""}>'
            f'<summary>{esc(t("map.legend.title", lang))}</summary>{body}</details>')
