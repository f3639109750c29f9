"""The points a person may save for a place name: numbered candidates, a clicked point, a marker's click."""

from __future__ import annotations

import pytest

from eventmap.scene import Lang
from geo.result import Candidate
from services.places import PointOption, option_of_tooltip, point_of_click, point_options

FOUND = [(Candidate(name="Martuni", lat=40.1397, lon=45.3064), "Martuni (Armenia)"),
         (Candidate(name="Martuni", lat=39.7939, lon=47.1108), "Martuni (Azerbaijan)")]


@pytest.mark.parametrize(("clicked", "keys"), [(None, ["1", "2"]), ((40.5, 46.25), ["1", "2", "clicked"])])
def test_candidates_are_numbered_and_a_clicked_point_comes_last(clicked, keys) -> None:
    options = point_options(FOUND, clicked, lang=Lang.EN)
    assert [o.key for o in options] == keys
    assert options[0] == PointOption(key="1", label="1. Martuni (Armenia) — 40.1397, 45.3064",
                                     short="1. Martuni (Armenia)", lat=40.1397, lon=45.3064)
    if clicked:
        assert (options[-1].lat, options[-1].lon) == clicked
        assert "40.50000" in options[-1].label


def test_a_clicked_point_is_named_in_the_page_language() -> None:
    english = point_options([], (40.5, 46.25), lang=Lang.EN)[0]
    arabic = point_options([], (40.5, 46.25), lang=Lang.AR)[0]
    assert english.short != arabic.short
    assert any("\u0600" <= ch <= "\u06ff" for ch in arabic.short)


@pytest.mark.parametrize(("tooltip", "expected"), [
    ("2. Martuni (Azerbaijan)", "2"), (" 1. Martuni (Armenia)", "1"), ("3. Nowhere", None),
    ("Your point", None), ("", None), (None, None), ("<b>1.</b>", None),
])
def test_the_marker_clicked_is_told_by_its_tooltips_number(tooltip, expected) -> None:
    options = point_options(FOUND, None, lang=Lang.EN)
    found = option_of_tooltip(tooltip, options)
    assert (found.key if found else None) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ({"lat": 40.123456, "lng": 46.987654}, (40.12346, 46.98765)), ({"lat": 1}, None), (None, None), ("40,46", None),
])
def test_a_map_click_becomes_a_rounded_point(value, expected) -> None:
    assert point_of_click(value) == expected
