"""One scene drawn three ways (the Leaflet map, the playback page, the PNG), read back for comparison."""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from eventframes import PROJECT_ROOT

from eventmap.export.png import PictureSpec, RenderedPicture, render_png
from eventmap.export.viewport import Extent, pixel_size
from eventmap.filtering import Filters, apply_filters
from eventmap.mapping import AssetMode, build_map, payloads_from_html
from eventmap.playback import build_playback_document
from eventmap.scene import AreaKey, Lang, Scene, SceneView, build_scene
from geo.naming import Naming

SIDES = PROJECT_ROOT / "sides.toml"
BASE_MARKER = "/*em-base*/"


def scene_of(events: pd.DataFrame, filters: Filters, *, lang: Lang = Lang.EN,
             areas: frozenset[AreaKey] = frozenset({AreaKey.DISTRICTS}), sides: Path = SIDES) -> Scene:
    return build_scene(apply_filters(events, filters), full_frame=events, filters=filters, view=SceneView(),
                       lang=lang, naming=Naming.EN, sides_config_path=sides, areas=areas)


def base_options(page: str) -> dict:
    """The options `EventMap.setupBase` gets in a rendered page."""
    start = page.index(BASE_MARKER) + len(BASE_MARKER)
    value, _ = json.JSONDecoder().raw_decode(page, start)
    return value


def embedded(page: str, element_id: str) -> dict:
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', page, re.S)
    assert match, element_id
    return json.loads(match.group(1))


@dataclass(frozen=True)
class Drawn:
    leaflet: str  # a standalone map page
    playback: str  # the playback page
    picture: RenderedPicture
    pixels: np.ndarray  # the PNG as RGB


def draw_three_ways(shown: pd.DataFrame, scene: Scene, *, size: tuple[int, int] = (1280, 720)) -> Drawn:
    leaflet = build_map(shown, naming=scene.naming, lang=scene.lang, asset_mode=AssetMode.INLINE, scene=scene,
                        height=f"{size[1]}px").get_root().render()
    playback = build_playback_document(shown, naming=scene.naming, lang=scene.lang, asset_mode="inline",
                                       scene=scene, width=size[0], height=size[1])
    b = scene.extent.bounds
    picture = render_png(shown, size=pixel_size(*size), extent=Extent.from_bbox(b.south, b.west, b.north, b.east),
                         spec=PictureSpec(lang=scene.lang, naming=scene.naming, scene=scene, show_towns=True))
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(picture.data)).convert("RGB"))
    return Drawn(leaflet=leaflet, playback=playback, picture=picture, pixels=pixels)


def leaflet_events(page: str) -> dict:
    payloads = payloads_from_html(page)
    assert len(payloads) == 1
    return payloads[0]


def colour_pixels(pixels: np.ndarray, colour: str, *, tolerance: int = 0) -> int:
    """How many pixels have `colour` (#rrggbb), each channel within `tolerance`."""
    rgb = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=np.int16)
    return int((np.abs(pixels.astype(np.int16) - rgb) <= tolerance).all(axis=2).sum())
