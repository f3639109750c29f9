"""The village geocoder: context as a filter, romanisations, messy strings, ambiguity, Jermuk."""

from __future__ import annotations

import pytest
from places_fixture import small_index

from geo.geocoders.villages import VillageGeocoder
from geo.placeindex import PlaceIndex
from geo.result import GeoContext


@pytest.fixture(scope="module")
def villages() -> VillageGeocoder:
    return VillageGeocoder(small_index())


@pytest.mark.parametrize(("query", "context", "expected"), [
    ("Jermuk", None, "Jermuk"),
    ("Dzhermuk", GeoContext(country="Armenia"), "Jermuk"),
    ("Ջերմուկ", GeoContext(country="AM"), "Jermuk"),
    ("Djermouk", GeoContext(country="Armenia", admin1="Vayots Dzor"), "Jermuk"),
    ("Bərdə", GeoContext(country="Azerbaijan", admin1="Barda"), "Barda"),
    ("Barda", GeoContext(country="Azerbaijan", admin1="Bərdə rayonu"), "Barda"),
    ("Goris", GeoContext(country="Armenia", admin1="Syunik"), "Goris"),
    ("Gorisk", GeoContext(country="Armenia"), "Goris"),  # fuzzy, inside the country only
    ("Kharkov", GeoContext(country="Ukraine", admin1="Kharkivska"), "Kharkiv"),
    ("Kharkiv Oblast  Kharkiv", None, "Kharkiv"),
    ("Donetsk Oblast  Mariupol", None, "Mariupol"),
    ("Donetsk Oblast, Mariupol", None, "Mariupol"),
    ("Mariupol (Donetsk)", None, "Mariupol"),
    ("Mariupol, Ukraine", None, "Mariupol"),
    ("Voskresenka", GeoContext(country="Ukraine", admin1="Donetsk"), "Voskresenka"),
    ("Donetsk Oblast  Voskresenka", None, "Voskresenka"),
    ("Vayots Dzor Oblast  Jermuk", None, "Jermuk"),  # GeoNames says "Vayots' Dzori Marz"
    ("Syunik Oblast  Goris", None, "Goris"),
    ("Goris", GeoContext(country="Armenia", admin1="Syunik Province"), "Goris"),
])
def test_resolves(villages: VillageGeocoder, query: str, context: GeoContext | None, expected: str) -> None:
    result = villages.geocode(query, context=context)
    assert (result.status, result.matched_name) == ("resolved", expected), result.reason


def test_jermuk_is_armenia_never_cermik(villages: VillageGeocoder) -> None:
    result = villages.geocode("Jermuk")
    assert (round(result.lat, 2), round(result.lon, 2), result.country) == (39.84, 45.67, "AM")
    assert result.admin1 == "Vayots' Dzori Marz"


@pytest.mark.parametrize(("query", "context"), [
    ("Jermuk", GeoContext(country="Azerbaijan")),  # another country's Jermuk is never the answer
    ("Cermik", GeoContext(country="Armenia")),  # no fuzzy hop to Turkey's Çermik
    ("Mariupol", GeoContext(country="Armenia")),
    ("Goris", GeoContext(country="Armenia", admin1="Vayots Dzor")),  # far outside the row's admin1
    ("Kharkiv", GeoContext(country="Russia")),
    ("Gorisk", None),  # no fuzzy match without a country
    ("Vayots Dzor Oblast  Cermik", None),  # the province is Armenia's: not Turkey's Çermik
    ("Atlantis Oblast  Goris", None),  # a province nothing knows: no place anywhere is given
])
def test_never_across_the_context(villages: VillageGeocoder, query: str, context: GeoContext | None) -> None:
    assert villages.geocode(query, context=context).status == "not_found"


@pytest.mark.parametrize(("query", "context", "count"), [
    ("Voskresenka", GeoContext(country="Ukraine", admin1="Zaporizhia"), 2),  # two of them in one oblast
    ("Zaporizhia Oblast  Voskresenka", None, 2),
    ("Voskresenka", GeoContext(country="Ukraine"), 3),  # sizes alike: none is "the" Voskresenka
])
def test_equally_good_candidates_are_ambiguous(villages: VillageGeocoder, query: str,
                                               context: GeoContext | None, count: int) -> None:
    result = villages.geocode(query, context=context)
    assert result.status == "ambiguous"
    assert len(result.candidates) == count
    assert all(c.name.startswith("Voskresenka") and c.lat is not None for c in result.candidates)


def test_a_country_name_gives_its_capital_flagged_region(villages: VillageGeocoder) -> None:
    result = villages.geocode("Armenia")
    assert (result.matched_name, result.precision, result.country) == ("Armenia", "region", "AM")


def test_an_unknown_admin1_does_not_filter(villages: VillageGeocoder) -> None:
    result = villages.geocode("Goris", context=GeoContext(country="Armenia", admin1="Atlantis"))
    assert result.matched_name == "Goris"


def test_real_index_jermuk_and_villages(real_place_index: PlaceIndex) -> None:
    geocoder = VillageGeocoder(real_place_index)
    jermuk = geocoder.geocode("Jermuk")
    assert (jermuk.matched_name, round(jermuk.lat, 2), round(jermuk.lon, 2)) == ("Jermuk", 39.84, 45.67)
    assert geocoder.geocode("Chinari", context=GeoContext(country="Armenia", admin1="Tavush")).status == "resolved"
    assert geocoder.geocode("Jermuk", context=GeoContext(country="Turkey")).matched_name == "Çermik"
