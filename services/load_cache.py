"""A Parquet cache of every loaded file: the second start on the same file reads the events as they were
after parsing, validation and geocoding, and skips all three.

A cache file is named by its key: the SHA-256 of the file's bytes (computed anyway for the data stamp),
the choices it was loaded with (sheet, column mapping, date order), what geocoding depends on (the
overrides and the gazetteer, online answers when online geocoding is on) and `CACHE_FORMAT`, the version
of the loader's output. It holds the events frame and, in the Parquet metadata, the key again and what the
page says about the load (problems, rows set aside, geocoding summary). A file whose stored key differs,
that Parquet cannot read, or whose columns are not the events frame's is stale or damaged: it is ignored
(and rebuilt by the caller), never shown. Files are written atomically; the oldest go beyond
`Settings.load_cache_entries`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
from enum import StrEnum
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

import geo
from base.atomic import write_atomic
from base.problems import Problem, Severity
from base.settings import Settings
from eventmap.columns import ColumnMapping, FillIn
from eventmap.validation import FRAME_COLUMNS
from geo.frame import UnresolvedName
from geo.gazetteer import DEFAULT_GAZETTEER_PATH
from geo.result import Candidate
from services.loaded import LoadedData

CACHE_FORMAT = 1  # raise when the events frame or the metadata change: older cache files are then stale
_KEY = b"eventmap.key"
_LOAD = b"eventmap.load"
_SUFFIX = ".parquet"
_REQUIRED_COLUMNS = (*FRAME_COLUMNS, "source_line")


class CacheState(StrEnum):
    """What the cache had for a key."""

    HIT = "hit"  # a valid cache file: its events are used
    MISSING = "missing"
    STALE = "stale"  # a file for another key, format or schema
    DAMAGED = "damaged"  # not a readable Parquet file


def _stamp(path: Path) -> list[int]:
    try:
        stat = path.stat()
    except OSError:
        return [0, 0]
    return [stat.st_mtime_ns, stat.st_size]


def geocoding_stamp(settings: Settings) -> str:
    """What the geocoding of a load depends on besides the file: the overrides and the gazetteer files, and
    with online geocoding the persistent answers of the service."""
    parts: list[object] = [_stamp(settings.overrides_path), _stamp(DEFAULT_GAZETTEER_PATH), settings.online_geocoding]
    if settings.online_geocoding:
        parts.append(_stamp(settings.cache_path))
    return json.dumps(parts)


def cache_key(*, sha256: str, options_key: str, geocoding: str) -> str:
    """The key of a load: 32 hex digits over the file's hash, the load's options, the geocoding stamp and
    the cache format."""
    text = json.dumps([CACHE_FORMAT, list(_REQUIRED_COLUMNS), sha256, options_key, geocoding])
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _problem_json(problem: Problem) -> list[object]:
    return [problem.file, problem.line, problem.column, problem.message, problem.value, problem.severity.value,
            problem.quotes_value]


def _problem(item: list[Any]) -> Problem:
    file, line, column, message, value, severity, quotes = item
    return Problem(file, line, column, message, value, Severity(severity), quotes)


def _summary_json(summary: geo.GeocodeSummary | None) -> dict[str, object] | None:
    return None if summary is None else dataclasses.asdict(summary)


def _summary(data: dict[str, Any] | None) -> geo.GeocodeSummary | None:
    if data is None:
        return None
    unresolved = tuple(UnresolvedName(**{**item, "candidates": tuple(Candidate(**c) for c in item["candidates"])})
                       for item in data.pop("unresolved"))
    return geo.GeocodeSummary(**data, unresolved=unresolved)


def _metadata(loaded: LoadedData) -> dict[str, object]:
    return {
        "problems": [_problem_json(p) for p in loaded.problems],
        "rejected_count": loaded.rejected_count,
        "detected_format": loaded.detected_format,
        "sha256": loaded.sha256,
        "byte_size": loaded.byte_size,
        "geocode_summary": _summary_json(loaded.geocode_summary),
        "filled": [[f.field, f.value, f.rows] for f in loaded.filled],
        "mapping": loaded.mapping.to_json() if loaded.mapping is not None else None,
        "date_format": loaded.date_format,
        "sheets": list(loaded.sheets),
        "sheet": loaded.sheet,
        "dtypes": {str(c): str(t) for c, t in loaded.events.dtypes.items()},
    }


class LoadCache:
    """The cache files in one folder (`Settings.load_cache_dir`)."""

    def __init__(self, folder: Path, *, max_entries: int = Settings.load_cache_entries) -> None:
        self.folder = folder
        self.max_entries = max_entries

    @classmethod
    def from_settings(cls, settings: Settings) -> LoadCache:
        return cls(settings.load_cache_dir, max_entries=settings.load_cache_entries)

    def path_for(self, key: str) -> Path:
        return self.folder / f"{key}{_SUFFIX}"

    def read(self, key: str, *, source_name: str) -> tuple[LoadedData | None, CacheState]:
        """The load cached under `key` (with `source_name` as the file's name), or None and why not."""
        path = self.path_for(key)
        if not path.is_file():
            return None, CacheState.MISSING
        try:
            table = pq.read_table(path)
        except (OSError, pa.ArrowException, ValueError):
            return None, CacheState.DAMAGED
        stored = table.schema.metadata or {}
        if stored.get(_KEY) != key.encode() or _LOAD not in stored:
            return None, CacheState.STALE
        try:
            meta = json.loads(stored[_LOAD])
            events = table.to_pandas()
            if list(events.columns) != list(meta["dtypes"]) or not set(_REQUIRED_COLUMNS) <= set(events.columns):
                return None, CacheState.STALE
            if {str(c): str(t) for c, t in events.dtypes.items()} != meta["dtypes"]:
                return None, CacheState.STALE
            loaded = self._loaded(events, meta, source_name=source_name)
        except (KeyError, TypeError, ValueError, pa.ArrowException):
            return None, CacheState.STALE
        return loaded, CacheState.HIT

    @staticmethod
    def _loaded(events: pd.DataFrame, meta: dict[str, Any], *, source_name: str) -> LoadedData:
        mapping = meta["mapping"]
        return LoadedData(
            events=events,
            problems=tuple(_problem(p) for p in meta["problems"]),
            rejected_count=int(meta["rejected_count"]),
            detected_format=str(meta["detected_format"]),
            source_name=source_name,
            sha256=str(meta["sha256"]),
            short_hash=str(meta["sha256"])[:12],
            byte_size=int(meta["byte_size"]),
            geocode_summary=_summary(meta["geocode_summary"]),
            cache_key=str(meta["sha256"]),
            filled=tuple(FillIn(str(f), str(v), int(n)) for f, v, n in meta["filled"]),
            mapping=ColumnMapping.from_json(mapping) if mapping is not None else None,
            date_format=str(meta["date_format"]),
            sheets=tuple(str(s) for s in meta["sheets"]),
            sheet=str(meta["sheet"]),
        )

    def write(self, key: str, loaded: LoadedData) -> Path:
        """Store a load under `key` (atomically); the oldest cache files beyond `max_entries` go."""
        table = pa.Table.from_pandas(loaded.events, preserve_index=False)
        metadata = {**(table.schema.metadata or {}), _KEY: key.encode(),
                    _LOAD: json.dumps(_metadata(loaded), ensure_ascii=False).encode()}
        buffer = io.BytesIO()
        pq.write_table(table.replace_schema_metadata(metadata), buffer, compression="zstd")
        path = write_atomic(self.path_for(key), buffer.getvalue())
        self._trim()
        return path

    def _trim(self) -> None:
        files = sorted(self.folder.glob(f"*{_SUFFIX}"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in files[self.max_entries:]:
            old.unlink(missing_ok=True)
