"""Cards: what an event's card says, raw (each renderer escapes it once, where it meets its page)."""

from __future__ import annotations

import html
import re

import pytest

from eventmap.i18n import t
from eventmap.mapping.popups import DETAIL_FIELDS, detail_values, event_card_html
from eventmap.scene.cards import CardMaker, Source
from geo.naming import Naming

ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")
HOSTILE = '<img src=x onerror="alert(1)"> & {{ 7*7 }}'


@pytest.mark.parametrize(("sources", "expected"), [
    ("https://example.org/a", (Source("https://example.org/a", "https://example.org/a"),)),
    ("javascript:alert(1)", (Source(None, "javascript:alert(1)"),)),
    ("Azerbaijani MoD statement", (Source(None, "Azerbaijani MoD statement"),)),
])
def test_only_web_addresses_become_links(make_events, sources: str, expected: tuple[Source, ...]) -> None:
    row = make_events({"sources": sources}).iloc[0].to_dict()
    assert CardMaker(naming=Naming.EN, lang="en").card(row).sources == expected


def test_card_text_is_raw_up_to_the_page(make_events) -> None:
    """Raw in the scene and in the map's payload (the browser puts it in as text); escaped once in the HTML card."""
    row = make_events({"description": HOSTILE, "actor": HOSTILE, "fatalities": 3}).iloc[0].to_dict()
    card = CardMaker(naming=Naming.EN, lang="en").card(row)
    assert card.description == HOSTILE
    assert card.fatalities == 3
    raw = dict(zip(DETAIL_FIELDS, detail_values(row, naming=Naming.EN, lang="en"), strict=True))
    assert raw["description"] == HOSTILE
    assert raw["actor"] == HOSTILE
    assert raw["fatalities"] == 3
    page = event_card_html(row, naming=Naming.EN, lang="en")
    assert page.count(html.escape(HOSTILE, quote=True)) == 2
    assert HOSTILE not in page
    assert html.escape(html.escape(HOSTILE)) not in page


@pytest.mark.parametrize(("naming", "location"), [(Naming.EN, ""), (Naming.HY, "Shusha")])
def test_the_reported_place_shows_when_the_naming_says_it_otherwise(make_events, naming: Naming,
                                                                   location: str) -> None:
    row = make_events({"location": "Shusha"}).iloc[0].to_dict()
    assert CardMaker(naming=naming, lang="en").card(row).location == location


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_terms_in_the_language(make_events, lang: str) -> None:
    row = make_events({"date_precision": "week", "verification": "multi-source"}).iloc[0].to_dict()
    card = CardMaker(naming=Naming.EN, lang=lang).card(row)
    assert card.date_note == t("map.date_precision.week", lang)
    assert card.verification == t("verification.multi-source", lang) != "multi-source"


ARTICLE = "ونقل مراسل الجزيرة عن مصادر عسكرية أرمينية أن القصف الأذري تجدد على ستيباناكيرت."
ENGLISH = "Shelling of Stepanakert resumes."


@pytest.mark.parametrize(
    ("cells", "lang", "description", "original"),
    [
        # the article's events: Arabic text quoted from the source, the same as the original
        ({"description_original": ARTICLE, "language": "ar", "description_ar": ARTICLE,
          "description_ar_source": "source"}, "ar", ARTICLE, ""),
        ({"description_original": ARTICLE, "language": "ar", "description_ar": ARTICLE,
          "description_ar_source": "source"}, "en", ENGLISH, ARTICLE),
        ({"description_original": ARTICLE, "language": "ar", "description_ar": ARTICLE,
          "description_ar_source": "source"}, "ru", ENGLISH, ARTICLE),
        # an Arabic original without a stored Arabic description: the original is the Arabic description
        ({"description_original": ARTICLE, "language": "ar"}, "ar", ARTICLE, ""),
        # the project's own translation says so
        ({"description_ar": "تجدد القصف", "description_ar_source": "project"}, "ar",
         "تجدد القصف (ترجمة المشروع)", ""),
        # nothing in Arabic: the English description, never an invented one
        ({}, "ar", ENGLISH, ""),
        # an original in Russian is the Russian description
        ({"description_original": "Обстрел возобновился.", "language": "ru"}, "ru", "Обстрел возобновился.", ""),
        ({"description_original": "Обстрел возобновился.", "language": "ru"}, "ar", ENGLISH, "Обстрел возобновился."),
    ],
)
def test_the_description_is_in_the_cards_language_where_the_data_has_it(make_events, cells, lang, description,
                                                                        original) -> None:
    row = make_events({"description": ENGLISH, **cells}).iloc[0].to_dict()
    card = CardMaker(naming=Naming.EN, lang=lang).card(row)
    assert (card.description, card.description_original) == (description, original)
    assert card.language == (cells.get("language", "") if original else "")


@pytest.mark.parametrize(
    ("lang", "sub_type", "actor", "claimed_by"),
    [
        ("ar", "قصف مدفعي أو صاروخي", "أذربيجان", "Azerbaijani MoD"),  # free text as written
        ("ru", "Обстрел, артиллерийский или ракетный удар", "Азербайджан", "Azerbaijani MoD"),
        ("en", "Shelling/artillery/missile attack", "Azerbaijan", "Azerbaijani MoD"),
    ],
)
def test_closed_sets_are_translated_and_free_text_is_not(make_events, lang, sub_type, actor, claimed_by) -> None:
    row = make_events({"event_type": "Explosions/Remote violence",
                       "sub_event_type": "Shelling/artillery/missile attack", "actor": "Azerbaijan",
                       "claimed_by": "Azerbaijani MoD", "notes": HOSTILE}).iloc[0].to_dict()
    card = CardMaker(naming=Naming.EN, lang=lang).card(row)
    assert (card.sub_event_type, card.actor, card.claimed_by, card.notes) == (sub_type, actor, claimed_by, HOSTILE)


def test_the_arabic_cards_of_the_bundled_data_are_arabic_where_the_article_gives_the_text(bundled_events) -> None:
    maker = CardMaker(naming=Naming.AR, lang="ar")
    cards = {row["event_id"]: maker.card(row) for row in bundled_events.to_dict("records")}
    shusha = cards["NK-E032-shusha"]
    assert "كاتدرائية" in shusha.description
    assert shusha.description_original == ""  # not said twice
    assert shusha.sub_event_type == "قصف مدفعي أو صاروخي"
    arabic = [event_id for event_id, card in cards.items() if ARABIC_LETTER.search(card.description)]
    assert len(arabic) == int((bundled_events["description_ar"].astype(str) != "").sum()) >= 17
