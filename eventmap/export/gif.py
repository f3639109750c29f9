"""Animated playback for class: one frame per day (or per `step` days), the date large on every frame.

Like the classroom playback (`eventmap.playback`, mode "cumulative"): every event up to the frame's day
is on the map, the day's own events larger, older ones fading over `fade_days` down to `min_opacity`.
The picture is the PNG export's (`MapFigure`): basemap, labels, legend and stamps are drawn once and
kept as a background; each frame only restores it and draws the markers, the labels and legend over
them, and the date (blitting), so a frame costs a few tens of milliseconds.

GIF frames share one palette (taken from frames spread over the playback) so the colours do not flicker.
MP4 needs the optional package `imageio-ffmpeg` (it ships an ffmpeg binary in its wheel).
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from base.errors import ExportError
from eventmap.control.history import ControlHistory
from eventmap.export.control import control_colours, draw_control, draw_control_legend
from eventmap.export.png import MapFigure, PictureSpec, date_span
from eventmap.export.stamp import INK, MUTED, format_date_range, format_day
from eventmap.export.text import font_families, label, shown
from eventmap.export.tiles import TileSource
from eventmap.export.viewport import Extent, PixelSize
from eventmap.i18n import format_date, is_rtl, t
from eventmap.scene.control import control_layer
from eventmap.scene.model import Lang

MAX_FRAMES = 1500
DATE_PT = 30.0
TODAY_SCALE = 1.25  # the frame's own events are drawn this much larger (as in the classroom playback)


@dataclass(frozen=True, kw_only=True)
class Fading:
    """How older events fade (the classroom playback's `Look.fade_days` / `Look.min_opacity`)."""

    fade_days: int = 21
    min_opacity: float = 0.3

    @classmethod
    def like_playback(cls) -> Fading:
        try:
            from eventmap.playback.document import PROJECTOR
        except ImportError:
            return cls()
        return cls(fade_days=PROJECTOR.fade_days, min_opacity=PROJECTOR.min_opacity)

    def opacity(self, age_days: np.ndarray) -> np.ndarray:
        value = np.maximum(self.min_opacity, 1 - np.maximum(age_days, 0) / max(self.fade_days, 1))
        return np.round(value * 20) / 20


def frame_days(first: date, last: date, *, step: int) -> list[date]:
    """The last day of each frame: first+step-1, ..., and always `last` itself."""
    if step < 1:
        raise ExportError(f"--step must be at least 1 day (got {step})")
    days = []
    day = first + timedelta(days=step - 1)
    while day < last:
        days.append(day)
        day += timedelta(days=step)
    days.append(last)
    if len(days) > MAX_FRAMES:
        raise ExportError(f"{len(days)} frames is more than {MAX_FRAMES}: use a larger --step (got {step})")
    return days


def playback_frames(frame: pd.DataFrame, *, size: PixelSize, extent: Extent, spec: PictureSpec, step: int = 1,
                    tiles: TileSource | None = None, fading: Fading | None = None,
                    ) -> Iterator[tuple[date, np.ndarray]]:
    """(day, RGB image) for each frame, in order."""
    fading = fading or Fading.like_playback()
    first, last = date_span(frame, spec.filters)
    if first is None or last is None:
        raise ExportError("no events and no dates: nothing to play back")
    days = frame_days(first, last, step=step)
    if spec.scene is not None and spec.scene.control is not None and spec.control_history is None:
        # One day's control drawn on every frame would be wrong on the others: without the history to draw
        # each day's, animations leave control out.
        spec = replace(spec, scene=replace(spec.scene, control=None))
    figure = MapFigure(frame, size=size, extent=extent, spec=spec, tiles=tiles)
    try:
        yield from _frames(figure, days, first=first, step=step, fading=fading)
    finally:
        figure.close()


def _frames(figure: MapFigure, days: list[date], *, first: date, step: int,
            fading: Fading) -> Iterator[tuple[date, np.ndarray]]:
    lang = figure.spec.lang
    rtl = is_rtl(lang)
    fig = figure.figure
    layout = figure.layout
    x = layout.pad_x if rtl else 1 - layout.pad_x
    ha = "left" if rtl else "right"
    mid = (1 + layout.header_bottom) / 2
    date_text = fig.text(x, mid + 0.012, "",
                         parse_math=False, ha=ha, va="center", fontsize=DATE_PT, fontweight="bold", color=INK,
                         family=font_families(lang), animated=True)
    count_text = fig.text(x, layout.header_bottom + 0.012, "",
                          parse_math=False, ha=ha, va="bottom", fontsize=11, color=MUTED,
                          family=font_families(lang), animated=True)
    overlays = [*figure.labels, *([figure.legend] if figure.legend is not None else [])]
    for artist in overlays:
        artist.set_animated(True)
    control = _ControlByDay.of(figure)
    figure.canvas.draw()
    background = figure.canvas.copy_from_bbox(fig.bbox)
    over = _overlay_layer(figure, overlays)
    event_days = (figure.located["date"].dt.normalize() - pd.Timestamp(first)).dt.days.to_numpy()
    renderer = figure.canvas.get_renderer()
    for n, day in enumerate(days, start=1):
        today = (day - first).days
        shown_rows = np.flatnonzero(event_days <= today)
        age = today - event_days[shown_rows]
        current = age < step  # the frame's own days
        if control is not None and control.move_to(day):
            figure.canvas.draw()  # a new state of control: a new background (labels and legend stay overlays)
            background = figure.canvas.copy_from_bbox(fig.bbox)
        figure.canvas.restore_region(background)
        artists = figure.add_markers(shown_rows[~current], alphas=fading.opacity(age[~current] - step + 1))
        figure.marker_pt *= TODAY_SCALE
        artists += figure.add_markers(shown_rows[current])
        figure.marker_pt /= TODAY_SCALE
        period = format_day(day, lang) if step == 1 else format_date_range(
            max(day - timedelta(days=step - 1), first), day, lang)
        date_text.set_text(shown(period, lang))
        count_text.set_text(shown(
            label("playback.day_of", lang, "Day {n} of {total}", n=n, total=len(days)) + " · "
            + label("export.events_count", lang, "{count} events", count=f"{len(shown_rows):,}"), lang))
        for artist in (*artists, date_text, count_text):
            artist.draw(renderer)
        image = np.asarray(figure.canvas.buffer_rgba())[..., :3].copy()
        over.paint(image)  # labels and legend above the markers
        for artist in artists:
            artist.remove()
        yield day, image


@dataclass
class _ControlByDay:
    """The control areas of a playback's frames: drawn again only when a frame's day reaches another state
    (about 20 times in the bundled war), each time with its legend and caveat."""

    figure: MapFigure
    history: ControlHistory
    colours: dict[str, str]
    index: int = -1

    @classmethod
    def of(cls, figure: MapFigure) -> _ControlByDay | None:
        spec = figure.spec
        if spec.control_history is None or spec.scene is None or spec.scene.control is None:
            return None
        return cls(figure=figure, history=spec.control_history,
                   colours=control_colours(spec.control_history, sides_config_path=spec.sides_config_path))

    def move_to(self, day: date) -> bool:
        """Draw the control of `day` when it differs from the one drawn; True when it was drawn."""
        index = self.history.index_on(day)
        if index == self.index:
            return False
        self.index = index
        figure, lang = self.figure, self.figure.spec.lang
        for artist in (*figure.control, *figure.control_legend):
            artist.remove()
        since = self.history.days[index]
        layer = control_layer(self.history, day=day, lang=Lang(lang), colours=self.colours)
        layer = replace(layer, title=t("control.title_since", lang, day=format_date(since, lang)) if index
                        else t("control.title_prewar", lang))  # the same on every frame of this state
        figure.control = draw_control(figure.ax, layer)
        figure.control_legend = draw_control_legend(figure.ax, layer, lang=lang, corner=figure.control_corner)
        return True


@dataclass(frozen=True)
class _Overlay:
    """Pixels drawn over every frame (labels, legend): where they are and how opaque."""

    index: tuple[np.ndarray, ...]  # rows, columns (and channels) of the pixels that are not transparent
    rgb: np.ndarray  # N × 3, float
    alpha: np.ndarray  # N × 1, float

    def paint(self, image: np.ndarray) -> None:
        under = image[self.index].astype(np.float32)
        image[self.index] = (self.rgb * self.alpha + under * (1 - self.alpha) + 0.5).astype(np.uint8)


def _overlay_layer(figure: MapFigure, overlays: list) -> _Overlay:
    """Draw `overlays` alone on a transparent canvas, once; each frame then only blends those pixels in
    (drawing the labels' halos and the legend again for every frame would take most of the time)."""
    renderer = figure.canvas.get_renderer()
    renderer.clear()  # transparent; the background was saved before
    for artist in overlays:
        artist.draw(renderer)
    rgba = np.asarray(renderer.buffer_rgba())  # matplotlib's Agg buffer holds straight (not premultiplied) alpha
    index = np.nonzero(rgba[..., 3])
    pixels = rgba[index].astype(np.float32)
    return _Overlay(index=index, rgb=pixels[:, :3], alpha=pixels[:, 3:] / 255.0)


def _palette_image(frames: list[np.ndarray]):
    """One 256-colour palette for every frame, from up to 8 frames spread over the playback (halved in size)."""
    from PIL import Image

    picks = sorted({round(i * (len(frames) - 1) / 7) for i in range(8)}) if len(frames) > 1 else [0]
    sample = np.concatenate([frames[i][::2, ::2] for i in picks], axis=0)
    return Image.fromarray(np.ascontiguousarray(sample), "RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE)


def encode_gif(frames: list[np.ndarray], *, frame_ms: int = 600, hold_last_ms: int = 2500) -> bytes:
    """Frames (RGB arrays of one size) as a looping GIF, one shared palette."""
    from PIL import Image

    if not frames:
        raise ExportError("no frames to write")
    palette = _palette_image(frames)
    images = [Image.fromarray(f, "RGB").quantize(palette=palette, dither=Image.Dither.NONE) for f in frames]
    durations = [frame_ms] * (len(images) - 1) + [max(frame_ms, hold_last_ms)]
    out = io.BytesIO()
    images[0].save(out, format="GIF", save_all=True, append_images=images[1:], duration=durations, loop=0,
                   optimize=False)
    return out.getvalue()


def render_gif(frame: pd.DataFrame, *, size: PixelSize, extent: Extent, spec: PictureSpec, step: int = 1,
               frame_ms: int = 600, tiles: TileSource | None = None) -> bytes:
    """The animated playback of `frame` (already filtered) as GIF bytes."""
    images = [image for _, image in playback_frames(frame, size=size, extent=extent, spec=spec, step=step,
                                                    tiles=tiles)]
    return encode_gif(images, frame_ms=frame_ms)


def mp4_available() -> bool:
    try:
        import imageio_ffmpeg  # noqa: F401
    except ImportError:
        return False
    return True


def render_mp4(frame: pd.DataFrame, *, size: PixelSize, extent: Extent, spec: PictureSpec, step: int = 1,
               frame_ms: int = 600, tiles: TileSource | None = None) -> bytes:
    """The same playback as H.264 MP4 bytes (needs `imageio-ffmpeg`)."""
    try:
        import imageio_ffmpeg
    except ImportError as exc:
        raise ExportError("MP4 needs the package imageio-ffmpeg (pip install imageio-ffmpeg)") from exc
    width, height = size.width - size.width % 2, size.height - size.height % 2  # yuv420p wants even sizes
    fps = 1000 / frame_ms
    with tempfile.TemporaryDirectory(prefix="eventmap-mp4-") as tmp:
        path = Path(tmp) / "playback.mp4"
        writer = imageio_ffmpeg.write_frames(str(path), (width, height), fps=fps, codec="libx264",
                                             pix_fmt_out="yuv420p", macro_block_size=2, quality=8,
                                             ffmpeg_log_level="error",
                                             output_params=["-movflags", "+faststart"])
        writer.send(None)
        last = None
        for _, image in playback_frames(frame, size=size, extent=extent, spec=spec, step=step, tiles=tiles):
            last = np.ascontiguousarray(image[:height, :width])
            writer.send(last)
        for _ in range(max(0, round(2500 / frame_ms) - 1)):  # hold the last day
            if last is not None:
                writer.send(last)
        writer.close()
        return path.read_bytes()
