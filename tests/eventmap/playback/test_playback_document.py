"""The presentation document: options checked, data escaped, assets local, story and languages embedded."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from eventmap.filtering import Filters
from eventmap.i18n import languages
from eventmap.playback.document import PlaybackOptionError, build_playback_document
from eventmap.playback.stories import Story, story_from_mapping

HOSTILE = "</script><script>alert('x')</script><img src=x onerror=alert(1)>"


def embedded(page: str, element_id: str) -> dict:
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', page, re.S)
    assert match, element_id
    return json.loads(match.group(1))


@pytest.fixture
def three_days(make_events):
    return make_events(
        {"event_id": "a", "date": "2020-10-07"},
        {"event_id": "b", "date": "2020-10-08", "side": "Armenia", "location": "Stepanakert",
         "latitude": 39.8177, "longitude": 46.7528},
        {"event_id": "c", "date": "2020-10-09", "latitude": None, "longitude": None},
    )


def test_inline_document_stands_alone(three_days):
    page = build_playback_document(three_days, naming="en", asset_mode="inline")
    assert page.startswith("<!DOCTYPE html>")
    external = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="((?:https?:)?//[^"]+)"', page)
    assert external == []
    assert "/app/static/" not in page
    assert "L.map(" in page
    assert "window.eventmapPlayback" in page


def test_served_document_links_the_apps_static_files(three_days):
    page = build_playback_document(three_days, naming="en", asset_mode="served")
    assert re.search(r'src="/app/static/leaflet/leaflet\.js\?v=\w+"', page)


def test_config_describes_the_timeline(three_days):
    page = build_playback_document(three_days, naming="en", lang="ar", mode="window", days=3, speed=2,
                                   initial_date=date(2020, 10, 8))
    config = embedded(page, "pb-config")
    assert (config["origin"], config["firstDay"], config["lastDay"], config["initialDay"]) == ("2020-10-07", 0, 2, 1)
    assert (config["mode"], config["windowDays"], config["speed"], config["lang"]) == ("window", 3, 2, "ar")
    assert config["withoutPlace"] == 1
    assert set(config["strings"]) == set(languages())
    assert config["strings"]["ar"]["month.10"] == "أكتوبر"
    assert config["mapVar"].startswith("map_")
    assert f"var {config['mapVar']} = L.map(" in page
    assert '<html lang="ar">' in page
    assert 'id="pb-root" class="pb" lang="ar" dir="rtl"' in page


def test_filter_dates_widen_the_timeline_and_are_described(three_days):
    filters = Filters(date_from=date(2020, 10, 1), date_to=date(2020, 10, 20), sides=("Armenia",))
    config = embedded(build_playback_document(three_days, naming="en", filters=filters), "pb-config")
    assert (config["origin"], config["lastDay"], config["initialDay"]) == ("2020-10-01", 19, 0)
    assert "Armenia" in config["filters"]["en"]
    assert "أرمينيا" in config["filters"]["ar"]  # the side in the interface language
    assert config["filters"]["ar"] != config["filters"]["en"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (None, {"en": "Conflict event map", "ar": "خريطة أحداث النزاع"}),
        ("Class 9B", {"en": "Class 9B", "ar": "Class 9B"}),
        ({"en": "War", "ar": "الحرب"}, {"en": "War", "ar": "الحرب"}),
        ({"en": "War"}, {"en": "War", "ar": "War"}),
    ],
)
def test_titles_per_language(three_days, title, expected):
    config = embedded(build_playback_document(three_days, naming="en", title=title), "pb-config")
    assert {k: config["titles"][k] for k in expected} == expected


def test_the_page_title_is_escaped(three_days):
    page = build_playback_document(three_days, naming="en", title=HOSTILE)
    assert HOSTILE not in page
    assert "<title>&lt;/script&gt;&lt;script&gt;alert(&#x27;x&#x27;)" in page


def test_story_keeps_only_events_in_the_data(three_days):
    story = Story(key="s", titles={"en": "S", "ar": "ق"}, event_ids=("c", "gone", "a"))
    config = embedded(build_playback_document(three_days, naming="en", story=story), "pb-config")
    assert config["story"] == {"key": "s", "titles": {"ar": "ق", "en": "S", "ru": "S"}, "ids": ["c", "a"]}


def test_a_story_in_steps_gives_each_highlighted_event_its_steps_words(three_days):
    raw = {"title": {"en": "S", "ar": "ق"}, "steps": [
        {"from": "2020-10-07", "to": "2020-10-08", "event_ids": ["b", "a"], "title": {"en": "One", "ar": "واحد"},
         "text": {"en": "<b>first</b>", "ar": "أول"}},
        {"from": "2020-10-09", "to": "2020-10-09", "event_ids": ["a"], "title": {"en": "Two", "ar": "اثنان"},
         "text": {"en": "again", "ar": "مجددا"}}]}
    story = story_from_mapping(raw, key="s", origin="s.json")
    page = build_playback_document(three_days, naming="en", story=story)
    config = embedded(page, "pb-config")["story"]
    assert config["ids"] == ["b", "a"]
    # every interface language: a language the story is not written in shows its English
    assert config["steps"]["b"] == {"en": "One: <b>first</b>", "ar": "واحد: أول", "ru": "One: <b>first</b>"}
    assert config["steps"]["a"]["en"] == "One: <b>first</b>"  # the first step that highlights it
    assert "<b>first</b>" not in page  # data, not markup: the JSON is escaped


def test_a_story_in_steps_gives_the_page_each_step_to_go_through(three_days):
    raw = {"title": {"en": "S", "ar": "ق"}, "steps": [
        {"from": "2020-10-07", "to": "2020-10-08", "view": {"bbox": [38, 44, 41, 51]}, "event_ids": ["b", "gone"],
         "title": {"en": "One", "ar": "واحد"}, "text": {"en": "first", "ar": "أول"}},
        {"from": "2020-10-09", "to": "2020-10-09", "view": {"center": [39.8, 46.7], "zoom": 8}, "event_ids": [],
         "title": {"en": "Two", "ar": "اثنان"}, "text": {"en": "again", "ar": "مجددا"}},
        {"from": "2020-10-09", "to": "2020-10-09", "event_ids": ["a"], "title": {"en": "Three", "ar": "ثلاثة"},
         "text": {"en": "last", "ar": "أخير"}}]}
    story = story_from_mapping(raw, key="s", origin="s.json")
    steps = embedded(build_playback_document(three_days, naming="en", story=story), "pb-config")["story"]["stepList"]
    assert [(s["from"], s["to"]) for s in steps] == [("2020-10-07", "2020-10-08"), ("2020-10-09", "2020-10-09"),
                                                     ("2020-10-09", "2020-10-09")]
    assert [s["view"] for s in steps] == [{"bbox": [38.0, 44.0, 41.0, 51.0]}, {"center": [39.8, 46.7], "zoom": 8.0},
                                          None]
    assert [s["ids"] for s in steps] == [["b"], [], ["a"]]  # an id the data lacks is not ringed
    assert steps[0]["titles"] == {"en": "One", "ar": "واحد", "ru": "One"}
    assert steps[0]["texts"]["ar"] == "أول"
    assert steps[0]["dates"] == {"en": "7 October 2020 – 8 October 2020", "ar": "7 أكتوبر 2020 – 8 أكتوبر 2020",
                                 "ru": "7 октября 2020 – 8 октября 2020"}
    assert steps[1]["dates"]["en"] == "9 October 2020"


def test_a_story_of_events_has_no_steps_to_go_through(three_days):
    story = Story(key="s", titles={"en": "S"}, event_ids=("a",))
    assert "stepList" not in embedded(build_playback_document(three_days, naming="en", story=story),
                                      "pb-config")["story"]


def test_a_story_with_none_of_its_events_is_left_out(three_days):
    story = Story(key="s", titles={"en": "S"}, event_ids=("gone",))
    assert embedded(build_playback_document(three_days, naming="en", story=story), "pb-config")["story"] is None


def test_hostile_text_is_only_data(make_events):
    frame = make_events({"description": HOSTILE, "location": HOSTILE, "side": HOSTILE, "event_id": HOSTILE,
                         "sources": "javascript:alert(1); https://ok.example/a"})
    page = build_playback_document(frame, naming="en", asset_mode="inline")
    assert HOSTILE not in page
    assert "<img src=x" not in page
    data = embedded(page, "pb-data")
    assert data["detail"][0][7] == HOSTILE  # the description, intact as data
    assert data["sides"][0][0] == HOSTILE


def test_an_empty_selection_still_gives_a_page(make_events):
    empty = make_events({}).iloc[0:0]
    page = build_playback_document(empty, naming="en", today=date(2021, 1, 1))
    config = embedded(page, "pb-config")
    assert (config["origin"], config["lastDay"], config["bounds"]) == ("2021-01-01", 0, None)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"lang": "xx"}, "lang: one of ar, en, ru (got 'xx')"),
        ({"mode": "weekly"}, "mode: one of day, window, cumulative (got 'weekly')"),
        ({"days": 0}, "days: a whole number from 1 to 365 (got 0)"),
        ({"days": 2.5}, "days: a whole number from 1 to 365 (got 2.5)"),
        ({"speed": 0.25}, "speed: days per second from 0.5 to 4.0 (got 0.25)"),
        ({"speed": 5}, "speed: days per second from 0.5 to 4.0 (got 5)"),
        ({"speed": float("nan")}, "speed: days per second from 0.5 to 4.0 (got nan)"),
        ({"width": 10}, "width: pixels from 200 to 20000 (got 10)"),
        ({"initial_date": date(2020, 1, 1)},
         "initial_date: outside the timeline 2020-10-07 – 2020-10-09 (got '2020-01-01')"),
    ],
)
def test_bad_options_are_refused_with_the_value(three_days, options, message):
    with pytest.raises(PlaybackOptionError) as caught:
        build_playback_document(three_days, naming="en", **options)
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_the_view_fits_where_most_events_are(bundled_events):
    config = embedded(build_playback_document(bundled_events, naming="en"), "pb-config")
    (south, west), (north, east) = config["bounds"]
    assert 38.0 < south < 39.5
    assert 40.5 < north < 41.5
    assert 44.5 < west < 46.0
    assert 47.0 < east < 49.0


def test_fixed_size(three_days):
    page = build_playback_document(three_days, naming="en", width=1024, height=768)
    assert "html,body{width:1024px;height:768px}" in page


@pytest.mark.parametrize("payload", ["{{ 7*7 }}", "{% raw %}x", "{{ ''.__class__ }}", "${7*7}", "`+alert(1)+`"])
def test_template_syntax_in_the_data_or_the_title_stays_text(make_events, payload):
    frame = make_events({"description": payload, "location": payload})
    page = build_playback_document(frame, naming="en", title=payload, asset_mode="inline")
    data = embedded(page, "pb-data")
    assert data["detail"][0][7] == payload
    assert embedded(page, "pb-config")["titles"]["en"] == payload
    assert f"<title>{payload.replace(chr(39), '&#x27;')}</title>" in page


def test_sides_stay_data_and_their_names_are_embedded_per_language(three_days):
    page = build_playback_document(three_days, naming="ar", lang="ar", asset_mode="inline")
    # the scene's legend order: the side with most events first
    assert [side for side, _ in embedded(page, "pb-data")["sides"]] == ["Azerbaijan", "Armenia"]
    strings = embedded(page, "pb-config")["strings"]
    assert (strings["ar"]["side.Azerbaijan"], strings["en"]["side.Azerbaijan"]) == ("أذربيجان", "Azerbaijan")
    assert not any(key.startswith("sidebar.") for key in strings["ar"])
