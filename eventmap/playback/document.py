"""The presentation document: one HTML page with the map, the events, timeline playback and story stepping.

The same page serves the app's presentation mode (assets served from `/app/static/`) and the standalone
interactive HTML export (`asset_mode="inline"`: one file that opens offline). Its parts:

- the base map of `eventmap.mapping.build_map` (offline basemap, town labels in the chosen naming), with no
  event drawn by Python: the engine draws them;
- `#pb-config` and `#pb-data`: JSON (see `payload.py`) read by the engine; the interface strings of every
  language are embedded, so the language switches in the page without reloading and keeps the day shown;
- the engine, `static/eventmap/js/playback.js` and the modules it imports joined into one script
  (`eventmap.mapping.assets.js_bundle`), and `playback.css`: always inlined, they are the page's own code;
- an empty skeleton (title block, legend, card, control bar) that the engine fills with `textContent`.

Keys: Space plays or pauses, ← one day earlier, → one day later, in every language: the timeline runs left to
right in Arabic too, as media timelines do in right-to-left interfaces, so the arrows point the way the
slider moves. PageDown / PageUp (a presenter's clicker) step through the story: event by event, or step by
step for a teacher's story in steps (the step's days, view, ringed events and card).
"""

from __future__ import annotations

import html
import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd
from branca.element import Element

from base.errors import EventMapError
from eventmap.control.history import ControlHistory
from eventmap.filtering import Filters, describe_filters
from eventmap.i18n import DEFAULT_LANG, RTL_LANGS, direction, format_date, language_name, languages, strings, t
from eventmap.mapping import build_map
from eventmap.mapping.assets import js_bundle, page_of
from eventmap.playback.control import playback_control
from eventmap.playback.payload import Payload, build_payload, script_json
from eventmap.playback.stories import Story, StoryStep
from eventmap.scene import Lang, Scene
from eventmap.styling import SHAPES, STATUS_STYLES, side_colours
from geo.naming import Naming

PACKAGE_DIR = Path(__file__).resolve().parent
MODES: tuple[str, ...] = ("day", "window", "cumulative")
SPEEDS: tuple[float, ...] = (0.5, 1.0, 2.0, 3.0, 4.0)
MIN_SPEED, MAX_SPEED = 0.5, 4.0
MAX_WINDOW_DAYS = 365
# Catalogue keys the page uses (embedded for every language).
UI_PREFIXES: tuple[str, ...] = (
    "playback.", "legend.", "story.", "card.", "month.", "date.", "status.", "verification.", "event_type.", "lang.",
    "side.",  # the catalogue's names of known sides (eventmap.i18n.side_label); other sides show as in the data
)


class PlaybackOptionError(EventMapError, ValueError):
    """An option of the presentation document is out of range."""


class RawHtml(Element):
    """Markup put into the page as it is: never parsed as a Jinja template (data may contain `{{ }}`)."""

    def __init__(self, text: str) -> None:
        super().__init__("")
        self.text = text

    def render(self, **kwargs: object) -> str:
        return self.text


@dataclass(frozen=True, kw_only=True)
class Look:
    """Sizes for a 1920×1080 projector; every text in the page is at least 18 px."""

    marker_radius: float = 13.0
    marker_outline: float = 3.0
    label_size_px: int = 26
    text_size_px: int = 18
    fade_days: int = 21
    min_opacity: float = 0.3
    story_zoom: int = 9
    max_fit_zoom: int = 10
    fly_seconds: float = 1.2
    panel_width_px: int = 580


PROJECTOR = Look()


def build_playback_document(
    frame: pd.DataFrame,
    *,
    naming: Naming,
    lang: Lang = Lang.EN,
    asset_mode: str = "served",
    title: str | Mapping[str, str] | None = None,
    filters: Filters | None = None,
    story: Story | None = None,
    initial_date: date | None = None,
    mode: str = "cumulative",
    days: int = 7,
    speed: float = 1.0,
    basemap: str = "offline",
    labels: bool = True,
    language_switch: bool = True,
    remember: bool = False,
    bounds: tuple[float, float, float, float] | None = None,
    width: int | None = None,
    height: int | None = None,
    today: date | None = None,
    look: Look = PROJECTOR,
    scene: Scene | None = None,
    control: ControlHistory | None = None,
) -> str:
    """The whole HTML page for `frame` (the filtered events), ready to save or to put in an iframe.

    `filters` only describes the selection in words (the frame is already filtered); its dates, when set,
    are the timeline's range, else the data's first and last day (`today` when there is neither).
    `title` is one text or one per language (default: the app's title). `story` (see `stories.py`) is
    stepped through in its order; ids the frame lacks are left out (`Story.resolve` names them).
    `mode` is "day" (only the current day), "window" (the last `days` days) or "cumulative" (everything
    up to the current day, older events fading); `speed` is in days per second (0.5 to 4).
    `bounds` (south, west, north, east) is the first view; default: where most events are.
    `width`/`height` fix the page's size in px (default: the window's). With `remember`, the page keeps the
    day, mode and speed in the tab's session storage, so a rebuilt page (after a rerun) goes on where it was.
    With a `scene` (`eventmap.scene.build_scene` of `frame`), the page draws the scene: its side colours (of
    the whole data and the sides settings), its legend, its extent (unless `bounds` is given), labels and area
    layers. With a `control` history, the page draws the territorial control of the day shown (every state
    computed once, `eventmap.playback.control`); without a date filter its timeline runs to the last change of
    control.
    """
    _check_options(lang=lang, mode=mode, days=days, speed=speed, width=width, height=height)
    filters = filters or Filters()
    start, end = _date_range(frame, filters, initial_date=initial_date, today=today)
    if control is not None and filters.date_to is None:
        end = max(end, control.last_day)
    day = initial_date or start
    if not start <= day <= end:
        raise PlaybackOptionError(
            f"initial_date: outside the timeline {start.isoformat()} – {end.isoformat()} (got {day.isoformat()!r})"
        )
    payload = build_payload(frame, naming=naming, origin=start, lang=lang,
                            colours=scene.palette.as_dict() if scene is not None else None,
                            legend=scene.legend if scene is not None else None)
    if bounds is None and scene is not None:
        b = scene.extent.bounds
        bounds = (b.south, b.west, b.north, b.east)
    langs = languages()
    config = {
        "mapVar": "",
        "origin": start.isoformat(),
        "firstDay": 0,
        "lastDay": (end - start).days,
        "initialDay": (day - start).days,
        "mode": mode,
        "windowDays": days,
        "maxWindowDays": MAX_WINDOW_DAYS,
        "speed": speed,
        "speeds": sorted({*SPEEDS, float(speed)}),
        "fadeDays": look.fade_days,
        "minOpacity": look.min_opacity,
        "markerRadius": look.marker_radius,
        "markerOutline": look.marker_outline,
        "storyZoom": look.story_zoom,
        "maxFitZoom": look.max_fit_zoom,
        "flyDuration": look.fly_seconds,
        "panelWidth": look.panel_width_px,
        "bounds": _bounds_config(bounds, payload),
        "lang": lang,
        "fallbackLang": DEFAULT_LANG,
        "languages": [[code, language_name(code)] for code in langs],
        "rtl": sorted(RTL_LANGS),
        "strings": {code: strings(code, UI_PREFIXES) for code in langs},
        "titles": _titles(title, langs),
        "filters": {code: describe_filters(filters, code) for code in langs},
        "withoutPlace": payload.without_place,
        "story": _story_config(story, payload, langs),
        "languageSwitch": language_switch,
        "remember": _memory_key(payload, start, end) if remember else None,
        "autofocus": True,
        "shapes": {name: shape.svg_path for name, shape in SHAPES.items()},
        "statusStyles": {
            name: {"filled": s.filled, "fillOpacity": s.fill_opacity, "stroke": s.stroke_width, "dash": s.dash,
                   "opacity": s.opacity}
            for name, s in STATUS_STYLES.items()
        },
    }
    if control is not None:
        sides = sorted({area.side for state in control.states for area in state.areas})
        config["control"] = playback_control(
            control, langs=langs, first=start, last=end,
            colours=side_colours(sides))
    m = build_map(frame, naming=naming, basemap=basemap, lang=lang, asset_mode=asset_mode, with_events=False,
                  labels=labels, label_size_px=look.label_size_px, text_size_px=look.text_size_px,
                  scene=replace(scene, control=None) if scene is not None else None)  # control: by day, below
    config["mapVar"] = m.get_name()
    root = page_of(m)
    page_title = _titles(title, [lang])[lang]
    size_css = _size_css(width, height)
    root.header.add_child(RawHtml(
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(page_title)}</title>"
        f"<style>{_asset_text('playback.css')}{size_css}</style>"
    ), name="playback_head")
    root.html.add_child(RawHtml(
        _skeleton(lang)
        + f'<script type="application/json" id="pb-config">{script_json(config)}</script>'
        + f'<script type="application/json" id="pb-data">{script_json(payload.data)}</script>'
        + f"<script>{_in_script(js_bundle('playback'))}</script>"
    ), name="playback_body")
    page = root.render()
    return page.replace("<html>", f'<html lang="{html.escape(lang)}">', 1)


def _check_options(*, lang: str, mode: str, days: int, speed: float, width: int | None, height: int | None) -> None:
    if lang not in languages():
        raise PlaybackOptionError(f"lang: one of {', '.join(languages())} (got {lang!r})")
    if mode not in MODES:
        raise PlaybackOptionError(f"mode: one of {', '.join(MODES)} (got {mode!r})")
    if not isinstance(days, int) or not 1 <= days <= MAX_WINDOW_DAYS:
        raise PlaybackOptionError(f"days: a whole number from 1 to {MAX_WINDOW_DAYS} (got {days!r})")
    if not (isinstance(speed, int | float) and math.isfinite(speed) and MIN_SPEED <= speed <= MAX_SPEED):
        raise PlaybackOptionError(f"speed: days per second from {MIN_SPEED} to {MAX_SPEED} (got {speed!r})")
    for name, value in (("width", width), ("height", height)):
        if value is not None and (not isinstance(value, int) or not 200 <= value <= 20000):
            raise PlaybackOptionError(f"{name}: pixels from 200 to 20000 (got {value!r})")


def _date_range(frame: pd.DataFrame, filters: Filters, *, initial_date: date | None,
                today: date | None) -> tuple[date, date]:
    first = frame["date"].min().date() if len(frame) else None
    last = frame["date"].max().date() if len(frame) else None
    start = filters.date_from or first or initial_date or filters.date_to or today or date.today()
    end = filters.date_to or last or start
    if first is not None and first < start:
        start = first
    if last is not None and last > end:
        end = last
    return start, max(start, end)


def _bounds_config(bounds: tuple[float, float, float, float] | None, payload: Payload) -> list[list[float]] | None:
    if bounds is not None:
        south, west, north, east = bounds
        return [[south, west], [north, east]]
    lats = [lat for lat, _ in payload.points]
    lons = [lon for _, lon in payload.points]
    if not lats:
        return None
    return _core_bounds(lats, lons)


def _core_bounds(lats: list[float], lons: list[float]) -> list[list[float]]:
    """Where the war is: the events near the median point (within 4 median deviations, at least 1.5°),
    with a margin. A few far-away events (talks in Moscow or Geneva, statements in Ankara) do not
    shrink the war to a dot; they are one story step or a zoom out away.
    """
    def keep_range(values: list[float]) -> tuple[float, float]:
        middle = statistics.median(values)
        deviation = statistics.median(abs(v - middle) for v in values)
        half = max(4 * 1.4826 * deviation, 1.5)
        return middle - half, middle + half

    lat_low, lat_high = keep_range(lats)
    lon_low, lon_high = keep_range(lons)
    kept = [(la, lo) for la, lo in zip(lats, lons, strict=True)
            if lat_low <= la <= lat_high and lon_low <= lo <= lon_high] or list(zip(lats, lons, strict=True))
    south, north = min(p[0] for p in kept), max(p[0] for p in kept)
    west, east = min(p[1] for p in kept), max(p[1] for p in kept)
    margin_lat, margin_lon = max((north - south) * 0.08, 0.05), max((east - west) * 0.08, 0.05)
    return [[round(south - margin_lat, 4), round(west - margin_lon, 4)],
            [round(north + margin_lat, 4), round(east + margin_lon, 4)]]


def _memory_key(payload: Payload, start: date, end: date) -> str:
    """Names what the remembered state belongs to: the same timeline and the same number of events."""
    return f"eventmap.playback:{start.isoformat()}:{end.isoformat()}:{len(payload.event_ids)}"


def _titles(title: str | Mapping[str, str] | None, langs: Sequence[str]) -> dict[str, str]:
    if title is None:
        return {code: t("app.title", code) for code in langs}
    if isinstance(title, str):
        return dict.fromkeys(langs, title)
    fallback = title.get(DEFAULT_LANG) or next(iter(title.values()), "") or t("app.title", DEFAULT_LANG)
    return {code: title.get(code) or fallback for code in langs}


def _story_config(story: Story | None, payload: Payload, langs: Sequence[str]) -> dict[str, object] | None:
    if story is None:
        return None
    known = list(payload.event_ids)
    resolved = story.resolve(known)
    if not resolved.event_ids and not story.steps:
        return None
    config: dict[str, object] = {"key": story.key, "titles": {code: story.title(code) for code in langs},
                                 "ids": list(resolved.event_ids)}
    if story.steps:  # a story in steps: each highlighted event's card says its step's title and text
        steps: dict[str, dict[str, str]] = {}
        for step in story.steps:
            for event_id in step.event_ids:
                steps.setdefault(event_id, {code: f"{step.title(code)}: {step.text(code)}" for code in langs})
        config["steps"] = steps
        present = set(resolved.event_ids)
        config["stepList"] = [_step_config(step, present, langs) for step in story.steps]
    return config


def _step_config(step: StoryStep, present: set[str], langs: Sequence[str]) -> dict[str, object]:
    """One step as the page steps through it: its days, its view, the ids it rings, its words and dates per
    language (the page puts every one in as text)."""
    view: dict[str, object] | None = None
    if step.view.bbox is not None:
        view = {"bbox": list(step.view.bbox)}
    elif step.view.center is not None:
        view = {"center": list(step.view.center), "zoom": step.view.zoom}

    def dates(code: str) -> str:
        first, last = format_date(step.date_from, code), format_date(step.date_to, code)
        return first if step.date_from == step.date_to else f"{first} – {last}"

    return {"from": step.date_from.isoformat(), "to": step.date_to.isoformat(), "view": view,
            "ids": [i for i in step.event_ids if i in present],
            "titles": {code: step.title(code) for code in langs}, "texts": {code: step.text(code) for code in langs},
            "dates": {code: dates(code) for code in langs}}


def _size_css(width: int | None, height: int | None) -> str:
    if width is None and height is None:
        return ""
    rules = [f"width:{width}px" if width else "", f"height:{height}px" if height else ""]
    return "html,body{" + ";".join(r for r in rules if r) + "}"


@cache
def _asset_text(name: str) -> str:
    text = (PACKAGE_DIR / name).read_text(encoding="utf-8")
    tag = "style" if name.endswith(".css") else "script"
    return text.replace(f"</{tag}", f"<\\/{tag}")


def _in_script(text: str) -> str:
    return text.replace("</script", "<\\/script")


_ICONS = {
    "back": '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 5h2.5v14H6zM20 5v14L9.5 12z"/></svg>',
    "play": '<svg class="pb-icon-play" viewBox="0 0 24 24" aria-hidden="true"><path d="M7 4v16l13-8z"/></svg>',
    "pause": '<svg class="pb-icon-pause" viewBox="0 0 24 24" aria-hidden="true">'
             '<path d="M6 4h4.5v16H6zM13.5 4H18v16h-4.5z"/></svg>',
    "forward": '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M15.5 5H18v14h-2.5zM4 5v14l10.5-7z"/></svg>',
}


def _skeleton(lang: str) -> str:
    """The page's fixed elements, empty: the engine writes every text into them."""
    return f"""
<div id="pb-root" class="pb" lang="{html.escape(lang)}" dir="{direction(lang)}">
  <section id="pb-title" class="pb-panel pb-title" aria-live="polite">
    <div id="pb-title-text" class="pb-title-text"></div>
    <div id="pb-date" class="pb-date"></div>
    <div id="pb-dayof" class="pb-sub"></div>
    <div id="pb-range" class="pb-sub"></div>
    <div id="pb-filters" class="pb-sub"></div>
    <div id="pb-count" class="pb-sub"></div>
  </section>
  <section id="pb-legend" class="pb-panel pb-legend"></section>
  <section id="pb-card" class="pb-panel pb-card" hidden>
    <button type="button" id="pb-card-close" class="pb-button pb-card-close"></button>
    <div id="pb-card-body"></div>
    <div id="pb-card-pager" class="pb-card-pager" hidden>
      <button type="button" id="pb-card-prev" class="pb-button">{_ICONS["back"]}</button>
      <span id="pb-card-page"></span>
      <button type="button" id="pb-card-next" class="pb-button">{_ICONS["forward"]}</button>
    </div>
  </section>
  <div id="pb-keys" class="pb-keys" hidden></div>
  <nav id="pb-bar" class="pb-bar">
    <div class="pb-transport">
      <button type="button" id="pb-back" class="pb-button">{_ICONS["back"]}</button>
      <button type="button" id="pb-play" class="pb-button">{_ICONS["play"]}{_ICONS["pause"]}<span id="pb-play-text">
      </span></button>
      <button type="button" id="pb-fwd" class="pb-button">{_ICONS["forward"]}</button>
    </div>
    <input type="range" id="pb-slider" class="pb-slider" min="0" max="0" step="1" value="0">
    <label><span id="pb-speed-label"></span><select id="pb-speed"></select></label>
    <label><span id="pb-mode-label"></span><select id="pb-mode"></select></label>
    <label id="pb-window-wrap"><span id="pb-window-label"></span>
      <input type="number" id="pb-window" min="1" max="{MAX_WINDOW_DAYS}" step="1"></label>
    <div id="pb-story" class="pb-group"><span id="pb-story-label"></span>
      <div class="pb-transport">
        <button type="button" id="pb-story-prev" class="pb-button">{_ICONS["back"]}</button>
        <span id="pb-story-pos"></span>
        <button type="button" id="pb-story-next" class="pb-button">{_ICONS["forward"]}</button>
      </div>
    </div>
    <div id="pb-langs" class="pb-group" role="group"></div>
    <button type="button" id="pb-help" class="pb-button pb-help" aria-controls="pb-keys"></button>
  </nav>
</div>
"""
