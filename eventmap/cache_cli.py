"""`python -m eventmap cache FILE`: load, validate and geocode a file into the Parquet cache of the state
folder, as the dashboard does on its first start, so that the dashboard's next start on the file reads the
cache (a million events in about a second) instead of parsing, validating and geocoding it again.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TextIO

import geo
from base.settings import Settings
from services.load_cache import LoadCache
from services.loading import LoadedData, load_and_geocode

EXIT_OK, EXIT_UNUSABLE = 0, 2


def run_cache(args: argparse.Namespace, *, out: TextIO | None = None, err: TextIO | None = None,
              settings: Settings | None = None) -> int:
    """Load FILE through the cache; print whether the cache had it, the events and the seconds taken."""
    out, err = out or sys.stdout, err or sys.stderr
    settings = settings or Settings.from_env()
    path = Path(args.file)
    cache = LoadCache.from_settings(settings)
    started = time.perf_counter()
    loaded = load_and_geocode(path, name=path.name, settings=settings, geocoder=geo.default_chain(settings),
                              source_path=path, cache=cache)
    seconds = time.perf_counter() - started
    if not isinstance(loaded, LoadedData):
        for problem in loaded.problems:
            print(problem, file=err)
        print(f"{path.name}: cannot be used (nothing cached)", file=out)
        return EXIT_UNUSABLE
    was = "read from the cache" if loaded.from_cache else "loaded, validated, geocoded and cached"
    print(f"{path.name}: {len(loaded.events):,} events, {loaded.rejected_count:,} rows set aside; {was} in "
          f"{seconds:.2f} s (cache folder: {cache.folder})", file=out)
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "cache", help="load a file into the Parquet cache, so that the dashboard starts on it in seconds",
        description=__doc__)
    parser.add_argument("file", metavar="FILE", help="the events file (any format that validate reads)")
    parser.set_defaults(handler=run_cache)
