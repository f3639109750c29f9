"""What the team store's tests share: people and their roles, a valid event, a small offline geocoder."""

from __future__ import annotations

from typing import ClassVar

from access.roles import Principal, Role
from geo.geocoders.base import Geocoder
from geo.result import Candidate, GeoContext, GeoResult

PASSWORD = "correct horse battery"  # noqa: S105 - a test person's password in a throwaway database


class PlacesGeocoder(Geocoder):
    """A few known places; "Martuni" is ambiguous (two towns), everything else not found."""

    name = "test-places"
    PLACES: ClassVar[dict[str, tuple[float, float]]] = {
        "shusha": (39.7601, 46.7499), "stepanakert": (39.8153, 46.7519), "barda": (40.3744, 47.1262)}

    def geocode(self, query: str, *, context: GeoContext | None = None) -> GeoResult:
        key = query.strip().casefold()
        if key == "martuni":
            return GeoResult.ambiguous(query, geo_source=self.name, candidates=(
                Candidate("Martuni", "1", 39.79, 47.11, "AZ"), Candidate("Martuni", "2", 40.14, 45.31, "AM")))
        if key in self.PLACES:
            lat, lon = self.PLACES[key]
            return GeoResult(query=query, status="resolved", lat=lat, lon=lon, geo_source=self.name,
                             matched_name=query.strip(), confidence=1.0)
        return GeoResult.not_found(query, geo_source=self.name, reason="not in the test places")


PEOPLE = {
    "ana": Role.EDITOR, "ben": Role.EDITOR, "rita": Role.REVIEWER, "ravi": Role.REVIEWER, "adam": Role.ADMIN,
}


def person(name: str) -> Principal:
    return Principal(name=name, role=PEOPLE[name], via="password")


EDITOR, OTHER_EDITOR, REVIEWER, OTHER_REVIEWER, ADMIN = (person(n) for n in ("ana", "ben", "rita", "ravi", "adam"))
VIEWER = Principal.anonymous()


def event_values(event_id: str = "T-1", **changes: str) -> dict[str, str]:
    """A valid event as a form would give it (text per column)."""
    values = {
        "event_id": event_id, "date": "2020-10-08", "date_precision": "day", "location": "Shusha",
        "latitude": "39.7601", "longitude": "46.7499", "geo_precision": "exact", "country": "Azerbaijan",
        "side": "Azerbaijan", "actor": "Azerbaijani Armed Forces", "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack", "description": "Shelling of the cathedral",
        "claimed_by": "Artsakh authorities", "status": "claimed", "verification": "single-source",
        "sources": "https://example.org/a", "fatalities": "0",
    }
    values.update(changes)
    return values
