"""The chain: order, what stops it, and how failures are reported."""

import dataclasses

import pytest

from base.settings import Settings
from geo.chain import default_chain, shared_geonames
from geo.errors import ConfigurationError, GeocoderRateLimited, GeocoderTimedOut
from geo.geocoders import (
    CachedGeocoder,
    GazetteerGeocoder,
    GeocoderChain,
    OnlineGeocoder,
    OverrideGeocoder,
)
from geo.geocoders.base import Geocoder
from geo.geocoders.learned import LearnedPlacesGeocoder
from geo.geocoders.villages import VillageGeocoder
from geo.result import GeoContext, GeoResult


class Spy(Geocoder):
    """Answers from a script and records the queries it was asked."""

    def __init__(self, name: str, answer: GeoResult | Exception | None = None) -> None:
        self.name = name
        self.answer = answer
        self.queries: list[str] = []

    def geocode(self, query: str, *, context: GeoContext | None = None) -> GeoResult:
        self.queries.append(query)
        if isinstance(self.answer, Exception):
            raise self.answer
        if self.answer is None:
            return GeoResult.not_found(query, geo_source=self.name, reason=f"{self.name} has no such name")
        return dataclasses.replace(self.answer, query=query)


def resolved(source: str) -> GeoResult:
    return GeoResult(query="", status="resolved", lat=1.0, lon=2.0, geo_source=source, confidence=0.9)


def test_the_first_resolved_answer_wins_and_later_geocoders_are_not_asked() -> None:
    first, second, third = Spy("a"), Spy("b", resolved("b")), Spy("c", resolved("c"))
    result = GeocoderChain([first, second, third]).geocode("X")
    assert result.geo_source == "b"
    assert (first.queries, second.queries, third.queries) == (["X"], ["X"], [])


def test_ambiguous_stops_the_chain() -> None:
    online = Spy("online", resolved("online"))
    result = GeocoderChain([GazetteerGeocoder(), online]).geocode("Martuni")
    assert result.status == "ambiguous"
    assert online.queries == []


def test_not_found_everywhere_lists_each_reason() -> None:
    result = GeocoderChain([Spy("a"), Spy("b")]).geocode("X")
    assert result.status == "not_found"
    assert result.reason == "a: a has no such name; b: b has no such name"


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (GeocoderRateLimited("online:nominatim: rate limited (HTTP 429), retry after 30 s", retry_after=30),
         ["waiting", "online", "429", "30 s"]),
        (GeocoderTimedOut("online:nominatim: no answer in time"), ["waiting", "no answer in time"]),
        (ConfigurationError("access refused, check the API key"), ["waiting", "API key"]),
    ],
)
def test_a_failing_service_makes_the_name_unavailable_with_the_reason(error: Exception, words: list[str]) -> None:
    result = GeocoderChain([Spy("gazetteer"), Spy("online", error)]).geocode("X")
    assert result.status == "unavailable"
    for word in words:
        assert word in result.reason
    assert "not found offline" in result.reason
    assert result.lat is None


def test_a_failure_before_a_resolving_geocoder_does_not_matter() -> None:
    result = GeocoderChain([Spy("flaky", GeocoderTimedOut("slow")), Spy("good", resolved("good"))]).geocode("X")
    assert result.status == "resolved"


def test_a_bug_is_not_hidden_as_unavailable() -> None:
    with pytest.raises(ZeroDivisionError):
        GeocoderChain([Spy("buggy", ZeroDivisionError("bug"))]).geocode("X")


def test_default_chain_offline(offline_settings: Settings) -> None:
    chain = default_chain(offline_settings)
    kinds = [type(g) for g in chain.geocoders]
    assert kinds == [OverrideGeocoder, GazetteerGeocoder, LearnedPlacesGeocoder, VillageGeocoder]
    assert chain.geocode("Şuşa").place_id == "shusha"


def test_override_beats_gazetteer(offline_settings: Settings) -> None:
    chain = default_chain(offline_settings)
    OverrideGeocoder(offline_settings.overrides_path).set("Shusha", 39.75, 46.74, note="the fortress")
    result = chain.geocode("shusha")
    assert result.geo_source == "override"
    assert (result.lat, result.lon) == (39.75, 46.74)
    assert "the fortress" in result.reason
    assert chain.geocode("Shushi").geo_source == "gazetteer"  # an override is for its own spelling


def test_gazetteer_beats_geonames(offline_settings: Settings) -> None:
    chain = default_chain(offline_settings)
    assert chain.geocode("Ganja").geo_source == "gazetteer"
    assert chain.geocode("Aleppo").geo_source == "geonames"


@pytest.mark.parametrize(("query", "context", "expected"), [
    ("Konya", GeoContext(country="Turkey"), "Konya"),
    ("Washington, D.C.", GeoContext(country="United States"), "Washington"),
    ("Turkey", GeoContext(country="Turkey"), "Turkey"),
    ("Yevlakh", GeoContext(country="Azerbaijan"), "Yevlakh"),
])
def test_geonames_fallback_for_places_outside_the_gazetteer(query: str, context: GeoContext, expected: str) -> None:
    result = shared_geonames().geocode(query, context=context)
    assert result.status == "resolved"
    assert result.matched_name == expected


def test_geonames_country_filter_and_ambiguity() -> None:
    geonames = shared_geonames()
    assert geonames.geocode("Tripoli").status == "ambiguous"  # Libya and Lebanon, similar sizes
    assert geonames.geocode("Tripoli", context=GeoContext(country="LB")).status == "resolved"
    assert geonames.geocode("Konya", context=GeoContext(country="Azerbaijan")).status == "not_found"
    turkey = geonames.geocode("Turkey")
    assert (turkey.precision, turkey.matched_name) == ("region", "Turkey")
    assert "capital" in turkey.reason


def test_geonames_does_not_take_sousse_for_shusha() -> None:
    result = shared_geonames().geocode("سوسة", context=GeoContext(country="Azerbaijan"))
    assert result.status == "not_found"


def test_default_chain_online_needs_a_user_agent(offline_settings: Settings) -> None:
    settings = dataclasses.replace(offline_settings, online_geocoding=True, geocoder_user_agent="")
    with pytest.raises(ConfigurationError, match=r"EVENTMAP_GEOCODER_USER_AGENT.*geocoder_user_agent"):
        default_chain(settings)


def test_default_chain_online_puts_the_cache_in_front_of_the_service(offline_settings: Settings) -> None:
    settings = dataclasses.replace(offline_settings, online_geocoding=True, geocoder_user_agent="eventmap-tests")
    chain = default_chain(settings, http_geocoder=object())
    cache = chain.geocoders[-1]
    assert isinstance(cache, CachedGeocoder)
    assert isinstance(cache.inner, OnlineGeocoder)
    assert cache.path == settings.cache_path
    assert cache.inner.viewbox == settings.region_bbox
