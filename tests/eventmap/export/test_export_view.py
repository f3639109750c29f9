"""Every export of the dashboard's view, as the download buttons serve it."""

import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from export_frames import PLACES
from PIL import Image

from base.settings import Settings
from eventmap.export.stamp import DataStamp
from eventmap.export.view import ViewExport
from eventmap.export.viewport import Extent
from eventmap.filtering import Filters, apply_filters
from eventmap.urlstate import ViewState


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return replace(Settings.from_env({}), state_dir=tmp_path / "state")


def export_of(frame: pd.DataFrame, settings: Settings, **view) -> ViewExport:
    state = ViewState(**view)
    return ViewExport(frame=apply_filters(frame, state.filters), view=state, settings=settings,
                      data_stamp=DataStamp(name="../../war 2020.csv", sha256="d" * 64), screen_size=(1200, 600),
                      title="War")


def test_the_extent_is_the_screens_view(war_week: pd.DataFrame, settings: Settings) -> None:
    export = export_of(war_week, settings, center=PLACES["Shusha"], zoom=10)
    assert export.extent == Extent.from_leaflet(center=PLACES["Shusha"], zoom=10, width_px=1200, height_px=600)


def test_without_a_view_the_extent_fits_the_events(war_week: pd.DataFrame, settings: Settings) -> None:
    export = export_of(war_week, settings)
    assert export.extent.width < 300_000


@pytest.mark.parametrize(("preset", "size"), [("screen", (1200, 600)), ("1024x768", (1024, 768))])
def test_png_per_preset(war_week: pd.DataFrame, settings: Settings, preset: str, size: tuple[int, int]) -> None:
    data = export_of(war_week, settings, lang="ar", naming="hy").png(preset)
    assert Image.open(io.BytesIO(data)).size == size


def test_gif_of_an_a4_view_is_kept_to_a_screens_width(war_week: pd.DataFrame, settings: Settings) -> None:
    export = export_of(war_week, settings, filters=Filters(date_from=date(2020, 10, 8), date_to=date(2020, 10, 9)))
    with Image.open(io.BytesIO(export.gif("a4-300dpi"))) as gif:
        assert gif.size == (1920, 1357)
        assert gif.n_frames == 2


def test_data_exports_hold_the_filtered_events(war_week: pd.DataFrame, settings: Settings) -> None:
    export = export_of(war_week, settings, filters=Filters(sides=("Armenia",)))
    assert export.csv().decode("utf-8-sig").count("\r\n") == 4  # header + 3 events
    assert len(json.loads(export.geojson())["features"]) == 3
    assert b"<html" in export.html()[:500].lower()


def test_download_names_are_safe(war_week: pd.DataFrame, settings: Settings) -> None:
    export = export_of(war_week, settings, filters=Filters(date_from=date(2020, 10, 8), date_to=date(2020, 10, 9)))
    assert export.file_name(".png") == "war_2020_2020-10-08_2020-10-09.png"
    assert export_of(war_week, settings).file_name(".csv") == "war_2020.csv"


def test_the_osm_basemap_caches_tiles_in_the_state_folder(war_week: pd.DataFrame, settings: Settings) -> None:
    assert export_of(war_week, settings).tiles() is None
    tiles = export_of(war_week, settings, basemap="osm").tiles()
    assert tiles is not None
    assert tiles.cache_dir == settings.state_dir / "tiles"
    assert tiles.url_template == settings.tiles_url


def scene_export(frame: pd.DataFrame, settings: Settings, **view) -> ViewExport:
    from eventmap.scene import AreaKey, Lang, SceneView, build_scene
    from geo.naming import Naming

    state = ViewState(**view)
    shown = apply_filters(frame, state.filters)
    scene = build_scene(shown, full_frame=frame, filters=state.filters, view=SceneView(), lang=Lang(state.lang),
                        naming=Naming(state.naming), sides_config_path=settings.sides_config_path,
                        areas=frozenset(AreaKey(a) for a in state.areas))
    return replace(export_of(frame, settings, **view), scene=scene)


def test_before_the_map_reports_a_view_the_extent_is_the_scenes(war_week: pd.DataFrame, settings: Settings) -> None:
    export = scene_export(war_week, settings, filters=Filters(sides=("Armenia",)))
    b = export.scene.extent.bounds
    assert export.extent == Extent.from_bbox(b.south, b.west, b.north, b.east)
    moved = replace(export, view=replace(export.view, center=PLACES["Shusha"], zoom=10))
    assert moved.extent == Extent.from_leaflet(center=PLACES["Shusha"], zoom=10, width_px=1200, height_px=600)


@pytest.mark.parametrize("areas", [(), ("districts",)])
def test_the_picture_draws_the_scenes_layers(war_week: pd.DataFrame, settings: Settings,
                                             areas: tuple[str, ...]) -> None:
    import numpy as np

    export = scene_export(war_week, settings, areas=areas)
    pixels = np.asarray(Image.open(io.BytesIO(export.png("1024x768"))).convert("RGB")).astype(int)
    purple = (np.abs(pixels - np.array([0x6A, 0x3D, 0x9A])) <= 40).all(axis=2).sum()
    assert (purple > 500) == bool(areas)


def test_the_html_draws_the_scenes_colours_and_districts(war_week: pd.DataFrame, settings: Settings) -> None:
    export = scene_export(war_week, settings, areas=("districts",), filters=Filters(sides=("Armenia",)))
    page = export.html().decode("utf-8")
    assert '"key":"districts"' in page
    assert f'["Armenia","{export.scene.palette.colour("Armenia")}"]' in page


def test_mp4_of_the_view(war_week: pd.DataFrame, settings: Settings) -> None:
    from eventmap.export.gif import mp4_available

    if not mp4_available():
        pytest.skip("imageio-ffmpeg is not installed")
    export = scene_export(war_week, settings, filters=Filters(date_from=date(2020, 10, 8), date_to=date(2020, 10, 9)))
    data = export.mp4("1024x768")
    assert data[4:8] == b"ftyp"


def test_the_pictures_draw_exactly_the_view_on_screen_at_the_moment_of_the_click(war_week: pd.DataFrame,
                                                                                 settings: Settings) -> None:
    from eventmap.export.view import ScreenView
    from eventmap.scene import Bounds

    holder: dict[str, ScreenView] = {}
    export = replace(scene_export(war_week, settings), on_screen=lambda: holder.get("view"))
    assert export.extent == scene_export(war_week, settings).extent  # nothing reported yet: the scene's
    holder["view"] = ScreenView(bounds=Bounds(39.5, 46.5, 40.0, 47.5), zoom=9)  # the user panned since
    assert export.extent == Extent.from_bbox(39.5, 46.5, 40.0, 47.5)
    width, height = export.size("screen").width, export.size("screen").height
    assert width == round(export.extent.width / (40075016.68557849 / (256 * 2**9)))
    assert height == round(export.extent.height / (40075016.68557849 / (256 * 2**9)))
