"""Benchmark of the "view of a large file" step, side by side with loading the whole file, with peak memory:
synthetic ACLED-like events (`bench/synthetic_events.py`) in one Parquet file (ten million rows by default).

- step: what the dashboard does before it shows the step: the footer's row count, DuckDB's summary (row count,
  date range, counts by country, side, event type and day), the default view and its count;
- view: what "Load this view" does: the file's SHA-256, the view's rows through DuckDB written as a Parquet
  file in the state folder, then the normal loader on it (validation, geocoding, the load cache);
- whole: the naive way, pandas reading the whole file (what the dashboard did before, when memory allowed).

Each figure is measured in a fresh process (peak RSS is the process's, imports included).

Usage: ``python bench/bench_large_view.py [--rows 10000000] [--file existing.parquet] [--no-whole]``
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

from child_figures import peak_mb, run_child  # noqa: E402
from synthetic_events import write_parquet  # noqa: E402


def child(step: str, path: Path, state: Path) -> dict[str, float]:
    """One step, in this (fresh) process."""
    from base.settings import Settings
    from services.large_file import count_view, default_choice, file_sha256, needs_view, summarize, write_view

    settings = Settings(state_dir=state, overrides_path=state / "overrides.csv")
    started = time.perf_counter()
    figures: dict[str, float] = {}
    if step == "step":
        rows = needs_view(path, settings=settings)
        summary = summarize(path)
        choice = default_choice(summary)
        figures["events"] = count_view(path, choice)
        figures["rows"] = float(rows or 0)
    elif step == "view":
        import geo
        from services.load_cache import LoadCache
        from services.loading import LoadedData, load_and_geocode

        summary = summarize(path)
        choice = default_choice(summary)
        view_file = write_view(path, choice, sha256=file_sha256(path), settings=settings)
        figures["written_s"] = time.perf_counter() - started
        loaded = load_and_geocode(view_file, name=f"{path.name} · view", settings=settings,
                                  geocoder=geo.default_chain(settings), source_path=view_file,
                                  cache=LoadCache.from_settings(settings))
        assert isinstance(loaded, LoadedData), loaded
        figures["events"] = float(len(loaded.events))
    else:
        import pandas as pd

        figures["events"] = float(len(pd.read_parquet(path)))
    figures["seconds"] = time.perf_counter() - started
    figures["peak_mb"] = peak_mb()
    return figures


def measure(step: str, path: Path, state: Path) -> dict[str, float]:
    return run_child(__file__, step, "--file", str(path), "--state", str(state))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--file", type=Path, default=None, help="an existing Parquet file (else one is written)")
    parser.add_argument("--no-whole", action="store_true", help="skip the naive way (pandas reads the whole file)")
    parser.add_argument("--child", default=None)
    parser.add_argument("--state", type=Path, default=None)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.file, args.state)))
        return
    print(f"(load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores at the start)")
    with tempfile.TemporaryDirectory() as folder:
        path = args.file or write_parquet(Path(folder) / "events.parquet", args.rows)
        state = Path(folder) / "state"
        size_mb = path.stat().st_size / 1024 / 1024
        step = measure("step", path, state)
        print(f"{path.name}: {step['rows']:,.0f} rows, {size_mb:,.0f} MB")
        print(f"{'what':<44} {'seconds':>8} {'peak RSS':>10}")
        print(f"{'the step shown (summary, default view count)':<44} {step['seconds']:>8.2f} "
              f"{step['peak_mb']:>7,.0f} MB   default view: {step['events']:,.0f} events")
        view = measure("view", path, state)
        print(f"{'the view written (hash, DuckDB, Parquet)':<44} {view['written_s']:>8.2f}")
        print(f"{'the view loaded (+ validation, geocoding)':<44} {view['seconds']:>8.2f} "
              f"{view['peak_mb']:>7,.0f} MB   {view['events']:,.0f} events")
        if not args.no_whole:
            whole = measure("whole", path, state)
            print(f"{'naive: pandas reads the whole file':<44} {whole['seconds']:>8.2f} "
                  f"{whole['peak_mb']:>7,.0f} MB   {whole['events']:,.0f} events")
    print(f"(load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end)")


if __name__ == "__main__":
    main()
