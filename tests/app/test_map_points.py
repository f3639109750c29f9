"""The map's layer choice in AppTest: density squares as the user's choice, and a click on a WebGL point that
selects the event it names (and only a click on this layer's points)."""

from __future__ import annotations

import pytest

from eventmap.mapping import payloads_from_html
from eventmap.mapping.points import marks_key
from tests.app.conftest import app, headline, map_args, markers
from ui.map_view import _SCENE_KEY, DENSITY_KEY, new_pick


def payload(at) -> dict:
    [found] = payloads_from_html(map_args(at)["feature_group"])
    return found


def test_density_counts_every_event_in_squares_and_back() -> None:
    at = app()
    shown, _, without = headline(at)
    assert payload(at)["mode"] == "points"  # the bundled war: clusters
    at.toggle(key=DENSITY_KEY).set_value(True).run()
    assert not at.exception
    assert payload(at)["mode"] == "grid"
    assert markers(at) == shown - without  # every located event is in a square
    assert "Density" in payload(at)["notes"][0]
    at.toggle(key=DENSITY_KEY).set_value(False).run()
    assert payload(at)["mode"] == "points"


@pytest.mark.parametrize(
    ("tooltip", "count", "last_count", "picked"),
    [
        ("em-point:{key}:3", 1, None, 3),
        ("em-point:{key}:3", 2, 1, 3),
        ("em-point:{key}:3", 1, 1, None),  # the same click read again
        ("em-point:0000000000000000:3", 1, None, None),  # a click on another layer's points
        ("em-point:{key}:999999", 1, None, None),
        ("<b>Shusha</b>", 1, None, None),
        (None, 1, None, None),
        ("em-point:{key}:3", None, None, None),  # no click yet
    ],
)
def test_a_click_on_a_point_names_its_event_once(tooltip, count, last_count, picked) -> None:
    at = app()
    scene = at.session_state[_SCENE_KEY][1]
    text = tooltip.format(key=marks_key(scene.marks)) if tooltip else None
    event_id, seen = new_pick({"last_object_clicked_tooltip": text, "last_object_clicked_count": count},
                              scene=scene, last_count=last_count)
    assert event_id == (scene.marks.ids[picked] if picked is not None else None)
    assert seen == (count if isinstance(count, int) else last_count)
