"""The scene's territorial-control layer: who held what on the scene's day, written once, drawn by every renderer.

`control_layer(history, day=..., lang=..., colours=...)` turns the state of `day` (`eventmap.control`, computed
once per change day by `ControlHistory`) into `ControlPatch`es — one per area, in the holding side's colour,
with the changes behind it (date, place, who claimed it, status, who disputes it, sources) — plus the pre-war
line of contact and the 1991 oblast boundary as reference lines, a legend and the caveat.

How a status looks (the legend says it):
- confirmed (or held before the war): solid outline, full fill;
- claimed only: dashed outline, lighter hatched fill;
- disputed: dotted outline, lighter hatched fill;
- peacekeepers: their colour, a thick dash-dot outline and a light fill over the ground they guard.

The ground the land's pre-war holder kept all along (the rest of Azerbaijan) is not filled: the layer shows the
contested ground only.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping, shape

from eventmap.control.history import ControlHistory
from eventmap.control.layers import NKAO_FILE, TERRITORY_DIR
from eventmap.control.state import LAND_HOLDER, AreaStatus, ControlArea
from eventmap.i18n import format_date, side_label, t
from eventmap.scene.model import ControlCard, ControlLayer, ControlLegendRow, ControlPatch, ControlReference, Lang

LINE_OF_CONTACT_FILE = "ne2017_line_of_contact_1994.geojson"
SIMPLIFY_DEG = 0.0005  # about 50 m: smaller pages, nothing visible lost at the scales drawn
PEACEKEEPING_COLOUR = "#009E73"
FALLBACK_COLOUR = "#777777"


@dataclass(frozen=True, kw_only=True)
class StatusLook:
    fill_opacity: float
    dash: str
    weight: float
    hatched: bool


LOOKS: dict[AreaStatus, StatusLook] = {
    AreaStatus.PRE_WAR: StatusLook(fill_opacity=0.28, dash="", weight=1.2, hatched=False),
    AreaStatus.CONFIRMED: StatusLook(fill_opacity=0.38, dash="", weight=1.6, hatched=False),
    AreaStatus.CLAIMED: StatusLook(fill_opacity=0.14, dash="7,4", weight=2.0, hatched=True),
    AreaStatus.DISPUTED: StatusLook(fill_opacity=0.14, dash="2,4", weight=2.2, hatched=True),
    AreaStatus.PEACEKEEPING: StatusLook(fill_opacity=0.18, dash="10,4,2,4", weight=2.6, hatched=False),
}


@dataclass(frozen=True, kw_only=True)
class _Reference:
    key: str
    colour: str
    dash: str
    weight: float


REFERENCES: tuple[_Reference, ...] = (
    _Reference(key="line_of_contact", colour="#222222", dash="9,5", weight=2.0),
    _Reference(key="oblast_1991", colour="#6A3D9A", dash="3,4", weight=1.6),
)


@cache
def _reference_geometry(key: str, directory: Path = TERRITORY_DIR) -> dict[str, Any]:
    name = LINE_OF_CONTACT_FILE if key == "line_of_contact" else NKAO_FILE
    data = json.loads((directory / name).read_text(encoding="utf-8"))
    geometry = shapely.union_all([shape(f["geometry"]) for f in data["features"]])
    if key == "oblast_1991":
        geometry = geometry.boundary
    return mapping(shapely.line_merge(geometry) if geometry.geom_type == "MultiLineString" else geometry)


@cache
def _geometry(area_geometry_wkb: bytes) -> dict[str, Any]:
    geometry = shapely.from_wkb(area_geometry_wkb).simplify(SIMPLIFY_DEG, preserve_topology=True)
    return mapping(shapely.transform(geometry, lambda xy: xy.round(5)))


def _colour(side: str, colours: Mapping[str, str], status: AreaStatus) -> str:
    if status is AreaStatus.PEACEKEEPING:
        return colours.get(side, PEACEKEEPING_COLOUR)
    return colours.get(side, FALLBACK_COLOUR)


def _cards(area: ControlArea, history: ControlHistory, lang: Lang) -> tuple[ControlCard, ...]:
    cards = []
    for change_id in area.change_ids:
        change = history.change(change_id)
        if change is None:
            continue
        cards.append(ControlCard(
            change_id=change.change_id, date=change.date.isoformat(), date_text=format_date(change.date, lang),
            place=change.place, claimed_by=change.claimed_by, status=change.status.value,
            status_text=t(f"control.status.{change.status.value}", lang), disputed_by=change.disputed_by,
            sources=change.sources))
    return tuple(cards)


def _patch(area: ControlArea, history: ControlHistory, *, lang: Lang, colours: Mapping[str, str]) -> ControlPatch:
    look = LOOKS[area.status]
    return ControlPatch(
        side=area.side, side_text=side_label(area.side, lang), status=area.status.value,
        status_text=t(f"control.status.{area.status.value}", lang), colour=_colour(area.side, colours, area.status),
        fill_opacity=look.fill_opacity, dash=look.dash, weight=look.weight, hatched=look.hatched,
        area_km2=round(area.area_km2, 1), geometry=_geometry(shapely.to_wkb(area.geometry)),
        cards=_cards(area, history, lang))


def _legend(patches: tuple[ControlPatch, ...], lang: Lang) -> tuple[ControlLegendRow, ...]:
    rows: list[ControlLegendRow] = []
    for side, colour in dict.fromkeys((p.side_text, p.colour) for p in patches
                                      if p.status != AreaStatus.PEACEKEEPING.value):
        rows.append(ControlLegendRow(text=t("control.legend.held_by", lang, side=side), colour=colour,
                                     fill_opacity=LOOKS[AreaStatus.CONFIRMED].fill_opacity, dash="", hatched=False))
    shown = {p.status for p in patches}
    for status in (AreaStatus.CLAIMED, AreaStatus.DISPUTED, AreaStatus.PEACEKEEPING):
        if status.value in shown:
            look = LOOKS[status]
            colour = PEACEKEEPING_COLOUR if status is AreaStatus.PEACEKEEPING else FALLBACK_COLOUR
            if status is AreaStatus.PEACEKEEPING:
                colour = next((p.colour for p in patches if p.status == status.value), colour)
            rows.append(ControlLegendRow(text=t(f"control.legend.{status.value}", lang), colour=colour,
                                         fill_opacity=look.fill_opacity, dash=look.dash, hatched=look.hatched))
    for reference in REFERENCES:
        rows.append(ControlLegendRow(text=t(f"control.reference.{reference.key}", lang), colour=reference.colour,
                                     fill_opacity=0.0, dash=reference.dash, hatched=False, line=True))
    return tuple(rows)


CARD_WORDS = ("change", "date", "place", "claimed_by", "status", "disputed_by", "sources", "area", "none")


def control_layer(history: ControlHistory, *, day: dt.date, lang: Lang, colours: Mapping[str, str],
                  shown: bool = True) -> ControlLayer:
    """The control layer of `day` in `lang`; `colours`: side -> colour (the sides settings)."""
    lang = Lang(lang)
    state = history.on(day)
    patches = tuple(_patch(area, history, lang=lang, colours=colours) for area in state.areas
                    if not (area.status is AreaStatus.PRE_WAR and area.side == LAND_HOLDER))
    references = tuple(ControlReference(key=r.key, title=t(f"control.reference.{r.key}", lang), colour=r.colour,
                                        dash=r.dash, weight=r.weight, geometry=_reference_geometry(r.key))
                       for r in REFERENCES)
    return ControlLayer(
        day=day.isoformat(), title=t("control.title_on", lang, day=format_date(day, lang)), patches=patches,
        references=references, legend=_legend(patches, lang),
        caveat=t("control.caveat", lang, source=history.source_name or "control_changes.csv"),
        attribution=t("control.credit", lang), card_words={w: t(f"control.card.{w}", lang) for w in CARD_WORDS},
        shown=shown)
