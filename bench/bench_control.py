"""Benchmark: territorial control of the bundled war (`control_changes.csv`) for every day of the playback.

Side by side, time (median of `--repeat` runs) and peak memory (tracemalloc):
- naive: `control_on(day)` computed for each of the 66 days, 27 Sep – 1 Dec 2020;
- history: `ControlHistory.build` (one state per change day), then 66 lookups;
- the scene's control layer for one day (what the dashboard builds on a date change), English;
- the playback page's control config: one layer per day per language (naive) against one per state with
  geometries shared (`playback_control`), with the size of each as JSON.

Usage: ``python bench/bench_control.py [--repeat 3]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eventmap.control.history import ControlHistory  # noqa: E402
from eventmap.control.layers import load_layers  # noqa: E402
from eventmap.control.loading import load_control_changes  # noqa: E402
from eventmap.control.state import control_on  # noqa: E402
from eventmap.mapping.scene_parts import control_options  # noqa: E402
from eventmap.playback.control import playback_control  # noqa: E402
from eventmap.scene.control import control_layer  # noqa: E402
from eventmap.scene.model import Lang  # noqa: E402

FIRST, LAST = date(2020, 9, 27), date(2020, 12, 1)
LANGS = ("en", "ar")


def measure(fn: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    """(median seconds, peak MiB of one run, the last result)."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    changes = load_control_changes(ROOT / "control_changes.csv").changes
    layers = load_layers()
    days = [FIRST + timedelta(days=n) for n in range((LAST - FIRST).days + 1)]
    history = ControlHistory.build(changes, layers=layers)

    def naive_days() -> list:
        return [control_on(day, changes=changes, layers=layers) for day in days]

    def history_days() -> list:
        built = ControlHistory.build(changes, layers=layers)
        return [built.on(day) for day in days]

    def naive_page() -> str:
        return json.dumps([control_options(control_layer(history, day=day, lang=Lang(lang), colours={}), lang=lang)
                           for day in days for lang in LANGS])

    def shared_page() -> str:
        return json.dumps(playback_control(history, langs=LANGS, colours={}, first=FIRST, last=LAST))

    rows = [
        ("control of 66 days: control_on per day (naive)", naive_days),
        ("control of 66 days: ControlHistory + lookups", history_days),
        ("scene control layer of one day", lambda: control_layer(history, day=date(2020, 11, 9), lang=Lang.EN,
                                                                  colours={})),
        ("playback config: a layer per day and language (naive)", naive_page),
        ("playback config: per state, geometries shared", shared_page),
    ]
    print("peak MiB: Python objects only (GEOS memory is not counted)")
    print(f"{'what':58} {'median s':>9} {'peak MiB':>9} {'JSON bytes':>11}")
    for name, fn in rows:
        seconds, peak, result = measure(fn, args.repeat)
        size = f"{len(result):,}" if isinstance(result, str) else ""
        print(f"{name:58} {seconds:9.3f} {peak:9.1f} {size:>11}")


if __name__ == "__main__":
    main()
