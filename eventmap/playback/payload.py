"""The events as the playback engine reads them: compact JSON for a `<script type="application/json">`.

What the page shows comes from the scene: the legend's sides, event types and claim statuses are the scene's
legend, in its order (`eventmap.scene.Legend`; most events first), and each card's fields follow the scene's
card rules (`eventmap.scene.cards`: the place in the chosen naming, the row's country settling shared names;
links only for http(s) sources; a language code only when it is one). The engine names the legend's and
the card's terms in the page's language, from the catalogue embedded in the page.

Nothing from the data runs in the browser: the JSON is parsed with `JSON.parse` and every text is put on
the page with `textContent`; `<`, `>`, `&` and the two JavaScript line separators are escaped so that no
cell (e.g. `</script>`) can end the script element.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from eventmap.scene import Lang, Legend, Palette
from eventmap.scene.build import scene_legend
from eventmap.scene.cards import DESCRIPTION_COLUMNS, described, language_code, place_name, term, web_url
from eventmap.schema import split_sources
from eventmap.styling import DEFAULT_SHAPE, side_colours
from geo.naming import Naming

# The text of one event, in the order of `DETAIL_FIELDS` (the engine reads them by this list).
DETAIL_FIELDS: tuple[str, ...] = (
    "id", "place", "side", "actor", "target", "event_type", "sub_event_type", "description",
    "description_original", "language", "fatalities", "injured", "claimed_by", "status", "disputed_by",
    "verification", "sources", "notes", "report_date",
)
_JSON_ESCAPES = (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


@dataclass(frozen=True, kw_only=True)
class Payload:
    """The JSON-ready events plus what the title block needs to know about them."""

    data: dict[str, object]
    first_day: date | None
    last_day: date | None
    on_map: int
    without_place: int
    event_ids: tuple[str, ...] = ()  # in the engine's order (by day)
    points: tuple[tuple[float, float], ...] = ()  # (lat, lon) of the events that have a place


@lru_cache(maxsize=65536)
def safe_link(source: str) -> str | None:
    """`source` when it is an absolute `http`/`https` URL, else None (shown as plain text): the scene's rule."""
    return web_url(source)


def script_json(value: object) -> str:
    """`value` as compact JSON that is safe inside an HTML `<script type="application/json">` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for character, escape in _JSON_ESCAPES:
        text = text.replace(character, escape)
    return text


def build_payload(
    frame: pd.DataFrame,
    *,
    naming: Naming,
    origin: date | None = None,
    sides_config_path: Path | None = None,
    type_shapes: Mapping[str, str] | None = None,
    colours: Mapping[str, str] | None = None,
    lang: str | None = None,
    legend: Legend | None = None,
) -> Payload:
    """The engine's data for `frame` (one row per event at one place), sorted by day, stable within a day.

    `data` holds `origin` (day 0, ISO: `origin`, default the first event's day), the legend's `sides`
    (`[name, colour]`), `types` (`[event_type, shape name]`) and `statuses`, in the order of `legend` (a
    scene's; default: the scene's rule applied to `frame`), and per event: `d` (day
    number from `origin`), `lat`/`lon` (null when not geocoded), `s`, `t` and `c` (indexes into `sides`,
    `types` and `statuses`) and `detail` (one list per event, in the order of `DETAIL_FIELDS`).
    With `lang`, the texts a card shows are those of the scene's cards in that language (the description in
    it where the data has one, sub-types in its words: `eventmap.scene.cards`); without, the data's own.
    """
    rows = frame.sort_values("date", kind="stable") if len(frame) else frame
    present = sorted({str(s) for s in rows["side"]}) if len(rows) else []
    if colours is None:  # a scene's palette (`eventmap.scene.Palette.as_dict`) gives the colours of the whole data
        colours = side_colours(present) if sides_config_path is None else side_colours(
            present, config_path=sides_config_path)
    if legend is None:
        palette = {side: colours.get(side, "#777777") for side in present}
        legend = scene_legend(rows, Palette(sides=tuple(palette), colours=tuple(palette.values())), lang=Lang.EN)
    sides = _in_order([s.side for s in legend.sides], rows["side"] if len(rows) else [])
    shape_of = {ty.event_type: ty.shape for ty in legend.types}
    if type_shapes is not None:
        shape_of.update(type_shapes)
    types = _in_order([ty.event_type for ty in legend.types], rows["event_type"] if len(rows) else [])
    statuses = _in_order([s.status for s in legend.statuses], rows["status"] if len(rows) else [])
    side_index = {name: i for i, name in enumerate(sides)}
    type_index = {name: i for i, name in enumerate(types)}
    status_index = {name: i for i, name in enumerate(statuses)}
    first_day = rows["date"].min().date() if len(rows) else None
    last_day = rows["date"].max().date() if len(rows) else None
    origin = origin or first_day
    day_numbers = (pd.to_datetime(rows["date"]) - pd.Timestamp(origin)).dt.days.tolist() if origin else []
    lats = [_coordinate(v) for v in rows["latitude"].tolist()]
    lons = [_coordinate(v) for v in rows["longitude"].tolist()]
    for i, (lat, lon) in enumerate(zip(lats, lons, strict=True)):
        if lat is None or lon is None:
            lats[i] = lons[i] = None
    details = _details(rows, naming=naming, lang=lang)
    data: dict[str, object] = {
        "origin": origin.isoformat() if origin else None,
        "sides": [[name, colours.get(name, "#777777")] for name in sides],
        "types": [[name, shape_of.get(name, DEFAULT_SHAPE)] for name in types],
        "statuses": statuses,
        "fields": list(DETAIL_FIELDS),
        "d": day_numbers,
        "lat": lats,
        "lon": lons,
        "s": [side_index[str(v)] for v in rows["side"]],
        "t": [type_index[str(v)] for v in rows["event_type"]],
        "c": [status_index[str(v)] for v in rows["status"]],
        "detail": details,
    }
    on_map = sum(1 for lat in lats if lat is not None)
    points = tuple((lat, lon) for lat, lon in zip(lats, lons, strict=True) if lat is not None and lon is not None)
    return Payload(data=data, first_day=first_day, last_day=last_day, on_map=on_map,
                   without_place=len(lats) - on_map, event_ids=tuple(str(row[0]) for row in details), points=points)


def _in_order(shown: list[str], values: object) -> list[str]:
    """The legend's values in its order, then any other value of the column (an empty one: no legend row)."""
    rest = sorted({str(v) for v in values} - set(shown))  # type: ignore[attr-defined]
    return [*shown, *rest]


def _coordinate(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return round(number, 5) if math.isfinite(number) else None


def _count(value: object) -> int | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, int | float | np.integer | np.floating):
        return int(value)
    return int(float(str(value)))  # a count cell the schema checked: a number in another type


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


_LANGUAGE_COLUMNS = tuple(column for pair in DESCRIPTION_COLUMNS.values() for column in pair)
_TEXT_FIELDS = ("side", "actor", "target", "event_type", "sub_event_type", "description", "description_original",
                "language", "claimed_by", "status", "disputed_by", "verification", "notes")


def _in_language(columns: dict[str, list[object]], rows: pd.DataFrame, lang: str) -> None:
    """The card texts of `columns` in `lang`, as `eventmap.scene.cards` decides them."""
    extra = {name: [_text(v) for v in rows[name].tolist()] if name in rows else [""] * len(rows)
             for name in _LANGUAGE_COLUMNS}
    texts = {**columns, **extra}
    stories = [described(dict(zip(texts, values, strict=True)), lang) for values in zip(*texts.values(), strict=True)]
    columns["description"] = [story.description for story in stories]
    columns["description_original"] = [story.original for story in stories]
    columns["language"] = [story.original_language if story.original else "" for story in stories]
    words: dict[str, str] = {}
    for i, sub_type in enumerate(columns["sub_event_type"]):
        if sub_type and sub_type not in words:
            words[str(sub_type)] = term("sub_event_type", str(sub_type), lang)
        columns["sub_event_type"][i] = words.get(str(sub_type), sub_type)


def _details(rows: pd.DataFrame, *, naming: Naming, lang: str | None = None) -> list[list[object]]:
    """One list per row, in the order of `DETAIL_FIELDS` (columns read once as Python lists: fast)."""
    names: dict[tuple[str, str], str] = {}

    def place(location: str, country: str) -> str:
        if (location, country) not in names:
            names[location, country] = place_name({"location": location, "country": country}, naming)
        return names[location, country]

    columns: dict[str, list[object]] = {name: [_text(v) for v in rows[name].tolist()] for name in _TEXT_FIELDS}
    if lang is not None and len(rows):
        _in_language(columns, rows, lang)
    columns["language"] = [language_code(v) for v in columns["language"]]  # type: ignore[arg-type]
    columns["id"] = [_text(v) for v in rows["event_id"].tolist()]
    countries = rows["country"].tolist() if "country" in rows else [""] * len(rows)
    columns["place"] = [place(_text(v), _text(c)) for v, c in zip(rows["location"].tolist(), countries, strict=True)]
    columns["fatalities"] = [_count(v) for v in rows["fatalities"].tolist()]
    columns["injured"] = [_count(v) for v in rows["injured"].tolist()]
    # [http(s) address or "", text]: the scene's `Source`, in the map popup's order (static/eventmap/js/sources.js)
    columns["sources"] = [[[safe_link(source) or "", source.strip()] for source in split_sources(_text(v))]
                          for v in rows["sources"].tolist()]
    columns["report_date"] = [None if pd.isna(v) else v.date().isoformat() for v in rows["report_date"].tolist()]
    ordered = [columns[name] for name in DETAIL_FIELDS]
    return [list(values) for values in zip(*ordered, strict=True)] if len(rows) else []
