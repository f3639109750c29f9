"""Naming a point: the nearest place, its distance and direction."""

from __future__ import annotations

import pytest
from places_fixture import small_index

from geo.nearest import PlaceGrid, compass_point, describe_point, nearest_place


@pytest.fixture(scope="module")
def grid() -> PlaceGrid:
    return PlaceGrid(small_index())


@pytest.mark.parametrize(("lat", "lon", "expected"), [
    (40.37577, 47.12619, "Barda"),
    (40.3790, 47.1290, "Barda"),  # under 1 km
    (40.46, 47.23, "13 km NE of Barda"),
    (39.75, 45.67, "10 km S of Jermuk"),
    (49.98081, 35.98, "20 km W of Kharkiv"),
    (0.0, 0.0, ""),  # nothing within 100 km
])
def test_describe(grid: PlaceGrid, lat: float, lon: float, expected: str) -> None:
    assert describe_point(lat, lon, grid=grid) == expected


def test_nearest_place_fields(grid: PlaceGrid) -> None:
    place = nearest_place(39.75, 45.67, grid=grid)
    assert place is not None
    assert (place.name, place.country, place.admin1, place.bearing) == ("Jermuk", "AM", "Vayots' Dzori Marz", "S")
    assert place.distance_km == pytest.approx(9.96, abs=0.05)


@pytest.mark.parametrize(("bearing", "point"), [(0, "N"), (22, "N"), (23, "NE"), (90, "E"), (200, "S"),
                                                 (250, "W"), (337.6, "N"), (359, "N")])
def test_compass(bearing: float, point: str) -> None:
    assert compass_point(bearing) == point
