"""The interface catalogues: every key in every language, the same placeholders, real Arabic and Russian."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from datetime import date

import pytest

from eventmap.i18n import (
    CATALOGUE_DIR,
    DEFAULT_LANG,
    UnknownLanguageError,
    catalogue,
    direction,
    format_date,
    is_rtl,
    language_name,
    languages,
    placeholders,
    plural_keys,
    resolve_lang,
    side_label,
    strings,
    t,
)
from eventmap.i18n.catalogs import catalog_path, entries, read_catalog
from eventmap.scene.model import Lang

LANGS = languages()
ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")
CYRILLIC_LETTER = re.compile(r"[\u0400-\u04FF]")
LATIN_LETTER = re.compile(r"[A-Za-z]")


def _without_placeholders(text: str) -> str:
    return re.sub(r"\{\w*\}", "", text)


def test_the_bundled_languages_are_there():
    assert {"en", "ar"} <= set(LANGS)
    assert DEFAULT_LANG in LANGS


def test_the_language_enum_is_the_set_of_catalogues():
    assert sorted(lang.value for lang in Lang) == sorted(LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_is_a_po_file_without_duplicate_keys(lang):
    text = catalog_path(lang).read_text(encoding="utf-8")
    ids = re.findall(r'^msgid "(.+)"$', text, flags=re.MULTILINE)
    assert [key for key, n in Counter(ids).items() if n > 1] == []
    assert len(ids) == len(catalogue(lang)) > 300


@pytest.mark.parametrize("lang", LANGS)
def test_plural_entries_have_every_form_of_the_language(lang):
    catalog = read_catalog(lang)
    for entry in entries(catalog):
        if entry.plural:
            assert len(entry.forms) == catalog.num_plurals, entry.key
            assert set().union(*(placeholders(form) for form in entry.forms)) <= placeholders(t(entry.key, "en")), \
                entry.key
            assert placeholders(entry.text) == placeholders(catalogue("en")[entry.key]), entry.key


def test_the_same_keys_are_plural_in_every_language():
    assert all(plural_keys(lang) == plural_keys("en") for lang in LANGS)
    assert {"map.legend.more_sides", "data.sheet_help"} <= plural_keys("en")


@pytest.mark.parametrize("lang", LANGS)
def test_every_key_in_every_catalogue(lang):
    english, other = set(catalogue(DEFAULT_LANG)), set(catalogue(lang))
    assert sorted(english - other) == [], f"{lang}.json lacks keys"
    assert sorted(other - english) == [], f"{lang}.json has keys en.json lacks"


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_are_the_same_as_in_english(lang):
    different = {
        key: (sorted(placeholders(text)), sorted(placeholders(catalogue(lang).get(key, ""))))
        for key, text in catalogue(DEFAULT_LANG).items()
        if placeholders(text) != placeholders(catalogue(lang).get(key, ""))
    }
    assert different == {}


@pytest.mark.parametrize("lang", LANGS)
def test_no_string_is_empty(lang):
    assert [k for k, v in catalogue(lang).items() if not v.strip()] == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_string_formats_with_its_placeholders(lang):
    for key, text in catalogue(lang).items():
        values = dict.fromkeys(placeholders(text), 1234)  # numbers: a placeholder may ask for "{n:,}"
        assert "{" not in t(key, lang, **values).replace("{{", "").replace("}}", "") or not values, key


def test_russian_strings_are_russian():
    """Every English string with words has Cyrillic letters in Russian, names of things aside."""
    russian = catalogue("ru")
    untranslated = {
        key: russian.get(key)
        for key, english in catalogue("en").items()
        if LATIN_LETTER.search(_without_placeholders(english)) and not CYRILLIC_LETTER.search(russian.get(key, ""))
    }
    assert set(untranslated) <= {"export.preset.1024x768", "map.basemap.tiles"} | {
        k for k in untranslated if k.startswith("naming.")}


def test_arabic_strings_are_arabic():
    """Every English string with words has Arabic letters in ar.json (no English left untranslated)."""
    arabic = catalogue("ar")
    untranslated = {
        key: arabic.get(key)
        for key, english in catalogue("en").items()
        if LATIN_LETTER.search(_without_placeholders(english)) and not ARABIC_LETTER.search(arabic.get(key, ""))
    }
    assert untranslated == {}


@pytest.mark.parametrize(
    ("key", "lang", "values", "expected"),
    [
        ("playback.day_of", "en", {"n": 3, "total": 45}, "Day 3 of 45"),
        ("playback.day_of", "ar", {"n": 3, "total": 45}, "اليوم 3 من 45"),
        ("playback.day_of", "ru", {"n": 3, "total": 45}, "День 3 из 45"),
        ("map.legend.more_sides", "en", {"n": 1}, "and 1 more side"),
        ("map.legend.more_sides", "en", {"n": 4}, "and 4 more sides"),
        ("map.legend.more_sides", "ru", {"n": 1}, "и ещё 1 сторона"),
        ("map.legend.more_sides", "ru", {"n": 3}, "и ещё 3 стороны"),
        ("map.legend.more_sides", "ru", {"n": 5}, "и ещё 5 сторон"),
        ("map.legend.more_sides", "ru", {"n": 21}, "и ещё 21 сторона"),
        ("map.legend.more_sides", "ar", {"n": 1}, "وطرف آخر"),
        ("map.legend.more_sides", "ar", {"n": 2}, "وطرفان آخران"),
        ("map.legend.more_sides", "ar", {"n": 3}, "و3 أطراف أخرى"),
        ("map.legend.more_sides", "ar", {"n": 11}, "و11 طرفًا آخر"),
        ("map.legend.more_sides", "ar", {"n": 100}, "و100 طرف آخر"),
        ("map.legend.more_sides", "ar", {"n": "{n}"}, "و{n} طرف آخر"),  # no count: the general form
        ("scene.counts", "en", {"shown": 1, "total": 1}, "1 of 1 event"),
        ("scene.counts", "en", {"shown": 5, "total": 1200}, "5 of 1,200 events"),
        ("scene.counts", "ru", {"shown": 1, "total": 21}, "1 из 21 события"),
        ("scene.counts", "ru", {"shown": 3, "total": 5}, "3 из 5 событий"),
        ("scene.counts", "ar", {"shown": 1, "total": 2}, "1 من حدثين"),
        ("scene.counts", "ar", {"shown": 3, "total": 7}, "3 من 7 أحداث"),
        ("scene.counts", "ar", {"shown": 13, "total": 113}, "13 من 113 حدثًا"),
        ("no.such.key", "ar", {}, "no.such.key"),
    ],
)
def test_t(key, lang, values, expected):
    assert t(key, lang, **values) == expected


@pytest.mark.parametrize("lang", ["xx", "", "EN", "english"])
def test_a_language_without_a_catalogue_is_an_error_not_english(lang):
    with pytest.raises(UnknownLanguageError, match=f"no catalogue for language {lang!r}.*languages: ar, en"):
        t("app.title", lang)
    with pytest.raises(KeyError):
        t("app.title", lang)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("ar", "ar"), ("AR", "ar"), (" en ", "en"), ("ru", "ru"), ("xx", "en"), ("", "en"), (None, "en"),
     ("<script>", "en")],
)
def test_resolve_lang(value, expected):
    assert resolve_lang(value) == expected


@pytest.mark.parametrize(("lang", "rtl", "dir_"),
                         [("ar", True, "rtl"), ("en", False, "ltr"), ("ru", False, "ltr"), ("fa", True, "rtl")])
def test_direction(lang, rtl, dir_):
    assert is_rtl(lang) is rtl
    assert direction(lang) == dir_


@pytest.mark.parametrize(
    ("day", "lang", "expected"),
    [
        (date(2020, 10, 8), "en", "8 October 2020"),
        (date(2020, 10, 8), "ar", "8 أكتوبر 2020"),
        (date(2020, 9, 27), "ar", "27 سبتمبر 2020"),
        (date(2020, 11, 10), "en", "10 November 2020"),
        (date(2020, 10, 8), "ru", "8 октября 2020"),
        (date(2020, 12, 1), "ru", "1 декабря 2020"),
        (date(2020, 10, 8), "xx", "8 October 2020"),
    ],
)
def test_format_date(day, lang, expected):
    assert format_date(day, lang) == expected


@pytest.mark.parametrize("lang", LANGS)
def test_every_month_has_a_name(lang):
    names = [format_date(date(2020, month, 1), lang) for month in range(1, 13)]
    assert len(set(names)) == 12
    assert not any("month." in name for name in names)


@pytest.mark.parametrize("lang", LANGS)
def test_the_catalogue_month_names_the_browser_uses_match_babel(lang):
    """The browser writes dates with `date.long` and `month.N`: the same words as `format_date`."""
    for month in range(1, 13):
        day = date(2020, month, 8)
        pattern = t("date.long", lang, day=day.day, month=t(f"month.{month}", lang), year=day.year)
        assert pattern == format_date(day, lang)


def test_language_names_are_their_own():
    assert language_name("en") == "English"
    assert language_name("ar") == "العربية"
    assert language_name("ru") == "Русский"


def test_strings_picks_keys_by_prefix_and_fills_gaps_from_english():
    picked = strings("ar", ["month."])
    assert len(picked) == 12
    assert picked["month.10"] == "أكتوبر"


@pytest.mark.parametrize(
    ("side", "lang", "expected"),
    [
        ("Azerbaijan", "ar", "أذربيجان"),
        ("Armenia", "ar", "أرمينيا"),
        ("Artsakh", "ar", "آرتساخ"),
        ("Mediators", "ar", "الوسطاء"),
        ("Protesters", "ar", "محتجون"),
        ("Azerbaijan", "en", "Azerbaijan"),
        ("Narnia", "ar", "Narnia"),  # a side the catalogue does not know: the data's text
        ("<b>Narnia</b>", "ar", "<b>Narnia</b>"),  # unescaped: the caller escapes
        ("", "ar", ""),
    ],
)
def test_side_label(side, lang, expected):
    assert side_label(side, lang) == expected


def test_every_side_of_sides_toml_is_named_in_every_catalogue():
    config = tomllib.loads((CATALOGUE_DIR.parents[2] / "sides.toml").read_text(encoding="utf-8"))
    for side in config["sides"]:
        assert all(f"side.{side}" in catalogue(lang) for lang in LANGS), side
        assert ARABIC_LETTER.search(side_label(side, "ar")), side


def test_ru_side_labels_are_russian():
    assert side_label("Azerbaijan", "ru") == "Азербайджан"


@pytest.mark.parametrize("lang", LANGS)
def test_every_acled_type_and_sub_type_is_named_in_every_catalogue(lang):
    from eventmap.schema import EVENT_TYPES, SUB_EVENT_TYPES

    keys = [f"event_type.{name}" for name in EVENT_TYPES] + [f"sub_event_type.{name}" for name in SUB_EVENT_TYPES]
    assert [key for key in keys if key not in catalogue(lang)] == []
