"""The events as the playback engine reads them: compact JSON for a `<script type="application/json">`.

Nothing from the data runs in the browser: the JSON is parsed with `JSON.parse` and every text is put on
the page with `textContent`; `<`, `>`, `&` and the two JavaScript line separators are escaped so that no
cell (e.g. `</script>`) can end the script element; only `http`/`https` sources become links.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from eventmap.scene.cards import DESCRIPTION_COLUMNS, described, term
from eventmap.schema import split_sources
from eventmap.styling import DEFAULT_SHAPE, EVENT_TYPE_SHAPES, side_colours
from geo.naming import Naming, display_name

# The text of one event, in the order of `DETAIL_FIELDS` (the engine reads them by this list).
DETAIL_FIELDS: tuple[str, ...] = (
    "id", "place", "side", "actor", "target", "event_type", "sub_event_type", "description",
    "description_original", "language", "fatalities", "injured", "claimed_by", "status", "disputed_by",
    "verification", "sources", "notes", "report_date",
)
_JSON_ESCAPES = (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
_SPACE = re.compile(r"\s")


@dataclass(frozen=True, kw_only=True)
class Payload:
    """The JSON-ready events plus what the title block needs to know about them."""

    data: dict[str, object]
    first_day: date | None
    last_day: date | None
    on_map: int
    without_place: int


@lru_cache(maxsize=65536)
def safe_link(source: str) -> str | None:
    """`source` when it is an absolute `http`/`https` URL, else None (shown as plain text)."""
    text = source.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() in {"http", "https"} and parts.netloc and not _SPACE.search(text):
        return text
    return None


def script_json(value: object) -> str:
    """`value` as compact JSON that is safe inside an HTML `<script type="application/json">` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for character, escape in _JSON_ESCAPES:
        text = text.replace(character, escape)
    return text


def build_payload(
    frame: pd.DataFrame,
    *,
    naming: Naming | str,
    origin: date | None = None,
    sides_config_path: Path | None = None,
    type_shapes: Mapping[str, str] | None = None,
    colours: Mapping[str, str] | None = None,
    lang: str | None = None,
) -> Payload:
    """The engine's data for `frame` (one row per event at one place), sorted by day, stable within a day.

    `data` holds `origin` (day 0, ISO: `origin`, default the first event's day), the legend's `sides`
    (`[name, colour]`), `types` (`[event_type, shape name]`) and `statuses`, and per event: `d` (day
    number from `origin`), `lat`/`lon` (null when not geocoded), `s`, `t` and `c` (indexes into `sides`,
    `types` and `statuses`) and `detail` (one list per event, in the order of `DETAIL_FIELDS`).
    With `lang`, the texts a card shows are those of the scene's cards in that language (the description in
    it where the data has one, sub-types in its words: `eventmap.scene.cards`); without, the data's own.
    """
    naming = Naming(naming)
    shapes = EVENT_TYPE_SHAPES if type_shapes is None else type_shapes
    rows = frame.sort_values("date", kind="stable") if len(frame) else frame
    sides = sorted({str(s) for s in rows["side"]}) if len(rows) else []
    if colours is None:  # a scene's palette (`eventmap.scene.Palette.as_dict`) gives the colours of the whole data
        colour_kwargs = {} if sides_config_path is None else {"config_path": sides_config_path}
        colours = side_colours(sides, **colour_kwargs)
    types = sorted({str(v) for v in rows["event_type"]}) if len(rows) else []
    side_index = {name: i for i, name in enumerate(sides)}
    type_index = {name: i for i, name in enumerate(types)}

    statuses = sorted({str(v) for v in rows["status"]}) if len(rows) else []
    status_index = {name: i for i, name in enumerate(statuses)}
    first_day = rows["date"].min().date() if len(rows) else None
    last_day = rows["date"].max().date() if len(rows) else None
    origin = origin or first_day
    day_numbers = ((rows["date"] - pd.Timestamp(origin)).dt.days.tolist()) if len(rows) else []
    lats = [_coordinate(v) for v in rows["latitude"].tolist()]
    lons = [_coordinate(v) for v in rows["longitude"].tolist()]
    for i, (lat, lon) in enumerate(zip(lats, lons, strict=True)):
        if lat is None or lon is None:
            lats[i] = lons[i] = None
    details = _details(rows, naming=naming, lang=lang)
    data: dict[str, object] = {
        "origin": origin.isoformat() if origin else None,
        "sides": [[name, colours.get(name, "#777777")] for name in sides],
        "types": [[name, shapes.get(name, DEFAULT_SHAPE)] for name in types],
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
    return Payload(data=data, first_day=first_day, last_day=last_day, on_map=on_map,
                   without_place=len(lats) - on_map)


def _coordinate(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return round(number, 5) if math.isfinite(number) else None


def _count(value: object) -> int | None:
    return None if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) else int(value)


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
    names: dict[str, str] = {}

    def place(location: str) -> str:
        if location not in names:
            names[location] = display_name(location, naming) if location else ""
        return names[location]

    columns: dict[str, list[object]] = {name: [_text(v) for v in rows[name].tolist()] for name in _TEXT_FIELDS}
    if lang is not None and len(rows):
        _in_language(columns, rows, lang)
    columns["id"] = [_text(v) for v in rows["event_id"].tolist()]
    columns["place"] = [place(_text(v)) for v in rows["location"].tolist()]
    columns["fatalities"] = [_count(v) for v in rows["fatalities"].tolist()]
    columns["injured"] = [_count(v) for v in rows["injured"].tolist()]
    columns["sources"] = [[[source, safe_link(source)] for source in split_sources(_text(v))]
                          for v in rows["sources"].tolist()]
    columns["report_date"] = [None if pd.isna(v) else v.date().isoformat() for v in rows["report_date"].tolist()]
    ordered = [columns[name] for name in DETAIL_FIELDS]
    return [list(values) for values in zip(*ordered, strict=True)] if len(rows) else []
