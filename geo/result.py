"""What a geocoder answers: `GeoResult` (with its `Candidate`s), and the `GeoContext` it may use.

Every result says how it was found (`geo_source`), what it matched (`matched_name`, `place_id`), how
sure the match is (`confidence`, 0..1), how exact the point is (`precision`) and, when it is not
resolved, why (`reason`) and which places came close (`candidates`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Literal

Status = Literal["resolved", "not_found", "ambiguous", "unavailable"]
Precision = Literal["exact", "near", "region"]

STATUSES: tuple[str, ...] = ("resolved", "not_found", "ambiguous", "unavailable")
PRECISIONS: tuple[str, ...] = ("exact", "near", "region")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may refer to."""

    name: str
    place_id: str = ""
    lat: float | None = None
    lon: float | None = None
    country: str = ""
    score: float = 0.0  # 0..1, how well the name matched

    def label(self) -> str:
        """`Martuni (Armenia)`: the name with its country, as shown to users."""
        return f"{self.name} ({self.country})" if self.country else self.name


@dataclass(frozen=True, slots=True)
class GeoContext:
    """Where a name is expected: a country (name or ISO 3166 alpha-2 code), its admin1 (province,
    oblast, marz, rayon: by name, any romanisation) and/or a box.

    `bbox` is `(south, west, north, east)` in degrees, like `Settings.region_bbox`. Context is a
    preference: among several places with the name, those inside the context win.
    """

    country: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    admin1: str | None = None

    def __post_init__(self) -> None:
        if self.bbox is not None:
            if len(self.bbox) != 4 or not all(math.isfinite(v) for v in self.bbox):
                raise ValueError(f"bbox must be 4 finite numbers (south, west, north, east), got {self.bbox!r}")
            south, west, north, east = self.bbox
            if south > north or west > east:
                raise ValueError(f"bbox must be (south, west, north, east) with south<=north, west<=east, "
                                 f"got {self.bbox!r}")

    def contains(self, lat: float | None, lon: float | None) -> bool:
        """True when there is no box, or the point is inside it."""
        if self.bbox is None:
            return True
        if lat is None or lon is None:
            return False
        south, west, north, east = self.bbox
        return south <= lat <= north and west <= lon <= east

    def cache_key(self) -> str:
        """A stable text form, part of the cache key."""
        box = ",".join(f"{v:.4f}" for v in self.bbox) if self.bbox else ""
        key = f"country={(self.country or '').strip().casefold()};bbox={box}"
        return key + f";admin1={self.admin1.strip().casefold()}" if self.admin1 and self.admin1.strip() else key


@dataclass(frozen=True, slots=True)
class GeoResult:
    """The answer to one query."""

    query: str
    status: Status
    lat: float | None = None
    lon: float | None = None
    geo_source: str = ""  # 'override' | 'gazetteer' | 'fuzzy' | 'geonames' | 'cache' | 'online:nominatim' | ...
    matched_name: str = ""
    place_id: str = ""
    confidence: float = 0.0
    precision: Precision = "exact"
    candidates: tuple[Candidate, ...] = field(default=())
    reason: str = ""
    country: str = ""  # the place's country (ISO 3166-1 alpha-2), when the geocoder knows it
    admin1: str = ""  # the place's admin1 name, when the geocoder knows it

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, got {self.status!r}")
        if self.precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}, got {self.precision!r}")
        if self.status == "resolved" and (self.lat is None or self.lon is None):
            raise ValueError(f"a resolved result needs lat and lon, got {self.lat!r}, {self.lon!r}")
        if self.lat is not None and not -90.0 <= self.lat <= 90.0:
            raise ValueError(f"latitude out of range: {self.lat!r}")
        if self.lon is not None and not -180.0 <= self.lon <= 180.0:
            raise ValueError(f"longitude out of range: {self.lon!r}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be within 0..1, got {self.confidence!r}")

    @property
    def resolved(self) -> bool:
        return self.status == "resolved"

    def with_changes(self, **changes: object) -> GeoResult:
        """A copy with some fields changed (e.g. `geo_source='cache'`)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def status_text(self) -> str:
        """The frame's `geo_status`: `resolved`, `not_found: why`, `ambiguous: A, B`, `unavailable: why`."""
        if self.status == "resolved":
            return "resolved"
        if self.status == "ambiguous":
            return "ambiguous: " + ", ".join(c.label() for c in self.candidates)
        return f"{self.status}: {self.reason}" if self.reason else self.status

    @classmethod
    def not_found(cls, query: str, *, geo_source: str, reason: str,
                  candidates: tuple[Candidate, ...] = ()) -> GeoResult:
        return cls(query=query, status="not_found", geo_source=geo_source, reason=reason, candidates=candidates)

    @classmethod
    def unavailable(cls, query: str, *, geo_source: str, reason: str) -> GeoResult:
        return cls(query=query, status="unavailable", geo_source=geo_source, reason=reason)

    @classmethod
    def ambiguous(cls, query: str, *, geo_source: str, candidates: tuple[Candidate, ...],
                  reason: str = "") -> GeoResult:
        names = ", ".join(c.label() for c in candidates)
        return cls(query=query, status="ambiguous", geo_source=geo_source, candidates=candidates,
                   reason=reason or f"{len(candidates)} places match: {names}")
