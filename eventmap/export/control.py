"""A scene's territorial control on a picture: the same areas, hatches, dashes and reference lines as the web
map, with a legend box that carries the caveat (district-level, approximate, and where the data comes from)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from eventmap.export.text import font_families, shown
from eventmap.export.viewport import project
from eventmap.i18n import is_rtl
from eventmap.scene.model import ControlLayer

if TYPE_CHECKING:
    from pathlib import Path

    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

    from eventmap.control.history import ControlHistory

CONTROL_ZORDER = 2.3  # over the land, under the districts layer, names, markers and labels
REFERENCE_ZORDER = 2.45
LEGEND_PT = 7.5
CAVEAT_WIDTH_CHARS = 58
PX_TO_PT = 72 / 96  # a line of N px on the web map is N/96 inch on the picture


def _polygons(geometry: dict[str, Any]) -> Iterable[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        yield geometry["coordinates"]
    elif geometry["type"] == "MultiPolygon":
        yield from geometry["coordinates"]


def _lines(geometry: dict[str, Any]) -> Iterable[list[list[float]]]:
    if geometry["type"] == "LineString":
        yield geometry["coordinates"]
    elif geometry["type"] == "MultiLineString":
        yield from geometry["coordinates"]


def _projected(ring: list[list[float]]) -> np.ndarray:
    return np.array([project(lat, lon) for lon, lat, *_ in ring])


def _dashes(dash: str, weight: float) -> Any:
    if not dash:
        return "solid"
    return (0, tuple(float(v) / max(weight, 1.0) for v in dash.split(",")))


def draw_control(ax: Axes, control: ControlLayer | None) -> list[Artist]:
    """Draw the control areas (a hole in a polygon stays a hole) and the reference lines."""
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    if control is None or not control.shown:
        return []
    artists: list[Artist] = []
    for patch in control.patches:
        for polygon in _polygons(patch.geometry):
            path = MplPath.make_compound_path(*(MplPath(_projected(ring), closed=True) for ring in polygon))
            fill = PathPatch(path, facecolor=patch.colour, alpha=patch.fill_opacity, linewidth=0,
                             zorder=CONTROL_ZORDER)
            edge = PathPatch(path, facecolor="none", edgecolor=patch.colour, linewidth=patch.weight * PX_TO_PT,
                             linestyle=_dashes(patch.dash, patch.weight), hatch="///" if patch.hatched else None,
                             zorder=CONTROL_ZORDER + 0.01)
            fill.set_gid(f"control-{patch.side}-{patch.status}")
            artists += [ax.add_patch(fill), ax.add_patch(edge)]
    for reference in control.references:
        for line in _lines(reference.geometry):
            xy = _projected(line)
            (drawn,) = ax.plot(xy[:, 0], xy[:, 1], color=reference.colour, linewidth=reference.weight * PX_TO_PT,
                               linestyle=_dashes(reference.dash, reference.weight), zorder=REFERENCE_ZORDER)
            drawn.set_gid(f"control-reference-{reference.key}")
            artists.append(drawn)
    return artists


def draw_control_legend(ax: Axes, control: ControlLayer | None, *, lang: str, corner: str,
                        scale: float = 1.0) -> list[Artist]:
    """The control's legend at `corner` of the map and its caveat right under it ([] without control)."""
    from matplotlib.legend import Legend
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if control is None or not control.shown:
        return []
    handles: list[Artist] = []
    for row in control.legend:
        if row.line:
            handles.append(Line2D([], [], color=row.colour, linewidth=1.8 * scale,
                                  linestyle=_dashes(row.dash, 2.0)))
        else:
            handles.append(Patch(facecolor=(*_rgb(row.colour), row.fill_opacity), edgecolor=row.colour,
                                 linestyle=_dashes(row.dash, 2.0), hatch="///" if row.hatched else None,
                                 linewidth=1.2 * scale))
    caveat = "\n".join(textwrap.wrap(control.caveat, CAVEAT_WIDTH_CHARS))
    legend = Legend(ax, handles, [shown(r.text, lang) for r in control.legend], loc=cast(Any, corner), frameon=True,
                    framealpha=0.92, facecolor="#ffffff", edgecolor="#9a9a9a", markerfirst=not is_rtl(lang),
                    borderpad=0.6, labelspacing=0.35, handlelength=1.8, handletextpad=0.6, borderaxespad=0.8,
                    title=shown(control.title, lang), title_fontproperties={"family": font_families(lang),
                                                                          "size": LEGEND_PT * scale,
                                                                          "weight": "bold"},
                    prop={"family": font_families(lang), "size": LEGEND_PT * scale})
    legend.set_zorder(20)
    for text in legend.get_texts():
        text.set_parse_math(False)
    note = ax.annotate(shown(caveat, lang), xy=(0.5, 0), xycoords=legend, xytext=(0, -3), textcoords="offset points",
                       ha="center", va="top", fontsize=(LEGEND_PT - 1) * scale, family=font_families(lang),
                       color="#333333", zorder=20, annotation_clip=False,
                       bbox={"boxstyle": "round,pad=0.3", "facecolor": "#ffffff", "alpha": 0.88,
                             "edgecolor": "#bbbbbb"})
    note.set_parse_math(False)
    ax.add_artist(legend)
    return [legend, note]


def control_colours(history: ControlHistory, *, sides_config_path: Path) -> dict[str, str]:
    """A colour per side that holds ground on any day of `history` (the sides settings)."""
    from eventmap.styling import side_colours

    return side_colours(sorted({a.side for state in history.states for a in state.areas}),
                        config_path=sides_config_path)


def _rgb(colour: str) -> tuple[float, float, float]:
    from matplotlib.colors import to_rgb

    return to_rgb(colour)
