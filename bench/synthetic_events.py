"""Synthetic ACLED-like events in the project's schema, made by columns (numpy and pyarrow), for the
benchmarks: a million rows in a second or two, ten million straight into Parquet.

Dates over three years, 40 sides, every ACLED event type with its sub-event types, 5,000 places with
coordinates in a region, fatalities, one to three sources; one row in `BROKEN_EVERY` has a latitude that is
not a number, so the benchmarks measure the error path too.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from eventmap.schema import COLUMN_NAMES, EVENT_TYPES, STATUSES, VERIFICATIONS

BROKEN_EVERY = 997
SIDES = tuple(f"Side {chr(65 + i % 26)}{i // 26 or ''}" for i in range(40))
PAIRS = tuple((event, sub) for event, subs in EVENT_TYPES.items() for sub in subs)
PLACES = 5_000
FIRST_DAY = np.datetime64("2020-01-01")
DAYS = 3 * 365


def _pick(rng: np.random.Generator, values: tuple[str, ...] | list[str], n: int) -> pa.Array:
    """`n` values drawn from `values`, as a dictionary-decoded string array."""
    indices = pa.array(rng.integers(0, len(values), n).astype("int32"))
    return pa.DictionaryArray.from_arrays(indices, pa.array(list(values))).cast(pa.string())


def _text(prefix: str, numbers: np.ndarray) -> pa.Array:
    return pa.array(np.char.add(prefix, numbers.astype(str)).astype(object), type=pa.string())


def event_table(n: int, *, seed: int = 14, typed: bool = False) -> pa.Table:
    """`n` events as an Arrow table of the schema's columns: text cells as written in a CSV file, or (with
    `typed`) dates, numbers and counts typed as in a loaded frame (and no broken rows)."""
    rng = np.random.default_rng(seed)
    ids = np.arange(n)
    days = FIRST_DAY + rng.integers(0, DAYS, n).astype("timedelta64[D]")
    place = rng.integers(0, PLACES, n)
    place_lat = np.round(rng.uniform(38.6, 41.2, PLACES), 4)
    place_lon = np.round(rng.uniform(44.0, 50.4, PLACES), 4)
    pair = rng.integers(0, len(PAIRS), n)
    fatalities = rng.poisson(1.5, n)
    lat, lon = place_lat[place], place_lon[place]
    columns: dict[str, pa.Array] = {
        "event_id": _text("ACL", ids),
        "date": pa.array(days) if typed else pa.array(days.astype(str).astype(object), type=pa.string()),
        "date_precision": pa.array(np.full(n, "day", dtype=object), type=pa.string()),
        "location": _text("Place ", place),
        "latitude": pa.array(lat) if typed else pa.array(lat.astype(str).astype(object), type=pa.string()),
        "longitude": pa.array(lon) if typed else pa.array(lon.astype(str).astype(object), type=pa.string()),
        "geo_precision": pa.array(np.full(n, "exact", dtype=object), type=pa.string()),
        "country": _pick(rng, ["Armenia", "Azerbaijan", "Georgia"], n),
        "side": _pick(rng, SIDES, n),
        "actor": _pick(rng, [f"Military Forces of {s}" for s in SIDES], n),
        "event_type": pa.array([PAIRS[i][0] for i in range(len(PAIRS))]).take(pa.array(pair)),
        "sub_event_type": pa.array([PAIRS[i][1] for i in range(len(PAIRS))]).take(pa.array(pair)),
        "description": _text("Shelling reported near the place; event number ", ids),
        "fatalities": pa.array(fatalities) if typed else pa.array(fatalities.astype(str).astype(object),
                                                                   type=pa.string()),
        "claimed_by": _pick(rng, ["ACLED", "Ministry of Defence", "Local media"], n),
        "status": _pick(rng, STATUSES, n),
        "verification": _pick(rng, VERIFICATIONS, n),
        "sources": _text("https://example.org/report/", ids),
    }
    if not typed:
        broken = ids % BROKEN_EVERY == 0
        columns["latitude"] = pa.array(np.where(broken, "not a number", lat.astype(str)).astype(object),
                                       type=pa.string())
    names = [c for c in COLUMN_NAMES if c in columns]
    return pa.table({c: columns[c] for c in names})


def write_csv(path: Path, n: int) -> Path:
    """`n` events as a CSV file in the project's schema (UTF-8, one line per event)."""
    pacsv.write_csv(event_table(n), path, write_options=pacsv.WriteOptions(quoting_style="needed"))
    return path


def write_parquet(path: Path, n: int, *, chunk: int = 1_000_000) -> Path:
    """`n` typed events as a Parquet file, written `chunk` rows at a time."""
    writer: pq.ParquetWriter | None = None
    for start in range(0, n, chunk):
        table = event_table(min(chunk, n - start), seed=start, typed=True)
        table = table.set_column(0, "event_id", _text(f"ACL{start}-", np.arange(table.num_rows)))
        if writer is None:
            writer = pq.ParquetWriter(path, table.schema)
        writer.write_table(table)
    if writer is not None:
        writer.close()
    return path
