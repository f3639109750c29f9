"""Places found in running text through every spelling, prefixed and inflected forms included."""

from __future__ import annotations

import pytest

from eventmap.extract.places import PlaceFinder
from geo.gazetteer import default_gazetteer
from geo.placeindex import PlaceIndex


@pytest.fixture(scope="module")
def finder() -> PlaceFinder:
    return PlaceFinder(default_gazetteer())


@pytest.mark.parametrize(("sentence", "expected"), [
    ("قصف محافظات غوران بوي، وترتر، وآغدام، وأغجه بدي، وبردي بالصواريخ",
     [("غوران بوي", ("goranboy",)), ("وترتر", ("tartar",)), ("وآغدام", ("aghdam",)), ("وأغجه بدي", ("aghjabadi",)),
      ("وبردي", ("barda",))]),
    ("وفي مدينة شوشة، طال القصف", [("شوشة", ("shusha",))]),
    ("Обстрелу подверглись Степанакерт и Шушу", [("Степанакерт", ("stepanakert",)), ("Шушу", ("shusha",))]),
    ("в Степанакерте и в Тертерском районе", [("Степанакерте", ("stepanakert",)), ("Тертерском", ("tartar",))]),
    # a district adjective before "район", made from a town whose name ends in a vowel (Физули, Шуша)
    ("Бои идут в Физулинском районе", [("Физулинском районе", ("fuzuli",))]),
    ("обстрелу подвергся Шушинский район", [("Шушинский район", ("shusha",))]),
    ("Şuşada və Tərtərdə atəş açılıb", [("Şuşada", ("shusha",)), ("Tərtərdə", ("tartar",))]),
    ("Shells fell on Shushi and Khankendi", [("Shushi", ("shusha",)), ("Khankendi", ("stepanakert",))]),
    ("Fighting near Martuni", [("Martuni", ("martuni", "martuni_am"))]),  # two places: both offered
    ("the shelling was heavy in the town", []),  # lower case: never a place
])
def test_find(finder: PlaceFinder, sentence: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    found = finder.find(sentence)
    assert [(m.words, m.place_ids) for m in found] == expected
    assert all(sentence[m.start:m.end] == m.words for m in found)


VILLAGES = [  # GeoNames-shaped records (Kornidzor and Tegh are villages of Syunik; Sur is also a town in Oman)
    {"geonameid": 174840, "name": "Kornidzor", "latitude": 39.54763, "longitude": 46.53046, "countrycode": "AM",
     "population": 1095, "admin1code": "", "alternatenames": ["Корнидзор"]},
    {"geonameid": 174600, "name": "Tegh", "latitude": 39.55, "longitude": 46.48, "countrycode": "AM",
     "population": 2330, "admin1code": "", "alternatenames": []},
    {"geonameid": 286245, "name": "Sur", "latitude": 22.57, "longitude": 59.53, "countrycode": "OM",
     "population": 70000, "admin1code": "", "alternatenames": []},
]


@pytest.fixture(scope="module")
def with_villages() -> PlaceFinder:
    return PlaceFinder(default_gazetteer(), villages=PlaceIndex.from_records(VILLAGES))


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Drones struck the village of Kornidzor", [("Kornidzor", ("geonames:174840",))]),
    ("Беспилотники атаковали село Корнидзор", [("Корнидзор", ("geonames:174840",))]),
    ("Kornidzor was shelled", []),  # not named as a village: only the gazetteer is asked
    ("Shells hit the village of Sur", []),  # Oman: not a country of the war
])
def test_villages_named_as_such(with_villages: PlaceFinder, sentence: str,
                                expected: list[tuple[str, tuple[str, ...]]]) -> None:
    assert [(m.words, m.place_ids) for m in with_villages.find(sentence)] == expected


def test_a_village_is_described(with_villages: PlaceFinder) -> None:
    with_villages.find("the village of Kornidzor")
    place = with_villages.describe("geonames:174840")
    assert (place.name_en, place.country, place.lat, place.place_type) == ("Kornidzor", "Armenia", 39.54763, "village")
