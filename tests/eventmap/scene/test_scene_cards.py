"""Cards: what an event's card says, raw (each renderer escapes it once, where it meets its page)."""

from __future__ import annotations

import html

import pytest

from eventmap.i18n import t
from eventmap.mapping.popups import DETAIL_FIELDS, detail_values, event_card_html
from eventmap.scene.cards import CardMaker, Source
from geo.naming import Naming

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
