"""`GeocoderChain`: ask several geocoders in order; the first that resolves (or finds the name
ambiguous) answers.

When none resolves, the answer is `unavailable` if a service failed on the way (the reason says
which one and why, e.g. "waiting: online:nominatim: rate limited (HTTP 429), retry after 30 s"),
else `not_found` with each geocoder's reason. A failing service never turns into "not found".
"""

from __future__ import annotations

from collections.abc import Sequence

from geo.errors import GeoError
from geo.geocoders.base import Geocoder
from geo.result import GeoContext, GeoResult


class GeocoderChain(Geocoder):
    name = "chain"

    def __init__(self, geocoders: Sequence[Geocoder]) -> None:
        if not geocoders:
            raise ValueError("a geocoder chain needs at least one geocoder")
        self.geocoders: tuple[Geocoder, ...] = tuple(geocoders)

    def options_key(self) -> str:
        return "|".join(f"{g.name}:{g.options_key()}" for g in self.geocoders)

    def geocode(self, query: str, *, context: GeoContext | None = None) -> GeoResult:
        misses: list[GeoResult] = []
        failures: list[str] = []
        for geocoder in self.geocoders:
            try:
                result = geocoder.geocode(query, context=context)
            except GeoError as error:
                failures.append(f"{geocoder.service_name()}: {error}")
                continue
            if result.status in ("resolved", "ambiguous"):
                return result
            if result.status == "unavailable":
                failures.append(f"{result.geo_source or geocoder.service_name()}: {result.reason}")
            else:
                misses.append(result)
        if failures:
            offline = "; not found offline" if misses else ""
            return GeoResult.unavailable(query, geo_source="", reason="waiting: " + "; ".join(failures) + offline)
        reasons = [f"{m.geo_source}: {m.reason}" for m in misses if m.reason and m.geo_source != "override"]
        return GeoResult.not_found(query, geo_source="", reason="; ".join(reasons) or "not found")
