"""The offline basemap: country borders from Natural Earth, shipped as small GeoJSON files.

`region.geojson` covers the conflict region in detail, `world-110m.geojson` the whole world coarsely
(for other conflicts). `python -m geo.basemap.build` regenerates both (see build.py).
"""

from __future__ import annotations

from pathlib import Path

BASEMAP_DIR = Path(__file__).resolve().parent
REGION_PATH = BASEMAP_DIR / "region.geojson"
WORLD_PATH = BASEMAP_DIR / "world-110m.geojson"
# (west, south, east, north) of region.geojson: the South Caucasus and its neighbours.
REGION_BBOX: tuple[float, float, float, float] = (38.0, 36.0, 52.0, 44.0)

__all__ = ["BASEMAP_DIR", "REGION_BBOX", "REGION_PATH", "WORLD_PATH"]
