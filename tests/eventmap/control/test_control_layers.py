"""The territory layers: the vendored files, the unit catalogue, circles and the schematic corridor in km."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest

from base.errors import EventMapError
from eventmap.control.layers import (
    ADMIN1_FILE,
    CORRIDOR_UNIT,
    CORRIDOR_WIDTH_KM,
    DEFACTO_FILE,
    NKAO_FILE,
    NKAO_UNIT,
    TERRITORY_DIR,
    Layers,
    TerritoryLayerError,
    area_km2,
    circle,
    load_layers,
    unit_catalogue,
)

VENDORED = [ADMIN1_FILE, NKAO_FILE, DEFACTO_FILE, "ne2017_line_of_contact_1994.geojson", "rivers.geojson",
            "lakes.geojson", "populated_places.geojson"]


@pytest.mark.parametrize("filename", VENDORED)
def test_every_vendored_layer_is_described_in_the_readme(filename: str) -> None:
    readme = (TERRITORY_DIR / "README.md").read_text(encoding="utf-8")
    assert f"`{filename}`" in readme
    assert json.loads((TERRITORY_DIR / filename).read_text(encoding="utf-8"))["metadata"]["source"]


@pytest.mark.parametrize("credit", ["Made with Natural Earth", "Elastic Maps Service", "ODbL 1.0 at most",
                                    "public domain"])
def test_the_readme_gives_credit_and_licence(credit: str) -> None:
    assert credit in (TERRITORY_DIR / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("unit_id", "name", "country"), [
    ("AZ-CAB", "Cəbrayıl", "Azerbaijan"), ("AZ-SUS", "Şuşa", "Azerbaijan"), ("AZ-X01~", "Şuşa", "Azerbaijan"),
    ("AZ-LAC", "Laçın", "Azerbaijan"), ("AM-SU", "Syunik", "Armenia"),
    (NKAO_UNIT, "Nagorno-Karabakh Autonomous Oblast (circa 1991)", "Azerbaijan"),
])
def test_the_catalogue_names_units_as_the_layer_does(unit_id: str, name: str, country: str) -> None:
    unit = unit_catalogue()[unit_id]
    assert (unit.name, unit.country) == (name, country)


@pytest.mark.parametrize(("what", "low", "high"), [
    ("land", 80_000, 90_000),  # Azerbaijan, about 86,600 km²
    ("prewar_defacto", 11_500, 12_200),  # the reference gives about 11,940 km²
    (NKAO_UNIT, 4_100, 4_400),  # about 4,290 km²
    ("AZ-LAC", 1_700, 1_850),  # about 1,770 km² in this layer (1,835 km² published)
])
def test_areas_are_about_right(layers: Layers, what: str, low: float, high: float) -> None:
    geometry = getattr(layers, what) if what in ("land", "prewar_defacto") else layers.unit(what)
    assert low < area_km2(geometry) < high


@pytest.mark.parametrize("radius_km", [1.0, 5.0, 10.0])
def test_a_circle_has_its_radius_in_km(radius_km: float) -> None:
    disc = circle(latitude=39.5, longitude=46.9, radius_km=radius_km)
    assert area_km2(disc) == pytest.approx(math.pi * radius_km ** 2, rel=0.01)


def test_the_corridor_is_5_km_wide_and_bypasses_shusha(layers: Layers) -> None:
    band = layers.unit(CORRIDOR_UNIT)
    assert area_km2(band.intersection(layers.unit("AZ-X01~"))) == 0
    assert area_km2(band.intersection(layers.unit("AZ-LAC"))) > 10
    assert not band.intersects(layers.unit("AM-SU").buffer(-0.01))  # on Azerbaijan's land only
    assert 150 < area_km2(band) < 50 * CORRIDOR_WIDTH_KM  # a 5 km band about 40 km long on this land


@pytest.mark.parametrize("missing", [ADMIN1_FILE, DEFACTO_FILE, NKAO_FILE])
def test_a_missing_layer_is_a_clear_error(tmp_path: Path, missing: str) -> None:
    for name in VENDORED:
        if name != missing:
            shutil.copy(TERRITORY_DIR / name, tmp_path / name)
    with pytest.raises(TerritoryLayerError, match=f"{missing}: territory layer not found") as info:
        load_layers(tmp_path)
    assert isinstance(info.value, EventMapError)
    assert isinstance(info.value, ValueError)


def test_an_unknown_unit_is_a_clear_error(layers: Layers) -> None:
    with pytest.raises(TerritoryLayerError, match="unknown territory unit 'AZ-NOPE'"):
        layers.unit("AZ-NOPE")
