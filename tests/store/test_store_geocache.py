"""The geocoding cache in the store answers as the SQLite cache does: the same tests run against both."""

from __future__ import annotations

import dataclasses

import pytest

from geo.errors import GeocoderTimedOut
from geo.geocoders import CachedGeocoder
from geo.geocoders.base import Geocoder
from geo.result import Candidate, GeoContext, GeoResult
from store.postgres import make_engine
from store.postgres.geocache import PostgresGeocodeCache

pytestmark = pytest.mark.postgres
DAY = 86400.0


class Scripted(Geocoder):
    """A pretend online service: answers or raises from a script, counts calls."""

    name = "online:fake"

    def __init__(self, *answers: GeoResult | Exception) -> None:
        self.answers = list(answers)
        self.calls = 0

    def geocode(self, query: str, *, context: GeoContext | None = None) -> GeoResult:
        self.calls += 1
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return dataclasses.replace(answer, query=query)


FOUND = GeoResult(query="x", status="resolved", lat=39.76, lon=46.75, geo_source="online:fake", matched_name="Shusha",
                  place_id="fake:1", confidence=0.75, candidates=(
                      Candidate("Shusha District", "fake:2", 39.7, 46.7, "Azerbaijan", 0.5),), reason="first result")
MISSING = GeoResult.not_found("x", geo_source="online:fake", reason="fake found no place")
AMBIGUOUS = GeoResult.ambiguous("x", geo_source="online:fake", candidates=(
    Candidate("Martuni", "1", 39.79, 47.11, "AZ"), Candidate("Martuni", "2", 40.14, 45.31, "AM")))


@pytest.fixture(params=["sqlite", "postgres"])
def make_cache(request, tmp_path, store_url):
    engine = make_engine(store_url)
    clock = {"now": 1_000_000.0}

    def make(inner: Geocoder) -> Geocoder:
        if request.param == "sqlite":
            return CachedGeocoder(inner, tmp_path / "cache.sqlite3", clock=lambda: clock["now"])
        return PostgresGeocodeCache(inner, engine, clock=lambda: clock["now"])

    make.clock = clock  # type: ignore[attr-defined]
    yield make
    engine.dispose()


@pytest.mark.parametrize("answer", [FOUND, MISSING, AMBIGUOUS], ids=["found", "not found", "ambiguous"])
def test_answers_are_kept_across_restarts(make_cache, answer):
    service = Scripted(answer)
    first = make_cache(service).geocode("Shusha", context=GeoContext(country="AZ"))
    again = make_cache(Scripted(RuntimeError("must not be asked"))).geocode("  SHUSHA ",
                                                                            context=GeoContext(country="AZ"))
    assert service.calls == 1
    assert again.geo_source == "cache"
    assert (again.status, again.lat, again.lon, again.candidates) == (first.status, first.lat, first.lon,
                                                                      first.candidates)
    assert again.query == "  SHUSHA "
    assert "online:fake" in again.reason


def test_another_context_is_another_question(make_cache):
    service = Scripted(FOUND)
    make_cache(service).geocode("Shusha", context=GeoContext(country="AZ"))
    make_cache(service).geocode("Shusha", context=GeoContext(country="AM"))
    assert service.calls == 2


def test_a_failure_is_never_stored(make_cache):
    with pytest.raises(GeocoderTimedOut):
        make_cache(Scripted(GeocoderTimedOut("slow"))).geocode("Shusha")
    unavailable = GeoResult.unavailable("Shusha", geo_source="online:fake", reason="down")
    assert make_cache(Scripted(unavailable)).geocode("Shusha").status == "unavailable"
    assert make_cache(Scripted(FOUND)).count() == {}


@pytest.mark.parametrize(("answer", "days", "asked_again"), [
    (FOUND, 179, False), (FOUND, 181, True), (MISSING, 29, False), (MISSING, 31, True)])
def test_answers_expire(make_cache, answer, days, asked_again):
    make_cache(Scripted(answer)).geocode("Shusha")
    make_cache.clock["now"] += days * DAY
    service = Scripted(FOUND)
    make_cache(service).geocode("Shusha")
    assert service.calls == int(asked_again)


def test_count_and_forget(make_cache):
    cache = make_cache(Scripted(FOUND, MISSING, MISSING))
    for name in ("Shusha", "Atlantis", "El Dorado"):
        cache.geocode(name)
    assert cache.count() == {"resolved": 1, "not_found": 2}
    assert cache.forget("  atlantis") == 1
    assert cache.count() == {"resolved": 1, "not_found": 1}
    assert cache.forget() == 2
    assert cache.count() == {}
