"""Every place name of the project's events.csv resolves offline, near the point the file gives."""

import csv
import dataclasses

import pytest
from geopy.distance import great_circle

from base.settings import PROJECT_ROOT, Settings
from eventmap.loading import load_events
from geo import geocode_frame
from geo.chain import default_chain
from geo.geocoders import GeocoderChain
from geo.result import GeoContext

EVENTS = PROJECT_ROOT / "events.csv"
pytestmark = pytest.mark.skipif(not EVENTS.exists(), reason="events.csv not written yet")


def places() -> list[tuple[str, str, str, str]]:
    if not EVENTS.exists():
        return []
    with EVENTS.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return sorted({(r["location"], r["country"], r["latitude"], r["longitude"]) for r in rows})


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> GeocoderChain:
    folder = tmp_path_factory.mktemp("events")
    settings = dataclasses.replace(Settings(), state_dir=folder / "var", overrides_path=folder / "overrides.csv",
                                   online_geocoding=False)
    return default_chain(settings)


@pytest.mark.parametrize(("location", "country", "lat", "lon"), places())
def test_every_place_name_resolves_offline(chain: GeocoderChain, location: str, country: str, lat: str,
                                           lon: str) -> None:
    result = chain.geocode(location, context=GeoContext(country=country))
    assert result.status == "resolved", result.reason
    if lat and lon:  # the file's own point (Nagorno-Karabakh, countries: a stand-in point, precision region)
        assert great_circle((result.lat, result.lon), (float(lat), float(lon))).km < 2.0


def test_the_loaded_events_geocode_completely(chain: GeocoderChain) -> None:
    loaded = load_events(EVENTS)
    frame = loaded.events.copy()
    summary = geocode_frame(frame, geocoder=chain)
    assert summary.all_resolved, summary.describe()
    assert summary.resolved_rows >= 1  # some rows come without coordinates
    assert frame["latitude"].notna().all()
