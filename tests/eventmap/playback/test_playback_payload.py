"""The events as the playback engine reads them: compact, sorted, escaped, links only for http(s)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from eventmap.playback.payload import DETAIL_FIELDS, build_payload, safe_link, script_json


def detail(payload, index: int, field: str):
    return payload.data["detail"][index][DETAIL_FIELDS.index(field)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("HTTP://EXAMPLE.ORG", "HTTP://EXAMPLE.ORG"),
        ("  https://example.org  ", "https://example.org"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//evil.example/x", None),
        ("https://", None),
        ("https://example.org/a b", None),
        ("Reuters, 8 Oct 2020", None),
        ("ACLED ARM4892", None),
    ],
)
def test_safe_link(text, expected):
    assert safe_link(text) == expected


@pytest.mark.parametrize(
    "value",
    ["</script><script>alert(1)</script>", "<!-- x", "a & b", "line\u2028separator\u2029", "<\u2028>"],
)
def test_script_json_cannot_end_the_script_element_and_round_trips(value):
    text = script_json({"v": value})
    assert "<" not in text
    assert ">" not in text
    assert "&" not in text
    assert "\u2028" not in text
    assert "\u2029" not in text
    assert json.loads(text) == {"v": value}


def test_script_json_refuses_nan():
    with pytest.raises(ValueError, match="JSON compliant"):
        script_json({"v": float("nan")})


def test_events_are_sorted_by_day_and_numbered_from_the_origin(make_events):
    frame = make_events({"event_id": "late", "date": "2020-10-09"}, {"event_id": "early", "date": "2020-10-07"},
                        {"event_id": "same-day-second", "date": "2020-10-09"})
    payload = build_payload(frame, naming="en", origin=date(2020, 10, 5))
    assert [row[0] for row in payload.data["detail"]] == ["early", "late", "same-day-second"]
    assert payload.data["d"] == [2, 4, 4]
    assert payload.data["origin"] == "2020-10-05"
    assert (payload.first_day, payload.last_day) == (date(2020, 10, 7), date(2020, 10, 9))


def test_origin_defaults_to_the_first_day(make_events):
    payload = build_payload(make_events({"date": "2020-10-09"}, {"date": "2020-10-07"}), naming="en")
    assert payload.data["d"] == [0, 2]


def test_events_without_coordinates_are_kept_but_not_on_the_map(make_events):
    frame = make_events({"latitude": None, "longitude": None}, {"latitude": 40.0, "longitude": None}, {})
    payload = build_payload(frame, naming="en")
    assert payload.data["lat"] == [None, None, 39.7601]
    assert payload.data["lon"] == [None, None, 46.7499]
    assert (payload.on_map, payload.without_place) == (1, 2)
    assert len(payload.data["detail"]) == 3


def test_counts_are_numbers_or_null(make_events):
    payload = build_payload(make_events({"fatalities": 3, "injured": None}), naming="en")
    assert detail(payload, 0, "fatalities") == 3
    assert detail(payload, 0, "injured") is None


def test_only_http_sources_get_a_link(make_events):
    frame = make_events({"sources": "https://a.example/x; javascript:alert(1); Reuters, 8 Oct"})
    sources = detail(build_payload(frame, naming="en"), 0, "sources")
    assert sources == [["https://a.example/x", "https://a.example/x"], ["", "javascript:alert(1)"],
                       ["", "Reuters, 8 Oct"]]


@pytest.mark.parametrize(
    ("naming", "expected"),
    [("en", "Shusha"), ("hy", "Shushi"), ("both", "Shusha / Shushi"), ("ar", "شوشا")],
)
def test_place_names_follow_the_naming(make_events, naming, expected):
    payload = build_payload(make_events({"location": "Shusha"}), naming=naming)
    assert detail(payload, 0, "place") == expected


def test_sides_types_and_statuses_are_indexed_for_the_legend(make_events):
    frame = make_events({"side": "Armenia", "event_type": "Battles", "sub_event_type": "Armed clash",
                         "status": "disputed"},
                        {"side": "Azerbaijan"})
    data = build_payload(frame, naming="en").data
    assert [s[0] for s in data["sides"]] == ["Armenia", "Azerbaijan"]
    assert all(s[1].startswith("#") and len(s[1]) == 7 for s in data["sides"])
    assert data["types"] == [["Battles", "diamond"], ["Explosions/Remote violence", "circle"]]
    assert data["statuses"] == ["claimed", "disputed"]
    assert (data["s"], data["t"], data["c"]) == ([0, 1], [0, 1], [1, 0])


def test_original_text_and_report_date_are_kept(make_events):
    frame = make_events({"description_original": "وفي مدينة شوشة", "language": "ar", "report_date": "2020-10-09"})
    payload = build_payload(frame, naming="en")
    assert detail(payload, 0, "description_original") == "وفي مدينة شوشة"
    assert detail(payload, 0, "language") == "ar"
    assert detail(payload, 0, "report_date") == "2020-10-09"


@pytest.mark.parametrize(
    ("lang", "description", "original", "sub_type"),
    [
        (None, "Shelling.", "وفي مدينة شوشة", "Shelling/artillery/missile attack"),  # the data's own texts
        ("en", "Shelling.", "وفي مدينة شوشة", "Shelling/artillery/missile attack"),
        ("ar", "وفي مدينة شوشة", "", "قصف مدفعي أو صاروخي"),  # the Arabic once, as the description
        ("ru", "Shelling.", "وفي مدينة شوشة", "Обстрел, артиллерийский или ракетный удар"),
    ],
)
def test_card_texts_follow_the_language_as_the_scenes_cards_do(make_events, lang, description, original, sub_type):
    frame = make_events({"description": "Shelling.", "description_original": "وفي مدينة شوشة", "language": "ar",
                         "description_ar": "وفي مدينة شوشة", "description_ar_source": "source",
                         "event_type": "Explosions/Remote violence",
                         "sub_event_type": "Shelling/artillery/missile attack"})
    payload = build_payload(frame, naming="en", lang=lang)
    assert detail(payload, 0, "description") == description
    assert detail(payload, 0, "description_original") == original
    assert detail(payload, 0, "sub_event_type") == sub_type
    assert detail(payload, 0, "event_type") == "Explosions/Remote violence"  # the engine's key: translated in the page


def test_an_empty_frame_gives_an_empty_payload(make_events):
    payload = build_payload(make_events({}).iloc[0:0], naming="en")
    assert payload.data["detail"] == []
    assert payload.data["origin"] is None
    assert (payload.on_map, payload.without_place) == (0, 0)


def test_the_legend_is_the_scenes_most_events_first_and_types_in_the_codebook_order(make_events):
    frame = make_events({"side": "Armenia", "event_type": "Battles", "status": "disputed"},
                        {"side": "Azerbaijan"}, {"side": "Azerbaijan", "status": "confirmed"})
    data = build_payload(frame, naming="en").data
    assert [s[0] for s in data["sides"]] == ["Azerbaijan", "Armenia"]
    assert [t[0] for t in data["types"]] == ["Battles", "Explosions/Remote violence"]
    assert data["statuses"] == ["confirmed", "claimed", "disputed"]
    assert [data["sides"][i][0] for i in data["s"]] == ["Armenia", "Azerbaijan", "Azerbaijan"]


@pytest.mark.parametrize(("country", "expected"), [("Azerbaijan", "Xocavənd"), ("Armenia", "Martuni")])
def test_a_shared_place_name_is_settled_by_the_rows_country_as_on_the_map(make_events, country, expected):
    frame = make_events({"location": "Martuni", "country": country})
    assert detail(build_payload(frame, naming="az"), 0, "place") == expected


def test_a_language_that_is_not_a_code_is_dropped(make_events):
    frame = make_events({"language": '"><svg onload=alert(1)>', "description_original": "x"})
    assert detail(build_payload(frame, naming="en"), 0, "language") == ""
