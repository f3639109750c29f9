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

from eventmap.export.stamp import DataStamp
from eventmap.export.view import ViewExport
from eventmap.export.viewport import Extent
from eventmap.filtering import Filters, apply_filters
from eventmap.settings import Settings
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
