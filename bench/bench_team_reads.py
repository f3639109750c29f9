"""Benchmark: what a dashboard rerun costs on the team store, the way `ui.data` does it (one `published_version()`
query, then the frame cached for that version) beside the naive way (every rerun reads every published
event). Thirty sessions rerunning after a filter change cost 30 version queries and, once per published
version, one read; the naive way costs 30 reads.

It starts a throwaway PostgreSQL (as the tests do: `initdb` in a temporary folder, a loopback port), seeds a
store with the bundled events repeated with fresh ids to each size, and times both ways (median of repeats),
with the frame's memory.

Usage: ``python bench/bench_team_reads.py [--sizes 113,10000] [--repeat 5] [--sessions 30]``
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from pg import admin_execute, own_server, with_database  # noqa: E402

from access.roles import Principal, Role  # noqa: E402
from services.team import published_data  # noqa: E402
from store.postgres import make_engine, migrate, open_store  # noqa: E402

ADMIN = Principal(name="bench", role=Role.ADMIN, via="password")


def events_file(folder: Path, size: int) -> Path:
    """The bundled events repeated with fresh ids to `size` rows."""
    with (ROOT / "events.csv").open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        header, rows = list(reader.fieldnames or ()), list(reader)
    path = folder / f"events_{size}.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        for number in range(size):
            row = dict(rows[number % len(rows)])
            row["event_id"] = f"{row['event_id']}-{number}" if size > len(rows) else row["event_id"]
            writer.writerow(row)
    return path


def median_ms(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(server: str, size: int, *, repeat: int, sessions: int, folder: Path) -> None:
    name = f"bench_{size}"
    admin_execute(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
    url = with_database(server, name)
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    store = open_store(url)
    try:
        store.add_first_admin(name=ADMIN.name, password="bench password")  # noqa: S106 - a throwaway database
        start = time.perf_counter()
        store.seed(ADMIN, events_file(folder, size), reason="bench")
        seeded_s = time.perf_counter() - start
        version_ms = median_ms(store.published_version, max(repeat * 20, 50))
        read_ms = median_ms(lambda: published_data(store), repeat)
        frame = published_data(store)
        memory_mb = frame.events.memory_usage(deep=True).sum() / 1e6 if hasattr(frame, "events") else 0.0
    finally:
        store.close()
    cached = sessions * version_ms + read_ms  # one read per version, shared by every session of the process
    naive = sessions * read_ms  # every rerun reads everything
    print(f"{size:>9,} events | seed {seeded_s:6.1f} s | version query {version_ms:6.2f} ms | full read "
          f"{read_ms:8.1f} ms, frame {memory_mb:6.1f} MB | {sessions} reruns: cached {cached:8.1f} ms "
          f"vs naive {naive:8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="113,10000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=30)
    args = parser.parse_args()
    with own_server() as server, tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.sizes.split(",")):
            measure(server, size, repeat=args.repeat, sessions=args.sessions, folder=Path(folder))


if __name__ == "__main__":
    main()
