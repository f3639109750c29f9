"""A scene's events as typed columns for the WebGL point layer (`static/eventmap/js/glpoints.js`).

Above a few thousand events the map draws every event as a point on a WebGL canvas, not as clustered
markers. The payload holds no object per event: each column is one base64 string of a little-endian typed
array, one entry per event in the scene's order (`Marks`):

- ``lon``, ``lat``: Float32 degrees;
- ``side``: Uint8 (Uint16 past 255 sides) index into the scene's palette (``sides``, ``colours``);
- ``type``: Uint8 index into ``types`` (their labels) and ``shapes`` (the marker shape of each);
- ``status``: Uint8 index into ``statuses`` and ``statusStyles`` (filled or hollow, opacity);
- ``day``: Uint16 days after ``day0`` (65535 = unknown).

Per event that is 13 bytes, about 17 in base64: 100,000 events are 1.7 MB. No description, actor or source
travels with the points: a click gives the event's index, the browser reports it as ``em-point:KEY:INDEX``
(`PickedPoint`) and the app shows that event's card from Python. ``key`` names the events in the payload,
so a click on an older layer is never read against a newer one. Labels are raw text: the browser puts them
into the page as text nodes.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from eventmap.i18n import direction, side_label, t
from eventmap.scene import Marks, Palette
from eventmap.scene.cards import term
from eventmap.schema import EVENT_TYPES, STATUSES
from eventmap.styling import SHAPES, STATUS_STYLES, shape_for, status_style

POINTS_FROM = 5_000  # more located events than this: WebGL points (fewer: clustered markers, which read better)
UNKNOWN_DAY = 65535
CHUNK_POINTS = 100_000  # points drawn per animation frame at most (a million in view fill in over ten frames)


def point_size_px(n: int) -> float:
    """Points are smaller when there are many: less overdraw, and a software renderer fills fewer pixels."""
    return 7.0 if n <= 50_000 else 5.0 if n <= 300_000 else 4.0
PICK_PREFIX = "em-point"
_PICK = re.compile(rf"^{PICK_PREFIX}:([0-9a-f]{{16}}):([0-9]{{1,9}})$")


@dataclass(frozen=True, slots=True)
class PickedPoint:
    """A point clicked on the WebGL layer: the payload's `key` and the event's index in it."""

    key: str
    index: int

    @classmethod
    def parse(cls, text: object) -> PickedPoint | None:
        """``em-point:KEY:INDEX`` as the browser reports it; None for anything else."""
        if not isinstance(text, str):
            return None
        match = _PICK.match(text.strip())
        return cls(match.group(1), int(match.group(2))) if match else None


def marks_key(marks: Marks) -> str:
    """A short name of the events of `marks` (their ids in order): which layer a click belongs to."""
    return ids_key(marks.ids)


def ids_key(ids: Sequence[str]) -> str:
    """`marks_key` of events with these ids."""
    digest = hashlib.sha256("\x1f".join(ids).encode("utf-8"))
    digest.update(str(len(ids)).encode())
    return digest.hexdigest()[:16]


def event_id_of(marks: Marks, picked: PickedPoint | None) -> str | None:
    """The id of the event `picked` names, when it was picked on a layer of these `marks`."""
    if picked is None or picked.key != marks_key(marks) or not 0 <= picked.index < len(marks):
        return None
    return marks.ids[picked.index]


def _b64(array: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<")).tobytes()).decode("ascii")


def codes_of(values: tuple[str, ...], known: tuple[str, ...]) -> tuple[np.ndarray, list[str]]:
    """Uint8 codes of `values` into `known` followed by the other values met (sorted)."""
    present = pd.unique(np.asarray(values, dtype=object)) if values else np.array([], dtype=object)
    names = [*known, *sorted(set(present.tolist()) - set(known))]
    codes = pd.Categorical(values, categories=names).codes if values else np.zeros(0, dtype=np.int8)
    return codes.astype(np.uint8 if len(names) < 256 else np.uint16), names


def day_codes(days: tuple[str, ...]) -> tuple[np.ndarray, str]:
    parsed = pd.to_datetime(pd.Series(days, dtype=object), format="%Y-%m-%d", errors="coerce")
    known = parsed.dropna()
    day0 = known.min() if len(known) else pd.Timestamp("1970-01-01")
    offsets = ((parsed - day0).dt.days).to_numpy(dtype=float, na_value=np.nan)
    offsets = np.where(np.isfinite(offsets) & (offsets >= 0) & (offsets < UNKNOWN_DAY), offsets, UNKNOWN_DAY)
    return offsets.astype(np.uint16), day0.strftime("%Y-%m-%d")


def point_payload(marks: Marks, palette: Palette, *, lang: str, total: int | None = None) -> dict[str, Any]:
    """The JSON-ready payload of the WebGL point layer (see the module's docstring)."""
    n = len(marks)
    side = np.asarray(marks.side, dtype=np.int64) if n else np.zeros(0, dtype=np.int64)
    side_codes = side.astype(np.uint8 if len(palette.sides) < 256 else np.uint16)
    shape_names = list(SHAPES)
    shape_codes, shapes_met = codes_of(marks.shape, tuple(shape_names))
    status_codes, statuses = codes_of(marks.status, STATUSES)
    days, day0 = day_codes(marks.day)
    type_labels: dict[str, list[str]] = {}
    for event_type in EVENT_TYPES:
        type_labels.setdefault(shape_for(event_type).name, []).append(term("event_type", event_type, lang))
    return {
        "version": 1, "mode": "gl",
        "key": marks_key(marks), "n": n, "total": n if total is None else total,
        "dir": direction(lang), "pointSizePx": point_size_px(n), "chunkPoints": CHUNK_POINTS,
        "lon": _b64(np.asarray(marks.lon, dtype=np.float32)),
        "lat": _b64(np.asarray(marks.lat, dtype=np.float32)),
        "side": _b64(side_codes), "sideBytes": side_codes.dtype.itemsize,
        "type": _b64(shape_codes), "typeBytes": shape_codes.dtype.itemsize,
        "status": _b64(status_codes), "statusBytes": status_codes.dtype.itemsize,
        "day": _b64(days), "day0": day0,
        "sides": side_names(palette, lang),
        "colours": list(palette.colours),
        "types": [" / ".join(type_labels.get(shape) or [t("map.points.other_type", lang)]) for shape in shapes_met],
        "shapes": shapes_met,
        "statuses": [term("status", s, lang) for s in statuses],
        "statusStyles": [status_look(s) for s in statuses],
        "strings": {**strings_of(lang), "drawn": t("map.points.drawn", lang, n=f"{n:,}")},
    }


def side_names(palette: Palette, lang: str) -> list[str]:
    """The palette's sides as the point summaries name them."""
    return [side_label(s, lang) if s else t("map.legend.no_side", lang) for s in palette.sides]


def strings_of(lang: str) -> dict[str, str]:
    """The layer's interface strings."""
    return {"details": t("map.points.details", lang), "noWebgl": t("map.points.no_webgl", lang),
            "noPoints": t("map.points.no_data", lang)}


def status_look(status: str) -> dict[str, Any]:
    style = STATUS_STYLES.get(status) or status_style(status)
    return {"filled": style.filled, "opacity": style.opacity, "fillOpacity": style.fill_opacity}


def payload_bytes(payload: dict[str, Any]) -> int:
    """Bytes of the payload's typed columns (base64), the bulk of what the browser receives."""
    return sum(len(payload[name]) for name in ("lon", "lat", "side", "type", "status", "day"))
