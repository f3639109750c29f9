"""The scene's area layers: each written once here (its file, its style, its title) and drawn by every renderer.

A new layer (territorial control, another reference layer) is one more `AreaKey`, one entry in `_SOURCES`
and one title in the catalogues; the Leaflet map, the playback page and the pictures draw it from the scene.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from base.errors import EventMapError
from eventmap.i18n import t
from eventmap.scene.model import AreaKey, AreaLayer, Lang

TERRITORY_DIR = Path(__file__).resolve().parents[2] / "geo" / "data" / "territory"


class AreaLayerError(EventMapError, ValueError):
    """An area layer's file cannot be read."""


@dataclass(frozen=True, kw_only=True)
class _Source:
    path: Path
    stroke: str
    weight: float
    dash: str
    fill: str
    fill_opacity: float


_SOURCES: dict[AreaKey, _Source] = {
    AreaKey.DISTRICTS: _Source(path=TERRITORY_DIR / "admin1_azerbaijan_armenia.geojson", stroke="#6A3D9A",
                               weight=1.4, dash="4,3", fill="#6A3D9A", fill_opacity=0.04),
}


@cache
def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AreaLayerError(f"{path.name}: cannot read the area layer ({exc})") from exc
    # Only what the renderers use: the geometry and the name of each area.
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "geometry": f["geometry"],
                          "properties": {"name": str(f.get("properties", {}).get("name", ""))}}
                         for f in data.get("features", []) if f.get("geometry")]}


def area_layer(key: AreaKey, *, lang: Lang) -> AreaLayer:
    source = _SOURCES[key]
    return AreaLayer(key=key, title=t(f"scene.area.{key.value}", lang),
                     attribution=t(f"scene.area.{key.value}.credit", lang), geojson=_read(source.path),
                     stroke=source.stroke, weight=source.weight, dash=source.dash, fill=source.fill,
                     fill_opacity=source.fill_opacity)
