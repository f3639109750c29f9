"""The online geocoder against a fake Nominatim on 127.0.0.1: hits, misses and every kind of failure.

The clock and sleep are fake (`fake_clock`): back-off and Retry-After waits are recorded, not slept.
"""

import dataclasses
from pathlib import Path

import pytest
from fake_nominatim import FakeClock, FakeNominatim, Reply, place_json

from base.settings import Settings
from geo import errors
from geo.chain import default_chain
from geo.geocoders import CachedGeocoder, GeocoderChain, OnlineGeocoder, RateLimiter, make_geopy_geocoder
from geo.result import GeoContext

SHUSHA = place_json("Shusha, Azerbaijan", 39.7601, 46.7499)
REGION = (38.3, 43.4, 41.5, 50.6)


def online(domain: str, clock: FakeClock, *, timeout: float = 5.0, max_retries: int = 3) -> OnlineGeocoder:
    http = make_geopy_geocoder("nominatim", user_agent="eventmap-tests/1 (tests@example.org)", domain=domain,
                               scheme="http", timeout=timeout)
    return OnlineGeocoder(http, provider="nominatim", viewbox=REGION, max_retries=max_retries,
                          rate_limiter=RateLimiter(1.0, clock=clock.clock, sleep=clock.sleep))


def cached(geocoder: OnlineGeocoder, tmp_path: Path) -> CachedGeocoder:
    return CachedGeocoder(geocoder, tmp_path / "geocache.sqlite3")


def test_a_hit(nominatim: FakeNominatim, fake_clock: FakeClock) -> None:
    nominatim.script = [Reply(body=[SHUSHA])]
    result = online(nominatim.domain, fake_clock).geocode("Shusha castle")
    assert result.status == "resolved"
    assert (result.lat, result.lon) == (39.7601, 46.7499)
    assert result.geo_source == "online:nominatim"
    assert result.matched_name == "Shusha, Azerbaijan"
    request = nominatim.searches()[0]
    assert request["headers"]["User-Agent"] == "eventmap-tests/1 (tests@example.org)"
    assert request["params"]["q"] == ["Shusha castle"]
    assert request["params"]["format"] == ["json"]
    assert request["params"]["viewbox"] == ["43.4,38.3,50.6,41.5"]  # west,south,east,north: a bias ...
    assert "bounded" not in request["params"] or request["params"]["bounded"] == ["0"]  # ... not a filter


def test_a_country_in_the_context_becomes_countrycodes(nominatim: FakeNominatim, fake_clock: FakeClock) -> None:
    nominatim.script = [Reply(body=[SHUSHA])]
    online(nominatim.domain, fake_clock).geocode("Shusha", context=GeoContext(country="Azerbaijan"))
    assert nominatim.searches()[0]["params"]["countrycodes"] == ["az"]


def test_an_empty_answer_is_not_found_and_cached(nominatim: FakeNominatim, fake_clock: FakeClock,
                                                 tmp_path: Path) -> None:
    geocoder = cached(online(nominatim.domain, fake_clock), tmp_path)
    first = geocoder.geocode("Nowhere-on-earth")
    assert first.status == "not_found"
    second = geocoder.geocode("Nowhere-on-earth")
    assert second.status == "not_found"
    assert second.geo_source == "cache"
    assert len(nominatim.searches()) == 1
    assert geocoder.count() == {"not_found": 1}


def test_429_waits_for_retry_after_then_succeeds(nominatim: FakeNominatim, fake_clock: FakeClock,
                                                 tmp_path: Path) -> None:
    nominatim.script = [Reply(status=429, body=b"slow down", headers={"Retry-After": "7"}), Reply(body=[SHUSHA])]
    geocoder = cached(online(nominatim.domain, fake_clock), tmp_path)
    result = geocoder.geocode("Shusha")
    assert result.status == "resolved"
    assert 7 in fake_clock.sleeps
    assert len(nominatim.searches()) == 2
    assert geocoder.count() == {"resolved": 1}


def test_429_until_the_retries_run_out(nominatim: FakeNominatim, fake_clock: FakeClock, tmp_path: Path) -> None:
    nominatim.default = Reply(status=429, headers={"Retry-After": "2"})
    service = online(nominatim.domain, fake_clock, max_retries=2)
    geocoder = cached(service, tmp_path)
    with pytest.raises(errors.GeocoderRateLimited) as caught:
        geocoder.geocode("Shusha")
    assert caught.value.retry_after == 2
    assert isinstance(caught.value, ConnectionError)
    assert len(nominatim.searches()) == 3  # first try + 2 retries
    assert geocoder.count() == {}  # never cached
    # During the pause the service is not asked again: the name waits, the app stays responsive.
    chain = GeocoderChain([geocoder])
    result = chain.geocode("Ganja")
    assert result.status == "unavailable"
    assert "waiting" in result.reason
    assert "429" in result.reason
    assert len(nominatim.searches()) == 3
    # After the pause it is.
    nominatim.default = Reply(body=[SHUSHA])
    fake_clock.now += 3
    assert geocoder.geocode("Shusha").status == "resolved"


def test_a_long_retry_after_is_not_slept_through(nominatim: FakeNominatim, fake_clock: FakeClock) -> None:
    nominatim.default = Reply(status=429, headers={"Retry-After": "3600"})
    with pytest.raises(errors.GeocoderRateLimited, match="retry after 3600 s"):
        online(nominatim.domain, fake_clock).geocode("Shusha")
    assert all(wait < 3600 for wait in fake_clock.sleeps)
    assert len(nominatim.searches()) == 1


def test_500_is_retried_with_exponential_backoff(nominatim: FakeNominatim, fake_clock: FakeClock,
                                                 tmp_path: Path) -> None:
    nominatim.default = Reply(status=500, body=b"internal error")
    geocoder = cached(online(nominatim.domain, fake_clock, max_retries=3), tmp_path)
    with pytest.raises(errors.GeocoderServiceError):
        geocoder.geocode("Shusha")
    assert len(nominatim.searches()) == 4
    backoffs = [wait for wait in fake_clock.sleeps if wait in (1.0, 2.0, 4.0)]
    assert backoffs[:3] == [1.0, 2.0, 4.0]
    assert geocoder.count() == {}


def test_one_500_then_success(nominatim: FakeNominatim, fake_clock: FakeClock) -> None:
    nominatim.script = [Reply(status=502), Reply(body=[SHUSHA])]
    assert online(nominatim.domain, fake_clock).geocode("Shusha").status == "resolved"


def test_a_timeout(nominatim: FakeNominatim, fake_clock: FakeClock, tmp_path: Path) -> None:
    nominatim.default = Reply(body=[SHUSHA], delay_s=1.0)
    geocoder = cached(online(nominatim.domain, fake_clock, timeout=0.1, max_retries=0), tmp_path)
    with pytest.raises(errors.GeocoderTimedOut) as caught:
        geocoder.geocode("Shusha")
    assert isinstance(caught.value, TimeoutError)
    assert geocoder.count() == {}


def test_malformed_json(nominatim: FakeNominatim, fake_clock: FakeClock, tmp_path: Path) -> None:
    nominatim.default = Reply(body=b"<html>Bad gateway</html>")
    geocoder = cached(online(nominatim.domain, fake_clock, max_retries=1), tmp_path)
    with pytest.raises(errors.GeocoderServiceError, match="malformed"):
        geocoder.geocode("Shusha")
    assert geocoder.count() == {}


@pytest.mark.parametrize("where", ["refused", "dns"])
def test_unreachable_service_is_unavailable_and_not_cached(where: str, closed_port: int, fake_clock: FakeClock,
                                                           tmp_path: Path) -> None:
    domain = f"127.0.0.1:{closed_port}" if where == "refused" else "nominatim.invalid"
    geocoder = cached(online(domain, fake_clock, timeout=2.0, max_retries=1), tmp_path)
    result = GeocoderChain([geocoder]).geocode("Shusha")
    assert result.status == "unavailable"
    assert "waiting" in result.reason
    assert "unreachable" in result.reason
    assert geocoder.count() == {}


def test_requests_are_at_most_one_per_second(nominatim: FakeNominatim, fake_clock: FakeClock) -> None:
    nominatim.default = Reply(body=[SHUSHA])
    geocoder = online(nominatim.domain, fake_clock)
    for name in ("a", "b", "c"):
        geocoder.geocode(name)
    assert fake_clock.sleeps == [1.0, 1.0]


def test_a_region_result_is_flagged(nominatim: FakeNominatim, fake_clock: FakeClock) -> None:
    nominatim.script = [Reply(body=[place_json("Fuzuli District", 39.6, 47.1, addresstype="county")])]
    assert online(nominatim.domain, fake_clock).geocode("Fuzuli District").precision == "region"


@pytest.mark.parametrize(
    ("provider", "user_agent", "api_key", "message"),
    [
        ("nominatim", "", "", "EVENTMAP_GEOCODER_USER_AGENT"),
        ("opencage", "eventmap-tests", "", "EVENTMAP_GEOCODER_API_KEY"),
        ("teleport", "eventmap-tests", "", "unknown geocoder 'teleport': choose one of arcgis, nominatim"),
    ],
)
def test_settings_that_cannot_work_are_refused_clearly(provider: str, user_agent: str, api_key: str,
                                                      message: str) -> None:
    with pytest.raises(errors.ConfigurationError, match=message):
        make_geopy_geocoder(provider, user_agent=user_agent, api_key=api_key)


@pytest.mark.parametrize("provider", ["nominatim", "photon", "arcgis"])
def test_providers_are_selectable_by_name(provider: str) -> None:
    assert make_geopy_geocoder(provider, user_agent="eventmap-tests") is not None


def test_end_to_end_from_the_environment_and_across_a_restart(nominatim: FakeNominatim, tmp_path: Path) -> None:
    """Settings from env vars → chain → fake server; a second chain (a restart) answers from the cache."""
    env = {
        "EVENTMAP_ONLINE_GEOCODING": "1",
        "EVENTMAP_GEOCODER_USER_AGENT": "eventmap-tests/1",
        "EVENTMAP_GEOCODER_DOMAIN": nominatim.domain,
        "EVENTMAP_GEOCODER_SCHEME": "http",
        "EVENTMAP_STATE_DIR": str(tmp_path / "var"),
        "EVENTMAP_OVERRIDES": str(tmp_path / "overrides.csv"),
    }
    settings = dataclasses.replace(Settings.from_env(env), geocoder_min_delay_s=0.0)
    nominatim.script = [Reply(body=[place_json("Hadrut District village", 39.5, 47.0)])]
    first = default_chain(settings, use_geonames=False).geocode("Tugh village near Hadrut")
    assert first.geo_source == "online:nominatim"
    second = default_chain(settings, use_geonames=False).geocode("Tugh village near Hadrut")
    assert second.geo_source == "cache"
    assert (second.lat, second.lon) == (first.lat, first.lon)
    assert len(nominatim.searches()) == 1
    assert default_chain(settings, use_geonames=False).geocode("Shusha").geo_source == "gazetteer"
    assert len(nominatim.searches()) == 1  # offline names never reach the service


def test_a_pause_is_shared_by_every_session_of_the_service(nominatim: FakeNominatim, fake_clock: FakeClock) -> None:
    nominatim.default = Reply(status=503)
    limiter = RateLimiter(1.0, clock=fake_clock.clock, sleep=fake_clock.sleep)
    http = make_geopy_geocoder("nominatim", user_agent="eventmap-tests", domain=nominatim.domain, scheme="http")
    first, second = (OnlineGeocoder(http, rate_limiter=limiter, max_retries=0) for _ in range(2))
    with pytest.raises(errors.GeocoderServiceError, match=r"HTTP 503"):
        first.geocode("Shusha")
    with pytest.raises(errors.GeocoderServiceError, match="paused until"):
        second.geocode("Ganja")
    assert len(nominatim.searches()) == 1


@pytest.mark.filterwarnings("ignore:Latitude normalization:UserWarning")
def test_coordinates_out_of_range_are_a_malformed_reply(nominatim: FakeNominatim, fake_clock: FakeClock) -> None:
    nominatim.default = Reply(body=[place_json("Nowhere", 999.0, 46.0)])
    with pytest.raises(errors.GeocoderServiceError, match="malformed reply"):
        online(nominatim.domain, fake_clock).geocode("Nowhere")


@pytest.mark.parametrize("status", [503, 504])
def test_an_unavailable_service_is_named_with_its_status(nominatim: FakeNominatim, fake_clock: FakeClock,
                                                         tmp_path: Path, status: int) -> None:
    nominatim.default = Reply(status=status, body=b"busy")
    geocoder = cached(online(nominatim.domain, fake_clock, max_retries=1), tmp_path)
    with pytest.raises(errors.GeocoderServiceError, match=rf"service unavailable \(HTTP {status}\)"):
        geocoder.geocode("Shusha")
    assert geocoder.count() == {}
