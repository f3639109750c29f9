"""The WebGL point layer by reference: the whole data's columns travel once, a filter change sends a small value.

`point_payload` puts the filtered events' typed columns inside the layer (17 MB at a million events), so every
filter change and every click that adds the highlight sent them again. In the dashboard the layer is instead:

- `DataPoints`: the typed columns of every located event of the WHOLE data (`data_points`), one binary file
  per data version and palette (`publish`: ``static/eventmap/points/<sha256>.bin.gz``, served by Streamlit at
  ``/app/static/eventmap/points/...``, content-addressed, written atomically, the newest few kept). It is
  gzipped once when written, so Streamlit sends the file from disk as `application/gzip` instead of gzipping
  13 MB again for every visitor; the browser unzips it with its own `DecompressionStream`, fetches it once
  and keeps the decoded columns per URL (``static/eventmap/js/pointdata.js``);
- `filter_value`: what the layer draws of them, as predicates the browser evaluates on those columns (side,
  event type, status codes and a day range) and, only for what they cannot say (place, text, sources,
  fatalities...), the events kept as a packed bitmask (1 bit per event, base64), an index list, or a list of
  the events left out, whichever is smallest. It is made from the Python filter's result (the shown rows),
  not from the filter: the browser draws exactly the events shown, however they were chosen;
- `shared_payload`: the layer's JSON (the URL, the column layout, the filter value, the palette's labels);
  no column travels in it. A click gives the index into the whole data's columns and `key` names the data
  version (`marks_key` of every located event), not the filter: `data.event_id(picked)`.

The standalone HTML export keeps `point_payload` (inline columns, offline). Layout of the file, little-endian,
each column starting at a multiple of 4 bytes: ``lon``, ``lat`` (Float32), ``day`` (Uint16), ``side``
(Uint8, Uint16 past 255 sides), ``type`` (Uint8 event type code), ``status`` (Uint8): 13 bytes per event.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from base.atomic import write_atomic
from eventmap.i18n import direction
from eventmap.mapping.assets import SERVED_PREFIX, STATIC_DIR
from eventmap.mapping.points import (
    CHUNK_POINTS,
    UNKNOWN_DAY,
    PickedPoint,
    ids_key,
    point_size_px,
    side_names,
    status_look,
    strings_of,
)
from eventmap.scene import Marks, Palette
from eventmap.scene.build import located_mask
from eventmap.scene.cards import term
from eventmap.schema import EVENT_TYPES, STATUSES
from eventmap.styling import shape_for

POINTS_FOLDER = STATIC_DIR / "eventmap" / "points"
POINTS_URL = f"{SERVED_PREFIX}/eventmap/points"
KEEP_FILES = 6  # data versions kept in the folder (other sessions may still show an older one)
MAX_SERVED_BYTES = 200 * 1024 * 1024  # Streamlit serves no larger static file (about 15 million events)
GZIP_LEVEL = 1  # 13 MB of columns (a million events) in about 0.2 s, to about 60% of their size
COLUMN_ORDER = ("lon", "lat", "day", "side", "type", "status")


@dataclass(frozen=True, slots=True, eq=False)
class DataPoints:
    """Every located event of the whole data as typed columns (see the module's docstring)."""

    key: str  # `marks_key` of these events (`ids_key`): the data version a click names
    palette: Palette
    labels: pd.Index  # the frame's index label of each event (its hash table, built once, finds the shown rows)
    ids: np.ndarray  # event ids (object array) in the frame's order; a click's index is a position in these
    side: np.ndarray
    type: np.ndarray
    status: np.ndarray
    day: np.ndarray
    day0: str
    day_exact: bool  # every known date has a day code (a day range can be evaluated in the browser)
    type_names: tuple[str, ...]
    status_names: tuple[str, ...]
    layout: dict[str, list[Any]]  # column -> [byte offset, kind]
    blob: bytes
    digest: str  # sha256 of `blob`: the file's name

    @property
    def n(self) -> int:
        return len(self.ids)

    def event_id(self, picked: PickedPoint | None) -> str | None:
        """The id of the event `picked` names, when it was picked on a layer of these columns."""
        if picked is None or picked.key != self.key or not 0 <= picked.index < self.n:
            return None
        return str(self.ids[picked.index])


def data_points(frame: pd.DataFrame, palette: Palette) -> DataPoints:
    """The columns of every located event of `frame` (the whole data), coded with `palette` (the scene's):
    the events `scene_marks` would give, built straight from the frame's columns (no tuple per column)."""
    located = located_mask(frame) if len(frame) else np.zeros(0, dtype=bool)
    rows = frame.loc[located]
    sides = pd.Categorical(rows["side"].astype(str), categories=list(palette.sides)).codes.astype(np.int64)
    side_codes = np.where(sides < 0, len(palette.sides), sides).astype(np.uint8 if len(palette.sides) < 255
                                                                         else np.uint16)
    type_codes, type_names = _codes(rows["event_type"], tuple(EVENT_TYPES))
    status_codes, status_names = _codes(rows["status"], STATUSES)
    dates = pd.to_datetime(rows["date"], errors="coerce").dt.normalize()
    known = dates.dropna()
    day0 = known.min() if len(known) else pd.Timestamp("1970-01-01")
    offsets = (dates - day0).dt.days.to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        days = np.where(np.isfinite(offsets) & (offsets >= 0) & (offsets < UNKNOWN_DAY), offsets, UNKNOWN_DAY)
    days = days.astype(np.uint16)
    dated = dates.notna().to_numpy()
    columns = {"lon": np.round(rows["longitude"].to_numpy(dtype=float), 5).astype("<f4"),
               "lat": np.round(rows["latitude"].to_numpy(dtype=float), 5).astype("<f4"),
               "day": days.astype("<u2"), "side": side_codes.astype(side_codes.dtype.newbyteorder("<")),
               "type": type_codes.astype(type_codes.dtype.newbyteorder("<")),
               "status": status_codes.astype(status_codes.dtype.newbyteorder("<"))}
    parts: list[bytes] = []
    layout: dict[str, list[Any]] = {}
    at = 0
    for name in COLUMN_ORDER:
        data = columns[name].tobytes()
        layout[name] = [at, "f32" if name in ("lon", "lat") else columns[name].dtype.itemsize]
        pad = -len(data) % 4
        parts.append(data + b"\0" * pad)
        at += len(data) + pad
    blob = b"".join(parts)
    ids = rows["event_id"].astype(str).to_numpy(dtype=object)
    return DataPoints(
        key=ids_key(ids.tolist()), palette=palette, labels=pd.Index(rows.index), ids=ids,
        side=side_codes, type=type_codes, status=status_codes, day=days, day0=day0.strftime("%Y-%m-%d"),
        day_exact=not bool(np.any(dated & (days == UNKNOWN_DAY))),
        type_names=tuple(type_names), status_names=tuple(status_names), layout=layout, blob=blob,
        digest=hashlib.sha256(blob).hexdigest())


def _codes(column: pd.Series, known: tuple[str, ...]) -> tuple[np.ndarray, list[str]]:
    """Codes of `column`'s values (as text) into `known` followed by the other values met (sorted)."""
    values = column.astype(str)
    names = [*known, *sorted(set(values.unique().tolist()) - set(known))]
    codes = pd.Categorical(values, categories=names).codes
    return codes.astype(np.uint8 if len(names) < 256 else np.uint16), names


def publish(data: DataPoints, *, folder: Path = POINTS_FOLDER, url_prefix: str = POINTS_URL) -> str | None:
    """The URL of `data`'s columns, written to `folder` unless already there (the newest `KEEP_FILES` files
    are kept); None when the folder cannot be written (a read-only install: the layer goes inline) or the
    file would be larger than Streamlit serves (`MAX_SERVED_BYTES`)."""
    return _publish(lambda: gzip.compress(data.blob, compresslevel=GZIP_LEVEL, mtime=0), f"{data.digest}.bin.gz",
                    folder=folder, url_prefix=url_prefix)


def publish_labels(data: DataPoints, lang: str, *, folder: Path = POINTS_FOLDER,
                   url_prefix: str = POINTS_URL) -> str | None:
    """The URL of `labels_of(data, lang)` as a JSON file beside the columns (content-addressed, like them)."""
    text = json.dumps(labels_of(data, lang), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return _publish(lambda: text, f"{hashlib.sha256(text).hexdigest()}.json", folder=folder, url_prefix=url_prefix)


def _publish(content: Callable[[], bytes], name: str, *, folder: Path, url_prefix: str) -> str | None:
    """`content()` written to `folder/name` unless a file of that (content-addressed) name is there."""
    path = folder / name
    try:
        if path.is_file():
            if path.stat().st_size > MAX_SERVED_BYTES:
                return None
            os.utime(path)  # the newest: pruned last
        else:
            data = content()
            if len(data) > MAX_SERVED_BYTES:
                return None
            write_atomic(path, data)
        _prune(folder, keep=path)
    except OSError:
        return None
    return f"{url_prefix}/{path.name}"


def _prune(folder: Path, *, keep: Path) -> None:
    """The newest `KEEP_FILES` files of `keep`'s kind (three labels files per data version: one per language)."""
    most = KEEP_FILES * (3 if keep.suffix == ".json" else 1)
    files = sorted(folder.glob(f"*{keep.suffix}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [p for p in files if p != keep][most - 1:]:
        old.unlink(missing_ok=True)


def positions_of(data: DataPoints, shown: pd.DataFrame, marks: Marks) -> np.ndarray | None:
    """Where the located rows of `shown` (a subset of the whole frame, drawn as `marks`) are among `data`'s
    events; None when they cannot be found for sure (labels not unique, rows from another frame)."""
    located = located_mask(shown) if len(shown) else np.zeros(0, dtype=bool)
    if not data.labels.is_unique:
        return None
    positions = data.labels.get_indexer(shown.index[located])
    if len(positions) != len(marks) or (positions < 0).any():
        return None
    if not np.array_equal(data.ids[positions], np.asarray(marks.ids, dtype=object)):
        return None
    return positions.astype(np.int64)


def predicates(data: DataPoints, shown: np.ndarray) -> dict[str, Any]:
    """The predicates on the columns that keep every event `shown` (a boolean array over `data`'s events) and
    as few others as they can: the side, event type and status codes met among them, their day range.
    Predicates that keep every event of the data are left out."""
    found: dict[str, Any] = {}
    for name, codes, size in (("sides", data.side, len(data.palette.sides)), ("types", data.type,
                              len(data.type_names)), ("statuses", data.status, len(data.status_names))):
        met = np.flatnonzero(np.bincount(codes[shown], minlength=size))
        if len(met) < len(np.flatnonzero(np.bincount(codes, minlength=size))):
            found[name] = met.tolist()
    days = data.day[shown]
    if len(days) and not (days == UNKNOWN_DAY).any():
        low, high = int(days.min()), int(days.max())
        known = data.day[data.day != UNKNOWN_DAY]
        if len(known) < data.n or (low, high) != (int(known.min()), int(known.max())):
            found["days"] = [low, high]
    return found


def filter_value(data: DataPoints, positions: np.ndarray) -> dict[str, Any]:
    """What the browser draws of `data`: exactly the events at `positions` (the Python filter's result).

    The `predicates` of those events; when they keep others too, the rest as the smallest of ``mask`` (bits:
    bit i % 8 of byte i // 8 is event i), ``only`` (Uint32 indices of the events kept) or ``drop`` (Uint32
    indices of the events the predicates keep and the filter does not). A side or date filter is predicates
    alone; a text, place or source filter needs the list."""
    shown = np.zeros(data.n, dtype=bool)
    shown[positions] = True
    value: dict[str, Any] = {"n": data.n, "count": int(shown.sum()), **predicates(data, shown)}
    keep = drawn_by(data, value)
    if int(keep.sum()) == value["count"]:
        return value
    kept, dropped = np.flatnonzero(shown), np.flatnonzero(keep & ~shown)
    sizes = {"mask": (data.n + 7) // 8, "only": 4 * len(kept), "drop": 4 * len(dropped)}
    form = min(sizes, key=lambda name: sizes[name])
    if form == "mask":
        raw = np.packbits(shown, bitorder="little").tobytes()
    else:
        raw = (kept if form == "only" else dropped).astype("<u4").tobytes()
    value[form] = base64.b64encode(raw).decode("ascii")
    return value


def drawn_by(data: DataPoints, value: dict[str, Any]) -> np.ndarray:
    """The events a filter value draws (what the browser computes; for tests and checks)."""
    keep = np.ones(data.n, dtype=bool)
    for name, codes in (("sides", data.side), ("types", data.type), ("statuses", data.status)):
        if name in value:
            keep &= np.isin(codes, value[name])
    if "days" in value:
        low, high = value["days"]
        keep &= (data.day != UNKNOWN_DAY) & (data.day >= low) & (data.day <= high)
    if "mask" in value:
        bits = np.unpackbits(np.frombuffer(base64.b64decode(value["mask"]), dtype=np.uint8), bitorder="little")
        keep &= bits[: data.n].astype(bool)
    for name, wanted in (("only", True), ("drop", False)):
        if name in value:
            listed = np.zeros(data.n, dtype=bool)
            listed[np.frombuffer(base64.b64decode(value[name]), dtype="<u4")] = True
            keep &= listed if wanted else ~listed
    return keep


def labels_of(data: DataPoints, lang: str) -> dict[str, Any]:
    """What the layer needs besides the columns and the filter, the same for every filter: the palette's and
    the codes' labels and looks, the day codes' first day, the interface strings."""
    return {
        "dir": direction(lang), "day0": data.day0,
        "sides": side_names(data.palette, lang), "colours": list(data.palette.colours),
        "types": [term("event_type", name, lang) for name in data.type_names],
        "shapes": [shape_for(name).name for name in data.type_names],
        "statuses": [term("status", s, lang) for s in data.status_names],
        "statusStyles": [status_look(s) for s in data.status_names],
        "strings": strings_of(lang),
    }


def shared_payload(data: DataPoints, *, url: str, filter_: dict[str, Any], lang: str, total: int,
                   labels_url: str | None = None) -> dict[str, Any]:
    """The layer's JSON: `data`'s columns by reference (`url`), the filter value, and the labels (`labels_of`)
    by reference too when `labels_url` names them (`publish_labels`), else in the payload."""
    n = int(filter_["count"])
    payload: dict[str, Any] = {
        "version": 2, "mode": "gl", "key": data.key, "n": n, "total": total,
        "pointSizePx": point_size_px(n), "chunkPoints": CHUNK_POINTS,
        "data": {"url": url, "n": data.n, "bytes": len(data.blob), "layout": data.layout},
        "filter": filter_,
    }
    if labels_url is None:
        payload.update(labels_of(data, lang))
    else:
        payload["data"]["labels"] = labels_url
    return payload


@dataclass(frozen=True, slots=True, eq=False)
class SharedView:
    """One filter state drawn from the whole data's published columns (`build_event_layer(shared=...)`)."""

    data: DataPoints
    url: str  # from `publish`
    positions: np.ndarray  # from `positions_of`: the events shown
    labels_url: str | None = None  # from `publish_labels` (None: the labels go in the payload)

    def payload(self, *, lang: str, total: int) -> dict[str, Any]:
        return shared_payload(self.data, url=self.url, filter_=filter_value(self.data, self.positions),
                              lang=lang, total=total, labels_url=self.labels_url)
