import pytest

from geo.build_gazetteer import most_cited_first
from geo.gazetteer import default_gazetteer
from geo.naming import Naming, all_variants, display_name, naming_for_language, place_name, search_names


@pytest.mark.parametrize(
    ("name", "en", "hy", "az", "both", "ar"),
    [
        ("Shusha", "Shusha", "Shushi", "Şuşa", "Shusha / Shushi", "شوشا"),
        ("شوشة", "Shusha", "Shushi", "Şuşa", "Shusha / Shushi", "شوشا"),  # the article's spelling
        ("Шуша", "Shusha", "Shushi", "Şuşa", "Shusha / Shushi", "شوشا"),
        ("Shushi", "Shusha", "Shushi", "Şuşa", "Shusha / Shushi", "شوشا"),
        ("Stepanakert", "Stepanakert", "Stepanakert", "Xankəndi", "Stepanakert / Xankəndi", "ستيباناكيرت"),
        ("Xankəndi", "Stepanakert", "Stepanakert", "Xankəndi", "Stepanakert / Xankəndi", "ستيباناكيرت"),
        ("Lachin", "Lachin", "Berdzor", "Laçın", "Lachin / Berdzor", "لاتشين"),
        ("Kalbajar", "Kalbajar", "Karvachar", "Kəlbəcər", "Kalbajar / Karvachar", "كلبجر"),
        ("Martakert", "Martakert", "Martakert", "Ağdərə", "Martakert / Ağdərə", "مارتاكيرت"),
        ("Jabrayil", "Jabrayil", "Jrakan", "Cəbrayıl", "Jabrayil / Jrakan", "جبرائيل"),
        ("Tartar", "Tartar", "Tartar", "Tərtər", "Tartar", "ترتر"),  # one name, two spellings: not repeated
        ("Goranboy", "Goranboy", "Goranboy", "Goranboy", "Goranboy", "غوران بوي"),  # no Armenian usage name
        ("Berd", "Berd", "Berd", "Berd", "Berd", "بيرد"),  # no Azerbaijani name
        ("Moscow", "Moscow", "Moscow", "Moscow", "Moscow", "موسكو"),  # Arabic is a language: everywhere
        ("Shusha / Shushi", "Shusha", "Shushi", "Şuşa", "Shusha / Shushi", "شوشا"),  # a BOTH label read back
        ("Konya", "Konya", "Konya", "Konya", "Konya", "Konya"),  # unknown: unchanged
        ("<b>x</b>", "<b>x</b>", "<b>x</b>", "<b>x</b>", "<b>x</b>", "<b>x</b>"),
    ],
)
def test_display_name(name: str, en: str, hy: str, az: str, both: str, ar: str) -> None:
    expected = {Naming.EN: en, Naming.HY: hy, Naming.AZ: az, Naming.BOTH: both, Naming.AR: ar}
    assert {naming: display_name(name, naming) for naming in expected} == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Shusha", "Шуша"),
        ("Şuşa", "Шуша"),
        ("Xankəndi", "Степанакерт"),
        ("Martakert", "Мардакерт"),
        ("Vardenis", "Варденис"),
        ("Moscow", "Москва"),  # a language: everywhere
        ("Konya", "Konya"),  # unknown: unchanged
    ],
)
def test_russian_naming(name: str, expected: str) -> None:
    assert display_name(name, Naming.RU) == expected


@pytest.mark.parametrize(
    ("lang", "expected"), [("ar", Naming.AR), ("ru", Naming.RU), ("en", Naming.EN), ("xx", Naming.EN)])
def test_an_interface_language_shows_its_own_names_by_default(lang: str, expected: Naming) -> None:
    assert naming_for_language(lang) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Shusha", "شوشا"),  # the spelling most sources use, not the article's شوشة, never سوسة (Sousse)
        ("شوشي", "شوشا"),
        ("Stepanakert", "ستيباناكيرت"),
        ("Khankendi", "ستيباناكيرت"),
        ("خانكندي", "ستيباناكيرت"),
        ("Aghjabadi", "أغجه بدي"),
        ("Ganja", "كنجة"),
        ("Nagorno-Karabakh", "ناغورني قره باغ"),
        ("Qubadli", "قوبادلي"),  # the spelling two sources use, before GeoNames' قبادلي
        ("Zangilan", "زنجيلان"),  # not the Persian زنگیلان
        ("Martuni", "مارتوني"),  # two places, one Arabic name: shown alike
        ("Vardenis", "فاردينيس"),
        ("Madagiz", "صوقوفوشان"),
        ("Yeraskh", "يراسخ"),  # the project's transliteration (marked in unsourced)
        ("Geneva", "جنيف"),
    ],
)
def test_arabic_naming(name: str, expected: str) -> None:
    assert display_name(name, Naming.AR) == expected
    assert display_name(name, "ar") == expected


def test_arabic_naming_is_offered_and_labelled() -> None:
    from eventmap.i18n import t

    assert Naming("ar") is Naming.AR
    assert "شوشا" in t("naming.ar", "en")
    assert t("naming.ar", "ar").startswith("العربية")


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


@pytest.mark.parametrize(
    ("names", "variant_sources", "first"),
    [
        (["شوشا", "شوشي", "شوشة"], "takadum-news.com (شوشا, شوشي); the article (شوشة); arabicradio.net (شوشا)", "شوشا"),
        (["خانكندي", "ستيباناكيرت"], "the article + alwahdanews.ae (ستيباناكيرت); sauress.com (خانكندي)",
         "ستيباناكيرت"),
        (["كنجه", "كنجة"], "dailysabah.com/arabic & ina.iq (كنجة/كنجه)", "كنجه"),  # a tie keeps the order
        (["أغجه بدي", "أغجابيدي"], "", "أغجه بدي"),  # no citation: the order of the notes
        (["بردي", "بردع"], "GeoNames alt names (Պարտավ, Барда, بردع); the article (بردي)", "بردي"),
    ],
)
def test_the_arabic_spelling_shown_is_the_one_most_sources_use(names, variant_sources, first) -> None:
    assert most_cited_first(names, variant_sources)[0] == first
    assert sorted(most_cited_first(names, variant_sources)) == sorted(names)


def test_shusha_is_never_named_sousse_in_the_built_gazetteer() -> None:
    shusha = default_gazetteer().places["shusha"]
    assert shusha.names["name_ar"][0] == "شوشا"
    assert "سوسة" not in shusha.names["name_ar"]
