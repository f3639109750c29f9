"""Sides are shown in the interface language where the catalogue names them; colours follow the data's value."""

from __future__ import annotations

import pytest

from eventmap.mapping.layers import event_payload
from eventmap.mapping.popups import event_card_html
from eventmap.mapping.scene_parts import legend_options
from eventmap.scene import Lang, Palette
from eventmap.scene.build import scene_legend
from eventmap.styling import side_colours
from geo.naming import Naming

COLOURS = side_colours(["Azerbaijan", "Armenia", "Narnia"])


def legend_sides(frame, colours, lang):
    palette = Palette(sides=tuple(colours), colours=tuple(colours.values()))
    legend = legend_options(scene_legend(frame, palette, lang=Lang(lang)), lang=Lang(lang))
    return legend["sides"]["rows"]


@pytest.mark.parametrize(
    ("lang", "shown", "not_shown"),
    [("ar", ["أذربيجان", "أرمينيا", "Narnia"], ["Azerbaijan", "Armenia"]),
     ("en", ["Azerbaijan", "Armenia", "Narnia"], ["أذربيجان"])],
)
def test_legend_names_sides_in_the_interface_language(make_events, lang, shown, not_shown) -> None:
    frame = make_events({"side": "Azerbaijan"}, {"side": "Armenia"}, {"side": "Narnia"})
    rows = legend_sides(frame, COLOURS, lang)
    assert sorted(text for text, _ in rows) == sorted(shown)
    assert not any(text in not_shown for text, _ in rows)
    assert dict(rows)[shown[0]] == COLOURS["Azerbaijan"]


def test_legend_carries_an_unknown_side_as_raw_text(make_events) -> None:
    """The browser puts it in as a text node (static/eventmap/js/maplegend.js): escaping it here would show
    "&lt;b&gt;" to the reader."""
    rows = legend_sides(make_events({"side": "<b>x</b>"}), side_colours(["<b>x</b>"]), "ar")
    assert [text for text, _ in rows] == ["<b>x</b>"]


@pytest.mark.parametrize(
    ("lang", "side", "shown"),
    [("ar", "Azerbaijan", "أذربيجان"), ("en", "Azerbaijan", "Azerbaijan"), ("ar", "Narnia", "Narnia")],
)
def test_card_names_the_side_in_the_interface_language(make_events, lang, side, shown) -> None:
    [row] = make_events({"side": side}).to_dict("records")
    assert f"</span>{shown}</td>" in event_card_html(row, naming=Naming.EN, lang=lang)


def test_map_payload_labels_sides_but_keeps_their_colours(make_events) -> None:
    frame = make_events({"side": "Azerbaijan"}, {"side": "Armenia"}, {"side": "Narnia"})
    payload = event_payload(frame, naming=Naming.AR, lang="ar", colours=COLOURS)
    assert payload["sides"] == ["أذربيجان", "أرمينيا", "Narnia"]
    assert payload["colours"] == [COLOURS["Azerbaijan"], COLOURS["Armenia"], COLOURS["Narnia"]]
