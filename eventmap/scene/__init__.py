"""One scene for every picture: what the map, the playback page and the exports draw, decided once.

- `build_scene(frame, *, full_frame, filters, view, lang, naming, sides_config_path, areas)` → `Scene`;
- `Scene.to_json()`: the same description as JSON-ready values.

Renderers (`eventmap.mapping`, `eventmap.playback`, `eventmap.export`) only draw a scene; none chooses
colours, extent, labels or the legend by itself. Modules: model (the dataclasses), build (the rules),
labels (place names and priorities), areas (switchable area layers such as districts).
"""

from eventmap.scene.areas import AreaLayerError, area_layer
from eventmap.scene.build import SceneView, build_scene, core_bounds, leaflet_bounds
from eventmap.scene.model import (
    AreaKey,
    AreaLayer,
    Bounds,
    EmptyNote,
    Extent,
    ExtentRule,
    Label,
    LabelKind,
    Lang,
    Legend,
    Marks,
    Palette,
    Scene,
    Stamp,
)

__all__ = [
    "AreaKey",
    "AreaLayer",
    "AreaLayerError",
    "Bounds",
    "EmptyNote",
    "Extent",
    "ExtentRule",
    "Label",
    "LabelKind",
    "Lang",
    "Legend",
    "Marks",
    "Palette",
    "Scene",
    "SceneView",
    "Stamp",
    "area_layer",
    "build_scene",
    "core_bounds",
    "leaflet_bounds",
]
