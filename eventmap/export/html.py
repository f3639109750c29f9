"""The standalone interactive HTML: the classroom helper's playback document with every asset inlined.

`eventmap.playback.build_playback_document(..., asset_mode="inline")` makes one page with the map,
popups (cards), legend and timeline playback that opens offline from a single file. This module only
chooses its options from the export's view (extent, naming, language, title, filters); it builds no
second playback.
"""

from __future__ import annotations

import pandas as pd

from base.errors import ExportError
from eventmap.control.history import ControlHistory
from eventmap.export.viewport import Extent, unproject
from eventmap.filtering import Filters
from eventmap.scene import Lang, Scene
from geo.naming import Naming


def extent_bounds(extent: Extent) -> tuple[float, float, float, float]:
    """(south, west, north, east) in degrees of an extent."""
    south, west = unproject(extent.xmin, extent.ymin)
    north, east = unproject(extent.xmax, extent.ymax)
    return south, west, north, east


def render_html(frame: pd.DataFrame, *, naming: Naming, lang: Lang, title: str, filters: Filters,
                extent: Extent | None = None, basemap: str = "offline", scene: Scene | None = None,
                control: ControlHistory | None = None) -> str:
    """The filtered events as one self-contained HTML page (no request leaves the file)."""
    try:
        from eventmap.playback.document import build_playback_document
    except ImportError as exc:  # the classroom helper's module is not installed
        raise ExportError(f"the standalone HTML needs eventmap.playback ({exc})") from exc
    return build_playback_document(
        frame, naming=naming, lang=lang, asset_mode="inline", title=title or None, filters=filters,
        bounds=extent_bounds(extent) if extent is not None else None, basemap=basemap, scene=scene,
        control=control,  # the page draws each day's territorial control
    )
