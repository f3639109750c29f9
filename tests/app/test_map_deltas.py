"""The map's WebGL points in the app: the whole data's columns by URL, a filter change sends only the filter.

With more than 5,000 located events the events layer names the published columns' URL (the same one for every
filter) and carries a small filter value; selecting an event adds the highlight without touching either."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from eventmap.mapping import payloads_from_html
from eventmap.mapping.assets import STATIC_DIR
from tests.app.conftest import app, event_rows, headline, map_args
from ui.map_view import _DATA_POINTS_KEY, new_pick

N = 12_000
SIDES = ("Armenia", "Azerbaijan", "Artsakh")


@pytest.fixture
def big_data(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    rng = np.random.default_rng(4)
    rows = [{"latitude": f"{rng.uniform(39.0, 40.6):.5f}", "longitude": f"{rng.uniform(45.3, 48.2):.5f}",
             "side": SIDES[i % 3], "date": f"2020-10-{1 + i % 28:02d}", "location": "Shusha" if i % 7 else "Ganja"}
            for i in range(N)]
    path = clean_env / "big.csv"
    path.write_bytes(event_rows(*rows))
    monkeypatch.setenv("EVENTMAP_DATA", str(path))
    return path


def layer(at) -> dict:
    [payload] = payloads_from_html(map_args(at)["feature_group"])
    return payload


def test_a_filter_change_keeps_the_columns_url_and_sends_a_new_filter(big_data) -> None:
    at = app()
    first = layer(at)
    assert first["mode"] == "gl"
    assert first["filter"] == {"n": N, "count": N}
    url = first["data"]["url"]
    columns = gzip.decompress((STATIC_DIR / url.removeprefix("/app/static/")).read_bytes())
    assert len(columns) == first["data"]["bytes"]
    assert "lon" not in first
    at.multiselect(key="f_sides").set_value(["Armenia", "Artsakh"]).run()
    second = layer(at)
    assert second["data"]["url"] == url
    assert second["filter"]["sides"]
    assert second["filter"] != first["filter"]
    assert second["filter"]["count"] == second["n"] == headline(at)[0] == 8_000
    assert len(json.dumps(second["filter"])) < 100
    points_layer = {name: value for name, value in second.items() if name != "scene"}  # the fit and legend aside
    assert len(json.dumps(points_layer)) < 700, points_layer
    labels = json.loads((STATIC_DIR / second["data"]["labels"].removeprefix("/app/static/")).read_text("utf-8"))
    assert labels["sides"] == list(SIDES) or set(labels["sides"]) == set(SIDES)
    at.text_input(key="f_text").input("shusha").run()
    third = layer(at)
    assert third["data"]["url"] == url
    assert third["filter"]["count"] == headline(at)[0]
    assert {"mask", "only", "drop"} & set(third["filter"])


def test_a_click_names_the_event_in_the_whole_data_and_the_highlight_keeps_the_layer(big_data) -> None:
    at = app()
    at.multiselect(key="f_sides").set_value(["Armenia", "Artsakh"]).run()
    before = map_args(at)["feature_group"]
    data = at.session_state[_DATA_POINTS_KEY]
    index = 2  # the third event of the data: Artsakh's first
    scene = at.session_state["_map_scene"][1]
    event_id, _ = new_pick({"last_object_clicked_tooltip": f"em-point:{data.key}:{index}",
                            "last_object_clicked_count": 1}, scene=scene, last_count=None, whole=data)
    assert event_id == "T-003"
    at.session_state["selected_event"] = event_id
    at.run()
    after = map_args(at)["feature_group"]
    assert payloads_from_html(after) == payloads_from_html(before)  # the same layer: same URL, same filter
    assert "circle_marker" in after
    assert "circle_marker" not in before
    assert len(after) - len(before) < 3_000
