"""Benchmark: the interface strings from gettext catalogues (Babel) beside a plain JSON dictionary.

Times, in one fresh process:
- importing `eventmap.i18n` (Babel), then reading the `.po` catalogues of every language and compiling
  them in memory (once per process), beside `json.loads` of the same strings (the JSON dictionaries the
  catalogues replaced);
- one `t(key, lang)` lookup, a `t()` with a placeholder, a plural `t()` ("{n} more sides" by the count),
  beside a dictionary `.get` and `.format` (the naive way), in microseconds per call;
- the memory the catalogues take (tracemalloc, peak while loading).

Usage: ``python bench/bench_i18n.py [--calls 200000]``
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def per_call_us(function, calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        function()
    return (time.perf_counter() - start) / calls * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200_000)
    args = parser.parse_args()

    start = time.perf_counter()
    from eventmap import i18n

    imported_s = time.perf_counter() - start
    langs = i18n.languages()
    for lang in langs:
        i18n.t("app.title", lang)
    load_s = time.perf_counter() - start - imported_s

    for cached in (i18n._entries, i18n._translations, i18n._texts, i18n.plural_keys):  # read them again, measured
        cached.cache_clear()
    tracemalloc.start()
    for lang in langs:
        i18n.t("app.title", lang)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    dumped = {lang: json.dumps(i18n.catalogue(lang), ensure_ascii=False) for lang in langs}
    start = time.perf_counter()
    plain = {lang: json.loads(text) for lang, text in dumped.items()}
    json_s = time.perf_counter() - start

    rows = [
        ("import eventmap.i18n (Babel)", f"{imported_s * 1e3:.0f} ms", ""),
        ("read and compile the catalogues", f"{load_s * 1e3:.0f} ms ({len(langs)} languages, once per process)",
         f"{json_s * 1e3:.1f} ms (json.loads)"),
        ("t(key)", f"{per_call_us(lambda: i18n.t('card.place', 'ar'), args.calls):.2f} µs",
         f"{per_call_us(lambda: plain['ar'].get('card.place'), args.calls):.2f} µs (dict.get)"),
        ("t(key, n=...)", f"{per_call_us(lambda: i18n.t('playback.day_of', 'ru', n=3, total=45), args.calls):.2f} µs",
         f"{per_call_us(lambda: plain['ru']['playback.day_of'].format(n=3, total=45), args.calls):.2f} µs (format)"),
        ("plural t()", f"{per_call_us(lambda: i18n.t('map.legend.more_sides', 'ar', n=5), args.calls):.2f} µs",
         "— (a dictionary has one form)"),
        ("memory (peak while reading them)", f"{peak / 2**20:.1f} MiB", ""),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'':{width}}  {'catalogues (Babel)':<48}  naive")
    for name, ours, naive in rows:
        print(f"{name:{width}}  {ours:<48}  {naive}")


if __name__ == "__main__":
    main()
