"""The standalone HTML: the classroom playback with every asset inlined (opened in chromium in
tests/browser/test_export_html.py)."""

import json
import re

import pandas as pd
import pytest

from eventmap.export.html import extent_bounds, render_html
from eventmap.export.png import fit_extent
from eventmap.export.viewport import Extent
from eventmap.filtering import Filters

REGION = (38.3, 43.4, 41.5, 50.6)


def config(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="pb-config">(.*?)</script>', page, re.S)
    assert match is not None
    return json.loads(match.group(1))


def test_extent_bounds_are_south_west_north_east() -> None:
    assert extent_bounds(Extent.from_bbox(39.0, 46.0, 40.5, 47.8)) == pytest.approx((39.0, 46.0, 40.5, 47.8))


def test_the_page_asks_for_nothing_outside_the_file(war_week: pd.DataFrame) -> None:
    page = render_html(war_week, naming="en", lang="en", title="War", filters=Filters())
    loads = [r"""<(script|img|iframe)[^>]*\ssrc\s*=\s*["']?(https?:)?//""",
             r"""<link[^>]*\shref\s*=\s*["']?(https?:)?//""", r"""url\(\s*["']?(https?:)?//"""]
    for pattern in loads:  # links (Leaflet's attribution) may point out; nothing is loaded from outside
        assert not re.search(pattern, page, re.IGNORECASE), pattern
    assert "/app/static" not in page
    assert "L.map" in page or "leaflet" in page.lower()


def test_the_page_opens_on_the_exports_extent_in_the_chosen_language(war_week: pd.DataFrame) -> None:
    extent = fit_extent(war_week, fallback_bbox=REGION)
    page = render_html(war_week, naming="both", lang="ar", title="حرب", filters=Filters(sides=("Armenia",)),
                       extent=extent)
    cfg = config(page)
    south, west, north, east = extent_bounds(extent)
    assert [*cfg["bounds"][0], *cfg["bounds"][1]] == pytest.approx([south, west, north, east])
    assert cfg["lang"] == "ar"
    assert '<html lang="ar"' in page
    assert "Side: Armenia" in cfg["filters"]["en"]


def test_hostile_title_is_escaped(war_week: pd.DataFrame) -> None:
    page = render_html(war_week, naming="en", lang="en", title="</title><script>alert(1)</script>", filters=Filters())
    assert "<script>alert(1)</script>" not in page


@pytest.mark.parametrize("text", ["{{ 7*7 }}", "{% if %}", "{# x #}"])
def test_template_syntax_in_the_title_and_data_stays_text(war_week: pd.DataFrame, text: str) -> None:
    frame = war_week.assign(description=text)
    page = render_html(frame, naming="en", lang="en", title=text, filters=Filters(text=text))
    cfg = config(page)
    assert cfg["titles"]["en"] == text
    assert text in cfg["filters"]["en"]
