"""A persistent cache in front of a (slow, rate-limited) geocoder: SQLite on disk.

Keyed by the normalised query, the geocoder's name and options, and the context; it stores found,
ambiguous *and* not-found answers (each with its own time to live) and survives restarts. It never
stores a failure: when the wrapped geocoder raises (timeout, HTTP 429/5xx, malformed reply, DNS
failure) or answers `unavailable`, nothing is written and the error goes up to the chain.

SQLite commits are atomic and the database is in WAL mode, so several sessions and processes can
share one file; a file that is not a database (damaged, truncated) is moved aside as
`NAME.corrupt-TIMESTAMP` and a new cache started.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
from abc import abstractmethod
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from geo.geocoders.base import Geocoder
from geo.normalize import normalize
from geo.result import Candidate, GeoContext, GeoResult

SCHEMA_VERSION = 1
DAY = 86400.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS geocache (
    query_key TEXT NOT NULL,
    provider TEXT NOT NULL,
    options TEXT NOT NULL,
    context TEXT NOT NULL,
    query TEXT NOT NULL,
    status TEXT NOT NULL,
    lat REAL,
    lon REAL,
    geo_source TEXT NOT NULL,
    matched_name TEXT NOT NULL,
    place_id TEXT NOT NULL,
    confidence REAL NOT NULL,
    precision TEXT NOT NULL,
    candidates TEXT NOT NULL,
    reason TEXT NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (query_key, provider, options, context)
)
"""
_COLUMNS = ("query", "status", "lat", "lon", "geo_source", "matched_name", "place_id", "confidence", "precision",
            "candidates", "reason", "created")


class AnswerCache(Geocoder):
    """What every cache of answers in front of a geocoder shares (this SQLite file; the team store's table):
    the cache-aside `geocode`, the times to live, what is kept of an answer and how a kept one is given back.
    A subclass says where answers live: `lookup` and `store`."""

    name = "cache"

    def __init__(self, inner: Geocoder, *, ttl_found_s: float = 180 * DAY, ttl_not_found_s: float = 30 * DAY,
                 clock: Callable[[], float] = time.time) -> None:
        self.inner = inner
        self.ttl_found_s = ttl_found_s
        self.ttl_not_found_s = ttl_not_found_s
        self._clock = clock

    def options_key(self) -> str:
        return self.inner.options_key()

    def service_name(self) -> str:
        return self.inner.service_name()

    @abstractmethod
    def lookup(self, query: str, *, context: GeoContext | None = None) -> GeoResult | None:
        """The cached answer for `query`, or None (missing or expired)."""

    @abstractmethod
    def store(self, result: GeoResult, *, query: str | None = None, context: GeoContext | None = None) -> bool:
        """Remember the answer to `query` (default: `result.query`); a failure (`unavailable`) is refused.
        True when stored."""

    def geocode(self, query: str, *, context: GeoContext | None = None) -> GeoResult:
        cached = self.lookup(query, context=context)
        if cached is not None:
            return cached
        result = self.inner.geocode(query, context=context)  # a service error propagates: nothing stored
        self.store(result, query=query, context=context)
        return result

    def kept(self, result: GeoResult, *, query: str) -> dict[str, object] | None:
        """What is kept of `result` (every column but the key, candidates as plain mappings), None for a
        failure, which is never kept."""
        if result.status == "unavailable":
            return None
        return {
            "query": query, "status": result.status, "lat": result.lat, "lon": result.lon,
            "geo_source": result.geo_source, "matched_name": result.matched_name, "place_id": result.place_id,
            "confidence": result.confidence, "precision": result.precision,
            "candidates": [{"name": c.name, "place_id": c.place_id, "lat": c.lat, "lon": c.lon,
                            "country": c.country, "score": c.score} for c in result.candidates],
            "reason": result.reason, "created": self._clock(),
        }

    def given_back(self, query: str, kept: Mapping[str, Any]) -> GeoResult | None:
        """The answer `kept` (as `kept()` gave it) for `query`, None when it has expired."""
        ttl = self.ttl_found_s if kept["status"] == "resolved" else self.ttl_not_found_s
        if self._clock() - kept["created"] > ttl:
            return None
        when = datetime.fromtimestamp(kept["created"], UTC).strftime("%Y-%m-%d")
        return GeoResult(
            query=query, status=kept["status"], lat=kept["lat"], lon=kept["lon"], geo_source=self.name,
            matched_name=kept["matched_name"], place_id=kept["place_id"], confidence=kept["confidence"],
            precision=kept["precision"], candidates=tuple(Candidate(**c) for c in kept["candidates"]),
            reason=f"cached answer of {kept['geo_source']} from {when}"
                   + (f": {kept['reason']}" if kept["reason"] else ""),
        )


class CachedGeocoder(AnswerCache):
    def __init__(
        self,
        inner: Geocoder,
        path: Path | str,
        *,
        ttl_found_s: float = 180 * DAY,
        ttl_not_found_s: float = 30 * DAY,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(inner, ttl_found_s=ttl_found_s, ttl_not_found_s=ttl_not_found_s, clock=clock)
        self.path = Path(path)
        self._lock = threading.Lock()
        self._ready = False

    # --- database -------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if not self._ready:
                self._open_or_reset()
            connection = sqlite3.connect(self.path, timeout=10.0)
            try:
                with connection:
                    yield connection
            finally:
                connection.close()

    def _open_or_reset(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._create()
        except sqlite3.DatabaseError:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            self.path.replace(self.path.with_name(f"{self.path.name}.corrupt-{stamp}"))
            for suffix in ("-wal", "-shm"):
                self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
            self._create()
        self._ready = True

    def _create(self) -> None:
        connection = sqlite3.connect(self.path, timeout=10.0)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            with connection:
                connection.execute(_SCHEMA)
                version = connection.execute("PRAGMA user_version").fetchone()[0]
                if version == 0:
                    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        finally:
            connection.close()

    def _key(self, query: str, context: GeoContext | None) -> tuple[str, str, str, str]:
        return (normalize(query), self.inner.name, self.inner.options_key(),
                context.cache_key() if context else GeoContext().cache_key())

    # --- lookups --------------------------------------------------------------------------------

    def lookup(self, query: str, *, context: GeoContext | None = None) -> GeoResult | None:
        """The cached answer for `query`, or None (missing or expired)."""
        with self._connect() as db:
            row = db.execute(
                f"SELECT {', '.join(_COLUMNS)} FROM geocache "  # noqa: S608 - column names are constants
                "WHERE query_key=? AND provider=? AND options=? AND context=?",
                self._key(query, context),
            ).fetchone()
        if row is None:
            return None
        values = dict(zip(_COLUMNS, row, strict=True))
        return self.given_back(query, {**values, "candidates": json.loads(values["candidates"])})

    def store(self, result: GeoResult, *, query: str | None = None, context: GeoContext | None = None) -> bool:
        """Remember the answer to `query` (default: `result.query`); a failure (`unavailable`) is refused.

        True when stored.
        """
        query = result.query if query is None else query
        kept = self.kept(result, query=query)
        if kept is None:
            return False
        kept["candidates"] = json.dumps(kept["candidates"], ensure_ascii=False)
        values = (*self._key(query, context), *(kept[column] for column in _COLUMNS))
        with self._connect() as db:
            db.execute(f"INSERT OR REPLACE INTO geocache VALUES ({', '.join('?' * len(values))})", values)  # noqa: S608
        return True

    # --- maintenance ----------------------------------------------------------------------------

    def count(self) -> dict[str, int]:
        """Number of cached answers by status."""
        with self._connect() as db:
            return dict(db.execute("SELECT status, COUNT(*) FROM geocache GROUP BY status").fetchall())

    def forget(self, query: str | None = None) -> int:
        """Delete the answers for `query` (every provider and context), or all when None."""
        with self._connect() as db:
            if query is None:
                return db.execute("DELETE FROM geocache").rowcount
            return db.execute("DELETE FROM geocache WHERE query_key=?", (normalize(query),)).rowcount
