"""Two places, one name: the answer is ambiguous with both listed, unless the context tells them apart."""

import pytest

from geo.gazetteer import Gazetteer, Place
from geo.geocoders.gazetteer import GazetteerGeocoder
from geo.result import GeoContext

KARABAKH_BOX = (39.0, 46.0, 40.5, 47.6)  # south, west, north, east
CONFLICT_REGION = (38.3, 43.4, 41.5, 50.6)  # Settings.region_bbox: holds both Martunis


@pytest.fixture(scope="module")
def geocoder() -> GazetteerGeocoder:
    return GazetteerGeocoder()


@pytest.mark.parametrize("spelling", ["Martuni", "MARTUNI", "Мартуни", "Մարտունի", "Martuny"])
def test_martuni_without_context_is_ambiguous_with_both(geocoder: GazetteerGeocoder, spelling: str) -> None:
    result = geocoder.geocode(spelling)
    assert result.status == "ambiguous"
    assert result.lat is None
    assert result.lon is None
    assert [c.place_id for c in result.candidates] == ["martuni", "martuni_am"]
    assert {c.country for c in result.candidates} == {"Azerbaijan", "Armenia"}
    assert all(c.lat is not None and c.lon is not None for c in result.candidates)
    assert result.status_text() == "ambiguous: Martuni (Azerbaijan), Martuni (Armenia)"


@pytest.mark.parametrize(
    ("context", "place_id"),
    [
        (GeoContext(country="Azerbaijan"), "martuni"),
        (GeoContext(country="AZ"), "martuni"),
        (GeoContext(country="az"), "martuni"),
        (GeoContext(bbox=KARABAKH_BOX), "martuni"),
        (GeoContext(country="Armenia"), "martuni_am"),
        (GeoContext(country="AM"), "martuni_am"),
    ],
)
def test_context_tells_the_martunis_apart(geocoder: GazetteerGeocoder, context: GeoContext, place_id: str) -> None:
    result = geocoder.geocode("Martuni", context=context)
    assert result.status == "resolved"
    assert result.place_id == place_id


@pytest.mark.parametrize(
    "context",
    [GeoContext(bbox=CONFLICT_REGION), GeoContext(country="Narnia"), GeoContext(country="Georgia")],
)
def test_context_that_does_not_decide_leaves_it_ambiguous(geocoder: GazetteerGeocoder, context: GeoContext) -> None:
    assert geocoder.geocode("Martuni", context=context).status == "ambiguous"


def test_the_azerbaijani_name_is_unambiguous(geocoder: GazetteerGeocoder) -> None:
    result = geocoder.geocode("Xocavənd")
    assert result.status == "resolved"
    assert result.place_id == "martuni"


def test_a_single_place_outside_the_context_is_found_with_less_confidence(geocoder: GazetteerGeocoder) -> None:
    result = geocoder.geocode("Shusha", context=GeoContext(country="Armenia"))
    assert result.place_id == "shusha"
    assert result.confidence < 1.0
    assert "outside" in result.reason


def _place(place_id: str, name: str, lat: float, lon: float) -> Place:
    return Place(place_id=place_id, names={"name_en": (name,)}, place_type="village", country="Azerbaijan",
                 country_code="AZ", admin1="", lat=lat, lon=lon, precision="exact", coords_from="",
                 coord_source="test", notes="")


def test_two_close_fuzzy_matches_are_ambiguous_never_a_guess() -> None:
    gazetteer = Gazetteer([_place("bardan", "Bardan", 40.0, 47.0), _place("bardin", "Bardin", 40.5, 47.5)])
    result = GazetteerGeocoder(gazetteer, fuzzy_threshold=80).geocode("Bardon")
    assert result.status == "ambiguous"
    assert {c.place_id for c in result.candidates} == {"bardan", "bardin"}


def test_a_clearly_better_fuzzy_match_wins() -> None:
    gazetteer = Gazetteer([_place("bardan", "Bardanovka", 40.0, 47.0), _place("bardin", "Bardin", 40.5, 47.5)])
    result = GazetteerGeocoder(gazetteer, fuzzy_threshold=80).geocode("Bardanovk")
    assert result.status == "resolved"
    assert result.place_id == "bardan"
    assert result.geo_source == "fuzzy"


def test_combined_label_of_two_different_places_is_ambiguous(geocoder: GazetteerGeocoder) -> None:
    result = geocoder.geocode("Shusha / Stepanakert")
    assert result.status == "ambiguous"
    assert {c.place_id for c in result.candidates} == {"shusha", "stepanakert"}
