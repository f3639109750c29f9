"""Benchmark of importing the field's exports by columns, side by side with the row-by-row way, with CPU
time and peak memory: synthetic ACLED, UCDP GED and GDELT 2.0 files (`bench/synthetic_exports.py`).

For each format and size, `load_events` of the file (what `python -m eventmap import`, `inspect`,
`validate` and the dashboard's loader run): the column way (the columnar reader, the format's column
expressions, the schema's column checks) and the row way (the same loader with its columnar reader
switched off: every row read by Python's `csv`, mapped by the importer's `to_schema` and checked by the
row validator, as before). Each figure is measured in a fresh process: wall time, CPU time (user +
system) and peak resident memory (`VmHWM`, imports included), with the load average of the machine at that
moment (other work shares its cores). A row-way figure too slow to measure at a size is estimated from the
largest size measured (marked `~`, memory not estimated); `wall/cpu faster` = how many times less wall
and CPU time the column way takes. Both ways must load and list the same rows.

Usage: ``python bench/bench_imports.py [--sizes 100000,1000000] [--formats acled,ucdp,gdelt] [--row-limit 100000]``
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from child_figures import cpu_seconds, peak_mb, run_child  # noqa: E402
from synthetic_exports import FORMATS, write_export  # noqa: E402


def child(way: str, path: Path) -> dict[str, float]:
    """One import, in this (fresh) process: seconds, CPU seconds, peak memory, rows loaded and listed."""
    import eventmap.loading as loading
    from base.settings import Settings
    from eventmap.loading import Limits, load_events

    if way == "rows":
        loading.read_csv_columns = lambda *_args, **_kwargs: None  # type: ignore[assignment]
    limits = Limits.for_local_file(Settings.from_env())
    cpu, started = cpu_seconds(), time.perf_counter()
    result = load_events(path, limits=limits)
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    return {"seconds": seconds, "cpu": cpu, "peak_mb": peak_mb(), "loaded": len(result.events),
            "listed": len(result.rejected), "read": result.rows_read, "load": os.getloadavg()[0]}


def measure(way: str, path: Path) -> dict[str, float]:
    return run_child(__file__, way, str(path))


def _cell(figure: dict[str, float] | None, *, estimated: bool = False) -> str:
    if figure is None:
        return f"{'':>8} {'':>8} {'':>7} {'':>5}"
    mark = "~" if estimated else ""
    memory = f"{figure['peak_mb']:>7,.0f}" if "peak_mb" in figure else f"{'':>7}"
    load = f"{figure['load']:>5.1f}" if "load" in figure else f"{'':>5}"
    return (f"{mark + format(figure['seconds'], '.2f'):>8} {mark + format(figure['cpu'], '.2f'):>8} {memory} "
            f"{load}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--row-limit", type=int, default=100_000, help="largest size measured row by row")
    parser.add_argument("--child", nargs=2, metavar=("WAY", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        way, path = args.child
        print(json.dumps(child(way, Path(path))))
        return
    print(f"(load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores at the start; "
          "wall and CPU seconds, peak MB, load average at the end of each run)")
    print(f"{'format':6} {'events':>10} {'MB':>5}  {'columns':>8} {'cpu':>8} {'peak':>7} {'load':>5}   "
          f"{'rows':>8} {'cpu':>8} {'peak':>7} {'load':>5}  {'wall/cpu faster':>15}  {'loaded':>9} {'listed':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for fmt in args.formats.split(","):
            per_row: dict[str, float] = {}
            for size in (int(s) for s in args.sizes.split(",")):
                path = write_export(fmt, folder, size)
                columns = measure("columns", path)
                estimated = size > args.row_limit
                if not estimated:
                    rows: dict[str, float] | None = measure("rows", path)
                    per_row = {key: rows[key] / size for key in ("seconds", "cpu")}
                    if (rows["loaded"], rows["listed"]) != (columns["loaded"], columns["listed"]):
                        raise AssertionError(f"{fmt} {size}: rows {rows} != columns {columns}")
                else:
                    rows = {key: value * size for key, value in per_row.items()} if per_row else None
                if columns["loaded"] + columns["listed"] != columns["read"]:
                    raise AssertionError(f"{fmt} {size}: rows lost: {columns}")
                speed = (f"{rows['seconds'] / columns['seconds']:.0f}×/{rows['cpu'] / columns['cpu']:.0f}×"
                         if rows else "")
                print(f"{fmt:6} {size:>10,} {path.stat().st_size / 1e6:>5.0f}  {_cell(columns)}   "
                      f"{_cell(rows, estimated=estimated)}  {'~' if estimated else '':>1}{speed:>14}  "
                      f"{int(columns['loaded']):>9,} {int(columns['listed']):>7,}", flush=True)
                path.unlink()


if __name__ == "__main__":
    main()
