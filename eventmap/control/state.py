"""Who held what on a given day: `control_on(day, changes=..., layers=...) -> ControlState`.

The computation starts from the situation before the war (the pre-2020 de facto area held by
Artsakh/Armenia, the rest of Azerbaijan's land held by Azerbaijan) and applies, in date order (file order
within a day: `ControlChange.line`), every change dated on or before `day`:

- a `control` change moves the part of its area (its units, or its circle) that its `from_side` holds,
  except ground under peacekeepers, to its `to_side`; the moved area keeps the change's status
  (claimed / disputed / confirmed), id and sources, so a renderer can draw a claim differently from a
  confirmed change;
- a `peacekeeping` change adds an area of its own (status `peacekeeping`) over the ground: nobody's
  holding changes under it; a later row on the same units continues the same area;
- a `ceasefire` row, and a row drawn as `none`, moves nothing: it is listed in `ControlState.not_drawn`.

The belligerents' areas never overlap: each moved area is cut out of every other area first. Everything is
district-level or schematic (see `CAVEAT`, which travels with every state and its GeoJSON).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry

from base.errors import EventMapError

from .layers import Layers, area_km2, circle
from .schema import ChangeKind, ControlChange, DrawnAs

PREWAR_HOLDER = "Artsakh/Armenia"  # held the pre-2020 de facto area
LAND_HOLDER = "Azerbaijan"  # held the rest of Azerbaijan's land
CAVEAT = (
    "Approximate: changes are drawn at district level (a town's capture is drawn as its whole district) or as "
    "circles around a village, and the Lachin corridor is schematic; the boundaries are Natural Earth 1:10m "
    "generalizations. Dates and claims of war-time captures are mostly the parties' own announcements "
    "(see each area's status, claimant, disputes and sources). Not a survey of the front line."
)
CREDIT = "Made with Natural Earth; admin-1 units via Elastic Maps Service (ODbL at most)"
_MIN_AREA_DEG2 = 1e-9  # slivers smaller than about 0.01 km² left by cutting are dropped
_DECIMALS = 6  # coordinates written to GeoJSON (about 0.1 m)


class AreaStatus(Enum):
    """How an area came to be held, as a renderer draws it."""

    PRE_WAR = "pre-war"
    CLAIMED = "claimed"
    DISPUTED = "disputed"
    CONFIRMED = "confirmed"
    PEACEKEEPING = "peacekeeping"


class ControlStateError(EventMapError, ValueError):
    """A GeoJSON document is not a control state (the message says what is wrong)."""


@dataclass(frozen=True, slots=True)
class ControlArea:
    """One area on one day: who holds it, how established that is, and which changes (with sources) made it so."""

    side: str
    status: AreaStatus
    geometry: BaseGeometry  # Polygon or MultiPolygon, lon/lat
    change_ids: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    claimed_by: tuple[str, ...] = ()
    disputed_by: tuple[str, ...] = ()

    @property
    def area_km2(self) -> float:
        return area_km2(self.geometry)


@dataclass(frozen=True, slots=True)
class ControlState:
    """Control on `day`: the areas, the changes applied, those not drawn, and the caveat."""

    day: dt.date
    areas: tuple[ControlArea, ...]
    applied: tuple[str, ...] = ()  # every change dated on or before `day`, in the order applied
    not_drawn: tuple[str, ...] = ()  # applied changes that move no area (ceasefire, extent unknown)
    caveat: str = CAVEAT
    credit: str = CREDIT

    @property
    def sides(self) -> tuple[str, ...]:
        """The belligerent sides holding ground, in order of first appearance."""
        return tuple(dict.fromkeys(a.side for a in self.areas if a.status is not AreaStatus.PEACEKEEPING))

    def held_by(self, side: str) -> BaseGeometry:
        """Everything `side` holds on the day (one geometry; empty when nothing)."""
        return _union(a.geometry for a in self.areas if a.side == side and a.status is not AreaStatus.PEACEKEEPING)

    def peacekeeping(self) -> BaseGeometry:
        """The ground under peacekeepers on the day (empty before 10 Nov 2020)."""
        return _union(a.geometry for a in self.areas if a.status is AreaStatus.PEACEKEEPING)

    def to_geojson(self) -> dict[str, Any]:
        """A GeoJSON FeatureCollection: one feature per area, the day, caveat and credit in `metadata`."""
        features = [{
            "type": "Feature",
            "properties": {
                "side": area.side, "status": area.status.value, "change_ids": list(area.change_ids),
                "sources": list(area.sources), "claimed_by": list(area.claimed_by),
                "disputed_by": list(area.disputed_by), "area_km2": round(area.area_km2, 1),
            },
            "geometry": mapping(_rounded(area.geometry)),
        } for area in self.areas]
        metadata = {"day": self.day.isoformat(), "caveat": self.caveat, "credit": self.credit,
                    "applied": list(self.applied), "not_drawn": list(self.not_drawn)}
        return {"type": "FeatureCollection", "metadata": metadata, "features": features}

    def to_geojson_text(self) -> str:
        return json.dumps(self.to_geojson(), ensure_ascii=False, separators=(",", ":")) + "\n"

    @classmethod
    def from_geojson(cls, data: Mapping[str, Any]) -> ControlState:
        """The state a `to_geojson()` document describes."""
        try:
            meta = data["metadata"]
            areas = tuple(ControlArea(
                side=f["properties"]["side"], status=AreaStatus(f["properties"]["status"]),
                geometry=shape(f["geometry"]), change_ids=tuple(f["properties"]["change_ids"]),
                sources=tuple(f["properties"]["sources"]), claimed_by=tuple(f["properties"]["claimed_by"]),
                disputed_by=tuple(f["properties"]["disputed_by"])) for f in data["features"])
            return cls(day=dt.date.fromisoformat(meta["day"]), areas=areas, applied=tuple(meta["applied"]),
                       not_drawn=tuple(meta["not_drawn"]), caveat=meta["caveat"], credit=meta["credit"])
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ControlStateError(f"not a control-state GeoJSON document: {exc!r}") from None


# --- geometry helpers ------------------------------------------------------------------------------------------


def _union(geometries: Iterable[BaseGeometry]) -> BaseGeometry:
    return _polygonal(shapely.union_all(list(geometries)))


def _polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """The polygons of `geometry` (lines and points left by cutting dropped), as a Polygon or MultiPolygon."""
    parts = [p for p in shapely.get_parts(shapely.get_parts(geometry)) if isinstance(p, Polygon)]
    parts = [p for p in parts if p.area >= _MIN_AREA_DEG2]
    if not parts:
        return Polygon()
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def _rounded(geometry: BaseGeometry) -> BaseGeometry:
    oriented = shapely.orient_polygons(geometry, exterior_cw=False)  # RFC 7946: exteriors counter-clockwise
    return shapely.transform(oriented, lambda xy: np.round(xy, _DECIMALS))


def change_geometry(change: ControlChange, layers: Layers) -> BaseGeometry:
    """The area a change concerns (its units or its circle), on Azerbaijan's land; empty when not drawn."""
    if change.drawn_as is DrawnAs.UNITS:
        return _polygonal(shapely.union_all([layers.unit(u) for u in change.units]).intersection(layers.land))
    if change.drawn_as is DrawnAs.CIRCLE and change.circle is not None:
        disc = circle(latitude=change.circle.latitude, longitude=change.circle.longitude,
                      radius_km=change.circle.radius_km)
        return _polygonal(disc.intersection(layers.land))
    return Polygon()


# --- the computation -------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Piece:
    side: str
    status: AreaStatus
    geometry: BaseGeometry
    changes: list[ControlChange] = field(default_factory=list)

    def frozen(self) -> ControlArea:
        return ControlArea(
            side=self.side, status=self.status, geometry=self.geometry,
            change_ids=tuple(c.change_id for c in self.changes),
            sources=tuple(dict.fromkeys(s for c in self.changes for s in c.sources)),
            claimed_by=tuple(dict.fromkeys(c.claimed_by for c in self.changes if c.claimed_by)),
            disputed_by=tuple(dict.fromkeys(c.disputed_by for c in self.changes if c.disputed_by)))


def _prewar(layers: Layers) -> list[_Piece]:
    rest = _polygonal(layers.land.difference(layers.prewar_defacto))
    return [_Piece(LAND_HOLDER, AreaStatus.PRE_WAR, rest),
            _Piece(PREWAR_HOLDER, AreaStatus.PRE_WAR, _polygonal(layers.prewar_defacto))]


def _apply_control(pieces: list[_Piece], change: ControlChange, area: BaseGeometry,
                   peacekeeping: BaseGeometry) -> None:
    held = _union(p.geometry for p in pieces if p.side in change.from_side)
    moved = _polygonal(area.intersection(held).difference(peacekeeping))
    if moved.is_empty:
        return
    for piece in pieces:
        if piece.geometry.intersects(moved):
            piece.geometry = _polygonal(piece.geometry.difference(moved))
    pieces.append(_Piece(change.to_side[0], AreaStatus(change.status.value), moved, [change]))


def control_on(day: dt.date, *, changes: Iterable[ControlChange], layers: Layers) -> ControlState:
    """Control on `day` (end of the day): the pre-war situation with every change dated on or before it applied."""
    pieces = _prewar(layers)
    guarded: dict[tuple[str, ...], _Piece] = {}  # peacekeeping areas by the units (or circle) they cover
    applied: list[str] = []
    not_drawn: list[str] = []
    for change in sorted((c for c in changes if c.date <= day), key=lambda c: (c.date, c.line)):
        applied.append(change.change_id)
        area = _polygonal(change_geometry(change, layers))
        if change.kind is ChangeKind.CEASEFIRE or area.is_empty:
            not_drawn.append(change.change_id)
        elif change.kind is ChangeKind.PEACEKEEPING:
            key = change.units or (repr(change.circle),)
            if key in guarded:
                guarded[key].changes.append(change)
            else:
                guarded[key] = _Piece(change.to_side[0], AreaStatus.PEACEKEEPING, area, [change])
        else:
            _apply_control(pieces, change, area, _union(p.geometry for p in guarded.values()))
    areas = tuple(p.frozen() for p in (*pieces, *guarded.values()) if not p.geometry.is_empty)
    return ControlState(day=day, areas=areas, applied=tuple(applied), not_drawn=tuple(not_drawn))
