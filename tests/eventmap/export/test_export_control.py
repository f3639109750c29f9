"""Territorial control on a picture: the areas in the holder's colour for the scene's day, claims hatched, the
reference lines, the legend with the caveat, the credit; animations leave it out (one day's control on every
frame would be wrong)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import numpy as np
import pytest
from eventframes import PROJECT_ROOT
from export_frames import MakeEvents
from PIL import Image

from eventmap.control.history import ControlHistory
from eventmap.control.layers import load_layers
from eventmap.control.loading import load_control_changes
from eventmap.export.control import draw_control, draw_control_legend
from eventmap.export.gif import playback_frames
from eventmap.export.png import PictureSpec, render_png
from eventmap.export.viewport import Extent, parse_size
from eventmap.filtering import Filters
from eventmap.scene import Lang, SceneView, build_scene
from geo.naming import Naming

SIDES = PROJECT_ROOT / "sides.toml"
SHUSHA_GROUND = (39.735, 46.735)  # inside the Shusha district unit, away from the town's label


@pytest.fixture(scope="module")
def history() -> ControlHistory:
    changes = load_control_changes(PROJECT_ROOT / "control_changes.csv").changes
    return ControlHistory.build(changes, layers=load_layers(), source_name="control_changes.csv")


def scene_on(frame, history: ControlHistory, day: str, lang: Lang = Lang.EN):
    filters = Filters(date_to=dt.date.fromisoformat(day))
    return build_scene(frame, full_frame=frame, filters=filters, view=SceneView(), lang=lang, naming=Naming.EN,
                       sides_config_path=SIDES, control=history)


@pytest.mark.parametrize(("day", "holder"), [("2020-10-20", "Artsakh/Armenia"), ("2020-11-09", "Azerbaijan")])
def test_the_ground_has_the_colour_of_its_holder_on_the_day(events: MakeEvents, history: ControlHistory, day: str,
                                                            holder: str) -> None:
    frame = events({"location": "Ganja", "date": "2020-10-11"})
    scene = scene_on(frame, history, day)
    picture = render_png(frame, size=parse_size("1024x768"), extent=Extent.from_bbox(39.4, 46.3, 40.1, 47.2),
                         spec=PictureSpec(show_towns=False, scene=scene))
    image = np.asarray(Image.open(io.BytesIO(picture.data)).convert("RGB")).astype(int)
    x, y = picture.image_pixel(*SHUSHA_GROUND)
    r, _, b = image[round(y) - 3:round(y) + 4, round(x) - 3:round(x) + 4].reshape(-1, 3).mean(axis=0)
    assert (b > r + 15) if holder == "Azerbaijan" else (r > b + 15), (day, r, b)
    assert "Control: Natural Earth" in picture.attribution


def test_claims_are_hatched_with_dashed_outlines_and_reference_lines_are_drawn(history: ControlHistory,
                                                                               events: MakeEvents) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    scene = scene_on(events({"date": "2020-10-11"}), history, "2020-10-20")
    control = scene.control
    assert control is not None
    ax = Figure().add_subplot()
    artists = draw_control(ax, control)
    gids = [a.get_gid() for a in artists]
    assert "control-reference-line_of_contact" in gids
    assert "control-reference-oblast_1991" in gids
    hatches = {a.get_hatch() for a in artists if hasattr(a, "get_hatch") and a.get_hatch()}
    assert hatches == {"///"}
    assert any(g == "control-Azerbaijan-claimed" for g in gids)
    assert draw_control(ax, replace(control, shown=False)) == []
    legend, note = draw_control_legend(ax, control, lang="en", corner="upper left")
    assert [t.get_text() for t in legend.get_texts()] == [row.text for row in control.legend]
    assert "district level" in note.get_text().replace("\n", " ")
    assert draw_control_legend(ax, None, lang="en", corner="upper left") == []


def test_arabic_legend_is_arabic(history: ControlHistory, events: MakeEvents) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    scene = scene_on(events({"date": "2020-10-11"}), history, "2020-11-09", Lang.AR)
    ax = Figure().add_subplot()
    legend, _ = draw_control_legend(ax, scene.control, lang="ar", corner="upper right")
    assert "السيطرة" in legend.get_title().get_text()


def test_each_frame_shows_the_control_of_its_day(history: ControlHistory, events: MakeEvents) -> None:
    frame = events({"date": "2020-11-07", "location": "Ganja"}, {"date": "2020-11-08", "location": "Ganja"})
    scene = scene_on(frame, history, "2020-11-08")
    extent = Extent.from_bbox(39.4, 46.3, 40.1, 47.2)
    size = parse_size("800x600")
    spec = PictureSpec(show_towns=False, scene=scene, filters=Filters(), control_history=history)
    frames = list(playback_frames(frame, size=size, extent=extent, spec=spec))
    assert [day.isoformat() for day, _ in frames] == ["2020-11-07", "2020-11-08"]
    still = render_png(frame, size=size, extent=extent, spec=spec)  # where the map lies in the picture
    x, y = (round(v) for v in still.image_pixel(*SHUSHA_GROUND))
    colours = []
    for _, image in frames:
        r, _, b = image[y - 3:y + 4, x - 3:x + 4].reshape(-1, 3).astype(int).mean(axis=0)
        colours.append("blue" if b > r + 15 else "orange" if r > b + 15 else "neither")
    assert colours == ["orange", "blue"]  # Shusha: taken on 8 November


def test_animations_without_the_history_leave_control_out(history: ControlHistory, events: MakeEvents) -> None:
    frame = events({"date": "2020-10-11", "location": "Ganja"}, {"date": "2020-10-12", "location": "Barda"})
    scene = scene_on(frame, history, "2020-10-12")
    spec = PictureSpec(show_towns=False, scene=scene, filters=Filters())
    with_control = list(playback_frames(frame, size=parse_size("640x480"), extent=scene_extent(scene), spec=spec))
    without = list(playback_frames(frame, size=parse_size("640x480"), extent=scene_extent(scene),
                                   spec=replace(spec, scene=replace(scene, control=None))))
    assert len(with_control) == len(without) == 2
    for (_, a), (_, b) in zip(with_control, without, strict=True):
        assert np.array_equal(a, b)


def scene_extent(scene) -> Extent:
    b = scene.extent.bounds
    return Extent.from_bbox(b.south, b.west, b.north, b.east)


def test_the_standalone_html_carries_each_days_control(history: ControlHistory, events: MakeEvents) -> None:
    import json
    import re

    from eventmap.export.html import render_html

    frame = events({"date": "2020-11-07", "location": "Ganja"})
    page = render_html(frame, naming="en", lang="en", title="", filters=Filters(), control=history)
    config = json.loads(re.search(r'<script type="application/json" id="pb-config">(.*?)</script>', page,
                                  re.S).group(1))  # type: ignore[union-attr]
    assert config["control"]["states"][-1]["day"] == "2020-12-01"
    assert "control" not in json.loads(re.search(
        r'<script type="application/json" id="pb-config">(.*?)</script>',
        render_html(frame, naming="en", lang="en", title="", filters=Filters()), re.S).group(1))  # type: ignore[union-attr]
