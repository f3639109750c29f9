"""Benchmark of the columnar engine, side by side with the row-by-row way, with peak memory: synthetic
ACLED-like events (`bench/synthetic_events.py`) in the project's schema.

For 100,000 and 1,000,000 events (a CSV file written into a temporary folder): load and validation cold
(`load_events`), the whole first run of the dashboard's loading service (read, validate, geocode, learn
places, write the Parquet cache), the next start from the Parquet cache, and a filter change on the loaded
frame. The row-by-row way is the loader with its columnar reader switched off (every row parsed and
validated in Python; every start is cold, as before the cache) and a filter written as a loop over rows.
Then 10,000,000 events in one Parquet file filtered to a view of about 100,000 through DuckDB, beside
pandas reading the whole file and filtering it. Each figure is measured in a fresh process (its peak RSS is
the process's, imports included); a row-by-row figure too slow to measure at a size is estimated from the
largest size measured (marked `~`, memory not estimated).

Usage: ``python bench/bench_columnar.py [--sizes 100000,1000000] [--parquet-rows 10000000] [--row-limit 100000]``
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from child_figures import peak_mb, run_child  # noqa: E402
from synthetic_events import SIDES, write_csv, write_parquet  # noqa: E402

FILTER_CHANGES = (  # what a user clicks: a side, then a date range, then a type
    {"sides": SIDES[:2]},
    {"sides": SIDES[:2], "date_from": date(2021, 1, 1), "date_to": date(2021, 6, 30)},
    {"sides": SIDES[:2], "date_from": date(2021, 1, 1), "date_to": date(2021, 6, 30), "event_types": ("Battles",)},
)
VIEW_FILTER = {"sides": SIDES[:1], "date_from": date(2020, 3, 1), "date_to": date(2021, 6, 30)}  # ~1 % of events


def _settings(state: Path):
    from base.settings import Settings

    return Settings(state_dir=state, overrides_path=state / "overrides.csv")


def _filters(values: dict[str, object]):
    from eventmap.filtering import Filters

    return Filters(**values)  # type: ignore[arg-type]


def _row_filter(records: list[dict[str, object]], values: dict[str, object]) -> list[dict[str, object]]:
    """The naive filter: a loop over the rows."""
    import pandas as pd

    sides = set(values.get("sides", ()))
    start, end = values.get("date_from"), values.get("date_to")
    types = set(values.get("event_types", ()))
    kept = []
    for row in records:
        if sides and row["side"] not in sides:
            continue
        if start is not None and row["date"] < pd.Timestamp(start):
            continue
        if end is not None and row["date"] > pd.Timestamp(end):
            continue
        if types and row["event_type"] not in types:
            continue
        kept.append(row)
    return kept


def child(step: str, path: Path, state: Path) -> dict[str, float]:
    """One measurement, in this (fresh) process: seconds and what it produced."""
    import eventmap.loading as loading
    from eventmap.filtering import apply_filters
    from eventmap.loading import Limits, load_events

    settings = _settings(state)
    limits = Limits.for_local_file(settings)
    result: dict[str, float] = {}
    if step in ("load", "rows"):
        if step == "rows":
            loading.read_csv_columns = lambda *_args, **_kwargs: None  # type: ignore[assignment]
        started = time.perf_counter()
        loaded = load_events(path, limits=limits)
        result = {"seconds": time.perf_counter() - started, "events": len(loaded.events)}
    elif step in ("first", "cache", "filter", "rowfilter"):
        import geo
        from services.load_cache import LoadCache
        from services.loading import LoadedData, load_and_geocode

        geocoder = geo.default_chain(settings)
        started = time.perf_counter()
        data = load_and_geocode(path, name=path.name, settings=settings, geocoder=geocoder, source_path=path,
                                cache=LoadCache.from_settings(settings))
        result = {"seconds": time.perf_counter() - started}
        assert isinstance(data, LoadedData), data
        if step in ("first", "cache"):
            assert data.from_cache == (step == "cache"), step
        result["events"] = len(data.events)
        if step == "filter":
            started = time.perf_counter()
            kept = [len(apply_filters(data.events, _filters(change))) for change in FILTER_CHANGES]
            result = {"seconds": (time.perf_counter() - started) / len(FILTER_CHANGES), "events": kept[-1]}
        elif step == "rowfilter":
            records = data.events.to_dict("records")
            started = time.perf_counter()
            kept = [len(_row_filter(records, change)) for change in FILTER_CHANGES]
            result = {"seconds": (time.perf_counter() - started) / len(FILTER_CHANGES), "events": kept[-1]}
    elif step == "duckdb":
        from eventmap.engine import filter_parquet

        started = time.perf_counter()
        view = filter_parquet(path, _filters(VIEW_FILTER))
        result = {"seconds": time.perf_counter() - started, "events": len(view.events)}
    elif step == "pandas":
        import pandas as pd

        started = time.perf_counter()
        frame = pd.read_parquet(path)
        frame["date"] = pd.to_datetime(frame["date"])
        kept = apply_filters(frame, _filters(VIEW_FILTER))
        result = {"seconds": time.perf_counter() - started, "events": len(kept)}
    result["peak_mb"] = peak_mb()
    return result


def measure(step: str, path: Path, state: Path) -> dict[str, float]:
    return run_child(__file__, step, str(path), str(state))


def _cell(figure: dict[str, float] | None, *, estimated: bool = False) -> str:
    if figure is None:
        return f"{'':>9} {'':>8}"
    mark = "~" if estimated else ""
    memory = f"{figure['peak_mb']:>8,.0f}" if "peak_mb" in figure else f"{'':>8}"
    return f"{mark + format(figure['seconds'], '.2f'):>9} {memory}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--parquet-rows", type=int, default=10_000_000)
    parser.add_argument("--row-limit", type=int, default=100_000, help="largest size measured row by row")
    parser.add_argument("--child", nargs=3, metavar=("STEP", "FILE", "STATE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        step, path, state = args.child
        print(json.dumps(child(step, Path(path), Path(state))))
        return
    print(f"(load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores at the start)")
    print(f"{'events':>10}  {'step':34} {'columnar':>9} {'peak MB':>8}   {'row way':>9} {'peak MB':>8}  "
          f"{'rows out':>9}")
    row_rate: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size in (int(s) for s in args.sizes.split(",")):
            path = write_csv(folder / f"events_{size}.csv", size)
            state = folder / f"state_{size}"
            rows: dict[str, dict[str, float] | None] = {}
            for naive in ("rows", "rowfilter"):
                if size <= args.row_limit:
                    rows[naive] = measure(naive, path, folder / f"rowstate_{size}")
                    row_rate[naive] = rows[naive]["seconds"] / size
                elif naive in row_rate:
                    rows[naive] = {"seconds": row_rate[naive] * size}
                else:
                    rows[naive] = None
            plan = (("load + validate, cold", "load", "rows"), ("first run: + geocode + cache", "first", "rows"),
                    ("next start, Parquet cache", "cache", "rows"), ("filter change", "filter", "rowfilter"))
            for label, step, naive in plan:
                figure = measure(step, path, state)
                estimated = size > args.row_limit
                print(f"{size:>10,}  {label:34} {_cell(figure)}   {_cell(rows[naive], estimated=estimated)}  "
                      f"{int(figure['events']):>9,}", flush=True)
        if args.parquet_rows:
            started = time.perf_counter()
            parquet = write_parquet(folder / "events.parquet", args.parquet_rows)
            made = time.perf_counter() - started
            figure = measure("duckdb", parquet, folder)
            sample = write_parquet(folder / "sample.parquet", min(args.parquet_rows, 1_000_000))
            naive = measure("pandas", sample, folder)
            scale = args.parquet_rows / min(args.parquet_rows, 1_000_000)
            estimate = {"seconds": naive["seconds"] * scale}
            print(f"{args.parquet_rows:>10,}  {'Parquet -> DuckDB view':34} {_cell(figure)}   "
                  f"{_cell(estimate, estimated=scale > 1)}  {int(figure['events']):>9,}")
            print(f"(load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end; ", end="")
            print(f"the Parquet file of {args.parquet_rows:,} events: {parquet.stat().st_size / 1e6:,.0f} MB, "
                  f"written in {made:.0f} s; its row way is pandas reading it whole and filtering)")


if __name__ == "__main__":
    main()
