"""Looking up place names one at a time on request (the Places page's "Look up online"), a reason per failure.

`look_up_name` asks one geocoder (a `CachedGeocoder` around an `OnlineGeocoder`, say) about one name
and turns the answer into the places it may be (`candidates_of`). A service error is that name's
answer — *waiting*, with the reason — never "not found" (and, through the cache, never stored), so
the caller can go on with the next names: an `OnlineGeocoder` in a cool-down fails them at once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from geo.errors import GeoError
from geo.geocoders.base import Geocoder
from geo.result import Candidate, GeoContext, GeoResult

LookupStatus = Literal["found", "not_found", "waiting"]

# How each provider of `geo.geocoders.online.PROVIDERS` is written for people.
SERVICE_NAMES: dict[str, str] = {"nominatim": "Nominatim", "photon": "Photon", "arcgis": "ArcGIS",
                                 "opencage": "OpenCage"}


@dataclass(frozen=True, kw_only=True)
class NameLookup:
    """The answer to one name: the places it may be, or why there is none (yet)."""

    name: str
    status: LookupStatus
    candidates: tuple[Candidate, ...] = ()
    reason: str = ""  # not found: the service's words; waiting: what failed

    @property
    def waiting(self) -> bool:
        """True when the service could not answer: the name should be asked again later."""
        return self.status == "waiting"


def service_name(provider: str) -> str:
    """`Nominatim` for 'nominatim': a provider's name as shown to people."""
    key = provider.strip().lower()
    return SERVICE_NAMES.get(key, key.capitalize())


def has_point(candidate: Candidate) -> bool:
    return (candidate.lat is not None and candidate.lon is not None
            and math.isfinite(candidate.lat) and math.isfinite(candidate.lon))


def candidates_of(result: GeoResult, *, name: str = "") -> list[Candidate]:
    """Every place `result` offers, its own point first (for a resolved result), each point once
    (to 4 decimals, about 10 m). `name` labels the resolved point when the result has no matched name."""
    found = [c for c in result.candidates if has_point(c)]
    if result.resolved and result.lat is not None and result.lon is not None:
        found.insert(0, Candidate(name=result.matched_name or name or result.query, place_id=result.place_id,
                                  lat=result.lat, lon=result.lon, score=result.confidence))
    return unique_points(found)


def unique_points(candidates: list[Candidate], *, besides: list[Candidate] | None = None) -> list[Candidate]:
    """`candidates` without repeated points, nor points already among `besides`."""
    seen = {_point_key(c) for c in besides or ()}
    unique: list[Candidate] = []
    for candidate in candidates:
        key = _point_key(candidate)
        if key not in seen:
            seen.add(key)
            unique.append(candidate)
    return unique


def _point_key(candidate: Candidate) -> tuple[float, float]:
    return (round(candidate.lat or 0.0, 4), round(candidate.lon or 0.0, 4))


def look_up_name(name: str, *, geocoder: Geocoder, context: GeoContext | None = None) -> NameLookup:
    """Ask `geocoder` about `name`; a service failure (timeout, HTTP 429/5xx, refused key, a pause
    after earlier failures) is answered as `waiting` with the reason, never raised."""
    try:
        result = geocoder.geocode(name, context=context)
    except GeoError as error:
        return NameLookup(name=name, status="waiting", reason=str(error) or type(error).__name__)
    if result.status == "unavailable":
        return NameLookup(name=name, status="waiting", reason=result.reason or "service unavailable")
    candidates = candidates_of(result, name=name)
    if not candidates:
        return NameLookup(name=name, status="not_found", reason=result.reason)
    return NameLookup(name=name, status="found", candidates=tuple(candidates), reason=result.reason)
