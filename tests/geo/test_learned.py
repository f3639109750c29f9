"""Places learned from files with coordinates, found again by files without."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from base.settings import Settings
from geo.chain import default_chain
from geo.errors import ConfigurationError
from geo.geocoders.learned import LearnedPlacesGeocoder
from geo.learned import LearnedPlaceStore, learn_places
from geo.result import GeoContext


def frame(*rows: tuple[str, str, str, float | None, float | None]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["location", "country", "admin1", "latitude", "longitude"])


@pytest.fixture
def store(tmp_path: Path) -> LearnedPlaceStore:
    return LearnedPlaceStore.in_state_dir(tmp_path)


def test_round_trip(store: LearnedPlaceStore) -> None:
    first = frame(("Chinari", "Armenia", "Tavush", 40.956, 45.196), ("Chinari", "Armenia", "Tavush", 40.956, 45.196),
                  ("Nowhere", "Armenia", "Tavush", None, None))
    assert learn_places(first, source="acled_armenia.csv", store=store) == 1
    result = LearnedPlacesGeocoder(store).geocode("Tchinari", context=GeoContext(country="AM"))
    assert (result.status, result.lat, result.lon, result.country) == ("resolved", 40.956, 45.196, "AM")
    assert "2 rows of acled_armenia.csv" in result.reason
    again = learn_places(first, source="acled_armenia.csv", store=store)
    assert (again, store.all()[0].count) == (0, 4)  # counts summed, provenance kept


@pytest.mark.parametrize(("context", "status"), [
    (GeoContext(country="Azerbaijan"), "not_found"),  # learned in Armenia only
    (GeoContext(country="Armenia", admin1="Tavush"), "resolved"),
    (None, "resolved"),
])
def test_context(store: LearnedPlaceStore, context: GeoContext | None, status: str) -> None:
    learn_places(frame(("Chinari", "Armenia", "Tavush", 40.956, 45.196)), source="a.csv", store=store)
    assert LearnedPlacesGeocoder(store).geocode("Chinari", context=context).status == status


def test_far_apart_points_of_one_name_are_ambiguous(store: LearnedPlaceStore) -> None:
    learn_places(frame(("Aygepar", "Armenia", "", 40.95, 45.21)), source="a.csv", store=store)
    learn_places(frame(("Aygepar", "Armenia", "", 39.90, 44.60)), source="b.csv", store=store)
    result = LearnedPlacesGeocoder(store).geocode("Aygepar")
    assert result.status == "ambiguous"
    assert len(result.candidates) == 2


def test_near_points_are_one_place(store: LearnedPlaceStore) -> None:
    learn_places(frame(("Aygepar", "Armenia", "", 40.95, 45.21), ("Aygepar", "Armenia", "", 40.96, 45.22)),
                 source="a.csv", store=store)
    assert LearnedPlacesGeocoder(store).geocode("Aygepar").status == "resolved"


def test_rows_we_geocoded_are_not_learned(store: LearnedPlaceStore) -> None:
    rows = frame(("Chinari", "Armenia", "", 40.9, 45.1)).assign(geo_source="geonames")
    assert learn_places(rows, source="a.csv", store=store) == 0


def test_a_damaged_file_is_reported_and_kept(store: LearnedPlaceStore) -> None:
    store.path.write_text("{not json")
    with pytest.raises(ConfigurationError, match="damaged"):
        store.find("chinari")
    assert store.path.read_text() == "{not json"


def test_the_default_chain_asks_learned_places_before_geonames(offline_settings: Settings) -> None:
    store = LearnedPlaceStore.in_state_dir(offline_settings.state_dir)
    learn_places(frame(("Kharkiv", "Ukraine", "", 50.0, 36.3)), source="mine.csv", store=store)
    result = default_chain(offline_settings).geocode("Kharkiv", context=GeoContext(country="UA"))
    assert (result.geo_source, result.lat, result.lon) == ("learned", 50.0, 36.3)
