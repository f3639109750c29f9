"""`LearnedPlacesGeocoder`: names placed by the coordinates earlier files gave them (`geo.learned`).

The name is compared by its romanisation key. With a country in the context only places learned
in that country (or with no country) count; with an admin1, only those learned in that admin1
when some are. The learned points of the name, weighted by their row counts, are one place when
they all lie within `spread_km` of their middle: resolved there (precision 'exact', confidence
0.9, the files named in the reason). Points farther apart are several places: *ambiguous*, one
candidate per group of points, never an average of two villages.
"""

from __future__ import annotations

import numpy as np

from geo.countries import country_code, country_name
from geo.geocoders.base import Geocoder
from geo.learned import LearnedPlace, LearnedPlaceStore
from geo.nearest import haversine_km
from geo.result import Candidate, GeoContext, GeoResult
from geo.romanize import roman_key

MAX_CANDIDATES = 5


class LearnedPlacesGeocoder(Geocoder):
    """Places learned from earlier files (see the module docstring)."""

    name = "learned"

    def __init__(self, store: LearnedPlaceStore, *, spread_km: float = 5.0) -> None:
        self.store = store
        self.spread_km = spread_km

    def options_key(self) -> str:
        return f"spread={self.spread_km:g}"

    def geocode(self, query: str, *, context: GeoContext | None = None) -> GeoResult:
        key = roman_key(" ".join(query.split()))
        places = self.store.find(key) if key else []
        code = country_code(context.country) if context else None
        if code:
            places = [p for p in places if p.country in (code, "")]
        if places and context and context.admin1:
            wanted = roman_key(context.admin1)
            inside = [p for p in places if roman_key(p.admin1) == wanted]
            places = inside or [p for p in places if not p.admin1]
        if not places:
            return GeoResult.not_found(query, geo_source=self.name, reason="no earlier file placed this name")
        groups = self._groups(places)
        if len(groups) > 1:
            candidates = tuple(self._candidate(group) for group in groups[:MAX_CANDIDATES])
            return GeoResult.ambiguous(query, geo_source=self.name, candidates=candidates,
                                       reason=f"earlier files placed this name at {len(groups)} places "
                                              f"more than {self.spread_km:g} km apart")
        lat, lon, count = self._middle(groups[0])
        sources = sorted({p.source for p in groups[0]})
        first = groups[0][0]
        return GeoResult(query=query, status="resolved", lat=lat, lon=lon, geo_source=self.name,
                         matched_name=first.name, place_id=f"learned:{key}", confidence=0.9, precision="exact",
                         reason=f"placed by {count} rows of {', '.join(sources)}", country=first.country,
                         admin1=first.admin1)

    def _groups(self, places: list[LearnedPlace]) -> list[list[LearnedPlace]]:
        """Points grouped so that each lies within `spread_km` of its group's first (most-named) point."""
        groups: list[list[LearnedPlace]] = []
        for place in sorted(places, key=lambda p: -p.count):
            for group in groups:
                if float(haversine_km(group[0].lat, group[0].lon, place.lat, place.lon)) <= self.spread_km:
                    group.append(place)
                    break
            else:
                groups.append([place])
        groups.sort(key=lambda g: -sum(p.count for p in g))
        return groups

    @staticmethod
    def _middle(group: list[LearnedPlace]) -> tuple[float, float, int]:
        weights = np.array([p.count for p in group], dtype=np.float64)
        lat = float(np.average([p.lat for p in group], weights=weights))
        lon = float(np.average([p.lon for p in group], weights=weights))
        return round(lat, 6), round(lon, 6), int(weights.sum())

    def _candidate(self, group: list[LearnedPlace]) -> Candidate:
        lat, lon, count = self._middle(group)
        first = group[0]
        name = f"{first.name}, {first.admin1}" if first.admin1 else first.name
        return Candidate(name=name, place_id=f"learned:{roman_key(first.name)}@{lat:.4f},{lon:.4f}", lat=lat,
                         lon=lon, country=country_name(first.country) if first.country else "",
                         score=round(min(1.0, count / 100), 4))
