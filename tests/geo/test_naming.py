import pytest

from geo.gazetteer import default_gazetteer
from geo.naming import Naming, all_variants, display_name, place_name, search_names


@pytest.mark.parametrize(
    ("name", "en", "hy", "az", "both"),
    [
        ("Shusha", "Shusha", "Shushi", "Şuşa", "Shusha / Shushi"),
        ("شوشة", "Shusha", "Shushi", "Şuşa", "Shusha / Shushi"),
        ("Шуша", "Shusha", "Shushi", "Şuşa", "Shusha / Shushi"),
        ("Shushi", "Shusha", "Shushi", "Şuşa", "Shusha / Shushi"),
        ("Stepanakert", "Stepanakert", "Stepanakert", "Xankəndi", "Stepanakert / Xankəndi"),
        ("Xankəndi", "Stepanakert", "Stepanakert", "Xankəndi", "Stepanakert / Xankəndi"),
        ("Lachin", "Lachin", "Berdzor", "Laçın", "Lachin / Berdzor"),
        ("Kalbajar", "Kalbajar", "Karvachar", "Kəlbəcər", "Kalbajar / Karvachar"),
        ("Martakert", "Martakert", "Martakert", "Ağdərə", "Martakert / Ağdərə"),
        ("Jabrayil", "Jabrayil", "Jrakan", "Cəbrayıl", "Jabrayil / Jrakan"),
        ("Tartar", "Tartar", "Tartar", "Tərtər", "Tartar"),  # one name, two spellings: not repeated
        ("Goranboy", "Goranboy", "Goranboy", "Goranboy", "Goranboy"),  # no Armenian usage name
        ("Berd", "Berd", "Berd", "Berd", "Berd"),  # no Azerbaijani name
        ("Moscow", "Moscow", "Moscow", "Moscow", "Moscow"),  # outside the conflict's countries
        ("Shusha / Shushi", "Shusha", "Shushi", "Şuşa", "Shusha / Shushi"),  # a BOTH label read back
        ("Konya", "Konya", "Konya", "Konya", "Konya"),  # unknown: unchanged
        ("<b>x</b>", "<b>x</b>", "<b>x</b>", "<b>x</b>", "<b>x</b>"),
    ],
)
def test_display_name(name: str, en: str, hy: str, az: str, both: str) -> None:
    assert [display_name(name, naming) for naming in Naming] == [en, hy, az, both]


def test_naming_is_a_str_enum() -> None:
    assert Naming("hy") is Naming.HY
    assert Naming.BOTH == "both"
    assert display_name("Shusha", "hy") == "Shushi"
    with pytest.raises(ValueError, match="'klingon'"):
        display_name("Shusha", "klingon")


@pytest.mark.parametrize(
    ("country", "expected"), [(None, "Martuni"), ("Azerbaijan", "Xocavənd"), ("AZ", "Xocavənd"), ("Armenia", "Martuni")]
)
def test_a_shared_name_is_shown_per_country(country: str | None, expected: str) -> None:
    assert display_name("Martuni", Naming.AZ, country=country) == expected


@pytest.mark.parametrize("name", ["", "   "])
def test_empty_names_stay_empty(name: str) -> None:
    assert display_name(name, Naming.BOTH) == name


@pytest.mark.parametrize(
    ("query", "place_id"),
    [
        ("Shushi", "shusha"), ("Şuşa", "shusha"), ("شوشة", "shusha"), ("Шуша", "shusha"), ("Շուշի", "shusha"),
        ("Shu", "shusha"), ("Khankendi", "stepanakert"), ("Ханкенди", "stepanakert"), ("Berdzor", "lachin"),
        ("Stepanakret", "stepanakert"), ("Artsakh", "nagorno_karabakh"),
    ],
)
def test_search_by_any_variant_finds_the_place(query: str, place_id: str) -> None:
    assert place_id in search_names(query)[:2]


def test_search_puts_exact_matches_first_and_finds_nothing_for_nonsense() -> None:
    assert search_names("Martuni")[:2] == ["martuni", "martuni_am"]
    assert search_names("Qwertyuiop") == []
    assert search_names("") == []


def test_all_variants() -> None:
    variants = all_variants("shusha")
    assert variants[0] == "Shusha"
    assert {"Shushi", "Şuşa", "Шуша", "Շուշի", "شوشة", "شوشا"} <= set(variants)
    assert "سوسة" not in variants
    with pytest.raises(KeyError):
        all_variants("atlantis")


def test_place_name_of_a_region_with_three_usages() -> None:
    region = default_gazetteer().places["nagorno_karabakh"]
    assert place_name(region, Naming.BOTH) == "Nagorno-Karabakh / Artsakh / Dağlıq Qarabağ"
