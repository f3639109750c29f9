"""Sides are shown in the interface language where the catalogue names them; colours follow the data's value."""

from __future__ import annotations

import pytest

from eventmap.mapping.layers import event_payload
from eventmap.mapping.legend import legend_html
from eventmap.mapping.popups import event_card_html
from eventmap.styling import side_colours
from geo.naming import Naming

COLOURS = side_colours(["Azerbaijan", "Armenia", "Narnia"])


@pytest.mark.parametrize(
    ("lang", "shown", "not_shown"),
    [("ar", ["أذربيجان", "أرمينيا", "Narnia"], [">Azerbaijan<", ">Armenia<"]),
     ("en", ["Azerbaijan", "Armenia", "Narnia"], ["أذربيجان"])],
)
def test_legend_names_sides_in_the_interface_language(make_events, lang, shown, not_shown) -> None:
    frame = make_events({"side": "Azerbaijan"}, {"side": "Armenia"}, {"side": "Narnia"})
    legend = legend_html(frame, colours=COLOURS, lang=lang)
    assert all(text in legend for text in shown)
    assert not any(text in legend for text in not_shown)
    assert f'background:{COLOURS["Azerbaijan"]}"></span><span dir="auto">{shown[0]}<' in legend


def test_legend_escapes_an_unknown_side(make_events) -> None:
    legend = legend_html(make_events({"side": "<b>x</b>"}), colours={}, lang="ar")
    assert "&lt;b&gt;x&lt;/b&gt;" in legend
    assert "<b>x</b>" not in legend


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
