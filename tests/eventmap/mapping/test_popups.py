"""Popups: every field escaped, only http(s) sources become links, names in the chosen naming."""

from __future__ import annotations

import folium
import pytest

from eventmap.mapping.popups import (
    DETAIL_FIELDS,
    detail_values,
    event_card_html,
    folium_text,
    source_item,
    web_url,
)
from geo.naming import Naming

HOSTILE = "<script>alert(1)</script>"


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&c=2"),
        ("http://news.am/eng/news/605445.html", "http://news.am/eng/news/605445.html"),
        ("HTTPS://EXAMPLE.ORG", "HTTPS://EXAMPLE.ORG"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        (" javascript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox(1)", None),
        ("https://", None),
        ("//evil.example/x", None),
        ("https://example.org/a b", None),
        ("https://example.org/\tx", None),
        ("Reuters, 9 October 2020", None),
        ("", None),
    ],
)
def test_only_web_urls_are_links(text, link) -> None:
    assert web_url(text) == link


@pytest.mark.parametrize(
    ("source", "href", "text"),
    [
        ('https://example.org/"onmouseover=alert(1)', "https://example.org/&quot;onmouseover=alert(1)",
         "https://example.org/&quot;onmouseover=alert(1)"),
        ("javascript:alert(1)", "", "javascript:alert(1)"),
        ("<img src=x onerror=alert(1)>", "", "&lt;img src=x onerror=alert(1)&gt;"),
    ],
)
def test_source_items_are_escaped(source, href, text) -> None:
    assert source_item(source) == (href, text)


@pytest.mark.parametrize("column", ["actor", "target", "description", "description_original", "claimed_by",
                                    "disputed_by", "notes", "event_id", "sub_event_type"])
def test_every_text_field_is_carried_raw_for_the_browser_to_show_as_text(make_events, column) -> None:
    """The map's popups are built with text nodes (static/eventmap/js/popups.js): the payload is not escaped."""
    [row] = make_events({column: HOSTILE}).to_dict("records")
    values = dict(zip(DETAIL_FIELDS, detail_values(row, naming=Naming.EN, lang="en"), strict=True))
    assert values[column] == HOSTILE


def test_a_bad_language_code_is_dropped(make_events) -> None:
    [row] = make_events({"language": '"><svg onload=alert(1)>', "description_original": "x"}).to_dict("records")
    values = dict(zip(DETAIL_FIELDS, detail_values(row, naming=Naming.EN, lang="en"), strict=True))
    assert values["language"] == ""


def test_place_as_reported_is_kept_when_the_naming_changes_it(make_events) -> None:
    [row] = make_events({"location": "Şuşa"}).to_dict("records")
    values = dict(zip(DETAIL_FIELDS, detail_values(row, naming=Naming.EN, lang="en"), strict=True))
    assert values["location"] == "Şuşa"


def test_card_shows_everything_escaped(make_events) -> None:
    [row] = make_events({
        "description": HOSTILE, "description_original": "قصف مدينة شوشة", "language": "ar", "fatalities": 2,
        "disputed_by": "Azerbaijani MoD", "status": "disputed",
        "sources": "https://example.org/a; javascript:alert(1); Reuters",
    }).to_dict("records")
    card = event_card_html(row, naming=Naming.BOTH, lang="en")
    assert "<script>" not in card
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in card
    assert 'href="https://example.org/a" target="_blank" rel="noopener noreferrer"' in card
    assert 'href="javascript' not in card
    assert "<span dir=\"auto\">javascript:alert(1)</span>" in card
    assert 'dir="auto" lang="ar"' in card
    assert "Shusha / Shushi" in card
    assert "Azerbaijani MoD" in card
    assert "disputed" in card


def test_arabic_labels(make_events) -> None:
    [row] = make_events({}).to_dict("records")
    card = event_card_html(row, naming=Naming.EN, lang="ar")
    assert 'dir="rtl"' in card
    assert "المصادر" in card


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ("Shusha`+alert(document.domain)+`", "`"),
        ("{{ 6*7 }}", "{{"),
        ("${alert(1)}", "${"),
        ("a\\`b", "\\"),
        ("<img src=x onerror=alert(1)>", "<img"),
    ],
)
def test_folium_text_is_inert_in_a_template_literal_and_in_jinja(text, forbidden):
    escaped = folium_text(text)
    assert forbidden not in escaped
    m = folium.Map()
    folium.CircleMarker([40, 46], tooltip=escaped).add_to(m)
    rendered = m.get_root().render()
    assert "alert(document.domain)+`" not in rendered
    assert "42" not in rendered.split("bindTooltip", 1)[1][:200]
