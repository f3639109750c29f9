"""Village-level offline geocoding: accuracy on real data, speed and memory, beside the naive way.

    python bench/bench_geocode_villages.py PLACES.csv [--rows 10000] [--names 2000]
    EVENTMAP_BENCH_PLACES=PLACES.csv python bench/bench_geocode_villages.py

PLACES.csv: real events or places with their true coordinates: columns `location`, `admin1`,
`country`, `latitude`, `longitude` (ACLED exports have them; UCDP GED's `where_coordinates`,
`adm_1`, `country` are read too). Such files are kept outside the repository (ACLED's terms
forbid redistribution). Each distinct (location, admin1, country) is geocoded once:

- villages: the name with the row's country and admin1 as context: share within 5 km, share
  wrong (resolved more than 25 km away), share unresolved;
- messy strings: "<Admin1> Oblast  <Place>" with no context: within 10 km, over 50 km.

"naive" is the chain before village geocoding: gazetteer, then GeoNames cities of 15,000+ people
(`GeoNamesFallbackGeocoder`) with the country only. Then the speed of `geocode_frame` on
`--rows` rows over `--names` distinct real village names (index loaded: "warm"), the time to load
each index, and peak memory (tracemalloc, in a separate run so timings are not slowed by it).
Network connections are refused throughout.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
import pandas as pd

from geo import geocode_frame
from geo.geocoders import GazetteerGeocoder, GeocoderChain, GeoNamesFallbackGeocoder
from geo.geocoders.base import Geocoder
from geo.geocoders.villages import VillageGeocoder
from geo.nearest import haversine_km
from geo.placeindex import PlaceIndex
from geo.result import GeoContext

COLUMN_NAMES = {"where_coordinates": "location", "adm_1": "admin1"}
REGION_WORDS = (" oblast", " province", " marz", " rayon", " region")


def forbid_network() -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network refused during the benchmark")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]


def read_places(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path).rename(columns=COLUMN_NAMES)
    frame = frame.dropna(subset=["location", "latitude", "longitude"])
    for column in ("admin1", "country"):
        frame[column] = frame[column].fillna("").astype(str).str.strip() if column in frame else ""
    return frame.drop_duplicates(subset=["location", "admin1", "country"]).reset_index(drop=True)


def admin1_base(admin1: str) -> str:
    text = admin1.strip()
    for word in REGION_WORDS:
        if text.lower().endswith(word):
            return text[: -len(word)].strip()
    return text


Query = tuple[str, GeoContext | None, float, float]  # name, context, true latitude, true longitude


def score(geocoder: Geocoder, queries: list[Query], *,
          near_km: float, far_km: float) -> tuple[float, float, float]:
    """(share within near_km, share resolved farther than far_km, share unresolved)."""
    near = far = unresolved = 0
    for query, context, lat, lon in queries:
        result = geocoder.geocode(query, context=context)
        if result.lat is None or result.lon is None or not result.resolved:
            unresolved += 1
            continue
        distance = float(haversine_km(lat, lon, result.lat, result.lon))
        near += distance <= near_km
        far += distance > far_km
    total = max(len(queries), 1)
    return near / total, far / total, unresolved / total


def timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    value = action()
    return time.perf_counter() - started, value


def peak_mb(action: Callable[[], object]) -> float:
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def speed_frame(index: PlaceIndex, *, rows: int, names: int, rng: random.Random) -> pd.DataFrame:
    """`rows` rows over `names` real village names of Armenia, Azerbaijan and Ukraine, with country and admin1."""
    ids = [int(i) for i in np.flatnonzero(np.isin(index.country, ["AM", "AZ", "UA"]))]
    picked = rng.sample(ids, names)
    country = {"AM": "Armenia", "AZ": "Azerbaijan", "UA": "Ukraine"}
    pairs = [(index.names[i], country[str(index.country[i])], index.admin1_names[int(index.admin1[i])])
             for i in picked]
    chosen = [pairs[i % names] if i < names else rng.choice(pairs) for i in range(rows)]
    return pd.DataFrame(chosen, columns=["location", "country", "admin1"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("places", nargs="?", default=os.environ.get("EVENTMAP_BENCH_PLACES", ""))
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--names", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not args.places:
        parser.error("give a CSV of real places with true coordinates (argument or EVENTMAP_BENCH_PLACES)")
    forbid_network()
    state = Path(tempfile.mkdtemp(prefix="bench-villages-"))

    build_s, _ = timed(lambda: PlaceIndex.load_or_build(state))
    load_s, index = timed(lambda: PlaceIndex.load_or_build(state))
    assert isinstance(index, PlaceIndex)
    naive_load_s, _ = timed(lambda: GeoNamesFallbackGeocoder().geocode("Kyiv", context=None))
    load_mb = peak_mb(lambda: PlaceIndex.load_or_build(state))
    naive_load_mb = peak_mb(lambda: GeoNamesFallbackGeocoder().geocode("Kyiv", context=None))

    new: Geocoder = GeocoderChain([GazetteerGeocoder(), VillageGeocoder(index)])
    naive: Geocoder = GeocoderChain([GazetteerGeocoder(), GeoNamesFallbackGeocoder()])

    places = read_places(Path(args.places))
    villages: list[Query] = [
        (r.location, GeoContext(country=r.country or None, admin1=r.admin1 or None), r.latitude, r.longitude)
        for r in places.itertuples()
    ]
    naive_villages: list[Query] = [(q, GeoContext(country=c.country) if c else None, la, lo)
                                   for q, c, la, lo in villages]
    messy: list[Query] = [(f"{admin1_base(r.admin1)} Oblast  {r.location}", None, r.latitude, r.longitude)
             for r in places.itertuples() if r.admin1]

    print(f"data: {args.places} ({len(places)} distinct places, {len(messy)} with an admin1)")
    print(f"{'':34}{'new':>12}{'naive':>12}   target")
    for label, ours, theirs, near_km, far_km, targets in (
        ("villages (name + admin1 + country)", villages, naive_villages, 5.0, 25.0, ("≥ 80%", "≤ 2%")),
        ('messy "<Admin1> Oblast  <Place>"', messy, messy, 10.0, 50.0, ("≥ 80%", "≤ 3%")),
    ):
        a = score(new, ours, near_km=near_km, far_km=far_km)
        b = score(naive, theirs, near_km=near_km, far_km=far_km)
        print(label)
        print(f"  {'within ' + format(near_km, 'g') + ' km':32}{a[0]:>12.1%}{b[0]:>12.1%}   {targets[0]}")
        print(f"  {'wrong (> ' + format(far_km, 'g') + ' km)':32}{a[1]:>12.1%}{b[1]:>12.1%}   {targets[1]}")
        print(f"  {'unresolved':32}{a[2]:>12.1%}{b[2]:>12.1%}")

    rng = random.Random(args.seed)
    frame = speed_frame(index, rows=args.rows, names=args.names, rng=rng)
    new_s, _ = timed(lambda: geocode_frame(frame.copy(), geocoder=GeocoderChain([VillageGeocoder(index)])))
    warm_geocoder = GeocoderChain([VillageGeocoder(index)])
    geocode_frame(frame.head(50).copy(), geocoder=warm_geocoder)  # per-country fuzzy keys built
    warm_s, _ = timed(lambda: geocode_frame(frame.copy(), geocoder=warm_geocoder))
    naive_geocoder = GeocoderChain([GeoNamesFallbackGeocoder()])
    geocode_frame(frame.head(50).copy(), geocoder=naive_geocoder)
    naive_s, _ = timed(lambda: geocode_frame(frame.copy(), geocoder=naive_geocoder))
    frame_mb = peak_mb(lambda: geocode_frame(frame.copy(), geocoder=warm_geocoder))
    naive_frame_mb = peak_mb(lambda: geocode_frame(frame.copy(), geocoder=naive_geocoder))
    located = geocode_frame(out := frame.copy(), geocoder=warm_geocoder).resolved_rows
    naive_located = geocode_frame(naive_out := frame.copy(), geocoder=naive_geocoder).resolved_rows
    del out, naive_out

    print()
    print(f"{'':44}{'new':>12}{'naive':>12}   target")
    print(f"{'index built (once, then on disk)':44}{build_s:>11.2f}s{'':>12}")
    print(f"{'index load':44}{load_s:>11.2f}s{naive_load_s:>11.2f}s   < 1 s")
    print(f"{'index load, peak memory':44}{load_mb:>10.0f}MB{naive_load_mb:>10.0f}MB")
    print(f"{f'geocode_frame {args.rows} rows / {args.names} names, first':44}{new_s:>11.2f}s")
    print(f"{'geocode_frame, warm':44}{warm_s:>11.2f}s{naive_s:>11.2f}s   < 2 s")
    print(f"{'geocode_frame, warm, peak memory':44}{frame_mb:>10.0f}MB{naive_frame_mb:>10.0f}MB")
    print(f"{'rows resolved':44}{located:>12}{naive_located:>12}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
