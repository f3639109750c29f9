"""Benchmark: `read_any` on Excel, JSON and Parquet files of 10,000 to 100,000 rows, beside the naive way
(pandas' `read_excel(engine="calamine")`, `read_json`, `read_parquet`, every column as text), and the whole
load (`load_events`: read, map and validate: by columns, and row by row as before, the loader's
`table_columns` switched off).

For each size N it writes the project's sample rows of `tests/data/` (with their Arabic sentences), repeated
with fresh ids, as an .xlsx workbook, a JSON array and a Parquet file, then reads each with both ways, each
run in a fresh process; its peak memory is the highest resident size above that of the process after its
imports and after reading the file's bytes (sampled every 2 ms from `/proc/self/statm`).
Reports seconds (median of the runs), rows per second and peak MB, side by side, and the CPU seconds of the
whole load (the process's own time: on a busy machine the wall-clock time grows with the other work, this
much less).

Usage: ``python bench/bench_readers.py [--sizes 10000,100000] [--repeat 3] [--kinds xlsx,json,parquet]``
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

KINDS = ("xlsx", "json", "parquet")


def write_files(folder: Path, size: int) -> dict[str, Path]:
    """The sample rows, `size` of them, as an .xlsx workbook, a JSON array and a Parquet file."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from data.make_samples import PROJECT_HEADER, PROJECT_ROWS
    from data.make_tables import json_records, typed
    from data.workbooks import xlsx

    records = json_records()
    many = [{**records[i % len(records)], "event_id": f"B{i}"} for i in range(size)]
    paths = {kind: folder / f"events_{size}.{kind}" for kind in KINDS}
    rows = [[typed(PROJECT_ROWS[i % len(PROJECT_ROWS)])[c] if c != "event_id" else f"B{i}" for c in PROJECT_HEADER]
            for i in range(size)]
    paths["xlsx"].write_bytes(xlsx([("Events", [list(PROJECT_HEADER), *rows])]))
    paths["json"].write_text(json.dumps(many, ensure_ascii=False), encoding="utf-8")
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(many), buffer)
    paths["parquet"].write_bytes(buffer.getvalue())
    return paths


def _resident_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


class PeakMemory:
    """The highest resident size seen by a thread sampling `/proc/self/statm` while it runs."""

    def __init__(self) -> None:
        self.base = self.peak = _resident_bytes()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.002):
            self.peak = max(self.peak, _resident_bytes())

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _resident_bytes())


def read_once(way: str, kind: str, path: Path) -> None:
    """One read in this process: prints `seconds rows peak_mb`."""
    import pandas as pd

    import eventmap.loading as loading
    from eventmap.loading import Limits, load_events
    from eventmap.readers import read_any
    from eventmap.schema import COLUMN_NAMES

    if way == "load_rows":  # the row-by-row validation, as before tables were checked by columns
        loading.table_columns = lambda *_args, **_kwargs: None  # type: ignore[assignment]

    data = path.read_bytes()
    with PeakMemory() as memory:
        start, cpu_start = time.perf_counter(), time.process_time()
        if way == "read_any":
            rows = len(read_any(data, name=path.name, known_columns=frozenset(COLUMN_NAMES)).rows)
        elif way in ("load_events", "load_rows"):
            result = load_events(data, name=path.name, limits=Limits(max_bytes=len(data) + 1, max_rows=10**8))
            rows = len(result.events) + len(result.rejected)
        elif kind == "xlsx":
            rows = len(pd.read_excel(io.BytesIO(data), engine="calamine", dtype=str))
        elif kind == "json":
            rows = len(pd.read_json(io.BytesIO(data), dtype=False).astype(str))
        else:
            rows = len(pd.read_parquet(io.BytesIO(data)).astype(str))
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(f"{seconds} {rows} {(memory.peak - memory.base) / 1e6} {cpu}")


def measure(way: str, kind: str, path: Path, repeat: int) -> tuple[float, int, float, float]:
    """(median seconds, rows, highest peak MB, median CPU seconds) of `repeat` runs, each in a new process."""
    runs = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, __file__, "--one", way, kind, str(path)], capture_output=True,
                              text=True, check=True)
        seconds, rows, peak, cpu = done.stdout.split()
        runs.append((float(seconds), int(rows), float(peak), float(cpu)))
    return (statistics.median(r[0] for r in runs), runs[0][1], max(r[2] for r in runs),
            statistics.median(r[3] for r in runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated row counts")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (the median time is reported)")
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated file kinds to measure")
    parser.add_argument("--one", nargs=3, metavar=("WAY", "KIND", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        way, kind, path = args.one
        read_once(way, kind, Path(path))
        return
    print(f"{'kind':8} {'rows':>8} {'MB':>6} | {'read_any s':>10} {'rows/s':>9} {'peak MB':>8} | "
          f"{'pandas s':>9} {'rows/s':>9} {'peak MB':>8} | {'load_events s':>13} {'CPU s':>6} {'peak MB':>8} | "
          f"{'row by row s':>12} {'CPU s':>6} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            for kind, path in write_files(Path(tmp), size).items():
                if kind not in args.kinds.split(","):
                    continue
                ours = measure("read_any", kind, path, args.repeat)
                naive = measure("pandas", kind, path, args.repeat)
                whole = measure("load_events", kind, path, args.repeat)
                rows = measure("load_rows", kind, path, args.repeat)
                assert ours[1] == naive[1] == whole[1] == rows[1] == size, (ours, naive, whole, rows)
                mb = path.stat().st_size / 1e6
                print(f"{kind:8} {size:>8,} {mb:>6.1f} | {ours[0]:>10.2f} {size / ours[0]:>9,.0f} {ours[2]:>8.0f} | "
                      f"{naive[0]:>9.2f} {size / naive[0]:>9,.0f} {naive[2]:>8.0f} | "
                      f"{whole[0]:>13.2f} {whole[3]:>6.2f} {whole[2]:>8.0f} | "
                      f"{rows[0]:>12.2f} {rows[3]:>6.2f} {rows[2]:>8.0f}", flush=True)


if __name__ == "__main__":
    main()
