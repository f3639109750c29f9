"""Map extents in Web Mercator, computed the way Leaflet computes them.

Leaflet (EPSG:3857, 256-pixel tiles) shows a world of `256 * 2**zoom` pixels; a map of `w × h`
pixels centred on (lat, lon) shows the pixels `center ± (w/2, h/2)` of that world. `Extent`
is such a rectangle in metres; `Viewport` is an extent fitted into a picture of a given pixel size,
and turns coordinates into that picture's pixels. Pure arithmetic: no matplotlib, no I/O.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from base.errors import ExportError

EARTH_RADIUS_M = 6378137.0  # L.Projection.SphericalMercator.R
HALF_WORLD_M = math.pi * EARTH_RADIUS_M
MAX_LATITUDE = 85.0511287798  # L.Projection.SphericalMercator.MAX_LATITUDE
TILE_SIZE = 256
# Extent around a single place (or places very close together): about 40 km across.
MIN_SPAN_M = 40_000.0


class ExtentError(ExportError, ValueError):
    """An extent cannot be made from the given values."""


def project(lat: float, lon: float) -> tuple[float, float]:
    """(x, y) in EPSG:3857 metres, as L.Projection.SphericalMercator.project."""
    lat = max(min(MAX_LATITUDE, lat), -MAX_LATITUDE)
    sin = math.sin(math.radians(lat))
    return EARTH_RADIUS_M * math.radians(lon), EARTH_RADIUS_M * math.log((1 + sin) / (1 - sin)) / 2


def unproject(x: float, y: float) -> tuple[float, float]:
    """(lat, lon) of EPSG:3857 metres."""
    lat = math.degrees(2 * math.atan(math.exp(y / EARTH_RADIUS_M)) - math.pi / 2)
    return lat, math.degrees(x / EARTH_RADIUS_M)


def resolution_at_zoom(zoom: float) -> float:
    """Metres per pixel of Leaflet's EPSG:3857 at `zoom` (at the equator)."""
    return 2 * HALF_WORLD_M / (TILE_SIZE * 2**zoom)


def zoom_for_resolution(metres_per_pixel: float) -> float:
    return math.log2(2 * HALF_WORLD_M / (TILE_SIZE * metres_per_pixel))


@dataclass(frozen=True, slots=True)
class Extent:
    """A rectangle in EPSG:3857 metres."""

    xmin: float
    ymin: float
    xmax: float
    ymax: float

    def __post_init__(self) -> None:
        values = (self.xmin, self.ymin, self.xmax, self.ymax)
        if not all(math.isfinite(v) for v in values) or self.xmin >= self.xmax or self.ymin >= self.ymax:
            raise ExtentError(f"not an extent: {values}")

    @property
    def width(self) -> float:
        return self.xmax - self.xmin

    @property
    def height(self) -> float:
        return self.ymax - self.ymin

    @property
    def center(self) -> tuple[float, float]:
        return (self.xmin + self.xmax) / 2, (self.ymin + self.ymax) / 2

    @classmethod
    def from_leaflet(cls, *, center: tuple[float, float], zoom: float, width_px: int, height_px: int) -> Extent:
        """What a Leaflet map of `width_px × height_px` shows at `center` (lat, lon) and `zoom`."""
        if width_px <= 0 or height_px <= 0:
            raise ExtentError(f"map size must be positive (got {width_px}x{height_px})")
        cx, cy = project(*center)
        res = resolution_at_zoom(zoom)
        return cls(cx - width_px / 2 * res, cy - height_px / 2 * res, cx + width_px / 2 * res, cy + height_px / 2 * res)

    @classmethod
    def from_bbox(cls, south: float, west: float, north: float, east: float) -> Extent:
        """The extent of a (south, west, north, east) box in degrees."""
        if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
            raise ExtentError(f"not a box S,W,N,E: {south},{west},{north},{east}")
        x0, y0 = project(south, west)
        x1, y1 = project(north, east)
        return cls(x0, y0, x1, y1)

    @classmethod
    def around_points(cls, points: Iterable[tuple[float, float]], *, margin: float = 0.12,
                      min_span_m: float = MIN_SPAN_M) -> Extent:
        """The smallest extent holding every (lat, lon) point, plus `margin` of its size on each side."""
        projected = [project(lat, lon) for lat, lon in points if math.isfinite(lat) and math.isfinite(lon)]
        if not projected:
            raise ExtentError("no point with coordinates to fit the map to")
        xs = [p[0] for p in projected]
        ys = [p[1] for p in projected]
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        half_w = max((max(xs) - min(xs)) * (0.5 + margin), min_span_m / 2)
        half_h = max((max(ys) - min(ys)) * (0.5 + margin), min_span_m / 2)
        return cls(cx - half_w, cy - half_h, cx + half_w, cy + half_h)


def parse_bbox(text: str) -> Extent:
    """`S,W,N,E` in degrees, as the command line takes it."""
    parts = [p.strip() for p in text.split(",")]
    try:
        values = [float(p) for p in parts]
    except ValueError:
        values = []
    if len(values) != 4:
        raise ExtentError(f"--bbox wants four numbers S,W,N,E (got {text!r})")
    return Extent.from_bbox(*values)


@dataclass(frozen=True, slots=True)
class Viewport:
    """An extent fitted into `width_px × height_px` (the same scale on both axes, centred)."""

    center_x: float
    center_y: float
    metres_per_pixel: float
    width_px: int
    height_px: int

    @classmethod
    def fit(cls, extent: Extent, *, width_px: int, height_px: int) -> Viewport:
        """The largest scale at which all of `extent` shows in the picture (fractional zoom)."""
        if width_px <= 0 or height_px <= 0:
            raise ExtentError(f"picture size must be positive (got {width_px}x{height_px})")
        res = max(extent.width / width_px, extent.height / height_px)
        cx, cy = extent.center
        return cls(cx, cy, res, width_px, height_px)

    @property
    def extent(self) -> Extent:
        half_w = self.width_px / 2 * self.metres_per_pixel
        half_h = self.height_px / 2 * self.metres_per_pixel
        return Extent(self.center_x - half_w, self.center_y - half_h, self.center_x + half_w, self.center_y + half_h)

    @property
    def zoom(self) -> float:
        """Leaflet's (fractional) zoom for this scale."""
        return zoom_for_resolution(self.metres_per_pixel)

    @property
    def center_latlon(self) -> tuple[float, float]:
        return unproject(self.center_x, self.center_y)

    def to_pixel(self, lat: float, lon: float) -> tuple[float, float]:
        """(column, row) of a point, from the picture's top-left corner (rows grow downwards)."""
        x, y = project(lat, lon)
        ext = self.extent
        return (x - ext.xmin) / self.metres_per_pixel, (ext.ymax - y) / self.metres_per_pixel

    def ground_metres_per_pixel(self) -> float:
        """True distance per pixel at the centre's latitude (Mercator stretches by 1/cos(lat))."""
        lat, _ = self.center_latlon
        return self.metres_per_pixel * math.cos(math.radians(lat))


@dataclass(frozen=True, slots=True)
class PixelSize:
    """The size of a picture, and the dots per inch its text and markers are sized for."""

    width: int
    height: int
    dpi: float

    @property
    def inches(self) -> tuple[float, float]:
        return self.width / self.dpi, self.height / self.dpi


# A picture's short side is laid out as 7.5 inches (a 16:9 slide's height): type and markers keep
# the same proportions at every size, and A4 at 300 dpi (8.27 in) comes out about the same.
LAYOUT_SHORT_SIDE_IN = 7.5
MIN_DPI = 72.0
MAX_PIXELS = 40_000_000  # about A2 at 300 dpi; larger pictures would take gigabytes of memory
A4_MM = (297.0, 210.0)
PRESET_NAMES = ("screen", "1920x1080", "1024x768", "a4-300dpi")


def pixel_size(width: int, height: int, *, dpi: float | None = None) -> PixelSize:
    """A picture of `width × height` pixels; `dpi` from the layout rule unless given."""
    if width < 200 or height < 150 or width * height > MAX_PIXELS:
        raise ExtentError(f"picture size out of range: {width}x{height} (from 200x150 to {MAX_PIXELS:,} pixels)")
    if dpi is None:
        dpi = max(MIN_DPI, min(width, height) / LAYOUT_SHORT_SIDE_IN)
    return PixelSize(width, height, float(dpi))


def a4_landscape(dpi: float = 300.0) -> PixelSize:
    """A4 landscape at `dpi`: 3508 × 2480 pixels at 300 dpi."""
    if not 50 <= dpi <= 600:
        raise ExtentError(f"dpi must be between 50 and 600 (got {dpi:g})")
    width = round(A4_MM[0] / 25.4 * dpi)
    height = round(A4_MM[1] / 25.4 * dpi)
    return PixelSize(width, height, float(dpi))


def preset_size(name: str, *, screen: tuple[int, int] | None = None) -> PixelSize:
    """The size of a preset: `screen` (the caller's map size), `1920x1080`, `1024x768`, `a4-300dpi`."""
    if name == "screen":
        if screen is None:
            raise ExtentError("the 'screen' preset needs the screen's map size")
        return pixel_size(*screen)
    if name == "a4-300dpi":
        return a4_landscape(300.0)
    if name in PRESET_NAMES:
        return parse_size(name)
    raise ExtentError(f"unknown size preset {name!r} (one of {', '.join(PRESET_NAMES)})")


_SIZE = re.compile(r"^\s*(\d{2,5})\s*[xX×]\s*(\d{2,5})\s*$")


def parse_size(text: str) -> PixelSize:
    """`1920x1080` → a picture of that size."""
    match = _SIZE.match(text)
    if not match:
        raise ExtentError(f"size must look like 1920x1080 (got {text!r})")
    return pixel_size(int(match.group(1)), int(match.group(2)))
