"""Names on the PNG that never lie: on the bundled war with its scene, at three picture sizes, no two names
intersect, no name lies over a marker, Yerevan and Baku are named, and a name moved away from its point has a
leader line to it."""

from pathlib import Path

import pandas as pd
import pytest
from matplotlib.lines import Line2D
from matplotlib.text import Text

from eventmap.export.labels import marker_boxes_display
from eventmap.export.png import MapFigure, PictureSpec
from eventmap.export.viewport import Extent, parse_size
from eventmap.filtering import Filters
from eventmap.scene import Lang, SceneView, build_scene
from geo.naming import Naming

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


@pytest.mark.parametrize("size", ["1280x720", "1440x900", "1920x1080"])
def test_names_on_the_picture(bundled_events: pd.DataFrame, size: str) -> None:
    scene = build_scene(bundled_events, full_frame=bundled_events, filters=Filters(), view=SceneView(),
                        lang=Lang.EN, naming=Naming.EN, sides_config_path=PROJECT_ROOT / "sides.toml")
    b = scene.extent.bounds
    figure = MapFigure(bundled_events, size=parse_size(size), extent=Extent.from_bbox(b.south, b.west, b.north, b.east),
                       spec=PictureSpec(scene=scene, show_towns=True))
    try:
        renderer = figure.canvas.get_renderer()
        texts = [a for a in figure.labels if isinstance(a, Text)]
        boxes = {t.get_text(): tuple(t.get_window_extent(renderer).bounds) for t in texts}
        boxes = {k: (x, y, x + w, y + h) for k, (x, y, w, h) in boxes.items()}
        half = figure.marker_pt * figure.size.dpi / 72 / 2
        markers = marker_boxes_display(figure.ax, figure.positions, half_px=half)
        leaders = [a for a in figure.labels if isinstance(a, Line2D) and len(a.get_xdata()) == 2]
    finally:
        figure.close()
    assert {"Yerevan", "Baku"} <= set(boxes)
    names = list(boxes)
    assert [(m, n) for i, m in enumerate(names) for n in names[i + 1:] if overlap(boxes[m], boxes[n])] == []
    assert [n for n in names if any(overlap(boxes[n], m) for m in markers)] == []
    assert len(names) >= 12
    for line in leaders:  # a leader joins two different points
        assert (line.get_xdata()[0], line.get_ydata()[0]) != (line.get_xdata()[1], line.get_ydata()[1])
