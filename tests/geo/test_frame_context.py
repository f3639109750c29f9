"""geocode_frame with the row's admin1, naming points, filling country/admin1, refusing far matches."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from places_fixture import small_index

from geo.frame import geocode_frame
from geo.geocoders.villages import VillageGeocoder
from geo.nearest import PlaceGrid


@pytest.fixture(scope="module")
def villages() -> VillageGeocoder:
    return VillageGeocoder(small_index())


def events(rows: list[dict[str, object]]) -> pd.DataFrame:
    base = {"location": "", "country": "", "admin1": "", "latitude": np.nan, "longitude": np.nan}
    return pd.DataFrame([{**base, **row} for row in rows])


def test_the_rows_admin1_decides(villages: VillageGeocoder) -> None:
    frame = events([{"location": "Voskresenka", "country": "Ukraine", "admin1": "Donetsk"},
                    {"location": "Voskresenka", "country": "Ukraine", "admin1": "Zaporizhia"}])
    geocode_frame(frame, geocoder=villages)
    assert frame.loc[0, "latitude"] == 48.30
    assert frame.loc[1, "geo_status"].startswith("ambiguous")


def test_empty_country_and_admin1_filled_from_the_answer(villages: VillageGeocoder) -> None:
    frame = events([{"location": "Jermuk"}, {"location": "Mariupol", "country": "Ukraine", "admin1": "Donetsk"}])
    geocode_frame(frame, geocoder=villages)
    assert list(frame["country"]) == ["Armenia", "Ukraine"]
    assert list(frame["admin1"]) == ["Vayots' Dzori Marz", "Donetsk"]


@pytest.mark.parametrize(("lat", "lon", "location", "country"), [
    (40.46, 47.23, "13 km NE of Barda", "Azerbaijan"),
    (40.376, 47.126, "Barda", "Azerbaijan"),
    (0.0, 0.0, "", ""),
])
def test_a_point_without_a_name_is_named(villages: VillageGeocoder, lat: float, lon: float, location: str,
                                         country: str) -> None:
    frame = events([{"latitude": lat, "longitude": lon, "geo_precision": "near"}])
    geocode_frame(frame, geocoder=villages, namer=lambda: PlaceGrid(small_index()))
    assert (frame.loc[0, "location"], frame.loc[0, "country"]) == (location, country)
    assert frame.loc[0, "geo_precision"] == "near"
    assert (frame.loc[0, "latitude"], frame.loc[0, "longitude"]) == (lat, lon)


def test_a_named_point_keeps_its_name(villages: VillageGeocoder) -> None:
    frame = events([{"location": "Camp 4", "latitude": 40.46, "longitude": 47.23}])
    geocode_frame(frame, geocoder=villages, namer=lambda: PlaceGrid(small_index()))
    assert frame.loc[0, "location"] == "Camp 4"


def test_a_far_match_without_country_is_not_taken(villages: VillageGeocoder) -> None:
    ukraine = [{"location": "x", "latitude": 48.0 + i / 10, "longitude": 37.0} for i in range(3)]
    frame = events([*ukraine, {"location": "Yevlakh"}, {"location": "Mariupol"}])
    geocode_frame(frame, geocoder=villages)
    assert frame.loc[3, "geo_status"].startswith("ambiguous: Yevlakh (Azerbaijan)")
    assert np.isnan(frame.loc[3, "latitude"])
    assert frame.loc[4, "geo_status"] == "resolved"  # near the others


def test_a_far_match_with_its_country_is_taken(villages: VillageGeocoder) -> None:
    ukraine = [{"location": "x", "latitude": 48.0 + i / 10, "longitude": 37.0} for i in range(3)]
    frame = events([*ukraine, {"location": "Yevlakh", "country": "Azerbaijan"}])
    geocode_frame(frame, geocoder=villages)
    assert frame.loc[3, "geo_status"] == "resolved"
