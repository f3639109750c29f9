"""The schema of `control_changes.csv`: one row per announced or agreed change of territorial control.

Every row says where (the units of the territory layers it concerns, or a circle around a point), when
(`date` the change is said to have happened, `claim_date` when it was first announced), who held the
area before and after, who claimed it, its status, who disputed it and the sources. `drawn_as` says how
the computation of control (`eventmap.control.state`) draws it; `kind` says whether it moves ground
between the belligerents, places ground under peacekeepers, or only records a ceasefire.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

LIST_SEPARATOR = ";"  # in `units`, `from_side`, `to_side` and `sources`


class ChangeKind(Enum):
    """What a row does to the map."""

    CONTROL = "control"  # ground moves from `from_side` to `to_side`
    PEACEKEEPING = "peacekeeping"  # ground comes under peacekeepers: an area of its own, no side change
    CEASEFIRE = "ceasefire"  # positions are frozen: recorded, nothing moves


class ChangeStatus(Enum):
    """How far a change is established (one value per row)."""

    CLAIMED = "claimed"  # one side's claim, no response found
    DISPUTED = "disputed"  # the other side denied it at the time
    CONFIRMED = "confirmed"  # acknowledged by the other side or by a signed agreement (`notes` says by whom)


class DrawnAs(Enum):
    """Which area a row moves."""

    UNITS = "units"  # the whole area of the units in `units` (district level: an approximation for a town)
    CIRCLE = "circle"  # a circle of `radius_km` around `latitude`/`longitude`
    NONE = "none"  # not drawn: the extent is not known, or the row moves nothing (`notes` says why)


@dataclass(frozen=True, slots=True)
class ControlColumn:
    name: str
    meaning: str
    required: bool = True


COLUMNS: tuple[ControlColumn, ...] = (
    ControlColumn("change_id", "Unique id of the change (C01...)"),
    ControlColumn("date", "Day the change is said to have happened (ISO 8601, yyyy-mm-dd)"),
    ControlColumn("claim_date", "Day it was first announced (ISO 8601); may be before or after `date`"),
    ControlColumn("place", "The place as the sources name it"),
    ControlColumn("place_type", "town, district, village, village group, heights, bridge, line, corridor, zone"),
    ControlColumn("kind", "control, peacekeeping or ceasefire"),
    ControlColumn("drawn_as", "units, circle or none"),
    ControlColumn("units", "Ids of the territory units concerned (admin-1 `id`, `NKAO-1991`, `LACHIN-CORRIDOR`), "
                  "`;`-separated; required when drawn_as is units"),
    ControlColumn("latitude", "WGS84 latitude of the circle's centre (drawn_as circle)", required=False),
    ControlColumn("longitude", "WGS84 longitude of the circle's centre (drawn_as circle)", required=False),
    ControlColumn("radius_km", "Radius of the circle in km (drawn_as circle)", required=False),
    ControlColumn("from_side", "Who held the area before (`;`-separated when several)"),
    ControlColumn("to_side", "Who holds it after (`;`-separated when several)"),
    ControlColumn("claimed_by", "Who announced the change"),
    ControlColumn("status", "claimed, disputed or confirmed"),
    ControlColumn("disputed_by", "Who denied or contested it, and when", required=False),
    ControlColumn("sources", "URLs of the pages read, `;`-separated; at least one"),
    ControlColumn("notes", "Details, differences between sources, how the area is approximated", required=False),
)
COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
REQUIRED_COLUMNS: frozenset[str] = frozenset(c.name for c in COLUMNS if c.required)
OPTIONAL_COLUMNS: frozenset[str] = frozenset(c.name for c in COLUMNS if not c.required)


def split_list(text: str) -> tuple[str, ...]:
    """The non-empty items of a `;`-separated cell, stripped, in order."""
    return tuple(part.strip() for part in text.split(LIST_SEPARATOR) if part.strip())


def join_list(items: tuple[str, ...] | list[str]) -> str:
    """The cell text of a list (the inverse of `split_list`)."""
    return f"{LIST_SEPARATOR} ".join(items)


@dataclass(frozen=True, slots=True)
class Circle:
    """A circle on the ground: centre (WGS84) and radius in km."""

    latitude: float
    longitude: float
    radius_km: float


@dataclass(frozen=True, slots=True)
class ControlChange:
    """One valid row of `control_changes.csv`."""

    change_id: str
    date: dt.date
    claim_date: dt.date
    place: str
    place_type: str
    kind: ChangeKind
    drawn_as: DrawnAs
    units: tuple[str, ...]
    circle: Circle | None
    from_side: tuple[str, ...]
    to_side: tuple[str, ...]
    claimed_by: str
    status: ChangeStatus
    disputed_by: str
    sources: tuple[str, ...]
    notes: str
    line: int = 0  # the line of the file where the row starts (0 when not read from a file)
