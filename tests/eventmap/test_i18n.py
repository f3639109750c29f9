"""The interface catalogues: every key in every language, the same placeholders, real Arabic."""

from __future__ import annotations

import json
import re
import tomllib
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
    resolve_lang,
    side_label,
    strings,
    t,
)

LANGS = languages()
ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")
LATIN_LETTER = re.compile(r"[A-Za-z]")


def _pairs_without_duplicates(pairs: list[tuple[str, str]]) -> dict[str, str]:
    keys = [k for k, _ in pairs]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    assert not duplicates, f"keys listed twice: {duplicates}"
    return dict(pairs)


def _without_placeholders(text: str) -> str:
    return re.sub(r"\{\w*\}", "", text)


def test_the_bundled_languages_are_there():
    assert {"en", "ar"} <= set(LANGS)
    assert DEFAULT_LANG in LANGS


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_is_a_flat_json_object_without_duplicate_keys(lang):
    text = (CATALOGUE_DIR / f"{lang}.json").read_text(encoding="utf-8")
    data = json.loads(text, object_pairs_hook=_pairs_without_duplicates)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in data.items())


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
        values = dict.fromkeys(placeholders(text), "X")
        assert "{" not in t(key, lang, **values).replace("{{", "").replace("}}", "") or not values, key


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
    [("ar", "ar"), ("AR", "ar"), (" en ", "en"), ("xx", "en"), ("", "en"), (None, "en"), ("<script>", "en")],
)
def test_resolve_lang(value, expected):
    assert resolve_lang(value) == expected


@pytest.mark.parametrize(("lang", "rtl", "dir_"), [("ar", True, "rtl"), ("en", False, "ltr"), ("fa", True, "rtl")])
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
    ],
)
def test_format_date(day, lang, expected):
    assert format_date(day, lang) == expected


@pytest.mark.parametrize("lang", LANGS)
def test_every_month_has_a_name(lang):
    names = [format_date(date(2020, month, 1), lang) for month in range(1, 13)]
    assert len(set(names)) == 12
    assert not any("month." in name for name in names)


def test_language_names_are_their_own():
    assert language_name("en") == "English"
    assert language_name("ar") == "العربية"


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
    config = tomllib.loads((CATALOGUE_DIR.parents[1] / "sides.toml").read_text(encoding="utf-8"))
    for side in config["sides"]:
        assert all(f"side.{side}" in catalogue(lang) for lang in LANGS), side
        assert ARABIC_LETTER.search(side_label(side, "ar")), side
