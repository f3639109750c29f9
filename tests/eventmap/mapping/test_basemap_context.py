"""Rivers, lakes and places on the offline basemap: read once from the territory layers, names as raw text,
sent only where the region's detail is drawn; the tiles' failure notice in the page's language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventmap.mapping.basemap import base_options
from eventmap.mapping.context import MIN_ZOOM, ContextLayerError, context_collection, distance_km, with_district
from geo.naming import Naming


def test_lakes_rivers_and_places_with_names_only() -> None:
    context = context_collection()
    kinds = [f["properties"]["kind"] for f in context["features"]]
    assert kinds.index("lake") < kinds.index("river") < kinds.index("place")  # drawing order
    names = {f["properties"]["name"] for f in context["features"]}
    assert {"Lake Sevan", "Kura", "Gavar", "Ganja"} <= names  # Natural Earth's English names, the gazetteer's
    for feature in context["features"]:
        wanted = {"kind", "name", "rank", "twins"} if feature["properties"]["kind"] == "place" else {"kind", "name"}
        assert set(feature["properties"]) == wanted
    assert context["minZoom"] == MIN_ZOOM == 6
    assert "Natural Earth" in context["credit"]


def places(naming: str) -> dict[str, dict]:
    """The context's places by Natural Earth's English name, under `naming`."""
    english = [f for f in context_collection(naming="en")["features"] if f["properties"]["kind"] == "place"]
    named = [f for f in context_collection(naming=naming)["features"] if f["properties"]["kind"] == "place"]
    return {e["properties"]["name"]: n["properties"] for e, n in zip(english, named, strict=True)}


@pytest.mark.parametrize(("naming", "place", "shown"), [
    ("ar", "Baku", "باكو"),  # the gazetteer's cited Arabic name
    ("ar", "Stepanakert", "ستيباناكيرت"),
    ("ar", "Ganja", "كنجة"),
    ("ar", "Tbilisi", ""),  # no Arabic name in the layer nor the gazetteer: not drawn, not Latin
    ("ar", "Gavar", ""),
    ("ru", "Tbilisi", "Тбилиси"),  # Natural Earth's own Russian name
    ("ru", "Stepanakert", "Степанакерт"),
    ("en", "Şirvan", "Şirvan"),  # NE's English name, not its old "Ali Bayramli"
])
def test_place_names_follow_the_naming(naming: str, place: str, shown: str) -> None:
    assert places(naming)[place]["name"] == shown


def test_the_second_agdam_knows_its_twin() -> None:
    """Natural Earth's "Agdam" is a village near Tovuz; the gazetteer's Aghdam, 154 km away, is its twin: the
    browser does not name it while Aghdam is on screen."""
    agdam = places("en")["Ağdam (Tovuz)"]  # shown alone, it says where it is
    assert agdam["twins"] == [[39.991, 46.9274]]
    assert places("ru")["Ağdam (Tovuz)"]["name"] == "Агдам (Товуз)"
    assert places("ar")["Ağdam (Tovuz)"]["name"] == ""
    assert places("en")["Stepanakert"]["twins"] == []  # the same place as the gazetteer's, no twin
    assert places("en")["Baku"]["rank"] > places("en")["Tovuz"]["rank"]  # bigger places win room first


@pytest.mark.parametrize(("district", "shown"), [
    ("Tovuz", "Agdam (Tovuz)"),
    ("Nowhere", "Agdam"),  # the layer has no place of that name: unchanged
    ("", "Agdam"),
])
def test_a_twin_carries_its_district(district: str, shown: str) -> None:
    layer = [{"properties": {"name": "Tovuz", "name_en": "Tovuz", "name_ru": "Товуз"}}]
    assert with_district("Agdam", {"adm1name": district}, layer, Naming.EN) == shown


@pytest.mark.parametrize(("a", "b", "km"), [
    ((40.90528, 45.55639), (39.991, 46.9274), 154.3),  # Agdam (Tovuz) to Aghdam
    ((40.4, 49.86), (40.4, 49.86), 0.0),
])
def test_distance(a, b, km: float) -> None:
    assert distance_km(a, b) == pytest.approx(km, abs=1.0)


@pytest.mark.parametrize(("bounds", "with_context"), [
    ((39.2, 46.0, 40.5, 47.5), True),  # the war
    (None, True),  # no event has a point
    ((48.0, 30.0, 52.0, 40.0), False),  # Ukraine: the region's layers would be noise
])
def test_context_only_near_the_region(bounds, with_context: bool) -> None:
    options = base_options(basemap="offline", bounds=bounds, labels=[], legend=None, lang="ar",
                           label_size_px=14, text_size_px=13, tiles_url="https://tile.example/{z}/{x}/{y}.png")
    assert (options["context"] is not None) == with_context
    assert options["strings"]["tilesFailed"].startswith("تعذّر")


def test_an_unreadable_layer_is_named(tmp_path: Path) -> None:
    for name in ("lakes.geojson", "rivers.geojson"):
        (tmp_path / name).write_text(json.dumps({"features": []}), encoding="utf-8")
    (tmp_path / "populated_places.geojson").write_text("{not json", encoding="utf-8")
    with pytest.raises(ContextLayerError, match=r"populated_places\.geojson"):
        context_collection(tmp_path)
