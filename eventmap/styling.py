"""How events look, wherever they are drawn: the web map, the legend, the timeline and PNG exports.

- Colour says **who acted** (the side): from `sides.toml`, else the next free colour of the Okabe-Ito
  palette, which stays distinguishable for the common forms of colour blindness.
- Shape says **what happened** (the event type), so the map still reads in greyscale or on a
  washed-out projector. Each shape has an SVG path (web map, legend) and a matplotlib marker code.
- Line and fill say **how sure** it is (the claim status): confirmed events are filled, claimed ones
  hollow with a thick ring, disputed ones dashed, denied ones hollow, dashed and faded, unverified ones
  (no status given) hollow with a dotted ring.
- A translucent circle says **how exact the place** is: none for an exact point, about 5 km for
  "near a town", about 25 km for "a region".
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from base.errors import EventMapError
from base.settings import Settings
from eventmap.schema import EVENT_TYPES, GEO_PRECISIONS, STATUSES

OKABE_ITO: tuple[str, ...] = ("#0072B2", "#D55E00", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#000000", "#999999")
"""Okabe & Ito (2008), "Color Universal Design": the fallback palette, in the order colours are handed out."""

EXTRA_COLOURS: tuple[str, ...] = ("#332288", "#44AA99", "#882255", "#999933", "#88CCEE", "#AA4499", "#117733",
                                  "#DDCC77", "#CC6677")
"""Paul Tol's "muted" scheme: handed out when the palette's free colours run out."""
UNKNOWN_SIDE_COLOUR = "#999999"


class SidesConfigError(EventMapError, ValueError):
    """`sides.toml` cannot be read or holds something that is not a colour."""


def side_colours(sides: Iterable[str], *, config_path: Path = Settings.sides_config_path) -> dict[str, str]:
    """A colour (``#rrggbb``) for each side in `sides`.

    Sides listed in `config_path` (matched without regard to case or surrounding spaces) get their
    colour. The others get the palette's colours not already taken, in the palette's order, then
    `EXTRA_COLOURS`, given to the unknown sides sorted by name, so the result does not depend on
    the order of the rows; past those, colours repeat. The empty side, and only it, is grey.
    """
    palette, configured = _read_config(config_path)
    wanted = list(dict.fromkeys(sides))
    result: dict[str, str] = {}
    unknown: list[str] = []
    for side in wanted:
        key = side.strip().casefold()
        if not key:
            result[side] = UNKNOWN_SIDE_COLOUR
        elif key in configured:
            result[side] = configured[key]
        else:
            unknown.append(side)
    taken = {c.upper() for c in configured.values()} | {UNKNOWN_SIDE_COLOUR}
    free = [c for c in (*palette, *EXTRA_COLOURS) if c.upper() not in taken] or list(palette)
    for i, side in enumerate(sorted(unknown, key=lambda s: (s.strip().casefold(), s))):
        result[side] = free[i % len(free)]
    return {side: result[side] for side in wanted}


def _read_config(path: Path) -> tuple[tuple[str, ...], dict[str, str]]:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return OKABE_ITO, {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SidesConfigError(f"{path}: cannot read the side colours: {exc}") from exc
    palette = tuple(_colour(path, "palette", c) for c in data.get("palette", OKABE_ITO)) or OKABE_ITO
    sides = data.get("sides", {})
    if not isinstance(sides, dict):
        raise SidesConfigError(f"{path}: [sides] must be a table of \"side\" = \"#rrggbb\" (got {sides!r})")
    configured = {str(name).strip().casefold(): _colour(path, f"sides.{name}", c) for name, c in sides.items()}
    return palette, configured


def _colour(path: Path, where: str, value: Any) -> str:
    text = str(value).strip()
    if len(text) != 7 or text[0] != "#" or any(ch not in "0123456789abcdefABCDEF" for ch in text[1:]):
        raise SidesConfigError(f"{path}: {where}: not a colour like #0072B2 (got {value!r})")
    return text.upper()


# --- Shapes: the event type --------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class MarkerShape:
    """A marker shape: an SVG path in a 24×24 box (centre 12,12) and the matplotlib marker code."""

    name: str
    svg_path: str
    matplotlib_marker: str


def _polygon_path(points: Iterable[tuple[float, float]]) -> str:
    coords = [f"{x:.1f},{y:.1f}" for x, y in points]
    return "M" + "L".join(coords) + "Z"


def _regular(n: int, radius: float, *, rotation: float = -90.0) -> list[tuple[float, float]]:
    return [(12 + radius * math.cos(math.radians(rotation + 360 * i / n)),
             12 + radius * math.sin(math.radians(rotation + 360 * i / n))) for i in range(n)]


def _star(points: int, outer: float, inner: float) -> list[tuple[float, float]]:
    result = []
    for i in range(points * 2):
        r = outer if i % 2 == 0 else inner
        angle = math.radians(-90 + 180 * i / points)
        result.append((12 + r * math.cos(angle), 12 + r * math.sin(angle)))
    return result


def _cross(half: float, arm: float) -> list[tuple[float, float]]:
    # An "X": a plus sign of half-length `half` and half-width `arm`, rotated by 45 degrees.
    plus = [(arm, half), (arm, arm), (half, arm), (half, -arm), (arm, -arm), (arm, -half),
            (-arm, -half), (-arm, -arm), (-half, -arm), (-half, arm), (-arm, arm), (-arm, half)]
    c = math.cos(math.radians(45))
    return [(12 + (x - y) * c, 12 + (x + y) * c) for x, y in plus]


SHAPES: dict[str, MarkerShape] = {
    shape.name: shape
    for shape in (
        MarkerShape("circle", "M4,12a8,8 0 1,0 16,0a8,8 0 1,0 -16,0Z", "o"),
        MarkerShape("diamond", _polygon_path([(12, 1.5), (22.5, 12), (12, 22.5), (1.5, 12)]), "D"),
        MarkerShape("triangle", _polygon_path([(12, 2), (22.5, 20.5), (1.5, 20.5)]), "^"),
        MarkerShape("square", _polygon_path([(4.5, 4.5), (19.5, 4.5), (19.5, 19.5), (4.5, 19.5)]), "s"),
        MarkerShape("star", _polygon_path(_star(5, 11, 4.6)), "*"),
        MarkerShape("cross", _polygon_path(_cross(10, 3.2)), "X"),
        MarkerShape("pentagon", _polygon_path(_regular(5, 9.5)), "p"),
    )
}

EVENT_TYPE_SHAPES: dict[str, str] = {
    "Battles": "diamond",
    "Explosions/Remote violence": "circle",
    "Violence against civilians": "triangle",
    "Strategic developments": "star",
    "Protests": "square",
    "Riots": "cross",
}
"""The shape name of each ACLED event type; other types get `DEFAULT_SHAPE`."""
DEFAULT_SHAPE = "pentagon"

SHAPE_MATPLOTLIB_MARKERS: dict[str, str] = {name: shape.matplotlib_marker for name, shape in SHAPES.items()}
"""Shape name → matplotlib marker code (for `ax.scatter(marker=...)`)."""

assert set(EVENT_TYPE_SHAPES) == set(EVENT_TYPES), "every ACLED event type needs a shape"


def shape_for(event_type: str) -> MarkerShape:
    """The marker shape of an event type (the default shape for a type this project does not know)."""
    return SHAPES[EVENT_TYPE_SHAPES.get(event_type, DEFAULT_SHAPE)]


# --- Line and fill: the claim status -------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class StatusStyle:
    """How a marker of a given claim status is drawn, whatever its colour."""

    status: str
    filled: bool  # the shape is filled with the side's colour (else a light hollow centre)
    fill_opacity: float
    stroke_width: float  # in px for a 24-px marker; the outline has the side's colour unless filled
    dash: str  # SVG stroke-dasharray ("" = solid)
    opacity: float  # of the whole marker

    def matplotlib_kwargs(self, colour: str) -> dict[str, Any]:
        """Keyword arguments for `ax.scatter` drawing markers of this status in `colour`."""
        return {
            "facecolors": colour if self.filled else "none",
            "edgecolors": "#222222" if self.filled and not self.dash else colour,
            "linewidths": self.stroke_width / 1.5,
            "linestyle": "--" if self.dash else "-",
            "alpha": self.opacity,
        }


STATUS_STYLES: dict[str, StatusStyle] = {
    "confirmed": StatusStyle("confirmed", filled=True, fill_opacity=0.95, stroke_width=1.2, dash="", opacity=1.0),
    "claimed": StatusStyle("claimed", filled=False, fill_opacity=0.0, stroke_width=3.2, dash="", opacity=1.0),
    "disputed": StatusStyle("disputed", filled=True, fill_opacity=0.45, stroke_width=2.4, dash="3.5,2.5",
                            opacity=1.0),
    "denied": StatusStyle("denied", filled=False, fill_opacity=0.0, stroke_width=2.2, dash="2.5,2.5", opacity=0.6),
    # Nobody has said yet (a table without a status column): hollow with a dotted ring.
    "unverified": StatusStyle("unverified", filled=False, fill_opacity=0.0, stroke_width=2.6, dash="0.8,2.6",
                              opacity=0.85),
}
assert tuple(STATUS_STYLES) == STATUSES


def status_style(status: str) -> StatusStyle:
    """The style of a claim status; an unknown status is drawn like a claim (not as confirmed)."""
    return STATUS_STYLES.get(status, STATUS_STYLES["claimed"])


def marker_svg(shape: MarkerShape, colour: str, status: str, *, size_px: int = 20) -> str:
    """A standalone SVG of one marker (the legend and the map draw the same thing)."""
    style = status_style(status)
    if style.filled:
        fill, fill_opacity = colour, style.fill_opacity
        stroke = colour if style.dash else "#222222"
    else:
        fill, fill_opacity, stroke = "#FFFFFF", 0.75, colour
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size_px}" height="{size_px}" viewBox="0 0 24 24"'
        f' aria-hidden="true" style="opacity:{style.opacity}"><path d="{shape.svg_path}" fill="{fill}"'
        f' fill-opacity="{fill_opacity}" stroke="{stroke}" stroke-width="{style.stroke_width}"{dash}'
        ' stroke-linejoin="round"/></svg>'
    )


# --- Location precision --------------------------------------------------------------------------

PRECISION_RADIUS_M: dict[str, int] = {"exact": 0, "near": 5_000, "region": 25_000}
"""The radius of the translucent circle drawn around an event of each geo precision."""
assert tuple(PRECISION_RADIUS_M) == GEO_PRECISIONS
