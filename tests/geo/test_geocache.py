"""The persistent cache: found and not-found answers survive restarts; failures are never stored."""

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from fake_nominatim import FakeClock

from geo.errors import GeocoderServiceError, GeocoderTimedOut
from geo.geocoders import CachedGeocoder
from geo.geocoders.base import Geocoder
from geo.result import Candidate, GeoContext, GeoResult


class Scripted(Geocoder):
    """A pretend online service: answers or raises from a script, counts calls."""

    name = "online:fake"

    def __init__(self, *answers: GeoResult | Exception) -> None:
        self.answers = list(answers)
        self.calls = 0

    def options_key(self) -> str:
        return "viewbox=1,2,3,4"

    def geocode(self, query: str, *, context: GeoContext | None = None) -> GeoResult:
        self.calls += 1
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return dataclasses.replace(answer, query=query)


def found(lat: float = 39.76, lon: float = 46.75) -> GeoResult:
    return GeoResult(query="x", status="resolved", lat=lat, lon=lon, geo_source="online:fake", matched_name="Shusha",
                     place_id="fake:1", confidence=0.75, precision="exact",
                     candidates=(Candidate("Shusha District", "fake:2", 39.7, 46.7, "Azerbaijan", 0.5),),
                     reason="first result")


def missing() -> GeoResult:
    return GeoResult.not_found("x", geo_source="online:fake", reason="fake found no place")


def test_found_answers_are_cached_and_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    service = Scripted(found())
    assert CachedGeocoder(service, path).geocode("Shusha").geo_source == "online:fake"
    again = CachedGeocoder(Scripted(RuntimeError("must not be asked")), path).geocode("  SHUSHA ")  # a restart
    assert again.geo_source == "cache"
    assert (again.lat, again.lon, again.matched_name, again.confidence) == (39.76, 46.75, "Shusha", 0.75)
    assert again.candidates == found().candidates
    assert again.query == "  SHUSHA "
    assert "online:fake" in again.reason
    assert service.calls == 1


def test_a_new_process_reads_the_cache(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    CachedGeocoder(Scripted(found()), path).geocode("Shusha")
    code = (
        "import sys; from pathlib import Path; from geo.geocoders import CachedGeocoder\n"
        "from geo.geocoders.base import Geocoder\n"
        "class Down(Geocoder):\n"
        "    name = 'online:fake'\n"
        "    def options_key(self): return 'viewbox=1,2,3,4'\n"
        "    def geocode(self, query, *, context=None): raise SystemExit('asked the service')\n"
        "r = CachedGeocoder(Down(), Path(sys.argv[1])).geocode('Shusha')\n"
        "print(r.geo_source, r.lat, r.lon)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).resolve().parents[2], check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["cache", "39.76", "46.75"]


def test_not_found_is_cached_too(tmp_path: Path) -> None:
    service = Scripted(missing())
    cache = CachedGeocoder(service, tmp_path / "cache.sqlite3")
    assert cache.geocode("Atlantis").status == "not_found"
    assert cache.geocode("Atlantis").geo_source == "cache"
    assert service.calls == 1
    assert cache.count() == {"not_found": 1}


@pytest.mark.parametrize(
    "failure",
    [GeocoderTimedOut("no answer in time"), GeocoderServiceError("HTTP 500"), GeocoderServiceError("malformed")],
)
def test_a_failure_is_never_stored(tmp_path: Path, failure: Exception) -> None:
    service = Scripted(failure, found())
    cache = CachedGeocoder(service, tmp_path / "cache.sqlite3")
    with pytest.raises(type(failure)):
        cache.geocode("Shusha")
    assert cache.count() == {}
    assert cache.geocode("Shusha").status == "resolved"  # asked again, not answered "not found"
    assert service.calls == 2


def test_an_unavailable_answer_is_never_stored(tmp_path: Path) -> None:
    cache = CachedGeocoder(Scripted(GeoResult.unavailable("x", geo_source="online:fake", reason="down")),
                           tmp_path / "cache.sqlite3")
    assert cache.geocode("Shusha").status == "unavailable"
    assert cache.count() == {}


def test_answers_expire(tmp_path: Path, fake_clock: FakeClock) -> None:
    service = Scripted(missing())
    cache = CachedGeocoder(service, tmp_path / "cache.sqlite3", ttl_not_found_s=100, ttl_found_s=1000,
                           clock=fake_clock.clock)
    cache.geocode("Atlantis")
    fake_clock.now += 99
    cache.geocode("Atlantis")
    assert service.calls == 1
    fake_clock.now += 2
    cache.geocode("Atlantis")
    assert service.calls == 2


def test_the_key_holds_the_context(tmp_path: Path) -> None:
    service = Scripted(found())
    cache = CachedGeocoder(service, tmp_path / "cache.sqlite3")
    cache.geocode("Martuni", context=GeoContext(country="AZ"))
    cache.geocode("Martuni", context=GeoContext(country="AM"))
    cache.geocode("Martuni", context=GeoContext(country="az"))
    assert service.calls == 2


def test_a_damaged_cache_file_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    cache = CachedGeocoder(Scripted(found()), path)
    assert cache.geocode("Shusha").status == "resolved"
    assert cache.count() == {"resolved": 1}
    assert len(list(tmp_path.glob("cache.sqlite3.corrupt-*"))) == 1


def test_forget(tmp_path: Path) -> None:
    cache = CachedGeocoder(Scripted(found()), tmp_path / "cache.sqlite3")
    cache.geocode("Shusha")
    cache.geocode("Ganja")
    assert cache.forget("shusha") == 1
    assert cache.count() == {"resolved": 1}
    assert cache.forget() == 1
