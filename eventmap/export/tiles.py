"""Optional online map tiles (OpenStreetMap) under the picture, with a cache on disk.

The HTTP client is injected (`TileFetcher`: a URL in, the tile's bytes out, `OSError` on failure), so
tests use a fake or a local server and nothing here touches the network by itself. When a tile
cannot be had, `fetch_mosaic` returns None at the first failure and the picture keeps the offline
basemap (the attribution then names Natural Earth instead of OpenStreetMap).

Tiles are cached under `Settings.state_dir / "tiles"` and reused for `max_age_s` (OSM's tile usage
policy asks for caching, a real User-Agent, and no bulk downloads: at most `max_tiles` per picture).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import math
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from base.atomic import write_atomic
from base.errors import ExportError, UnsafePathError
from eventmap.export.paths import resolve_inside
from eventmap.export.viewport import HALF_WORLD_M, TILE_SIZE, Extent, Viewport

OSM_ATTRIBUTION = "© OpenStreetMap contributors"
DEFAULT_USER_AGENT = "eventmap/0.1 (conflict-event map dashboard; static map export)"

TileFetcher = Callable[[str], bytes]


class TileUnavailableError(ExportError, OSError):
    """A tile could not be fetched or decoded."""


def urllib_fetcher(*, user_agent: str = DEFAULT_USER_AGENT, timeout_s: float = 5.0) -> TileFetcher:
    """A fetcher on the standard library: GET with a User-Agent, `OSError` on any failure."""

    def fetch(url: str) -> bytes:
        if not url.startswith(("https://", "http://")):
            raise TileUnavailableError(f"tile URL must be http(s) (got {url!r})")
        request = urllib.request.Request(url, headers={"User-Agent": user_agent})  # noqa: S310 (scheme checked)
        try:
            with urllib.request.urlopen(request, timeout=timeout_s) as response:  # noqa: S310
                return response.read(2_000_000)
        except (urllib.error.URLError, TimeoutError, ValueError) as exc:
            raise TileUnavailableError(f"{url}: {exc}") from exc

    return fetch


@dataclass(frozen=True, kw_only=True)
class TileSource:
    """Where tiles come from and where they are kept."""

    url_template: str  # e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png
    fetch: TileFetcher
    cache_dir: Path | None = None  # None: no cache
    attribution: str = OSM_ATTRIBUTION
    max_tiles: int = 64
    max_zoom: int = 19
    max_age_s: float = 7 * 24 * 3600.0
    clock: Callable[[], float] = time.time


@dataclass(frozen=True)
class TileMosaic:
    """Tiles stitched into one RGB image, and the extent (EPSG:3857 metres) it covers."""

    image: np.ndarray  # rows × columns × 3, uint8
    extent: Extent
    zoom: int
    attribution: str


def tile_zoom(viewport: Viewport, *, max_zoom: int, max_tiles: int) -> int:
    """The tile zoom for `viewport`: at least as sharp as the picture, fewer than `max_tiles` tiles."""
    zoom = max(0, min(max_zoom, math.ceil(viewport.zoom - 1e-9)))
    while zoom > 0 and _count(viewport.extent, zoom) > max_tiles:
        zoom -= 1
    return zoom


def tile_span(extent: Extent, zoom: int) -> tuple[int, int, int, int]:
    """(x0, x1, y0, y1) inclusive tile indices covering `extent` at `zoom` (y grows southwards)."""
    n = 2**zoom
    size = 2 * HALF_WORLD_M / n

    def clamp(v: float) -> int:
        return max(0, min(n - 1, math.floor(v)))

    x0 = clamp((extent.xmin + HALF_WORLD_M) / size)
    x1 = clamp((extent.xmax + HALF_WORLD_M) / size - 1e-9)
    y0 = clamp((HALF_WORLD_M - extent.ymax) / size)
    y1 = clamp((HALF_WORLD_M - extent.ymin) / size - 1e-9)
    return x0, x1, y0, y1


def _count(extent: Extent, zoom: int) -> int:
    x0, x1, y0, y1 = tile_span(extent, zoom)
    return (x1 - x0 + 1) * (y1 - y0 + 1)


def tile_url(template: str, *, z: int, x: int, y: int) -> str:
    return template.replace("{z}", str(z)).replace("{x}", str(x)).replace("{y}", str(y)).replace("{s}", "a")


def _cache_file(source: TileSource, z: int, x: int, y: int) -> Path | None:
    if source.cache_dir is None:
        return None
    key = hashlib.sha256(source.url_template.encode("utf-8")).hexdigest()[:12]
    try:
        return resolve_inside(source.cache_dir, f"{key}/{z}/{x}/{y}.png")
    except UnsafePathError:
        return None


def _decode(data: bytes, url: str) -> np.ndarray:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.size != (TILE_SIZE, TILE_SIZE):
                raise TileUnavailableError(f"{url}: tile is {img.size[0]}x{img.size[1]}, not 256x256")
            return np.asarray(img.convert("RGB"))
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        if isinstance(exc, TileUnavailableError):
            raise
        raise TileUnavailableError(f"{url}: not an image ({exc})") from exc


def get_tile(source: TileSource, *, z: int, x: int, y: int) -> np.ndarray:
    """One tile: from the cache when fresh, else fetched (and cached); `TileUnavailableError` if neither."""
    url = tile_url(source.url_template, z=z, x=x, y=y)
    cached = _cache_file(source, z, x, y)
    stale: bytes | None = None
    if cached is not None and cached.is_file():
        data = cached.read_bytes()
        if source.clock() - cached.stat().st_mtime <= source.max_age_s:
            try:
                return _decode(data, url)
            except TileUnavailableError:
                pass
        else:
            stale = data
    try:
        data = source.fetch(url)
        tile = _decode(data, url)
    except OSError as exc:
        if stale is not None:  # offline with an old tile: better than none
            return _decode(stale, url)
        raise TileUnavailableError(str(exc)) from exc
    if cached is not None:
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs a download next time
            write_atomic(cached, data)
    return tile


def fetch_mosaic(viewport: Viewport, source: TileSource) -> TileMosaic | None:
    """The tiles under `viewport` as one image, or None when any tile is unavailable (offline)."""
    zoom = tile_zoom(viewport, max_zoom=source.max_zoom, max_tiles=source.max_tiles)
    x0, x1, y0, y1 = tile_span(viewport.extent, zoom)
    image = np.empty(((y1 - y0 + 1) * TILE_SIZE, (x1 - x0 + 1) * TILE_SIZE, 3), dtype=np.uint8)
    for ty in range(y0, y1 + 1):
        for tx in range(x0, x1 + 1):
            try:
                tile = get_tile(source, z=zoom, x=tx, y=ty)
            except TileUnavailableError:
                return None
            r, c = (ty - y0) * TILE_SIZE, (tx - x0) * TILE_SIZE
            image[r : r + TILE_SIZE, c : c + TILE_SIZE] = tile
    size = 2 * HALF_WORLD_M / 2**zoom
    extent = Extent(
        -HALF_WORLD_M + x0 * size, HALF_WORLD_M - (y1 + 1) * size,
        -HALF_WORLD_M + (x1 + 1) * size, HALF_WORLD_M - y0 * size,
    )
    return TileMosaic(image=image, extent=extent, zoom=zoom, attribution=source.attribution)
