"""What is stamped on every picture, so that it cannot be quoted without its context.

Header: title, date range (and number of events), the active filters in words. Footer: the data stamp
(file name, date, short sha256) and the basemap's attribution. In the map: a legend (sides, event
types, claim status) and a scale bar. Right-to-left languages mirror the layout.

The drawing functions take a matplotlib `Figure`/`Axes` and plain values; nothing here knows the events
frame, so the GIF reuses them unchanged.
"""

from __future__ import annotations

import hashlib
import math
import textwrap
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from eventmap.export.text import font_families, label, shown
from eventmap.i18n import is_rtl

Corner = Literal["upper right", "lower right", "upper left", "lower left"]  # where the legend box sits

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from eventmap.export.viewport import Viewport

INK = "#1b1b1b"
MUTED = "#4a4a4a"
PANEL = "white"
TITLE_PT = 22.0
SUBTITLE_PT = 13.0
FILTERS_PT = 11.0
FOOTER_PT = 8.5
LEGEND_PT = 10.0
SCALE_PT = 9.5


@dataclass(frozen=True, kw_only=True)
class DataStamp:
    """Which data a picture shows: the file's name, its date, and the start of its sha256."""

    name: str
    sha256: str
    modified: date | None = None

    @property
    def short_hash(self) -> str:
        return self.sha256[:12]

    @classmethod
    def from_bytes(cls, data: bytes, *, name: str, modified: date | None = None) -> DataStamp:
        return cls(name=Path(name).name or name, sha256=hashlib.sha256(data).hexdigest(), modified=modified)

    @classmethod
    def from_path(cls, path: Path) -> DataStamp:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        modified = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).date()
        return cls(name=path.name, sha256=digest.hexdigest(), modified=modified)

    def text(self, lang: str) -> str:
        parts = [self.name]
        if self.modified is not None:
            parts.append(self.modified.isoformat())
        if self.sha256:
            parts.append(f"sha256 {self.short_hash}")
        return label("export.data", lang, "Data: {data}", data=" · ".join(parts))


def format_day(day: date, lang: str) -> str:
    return label("date.long", lang, "{day} {month} {year}", day=day.day,
                 month=label(f"month.{day.month}", lang, day.strftime("%B")), year=day.year)


def format_date_range(first: date | None, last: date | None, lang: str) -> str:
    """"8 October 2020 – 9 October 2020", one day alone, or "" without dates."""
    if first is None or last is None:
        return ""
    if first == last:
        return format_day(first, lang)
    return f"{format_day(first, lang)} – {format_day(last, lang)}"


@dataclass(frozen=True, kw_only=True)
class LegendEntry:
    """One line of the legend: a marker drawn as on the map, and its text."""

    text: str
    marker: str = "o"
    facecolor: str = "#777777"
    edgecolor: str = "#333333"
    linestyle: str = "solid"
    is_heading: bool = False


@dataclass(frozen=True, kw_only=True)
class Layout:
    """Where the parts of a picture go, as fractions of the figure (matplotlib's 0..1, y upwards)."""

    header_bottom: float
    footer_top: float
    pad_x: float  # horizontal margin, fraction of the width

    @property
    def map_rect(self) -> tuple[float, float, float, float]:
        """(left, bottom, width, height) of the map's axes."""
        return 0.0, self.footer_top, 1.0, self.header_bottom - self.footer_top


def plan_layout(*, width_in: float, height_in: float, filter_lines: int, scale: float = 1.0) -> Layout:
    """Header and footer bands sized for their text."""
    header_pt = (TITLE_PT * 1.45 + SUBTITLE_PT * 1.45 + FILTERS_PT * 1.4 * filter_lines + 14) * scale
    footer_pt = (FOOTER_PT * 1.5 + 8) * scale
    return Layout(
        header_bottom=1 - header_pt / 72 / height_in,
        footer_top=footer_pt / 72 / height_in,
        pad_x=0.18 / width_in * scale,
    )


def wrap_filters(text: str, *, width_in: float, max_lines: int = 2, scale: float = 1.0) -> list[str]:
    """The filters' text wrapped to the picture's width (at most `max_lines`, the last one cut with …)."""
    chars = max(20, int(width_in * 72 / (FILTERS_PT * scale * 0.55)))
    lines = textwrap.wrap(text, width=chars) or [""]
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1][: chars - 1].rstrip() + "…"]
    return lines


def draw_header(fig: Figure, layout: Layout, *, title: str, subtitle: str, filter_lines: list[str], lang: str,
                scale: float = 1.0) -> None:
    """The title band across the top of the picture."""
    rtl = is_rtl(lang)
    family = font_families(lang)
    x = 1 - layout.pad_x if rtl else layout.pad_x
    ha = "right" if rtl else "left"
    fig.patches.append(_band(fig, layout.header_bottom, 1.0))
    height_in = fig.get_size_inches()[1]

    def down(points: float) -> float:
        return points * scale / 72 / height_in

    y = 1 - down(7)
    fig.text(x, y, shown(title, lang),
             parse_math=False, ha=ha, va="top", fontsize=TITLE_PT * scale, fontweight="bold", color=INK,
             family=family)
    y -= down(TITLE_PT * 1.45)
    fig.text(x, y, shown(subtitle, lang),
             parse_math=False, ha=ha, va="top", fontsize=SUBTITLE_PT * scale, fontweight="bold",
             color=INK, family=family)
    y -= down(SUBTITLE_PT * 1.45)
    for line in filter_lines:
        fig.text(x, y, shown(line, lang),
                 parse_math=False, ha=ha, va="top", fontsize=FILTERS_PT * scale, color=MUTED, family=family)
        y -= down(FILTERS_PT * 1.4)
    fig.add_artist(_rule(fig, layout.header_bottom))


def draw_footer(fig: Figure, layout: Layout, *, data_text: str, attribution_text: str, lang: str,
                scale: float = 1.0) -> None:
    """The data stamp and the basemap's attribution along the bottom."""
    rtl = is_rtl(lang)
    family = font_families(lang)
    fig.patches.append(_band(fig, 0.0, layout.footer_top))
    y = layout.footer_top / 2
    left, right = (attribution_text, data_text) if rtl else (data_text, attribution_text)
    fig.text(layout.pad_x, y, shown(left, lang),
             parse_math=False, ha="left", va="center", fontsize=FOOTER_PT * scale, color=MUTED,
             family=family)
    fig.text(1 - layout.pad_x, y, shown(right, lang),
             parse_math=False, ha="right", va="center", fontsize=FOOTER_PT * scale,
             color=MUTED, family=family)
    fig.add_artist(_rule(fig, layout.footer_top))


def _band(fig: Figure, bottom: float, top: float):
    from matplotlib.patches import Rectangle

    return Rectangle((0, bottom), 1, top - bottom, transform=fig.transFigure, facecolor=PANEL, edgecolor="none",
                     zorder=-1)


def _rule(fig: Figure, y: float):
    from matplotlib.lines import Line2D

    return Line2D([0, 1], [y, y], transform=fig.transFigure, color="#b5b5b5", linewidth=0.8)


BLANK_ENTRY = LegendEntry(text="", is_heading=True)


def two_columns(entries: list[LegendEntry]) -> list[LegendEntry]:
    """`entries` padded with blank lines so that matplotlib's column-wise fill of two columns breaks at the
    heading nearest the middle: no heading is left at the foot of a column, away from its items."""
    starts = [i for i, entry in enumerate(entries) if entry.is_heading and i > 0] or [(len(entries) + 1) // 2]
    split = min(starts, key=lambda i: abs(len(entries) - 2 * i))
    rows = max(split, len(entries) - split)
    first, second = entries[:split], entries[split:]
    return [*first, *[BLANK_ENTRY] * (rows - len(first)), *second, *[BLANK_ENTRY] * (rows - len(second))]


LEGEND_MAX_HEIGHT = 0.85  # share of the map's height a one-column legend may take before it goes to two columns


def draw_legend(ax: Axes, entries: list[LegendEntry], *, lang: str, corner: Corner, scale: float = 1.0,
                marker_pt: float = 9.0):
    """The legend box in one corner of the map ("upper right", "lower left", ...). Returns the Legend."""
    rtl = is_rtl(lang)
    size = (marker_pt * scale) ** 2

    def handle_of(entry: LegendEntry):
        # Scatter collections as handles: unlike Line2D markers they can have a dashed outline.
        handle = ax.scatter([], [], s=size, marker=entry.marker, facecolors=entry.facecolor,
                            edgecolors=entry.edgecolor, linewidths=1.6 * scale,
                            linestyle=(0, (2.5, 1.5)) if entry.linestyle != "solid" else "solid")
        handle.remove()
        if entry.is_heading:
            handle.set_visible(False)
        return handle

    def boxed(rows: list[LegendEntry], columns: int):
        return ax.legend(
            [handle_of(e) for e in rows], [shown(e.text, lang) for e in rows], loc=corner, frameon=True,
            framealpha=0.92, facecolor=PANEL, edgecolor="#9a9a9a", markerfirst=not rtl, scatterpoints=1,
            ncols=columns, borderpad=0.7, labelspacing=0.45, handlelength=1.2, handletextpad=0.6,
            borderaxespad=0.8, columnspacing=1.2, prop={"family": font_families(lang), "size": LEGEND_PT * scale},
        )

    shown_entries = list(entries)
    legend = boxed(shown_entries, 1)
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    if legend.get_window_extent(renderer).height > LEGEND_MAX_HEIGHT * ax.get_window_extent(renderer).height:
        legend.remove()  # taller than the map (Arabic script sets lines taller): two columns, split at a heading
        shown_entries = two_columns(entries)
        legend = boxed(shown_entries, 2)
    legend.set_zorder(20)
    for entry, text in zip(shown_entries, legend.get_texts(), strict=True):
        text.set_parse_math(False)  # a side called "$x$" is text, not mathtext
        if entry.is_heading:
            text.set_fontweight("bold")
            text.set_color(INK)
    return legend


def nice_length(max_metres: float) -> float:
    """The largest 1, 2 or 5 × 10^n metres not above `max_metres`."""
    if max_metres <= 0:
        return 0.0
    power = 10 ** math.floor(math.log10(max_metres))
    for factor in (5, 2, 1):
        if factor * power <= max_metres:
            return factor * power
    return power


def scale_label(metres: float, lang: str) -> str:
    if metres >= 1000:
        km = metres / 1000
        value = f"{km:g}"
        return label("export.scale_km", lang, "{value} km", value=value)
    return label("export.scale_m", lang, "{value} m", value=f"{metres:g}")


def draw_scale_bar(ax: Axes, viewport: Viewport, *, lang: str, scale: float = 1.0):
    """A two-tone scale bar in the lower corner (left, or right in right-to-left languages).

    The length is true distance at the map's centre latitude (Web Mercator stretches distances by
    1/cos(latitude)). Returns the bar's length in metres and its background box (None without a bar).
    """
    from matplotlib.patches import Rectangle

    ground = viewport.ground_metres_per_pixel()
    length_m = nice_length(ground * viewport.width_px * 0.18)
    if length_m <= 0:
        return 0.0, None
    bar_px = length_m / ground
    dpi = ax.figure.dpi
    pad_px = 14 * scale * dpi / 72
    bar_h_px = 5 * scale * dpi / 72
    text_px = SCALE_PT * scale * dpi / 72 * 1.5
    rtl = is_rtl(lang)
    x0 = viewport.width_px - pad_px - bar_px if rtl else pad_px
    y0 = pad_px  # from the bottom, in pixels of the map

    def to_data(px: float, py: float) -> tuple[float, float]:
        ext = viewport.extent
        return ext.xmin + px * viewport.metres_per_pixel, ext.ymin + py * viewport.metres_per_pixel

    box_x, box_y = to_data(x0 - pad_px * 0.5, y0 - pad_px * 0.5)
    res = viewport.metres_per_pixel
    box = ax.add_patch(Rectangle((box_x, box_y), (bar_px + pad_px) * res, (bar_h_px + text_px + pad_px) * res,
                                 facecolor=PANEL, alpha=0.85, edgecolor="none", zorder=18))
    half = bar_px / 2
    for i, colour in enumerate((INK, PANEL)):
        bx, by = to_data(x0 + i * half, y0)
        ax.add_patch(Rectangle((bx, by), half * res, bar_h_px * res, facecolor=colour, edgecolor=INK,
                               linewidth=0.9 * scale, zorder=19))
    tx, ty = to_data(x0 + bar_px / 2, y0 + bar_h_px + text_px * 0.15)
    ax.text(tx, ty, shown(scale_label(length_m, lang), lang),
            parse_math=False, ha="center", va="bottom", fontsize=SCALE_PT * scale,
            color=INK, family=font_families(lang), zorder=19)
    return length_m, box
