"""Benchmark: the team store's map view query on a 1,000,000-event store, side by side with the naive way.

Loads N synthetic events (`bench/synthetic_events.py`, typed, with their points as PostGIS geometry) into a
fresh, migrated PostgreSQL database with COPY, ANALYZEs it, then times map views as the dashboard asks them —
a bounding box, a date range, sides — through `PostgresStore.query` (SQL, GiST index on the points), against
the naive way: read the whole published table into pandas (`published_events()`), then filter there. Prints
seconds (median and slowest of the repeats), rows returned and peak Python memory (tracemalloc, one extra
run) of each; the naive way's seconds are the whole read plus its filter.
Target: a map view query under 0.5 s. The events table alone is loaded (no revision history): a map view
reads only the events table.

Uses the server of `--url` / `EVENTMAP_TEST_DATABASE_URL` (a maintenance database URL: a database is created
and dropped there), else starts a throwaway server in a temporary folder (tests/pg.py).

Usage: ``python bench/bench_store.py [--events 1000000] [--repeat 5] [--naive-repeat 1]``
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import sys
import time
import tracemalloc
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.csv as pacsv  # noqa: E402
from pg import admin_execute, own_server, with_database  # noqa: E402
from synthetic_events import SIDES, event_table  # noqa: E402

from store.api import ViewQuery  # noqa: E402
from store.postgres import make_engine, migrate, open_store  # noqa: E402
from store.postgres.reading import view_select  # noqa: E402

CHUNK = 250_000
VIEWS: dict[str, ViewQuery] = {
    "zoomed, half a year, one side": ViewQuery(bbox=(39.6, 46.4, 40.2, 47.2), date_from=date(2021, 1, 1),
                                               date_to=date(2021, 6, 30), sides=(SIDES[0],)),
    "whole region, one month, three sides": ViewQuery(bbox=(38.3, 43.4, 41.5, 50.6), date_from=date(2021, 3, 1),
                                                      date_to=date(2021, 3, 31), sides=SIDES[:3]),
    "zoomed, a quarter, every side": ViewQuery(bbox=(39.6, 46.4, 40.2, 47.2), date_from=date(2021, 1, 1),
                                               date_to=date(2021, 3, 31)),
}


@contextlib.contextmanager
def server(url: str | None) -> Iterator[str]:
    if url:
        yield url
        return
    with own_server() as started:
        yield started


def load(engine: Any, n: int) -> float:
    """COPY `n` synthetic events into `events`; seconds taken (ANALYZE included)."""
    started = time.perf_counter()
    for start in range(0, n, CHUNK):
        table = event_table(min(CHUNK, n - start), seed=start, typed=True)
        ids = np.char.add(f"S{start}-", np.arange(table.num_rows).astype(str)).astype(object)
        table = table.set_column(0, "event_id", pa.array(ids, type=pa.string()))
        lat = table.column("latitude").to_numpy()
        lon = table.column("longitude").to_numpy()
        points = np.char.add(np.char.add(np.char.add("SRID=4326;POINT(", lon.astype(str)), " "), lat.astype(str))
        table = table.append_column("geom", pa.array(np.char.add(points, ")").astype(object), type=pa.string()))
        table = table.append_column("revision", pa.array(np.ones(table.num_rows, dtype="int32")))
        buffer = io.BytesIO()
        pacsv.write_csv(table, buffer, write_options=pacsv.WriteOptions(include_header=False,
                                                                        quoting_style="needed"))
        columns = ", ".join(f'"{c}"' for c in table.column_names)
        raw = engine.raw_connection()
        try:
            with raw.cursor() as cursor, cursor.copy(f"COPY events ({columns}) FROM STDIN WITH (FORMAT csv)") as copy:
                copy.write(buffer.getvalue())
            raw.commit()
        finally:
            raw.close()
    with engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO publications (published_by, revisions) VALUES ('bench', 1)")
        connection.exec_driver_sql("ANALYZE events")
    return time.perf_counter() - started


def timed(function: Callable[[], Any], repeat: int) -> tuple[list[float], int]:
    """Seconds of each run and the rows of the last result."""
    times: list[float] = []
    rows = 0
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
        rows = len(result)
        del result
    return times, rows


def peak_mb(function: Callable[[], Any]) -> tuple[float, Any]:
    """Peak MB of Python memory (tracemalloc: numpy and pandas included) of one more run (untimed: tracing
    slows it down), and its result."""
    tracemalloc.start()
    result = function()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return peak, result


def indexes_used(engine: Any, view: ViewQuery) -> list[str]:
    """The indexes PostgreSQL's plan for `view` uses (EXPLAIN of the store's own SELECT, same parameters)."""
    compiled = view_select(view).compile(dialect=engine.dialect, compile_kwargs={"render_postcompile": True})
    with engine.connect() as connection:
        plan = connection.exec_driver_sql("EXPLAIN (FORMAT JSON) " + str(compiled), compiled.params).scalar()

    def walk(node: dict[str, Any]) -> Iterator[str]:
        if "Index Name" in node:
            yield node["Index Name"]
        for child in node.get("Plans", ()):
            yield from walk(child)

    return sorted(set(walk(plan[0]["Plan"])))


def naive_filter(frame: Any, view: ViewQuery) -> Any:
    keep = np.ones(len(frame), dtype=bool)
    if view.date_from:
        keep &= (frame["date"] >= np.datetime64(view.date_from)).to_numpy()
    if view.date_to:
        keep &= (frame["date"] <= np.datetime64(view.date_to)).to_numpy()
    if view.sides:
        keep &= frame["side"].isin(view.sides).to_numpy()
    if view.bbox:
        south, west, north, east = view.bbox
        keep &= (frame["latitude"].between(south, north) & frame["longitude"].between(west, east)).to_numpy()
    return frame[keep]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--naive-repeat", type=int, default=1)
    parser.add_argument("--url", default=os.environ.get("EVENTMAP_TEST_DATABASE_URL", ""))
    args = parser.parse_args()
    with server(args.url) as url:
        name = f"eventmap_bench_{uuid.uuid4().hex[:8]}"
        admin_execute(url, f'CREATE DATABASE "{name}"')
        try:
            database = with_database(url, name)
            engine = make_engine(database)
            migrate(engine)
            seconds = load(engine, args.events)
            engine.dispose()
            print(f"loaded {args.events:,} events with COPY in {seconds:.1f} s "
                  f"({args.events / seconds:,.0f} events/s, indexes and ANALYZE included)")
            store = open_store(database)
            version_times, _ = timed(lambda: [store.published_version()], 20)
            print(f"published_version(): median {statistics.median(version_times) * 1000:.1f} ms over 20")
            print(f"{'view':40} {'way':6} {'rows':>7} {'median s':>9} {'max s':>7} {'peak MB':>8}")
            for title, view in VIEWS.items():
                times, rows = timed(lambda view=view: store.query(view), args.repeat)
                peak, _ = peak_mb(lambda view=view: store.query(view))
                print(f"{title:40} {'SQL':6} {rows:7,} {statistics.median(times):9.3f} {max(times):7.3f} {peak:8.1f}"
                      f"  indexes: {', '.join(indexes_used(store.engine, view)) or 'none'}")
            # The naive way: every session reads the whole published table, then filters it in pandas.
            read_times, _ = timed(store.published_events, args.naive_repeat)
            peak, frame = peak_mb(store.published_events)
            read = statistics.median(read_times)
            print(f"{'(naive: reading all ' + format(len(frame), ',') + ' events)':40} {'naive':6} {len(frame):7,} "
                  f"{read:9.3f} {max(read_times):7.3f} {peak:8.1f}")
            for title, view in VIEWS.items():
                times, rows = timed(lambda view=view: naive_filter(frame, view), args.repeat)
                total = [read + t for t in times]
                print(f"{title:40} {'naive':6} {rows:7,} {statistics.median(total):9.3f} {max(total):7.3f} "
                      f"{peak:8.1f}")
            store.close()
        finally:
            admin_execute(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
