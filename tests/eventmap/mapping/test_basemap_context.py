"""Rivers, lakes and places on the offline basemap: read once from the territory layers, names as raw text,
sent only where the region's detail is drawn; the tiles' failure notice in the page's language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventmap.mapping.basemap import base_options
from eventmap.mapping.context import MIN_ZOOM, ContextLayerError, context_collection


def test_lakes_rivers_and_places_with_names_only() -> None:
    context = context_collection()
    kinds = [f["properties"]["kind"] for f in context["features"]]
    assert kinds.index("lake") < kinds.index("river") < kinds.index("place")  # drawing order
    names = {f["properties"]["name"] for f in context["features"]}
    assert {"Lake Sevan", "Kura", "Gavarr"} <= names
    assert all(set(f["properties"]) == {"kind", "name"} for f in context["features"])
    assert context["minZoom"] == MIN_ZOOM == 6
    assert "Natural Earth" in context["credit"]


@pytest.mark.parametrize(("bounds", "with_context"), [
    ((39.2, 46.0, 40.5, 47.5), True),  # the war
    (None, True),  # no event has a point
    ((48.0, 30.0, 52.0, 40.0), False),  # Ukraine: the region's layers would be noise
])
def test_context_only_near_the_region(bounds, with_context: bool) -> None:
    options = base_options(basemap="offline", bounds=bounds, labels=[], legend=None, lang="ar",
                           label_size_px=14, text_size_px=13, tiles_url="https://tile.example/{z}/{x}/{y}.png")
    assert (options["context"] is not None) == with_context
    assert options["strings"]["tilesFailed"].startswith("تعذّر")


def test_an_unreadable_layer_is_named(tmp_path: Path) -> None:
    for name in ("lakes.geojson", "rivers.geojson"):
        (tmp_path / name).write_text(json.dumps({"features": []}), encoding="utf-8")
    (tmp_path / "populated_places.geojson").write_text("{not json", encoding="utf-8")
    with pytest.raises(ContextLayerError, match=r"populated_places\.geojson"):
        context_collection(tmp_path)
