import math

import pytest

from base.errors import ExportError
from eventmap.export.viewport import (
    HALF_WORLD_M,
    Extent,
    ExtentError,
    Viewport,
    a4_landscape,
    parse_bbox,
    parse_size,
    pixel_size,
    preset_size,
    project,
    resolution_at_zoom,
    unproject,
)


@pytest.mark.parametrize(
    ("lat", "lon", "x", "y"),
    [
        (0.0, 0.0, 0.0, 0.0),
        (0.0, 180.0, HALF_WORLD_M, 0.0),
        (85.0511287798, -180.0, -HALF_WORLD_M, HALF_WORLD_M),
        # Shusha: x = lon × 20037508.34 / 180, y = R × asinh(tan(lat)) (the same projection written otherwise)
        (39.7601, 46.7499, 5204175.06, 4831141.66),
    ],
)
def test_project_is_leaflets_spherical_mercator(lat: float, lon: float, x: float, y: float) -> None:
    px, py = project(lat, lon)
    assert px == pytest.approx(x, abs=0.5)
    assert py == pytest.approx(y, abs=0.5)
    assert unproject(px, py) == pytest.approx((lat, lon), abs=1e-7)


@pytest.mark.parametrize(("zoom", "metres"), [(0, 156543.03392804097), (1, 78271.51696402048), (10, 152.8740565703)])
def test_resolution_at_zoom_uses_256_pixel_tiles(zoom: int, metres: float) -> None:
    assert resolution_at_zoom(zoom) == pytest.approx(metres)


def test_leaflet_view_at_zoom_0_of_256_pixels_is_the_whole_world() -> None:
    extent = Extent.from_leaflet(center=(0.0, 0.0), zoom=0, width_px=256, height_px=256)
    assert (extent.xmin, extent.ymin, extent.xmax, extent.ymax) == pytest.approx(
        (-HALF_WORLD_M, -HALF_WORLD_M, HALF_WORLD_M, HALF_WORLD_M))


def test_leaflet_view_and_viewport_agree_pixel_for_pixel() -> None:
    extent = Extent.from_leaflet(center=(39.8, 46.8), zoom=9, width_px=1280, height_px=600)
    viewport = Viewport.fit(extent, width_px=1280, height_px=600)
    assert viewport.zoom == pytest.approx(9)
    assert viewport.to_pixel(39.8, 46.8) == pytest.approx((640, 300))
    # One pixel east at zoom 9 is 305.7 m of Mercator.
    x, _ = project(39.8, 46.8)
    lat, lon = unproject(x + resolution_at_zoom(9), project(39.8, 46.8)[1])
    assert viewport.to_pixel(lat, lon)[0] == pytest.approx(641)


def test_a_bigger_picture_of_the_same_view_keeps_the_view_inside() -> None:
    screen = Extent.from_leaflet(center=(39.8, 46.8), zoom=9, width_px=1280, height_px=600)
    big = Viewport.fit(screen, width_px=3508, height_px=2480)
    ext = big.extent
    assert ext.xmin <= screen.xmin
    assert ext.xmax >= screen.xmax
    assert ext.ymin <= screen.ymin
    assert ext.ymax >= screen.ymax
    assert big.zoom == pytest.approx(9 + math.log2(3508 / 1280))


def test_around_points_has_a_minimum_span_for_one_place() -> None:
    extent = Extent.around_points([(39.76, 46.75)])
    assert extent.width >= 40_000
    assert extent.height >= 40_000


def test_around_points_without_any_point_is_an_error() -> None:
    with pytest.raises(ExtentError, match="no point"):
        Extent.around_points([(math.nan, 46.0)])


@pytest.mark.parametrize(
    ("name", "size"),
    [("1920x1080", (1920, 1080)), ("1024x768", (1024, 768)), ("a4-300dpi", (3508, 2480)), ("screen", (1280, 600))],
)
def test_presets(name: str, size: tuple[int, int]) -> None:
    result = preset_size(name, screen=(1280, 600))
    assert (result.width, result.height) == size


def test_a4_is_laid_out_at_its_dpi() -> None:
    assert a4_landscape(300).dpi == 300
    assert (a4_landscape(150).width, a4_landscape(150).height) == (1754, 1240)


def test_pixel_presets_keep_proportions() -> None:
    assert pixel_size(1920, 1080).inches[1] == pytest.approx(7.5)
    assert pixel_size(1024, 768).inches[1] == pytest.approx(7.5)


@pytest.mark.parametrize("text", ["1920", "1920x", "x1080", "big", "10x10", "99999x99999", "1920×1080×3"])
def test_bad_sizes_say_what_was_given(text: str) -> None:
    with pytest.raises(ExtentError) as caught:
        parse_size(text)
    assert isinstance(caught.value, ExportError)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("text", ["1,2,3", "a,b,c,d", "41,50,38,43", "39,46,40,200", ""])
def test_bad_bbox(text: str) -> None:
    with pytest.raises(ExtentError, match=r"S,W,N,E|not a box"):
        parse_bbox(text)


def test_bbox_is_south_west_north_east() -> None:
    extent = parse_bbox("38.3,43.4,41.5,50.6")
    assert unproject(extent.xmin, extent.ymin) == pytest.approx((38.3, 43.4))
    assert unproject(extent.xmax, extent.ymax) == pytest.approx((41.5, 50.6))


def test_unknown_preset() -> None:
    with pytest.raises(ExtentError, match="unknown size preset"):
        preset_size("poster")
    with pytest.raises(ExtentError, match="screen"):
        preset_size("screen")
