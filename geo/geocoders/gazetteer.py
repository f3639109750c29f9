"""Offline geocoding from the project's gazetteer: exact alias match, then fuzzy match.

Order of the passes, the first that finds something decides:
1. the exact key (`normalize`) of the name, then its loose key (`loose_key`), against every
   spelling of every place (confidence 1.0, then 0.95);
2. combined labels (`Shusha / Shushi`, `Lachin (Berdzor)`): each part on its own; parts that
   agree give the place, parts that disagree make the answer ambiguous;
3. fuzzy match of the loose key (rapidfuzz `ratio` ≥ `fuzzy_threshold`, `geo_source='fuzzy'`,
   confidence = score / 100).
When several places match about equally well (within `ambiguity_margin` points), places inside
the context win; if several remain the answer is *ambiguous* with the candidates listed: never a
guess. A region word in the query ("Barda District") gives the district's town, flagged `region`.
"""

from __future__ import annotations

from collections.abc import Sequence

from geo.countries import country_code
from geo.gazetteer import Alias, Gazetteer, default_gazetteer
from geo.geocoders.base import Geocoder, prefer_context
from geo.normalize import loose_key, name_parts, normalize, split_place_words
from geo.result import GeoContext, GeoResult

DEFAULT_FUZZY_THRESHOLD = 88.0
REGION_CONFIDENCE_FACTOR = 0.8
OUTSIDE_CONTEXT_FACTOR = 0.8

_COLUMN_LABELS = {
    "name_en": "English name", "name_hy_usage": "Armenian usage", "name_hy_script": "Armenian script",
    "name_az": "Azerbaijani", "name_ru": "Russian", "name_ar": "Arabic", "other_variants": "variant",
}

Scored = tuple[Alias, float]  # an alias and its score, 0..1


class GazetteerGeocoder(Geocoder):
    name = "gazetteer"

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        fuzzy_threshold: float = DEFAULT_FUZZY_THRESHOLD,
        ambiguity_margin: float = 3.0,
        min_fuzzy_length: int = 4,
    ) -> None:
        if not 0 < fuzzy_threshold <= 100:
            raise ValueError(f"fuzzy_threshold must be within 0..100, got {fuzzy_threshold!r}")
        self.gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
        self.fuzzy_threshold = fuzzy_threshold
        self.ambiguity_margin = ambiguity_margin
        self.min_fuzzy_length = min_fuzzy_length

    def options_key(self) -> str:
        return f"fuzzy={self.fuzzy_threshold:g}"

    def geocode(self, query: str, *, context: GeoContext | None = None) -> GeoResult:
        text = " ".join(query.split())
        if not text:
            return GeoResult.not_found(query, geo_source=self.name, reason="empty place name")
        result = self._exact(query, text, context)
        if result is not None:
            return result
        parts = name_parts(text)
        if parts:
            result = self._combined(query, parts, context)
            if result is not None:
                return result
        result = self._fuzzy(query, text, context)
        if result is not None:
            return result
        return GeoResult.not_found(query, geo_source=self.name, reason=self._closest_names(text))

    # --- passes ---------------------------------------------------------------------------------

    def _exact(self, query: str, text: str, context: GeoContext | None) -> GeoResult | None:
        core, region = split_place_words(text)
        for aliases, score, how in (
            (self.gazetteer.exact(normalize(core), prefer=core), 1.0, "exact"),
            (self.gazetteer.loose(loose_key(core), prefer=core), 0.95, "spelling variant of"),
        ):
            if aliases:
                scored = [(alias, score) for alias in aliases]
                return self._decide(query, scored, context, geo_source=self.name, how=how, region=region)
        return None

    def _fuzzy(self, query: str, text: str, context: GeoContext | None) -> GeoResult | None:
        core, region = split_place_words(text)
        key = loose_key(core)
        if len(key) < self.min_fuzzy_length:
            return None
        matches = self.gazetteer.fuzzy(key, threshold=self.fuzzy_threshold)
        if not matches:
            return None
        scored = [(alias, score / 100.0) for alias, score in matches]
        return self._decide(query, scored, context, geo_source="fuzzy", how="close to", region=region)

    def _combined(self, query: str, parts: Sequence[str], context: GeoContext | None) -> GeoResult | None:
        names: list[GeoResult] = []
        qualifiers: list[GeoResult] = []
        for part in parts:
            result = self._exact(part, part, context) or self._fuzzy(part, part, context)
            if result is None:
                continue
            (qualifiers if split_place_words(part)[1] else names).append(result)
        for results in (names, qualifiers):
            if not results:
                continue
            if any(r.status == "ambiguous" for r in results):
                return next(r for r in results if r.status == "ambiguous").with_changes(query=query)
            places = {r.place_id for r in results}
            if len(places) == 1:
                best = max(results, key=lambda r: r.confidence)
                return best.with_changes(query=query, reason=f"{best.reason}; parts of {query!r} agree")
            candidates = tuple(self.gazetteer.candidate(r.place_id, score=r.confidence) for r in results)
            return GeoResult.ambiguous(query, geo_source=self.name, candidates=candidates,
                                       reason=f"the parts of {query!r} name different places")
        return None

    # --- decision -------------------------------------------------------------------------------

    def _decide(
        self, query: str, scored: list[Scored], context: GeoContext | None, *, geo_source: str, how: str,
        region: bool,
    ) -> GeoResult:
        places = self.gazetteer.places

        def point(item: Scored) -> tuple[float | None, float | None]:
            p = self.gazetteer.point(item[0].place_id)
            return (p.lat, p.lon) if p else (None, None)

        preferred, in_context = prefer_context(
            scored, context, country_of=lambda item: places[item[0].place_id].country_code, point_of=point
        )
        best = max(score for _, score in preferred)
        close = [item for item in preferred if item[1] >= best - self.ambiguity_margin / 100.0]
        close.sort(key=lambda item: (-item[1], item[0].place_id))
        if len(close) > 1:
            candidates = tuple(self.gazetteer.candidate(a.place_id, score=s) for a, s in close)
            return GeoResult.ambiguous(query, geo_source=geo_source, candidates=candidates)
        alias, score = close[0]
        place = places[alias.place_id]
        located = self.gazetteer.point(alias.place_id)
        if located is None:
            return GeoResult.not_found(query, geo_source=geo_source,
                                       reason=f"{place.name_en} is in the gazetteer without coordinates")
        reasons = [f"{how} {alias.name!r} ({_COLUMN_LABELS.get(alias.column, alias.column)})"]
        confidence = score
        precision = located.precision
        if located.note:
            reasons.append(located.note)
        if region:
            confidence *= REGION_CONFIDENCE_FACTOR
            precision = "region"
            reasons.append("a district or region: the point is its main town")
        if context is not None and not in_context and _context_is_usable(context):
            confidence *= OUTSIDE_CONTEXT_FACTOR
            reasons.append("outside the given country/area")
        return GeoResult(
            query=query, status="resolved", lat=located.lat, lon=located.lon, geo_source=geo_source,
            matched_name=place.name_en, place_id=place.place_id, confidence=round(confidence, 4),
            precision=precision, reason="; ".join(reasons),  # type: ignore[arg-type]
            country=place.country_code, admin1=place.admin1,
        )

    def _closest_names(self, text: str) -> str:
        key = loose_key(split_place_words(text)[0])
        near = self.gazetteer.fuzzy(key, threshold=60.0, limit=3) if key else []
        if not near:
            return "not in the gazetteer"
        closest = ", ".join(f"{alias.name} ({score:.0f})" for alias, score in near)
        return f"not in the gazetteer (closest: {closest}; threshold {self.fuzzy_threshold:g})"


def _context_is_usable(context: GeoContext) -> bool:
    return context.bbox is not None or country_code(context.country) is not None
