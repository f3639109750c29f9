"""A teacher's story as an A4 handout: one portrait page per step, as PDF.

Each page has the step's map (the PNG export's `MapFigure`, drawing the scene of the step's date range
over the step's view, its highlighted events ringed), the step's title and text in the chosen language,
the date range, and the sources of the highlighted events. Arabic is shaped right to left by
matplotlib's text layout, as in the PNG export (`eventmap.export.text`). `handout_pages` gives the page
figures (the PDF and a PNG preview draw the same ones); `render_handout` writes them into one PDF.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from base.settings import Settings
from eventmap.export.png import MapFigure, PictureSpec
from eventmap.export.stamp import DataStamp, format_date_range
from eventmap.export.text import font_families, label, shown
from eventmap.export.viewport import Extent, PixelSize
from eventmap.filtering import Filters, apply_filters
from eventmap.i18n import is_rtl
from eventmap.playback.stories import Story, StoryStep
from eventmap.playback.story_steps import StoryError, check_against_data
from eventmap.scene import Lang, SceneView, build_scene
from geo.naming import Naming

if TYPE_CHECKING:
    from matplotlib.figure import Figure

A4_PORTRAIT_IN = (8.27, 11.69)
MAP_SIZE = PixelSize(width=2100, height=1500, dpi=200)  # 10.5 × 7.5 in, laid out as a slide, shrunk onto A4
TEXT_WIDTH_CHARS = 88
MAX_TEXT_LINES = 12
MAX_SOURCES = 6
RING_COLOUR = "#111111"


@dataclass(frozen=True, kw_only=True)
class HandoutSpec:
    lang: Lang = Lang.EN
    naming: Naming = Naming.EN
    sides_config_path: Path = Settings.sides_config_path
    data_stamp: DataStamp | None = None


def step_extent(step: StoryStep, *, fallback: Extent) -> Extent:
    """The step's view as an extent: its box, its centre and zoom (as Leaflet on the map's size), or `fallback`."""
    view = step.view
    if view.bbox is not None:
        return Extent.from_bbox(*view.bbox)
    if view.center is not None and view.zoom is not None:
        return Extent.from_leaflet(center=view.center, zoom=view.zoom, width_px=MAP_SIZE.width // 2,
                                   height_px=MAP_SIZE.height // 2)
    return fallback


def step_sources(frame: pd.DataFrame, event_ids: Sequence[str]) -> list[str]:
    """The sources of the highlighted events, each once, in the step's order."""
    if not len(event_ids) or "sources" not in frame.columns:
        return []
    by_id = frame.drop_duplicates("event_id").set_index("event_id")["sources"]
    cells = [str(by_id.get(i, "") or "") for i in event_ids]
    found = (s.strip() for cell in cells for s in cell.split(";"))
    return list(dict.fromkeys(s for s in found if any(c.isalnum() for c in s)))


def step_map_png(frame: pd.DataFrame, step: StoryStep, *, spec: HandoutSpec, title: str) -> bytes:
    """The map picture of one step: the events of its date range over its view, highlighted ones ringed."""
    filters = Filters(date_from=step.date_from, date_to=step.date_to)
    shown_rows = apply_filters(frame, filters)
    scene = build_scene(shown_rows, full_frame=frame, filters=filters, view=SceneView(), lang=spec.lang,
                        naming=spec.naming, sides_config_path=spec.sides_config_path, title=title)
    b = scene.extent.bounds
    extent = step_extent(step, fallback=Extent.from_bbox(b.south, b.west, b.north, b.east))
    picture = PictureSpec(title=title, filters=filters, naming=spec.naming, lang=spec.lang,
                          data_stamp=spec.data_stamp, sides_config_path=spec.sides_config_path, scene=scene)
    figure = MapFigure(shown_rows, size=MAP_SIZE, extent=extent, spec=picture)
    try:
        figure.add_markers()
        ringed = np.flatnonzero(figure.located["event_id"].isin(step.event_ids).to_numpy())
        if len(ringed):
            xy = figure.positions[ringed]
            figure.ax.scatter(xy[:, 0], xy[:, 1], s=(figure.marker_pt * 2.2) ** 2, marker="o",
                              facecolors="none", edgecolors=RING_COLOUR, linewidths=2.4, zorder=20)
        return figure.encode_png()
    finally:
        figure.close()


def _wrapped(text: str, *, width: int, limit: int) -> str:
    lines = [line for paragraph in text.splitlines() for line in (textwrap.wrap(paragraph, width) or [""])]
    if len(lines) > limit:
        lines = [*lines[: limit - 1], lines[limit - 1].rstrip() + " …"]
    return "\n".join(lines)


def step_page(frame: pd.DataFrame, story: Story, number: int, *, spec: HandoutSpec) -> Figure:
    """One A4 page: the step's map, title, date range, text and the sources of its highlighted events."""
    from matplotlib.figure import Figure
    from PIL import Image

    step = story.steps[number - 1]
    lang = spec.lang
    rtl = is_rtl(lang)
    family = font_families(lang)
    x, ha = (0.93, "right") if rtl else (0.07, "left")
    page = Figure(figsize=A4_PORTRAIT_IN, dpi=100)
    head = label("handout.step", lang, "Step {number} of {count}", number=number, count=len(story.steps))
    page.text(x, 0.965, shown(f"{story.title(lang)} · {head}", lang), ha=ha, va="top", fontsize=9,
              color="#555555", family=family, parse_math=False)
    page.text(x, 0.945, shown(step.title(lang), lang), ha=ha, va="top", fontsize=17, weight="bold",
              family=family, parse_math=False, wrap=False)
    page.text(x, 0.912, shown(format_date_range(step.date_from, step.date_to, lang), lang), ha=ha, va="top",
              fontsize=11, color="#333333", family=family, parse_math=False)
    image = Image.open(io.BytesIO(step_map_png(frame, step, spec=spec, title=step.title(lang))))
    map_ax = page.add_axes((0.07, 0.43, 0.86, 0.86 * 8.27 / 11.69 * image.height / image.width * 1.0))
    map_ax.imshow(np.asarray(image), interpolation="antialiased")
    map_ax.set_axis_off()
    page.text(x, 0.415, shown(_wrapped(step.text(lang), width=TEXT_WIDTH_CHARS, limit=MAX_TEXT_LINES), lang),
              ha=ha, va="top", fontsize=11, family=family, parse_math=False, linespacing=1.45)
    sources = step_sources(frame, step.event_ids)
    if sources:
        listed = [textwrap.shorten(s, width=120, placeholder=" …") for s in sources[:MAX_SOURCES]]
        if len(sources) > MAX_SOURCES:
            listed.append(label("handout.more_sources", lang, "and {count} more", count=len(sources) - MAX_SOURCES))
        heading = label("handout.sources", lang, "Sources of the highlighted events")
        page.text(x, 0.2, shown(heading, lang), ha=ha, va="top", fontsize=9, weight="bold", family=family,
                  parse_math=False)
        page.text(x, 0.183, "\n".join(f"• {s}" for s in listed), ha=ha, va="top", fontsize=7, color="#333333",
                  family=[*family, "DejaVu Sans"], parse_math=False, linespacing=1.35)
    if story.source:
        page.text(x, 0.02, shown(story.source, lang)[:160], ha=ha, va="bottom", fontsize=7, color="#666666",
                  family=family, parse_math=False)
    return page


def handout_pages(frame: pd.DataFrame, story: Story, *, spec: HandoutSpec) -> Iterator[Figure]:
    """The handout's pages, one per step; a story without steps or with ids the data lacks is refused."""
    if not story.steps:
        raise StoryError(f"{story.key}: a handout needs a story in steps (this story lists events only)")
    check_against_data(story.steps, frame["event_id"].astype(str), origin=story.key)
    for number in range(1, len(story.steps) + 1):
        yield step_page(frame, story, number, spec=spec)


def render_handout(frame: pd.DataFrame, story: Story, *, spec: HandoutSpec) -> bytes:
    """The handout as PDF bytes (A4 portrait, one page per step); its metadata name the story and the steps."""
    from matplotlib.backends.backend_pdf import PdfPages

    out = io.BytesIO()
    metadata = {"Title": story.title(spec.lang), "Creator": "eventmap handout",
                "Subject": " · ".join(step.title(spec.lang) for step in story.steps)}
    with PdfPages(out, metadata=metadata) as pdf:
        for page in handout_pages(frame, story, spec=spec):
            pdf.savefig(page)
            page.clear()
    return out.getvalue()
