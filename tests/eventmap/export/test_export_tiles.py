"""Online tiles through an injected fetcher, a cache in the state folder, and the offline fallback.

The network code (`urllib_fetcher`) is tested against a local HTTP server on 127.0.0.1."""

import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest
from export_frames import PLACES, MakeEvents
from PIL import Image

from eventmap.export.basemap import NATURAL_EARTH
from eventmap.export.png import PictureSpec, render_png
from eventmap.export.tiles import (
    OSM_ATTRIBUTION,
    TileSource,
    TileUnavailableError,
    fetch_mosaic,
    tile_span,
    tile_zoom,
    urllib_fetcher,
)
from eventmap.export.viewport import Extent, Viewport, parse_size

TILE_COLOUR = (200, 30, 200)  # a magenta no basemap has
TEMPLATE = "https://tiles.test/{z}/{x}/{y}.png"


def tile_png(colour: tuple[int, int, int] = TILE_COLOUR) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (256, 256), colour).save(out, format="PNG")
    return out.getvalue()


class FakeFetcher:
    def __init__(self, *, fail: bool = False, body: bytes | None = None) -> None:
        self.urls: list[str] = []
        self.fail = fail
        self.body = body if body is not None else tile_png()

    def __call__(self, url: str) -> bytes:
        self.urls.append(url)
        if self.fail:
            raise TileUnavailableError(f"{url}: offline")
        return self.body


def viewport() -> Viewport:
    return Viewport.fit(Extent.from_bbox(39.3, 46.3, 40.7, 47.3), width_px=800, height_px=600)


def test_tile_zoom_is_sharp_enough_and_bounded() -> None:
    view = viewport()
    zoom = tile_zoom(view, max_zoom=19, max_tiles=64)
    assert zoom >= view.zoom
    x0, x1, y0, y1 = tile_span(view.extent, zoom)
    assert (x1 - x0 + 1) * (y1 - y0 + 1) <= 64
    assert tile_zoom(view, max_zoom=19, max_tiles=1) < zoom


def test_zoom_0_is_one_tile() -> None:
    world = Extent.from_bbox(-85, -180, 85, 180)
    assert tile_span(world, 0) == (0, 0, 0, 0)


def test_mosaic_covers_the_view_and_is_cached(tmp_path: Path) -> None:
    fetch = FakeFetcher()
    source = TileSource(url_template=TEMPLATE, fetch=fetch, cache_dir=tmp_path / "tiles")
    mosaic = fetch_mosaic(viewport(), source)
    assert mosaic is not None
    ext, view = mosaic.extent, viewport().extent
    assert ext.xmin <= view.xmin
    assert ext.xmax >= view.xmax
    assert ext.ymin <= view.ymin
    assert ext.ymax >= view.ymax
    assert tuple(mosaic.image[5, 5]) == TILE_COLOUR
    fetched = len(fetch.urls)
    assert fetched == len(list((tmp_path / "tiles").rglob("*.png")))
    again = fetch_mosaic(viewport(), source)
    assert again is not None
    assert len(fetch.urls) == fetched  # every tile from the cache


def test_offline_gives_no_mosaic_after_one_try(tmp_path: Path) -> None:
    fetch = FakeFetcher(fail=True)
    source = TileSource(url_template=TEMPLATE, fetch=fetch, cache_dir=tmp_path)
    assert fetch_mosaic(viewport(), source) is None
    assert len(fetch.urls) == 1


def test_a_stale_tile_is_better_than_none_when_offline(tmp_path: Path) -> None:
    online = TileSource(url_template=TEMPLATE, fetch=FakeFetcher(), cache_dir=tmp_path)
    assert fetch_mosaic(viewport(), online) is not None
    later = TileSource(url_template=TEMPLATE, fetch=FakeFetcher(fail=True), cache_dir=tmp_path,
                       clock=lambda: 4_000_000_000.0)
    assert fetch_mosaic(viewport(), later) is not None


@pytest.mark.parametrize("body", [b"", b"<html>rate limited</html>", tile_png()[:40]])
def test_a_broken_tile_falls_back(tmp_path: Path, body: bytes) -> None:
    source = TileSource(url_template=TEMPLATE, fetch=FakeFetcher(body=body), cache_dir=tmp_path)
    assert fetch_mosaic(viewport(), source) is None
    assert list(tmp_path.rglob("*.png")) == []  # a failure is never cached


def test_a_tile_of_the_wrong_size_falls_back(tmp_path: Path) -> None:
    out = io.BytesIO()
    Image.new("RGB", (512, 512)).save(out, format="PNG")
    source = TileSource(url_template=TEMPLATE, fetch=FakeFetcher(body=out.getvalue()), cache_dir=tmp_path)
    assert fetch_mosaic(viewport(), source) is None


def test_the_picture_has_the_tiles_and_says_openstreetmap(tmp_path: Path, events: MakeEvents) -> None:
    frame = events({"location": "Shusha"})
    source = TileSource(url_template=TEMPLATE, fetch=FakeFetcher(), cache_dir=tmp_path)
    picture = render_png(frame, size=parse_size("1024x768"), extent=viewport().extent, spec=PictureSpec(),
                         tiles=source)
    assert picture.attribution == OSM_ATTRIBUTION
    image = np.asarray(Image.open(io.BytesIO(picture.data)).convert("RGB"))
    x, y = picture.image_pixel(*PLACES["Shusha"])
    assert tuple(image[round(y) + 60, round(x) + 60]) == TILE_COLOUR


def test_offline_the_picture_has_the_offline_basemap_and_says_natural_earth(tmp_path: Path,
                                                                            events: MakeEvents) -> None:
    frame = events({"location": "Shusha"})
    source = TileSource(url_template=TEMPLATE, fetch=FakeFetcher(fail=True), cache_dir=tmp_path)
    picture = render_png(frame, size=parse_size("1024x768"), extent=viewport().extent, spec=PictureSpec(),
                         tiles=source)
    assert picture.attribution == NATURAL_EARTH
    image = np.asarray(Image.open(io.BytesIO(picture.data)).convert("RGB"))
    assert not (np.abs(image.astype(int) - TILE_COLOUR).sum(axis=2) < 30).any()


# --- the standard-library fetcher against a local server ------------------------------------------------------


class TileHandler(http.server.BaseHTTPRequestHandler):
    seen_agents: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        TileHandler.seen_agents.append(self.headers.get("User-Agent", ""))
        if self.path.startswith("/9/"):
            body = tile_png((10, 200, 10))
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
        else:
            body = b"not found"
            self.send_response(404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:  # keep the test output clean
        return


@pytest.fixture
def tile_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), TileHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_urllib_fetcher_gets_a_tile_with_a_user_agent(tile_server: str) -> None:
    fetch = urllib_fetcher(user_agent="eventmap-test/1.0", timeout_s=5)
    data = fetch(f"{tile_server}/9/316/194.png")
    assert Image.open(io.BytesIO(data)).size == (256, 256)
    assert TileHandler.seen_agents[-1] == "eventmap-test/1.0"


def test_urllib_fetcher_raises_on_http_errors(tile_server: str) -> None:
    with pytest.raises(TileUnavailableError, match="404"):
        urllib_fetcher(timeout_s=5)(f"{tile_server}/3/1/1.png")


def test_urllib_fetcher_raises_when_nobody_listens() -> None:
    with pytest.raises(OSError):  # noqa: PT011 (the refused connection's message depends on the system)
        urllib_fetcher(timeout_s=2)("http://127.0.0.1:9/1/1/1.png")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://x/1.png", "javascript:alert(1)"])
def test_urllib_fetcher_only_speaks_http(url: str) -> None:
    with pytest.raises(TileUnavailableError, match="http"):
        urllib_fetcher()(url)
