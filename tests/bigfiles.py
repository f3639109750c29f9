"""Parquet event files in the project's layout, made in the test (typed columns, as the load cache writes them):
`write_events_parquet(path, n)` returns the frame it wrote."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from eventmap.schema import EVENT_TYPES, STATUSES, VERIFICATIONS

COUNTRIES = ("Armenia", "Azerbaijan", "Georgia")
SIDES = ("Armenia", "Azerbaijan", "Georgia", "'); DROP TABLE events; --")
PAIRS = tuple((event, sub) for event, subs in EVENT_TYPES.items() for sub in subs)
FIRST_DAY = pd.Timestamp("2021-01-01")
DAYS = 120


def events_parquet_frame(n: int, *, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    place = rng.integers(0, 50, n)
    lat, lon = rng.uniform(38.6, 41.2, 50).round(4), rng.uniform(44.0, 50.4, 50).round(4)
    pair = rng.integers(0, len(PAIRS), n)
    side = np.array(SIDES, dtype=object)[rng.integers(0, len(SIDES), n)]
    return pd.DataFrame({
        "event_id": [f"BIG-{i:06d}" for i in range(n)],
        "date": FIRST_DAY + pd.to_timedelta(rng.integers(0, DAYS, n), unit="D"),
        "date_precision": "day",
        "location": [f"Place {p}" for p in place],
        "latitude": lat[place],
        "longitude": lon[place],
        "geo_precision": "exact",
        "country": np.array(COUNTRIES, dtype=object)[rng.integers(0, len(COUNTRIES), n)],
        "side": side,
        "actor": [f"Forces of {s}" for s in side],
        "event_type": [PAIRS[i][0] for i in pair],
        "sub_event_type": [PAIRS[i][1] for i in pair],
        "description": [f"Shelling reported near place {p}; event {i}" for i, p in enumerate(place)],
        "fatalities": pd.array(rng.poisson(1.2, n), dtype="Int64"),
        "claimed_by": "Local media",
        "status": np.array(STATUSES, dtype=object)[rng.integers(0, len(STATUSES), n)],
        "verification": np.array(VERIFICATIONS, dtype=object)[rng.integers(0, len(VERIFICATIONS), n)],
        "sources": [f"https://example.org/report/{i}" for i in range(n)],
    })


def write_events_parquet(path: Path, n: int, *, seed: int = 3) -> pd.DataFrame:
    frame = events_parquet_frame(n, seed=seed)
    frame.to_parquet(path, index=False, row_group_size=1_000)
    return frame
