"""Loading and geocoding one events file, without Streamlit: testable with bytes.

`load_and_geocode` reads, validates and geocodes a file (its path or its bytes) into `LoadedData`, or a
`LoadFailure` with its problems; `data_path` says which file the app shows. `ui.data` caches these loads
and shares them between sessions.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

import geo
from base.errors import EventMapError, LimitExceededError
from base.problems import Problem
from base.settings import Settings
from eventmap.columns import ColumnMapping
from eventmap.loading import Limits, load_events
from geo.chain import shared_place_grid
from geo.learned import LearnedPlaceStore, learn_places
from services.load_cache import LoadCache, cache_key, geocoding_stamp
from services.loaded import LoadedData

MB = 1024 * 1024
SHORT_HASH_LENGTH = 12


@dataclass(frozen=True, kw_only=True)
class LoadOptions:
    """What the user chose for an upload: the sheet of a workbook, the column mapping of a table, the order
    of its numeric dates (None: the loader's default for each)."""

    sheet: str | None = None
    mapping: ColumnMapping | None = None
    dayfirst: bool | None = None

    def key(self) -> str:
        """A text that names these options (part of the cache key of a load)."""
        mapping = self.mapping.to_json() if self.mapping is not None else None
        return json.dumps([self.sheet, mapping, self.dayfirst], sort_keys=True, ensure_ascii=False)

    def keywords(self) -> dict[str, Any]:
        """The `load_events` keywords of the options that are set."""
        chosen = {"sheet": self.sheet, "mapping": self.mapping, "dayfirst": self.dayfirst}
        return {name: value for name, value in chosen.items() if value is not None}


@dataclass(frozen=True, kw_only=True)
class LoadFailure:
    """A file that could not be used at all, and why (shown in the page; the app keeps working)."""

    source_name: str
    problems: tuple[Problem, ...]


# --- which file ----------------------------------------------------------------------------------------------


def data_path_from_argv(argv: Sequence[str]) -> Path | None:
    """The FILE of `--data FILE` or `--data=FILE` in the script's arguments (`streamlit run app.py -- --data F`)."""
    for index, arg in enumerate(argv):
        if arg == "--data" and index + 1 < len(argv):
            return Path(argv[index + 1]).expanduser()
        if arg.startswith("--data="):
            return Path(arg.split("=", 1)[1]).expanduser()
    return None


def data_path(settings: Settings, argv: Sequence[str] | None = None) -> Path:
    """The data file of this app: `--data` wins over `EVENTMAP_DATA`, which wins over the bundled file."""
    return data_path_from_argv(sys.argv[1:] if argv is None else argv) or settings.data_path


def file_stamp(path: Path) -> tuple[int, int]:
    """(modification time in ns, size) of `path`, or (0, 0) when it does not exist."""
    try:
        stat = path.stat()
    except OSError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


# --- loading and geocoding ----------------------------------------------------------------------------------


def load_and_geocode(source: Path | bytes, *, name: str, settings: Settings, geocoder: geo.Geocoder,
                     source_path: Path | None = None, options: LoadOptions | None = None,
                     cache: LoadCache | None = None) -> LoadedData | LoadFailure:
    """Read, validate and geocode one file; a file that cannot be used gives a `LoadFailure` with its problems.
    `options` are the user's choices for an upload (sheet, column mapping, date order). A path is a local
    file, limited by the memory free; bytes are an upload, limited by `max_upload_bytes`.

    With `cache` (`LoadCache.from_settings`), a file loaded before with the same bytes, options and geocoding
    data is read from its Parquet cache file, skipping parsing, validation and geocoding; a new load is
    stored there."""
    local = not isinstance(source, bytes)
    limits = Limits.for_local_file(settings) if local else Limits.from_settings(settings)
    raw = source if isinstance(source, bytes) else _read_bytes(source, name=name, limits=limits)
    if isinstance(raw, LoadFailure):
        return raw
    digest = hashlib.sha256(raw).hexdigest()
    options = options or LoadOptions()
    key = cache_key(sha256=digest, options_key=options.key(), geocoding=geocoding_stamp(settings))
    if cache is not None:
        cached, _state = cache.read(key, source_name=name)
        if cached is not None:
            return replace(cached, source_path=source_path, modified=_modified_day(source_path), from_cache=True)
    try:
        # No region box: swapped coordinates are judged by the data's own region, not the bundled war's.
        result = load_events(raw, name=name, limits=limits, **options.keywords())
    except EventMapError as error:  # a limit, a file that is not a CSV, required columns missing
        return LoadFailure(source_name=name, problems=_problems_of(error, name))
    events = result.events
    if events.empty:
        no_rows = Problem(file=name, line=None, column=None,
                          message="no usable event in the file: every row has a problem listed above")
        return LoadFailure(source_name=name, problems=(*result.problems, no_rows))
    summary = geo.geocode_frame(events, geocoder=geocoder, namer=partial(shared_place_grid, Path(settings.state_dir)))
    _learn_places(events, source=name, settings=settings)
    loaded = LoadedData(
        events=events,
        problems=tuple(result.problems),
        rejected_count=len(result.rejected),
        detected_format=result.detected_format,
        source_name=name,
        source_path=source_path,
        sha256=digest,
        short_hash=digest[:SHORT_HASH_LENGTH],
        byte_size=len(raw),
        modified=_modified_day(source_path),
        geocode_summary=summary,
        cache_key=digest,
        filled=tuple(result.filled),
        mapping=result.mapping,
        date_format=str(result.date_format or ""),
        sheets=tuple(result.sheets),
        sheet=result.sheet,
    )
    if cache is not None:
        _store(cache, key, loaded)
    return loaded


def _store(cache: LoadCache, key: str, loaded: LoadedData) -> None:
    """Keep a load in the cache; a state folder that cannot be written costs only the cache, never the load."""
    try:
        cache.write(key, loaded)
    except OSError:
        return


def _learn_places(events: pd.DataFrame, *, source: str, settings: Settings) -> None:
    """Remember the places of rows whose coordinates came with the file, for later files that name them
    without coordinates. A state folder that cannot be written costs only the learning, never the load."""
    try:
        learn_places(events, source=source, store=LearnedPlaceStore.in_state_dir(settings.state_dir))
    except (OSError, geo.GeoError):
        return


def _read_bytes(path: Path, *, name: str, limits: Limits) -> bytes | LoadFailure:
    try:
        limits.check_size(name, path.stat().st_size)
        return path.read_bytes()
    except LimitExceededError as error:
        return LoadFailure(source_name=name, problems=_problems_of(error, name))
    except OSError as error:
        message = f"cannot read the data file: {error.strerror or error}"
        return LoadFailure(source_name=name, problems=(Problem(file=name, line=None, column=None, message=message,
                                                               value=str(path)),))


def _modified_day(path: Path | None) -> date | None:
    if path is None:
        return None
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).date()
    except OSError:
        return None


def too_big(name: str, size: int, settings: Settings) -> Problem:
    message = (f"the file is {size / MB:.1f} MB, more than the limit of {settings.max_upload_bytes / MB:g} MB "
               "(setting EVENTMAP_MAX_UPLOAD_MB)")
    return Problem(file=name, line=None, column=None, message=message)


def _problems_of(error: Exception, name: str) -> tuple[Problem, ...]:
    problems = getattr(error, "problems", None)
    if problems:
        return tuple(problems)
    message = str(error)
    if message.startswith(f"{name}:"):  # the loader's messages may name the file already
        message = message[len(name) + 1:].strip()
    return (Problem(file=name, line=None, column=None, message=message),)


def geocoder_note(settings: Settings) -> str:
    """Why online geocoding is not used although it was switched on ("" when nothing is wrong)."""
    if not settings.online_geocoding:
        return ""
    try:
        geo.default_chain(settings)
    except geo.ConfigurationError as error:
        return str(error)
    return ""
