"""The whole map page: local assets only, legend, basemap choice, labels, and hostile text kept inert."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from scenes import base_options as base_options_of

from base.settings import Settings
from eventmap.mapping import AssetMode, BasemapError, build_map, external_links, payloads_from_html
from eventmap.mapping.assets import STATIC_DIR
from geo.naming import Naming

CDN_MARKERS = ("https://cdn", "//cdn", "//cdnjs", "unpkg", "jsdelivr", "code.jquery.com", "bootstrapcdn",
               "googleapis")
HOSTILE_TEXTS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"'><svg onload=alert(1)>",
)


@pytest.fixture(scope="module")
def pages(bundled_events) -> dict[tuple[str, str], str]:
    return {
        (mode, basemap): build_map(bundled_events, naming=Naming.EN, asset_mode=mode, basemap=basemap)
        .get_root().render()
        for mode in ("served", "inline") for basemap in ("offline", "osm")
    }


@pytest.mark.parametrize("mode", ["served", "inline"])
@pytest.mark.parametrize("basemap", ["offline", "osm"])
def test_no_cdn_anywhere_in_the_page(pages, mode, basemap) -> None:
    page = pages[mode, basemap].lower()
    assert [marker for marker in CDN_MARKERS if marker in page] == []


def test_served_assets_are_files_of_static(pages) -> None:
    page = pages["served", "offline"]
    urls = re.findall(r'(?:src|href)="(/app/static/[^"]+)"', page)
    assert {urlsplit(u).path.rsplit("/", 1)[-1] for u in urls} >= {
        "leaflet.js", "jquery.min.js", "leaflet.markercluster.js", "eventmap.js", "leaflet.css", "eventmap.css"}
    for url in urls:
        assert (STATIC_DIR / urlsplit(url).path.removeprefix("/app/static/")).is_file(), url
    assert "<script src=\"http" not in page


def test_inline_page_needs_no_other_file(pages) -> None:
    page = pages["inline", "offline"]
    assert not re.search(r'<script[^>]+src=', page)
    assert not re.search(r'<link[^>]+stylesheet', page)
    assert "L.markerClusterGroup" in page
    assert "data:image/png;base64," in page  # Leaflet's layer-control icons


def test_no_external_link_left_on_any_element(bundled_events) -> None:
    for mode in AssetMode:
        assert external_links(build_map(bundled_events, naming=Naming.EN, asset_mode=mode)) == []


def test_legend_lists_sides_types_and_statuses(pages, bundled_events) -> None:
    legend = base_options_of(pages["served", "offline"])["legend"]
    assert {text for text, _ in legend["sides"]["rows"]} == set(bundled_events["side"].unique())
    statuses = {text.casefold() for text, _ in legend["statuses"]["rows"]}
    assert statuses >= {"confirmed", "claimed", "disputed", "denied"}
    assert "Explosions/Remote violence" in {text for text, _ in legend["types"]["rows"]}


def test_offline_basemap_has_no_tiles_and_osm_has_a_switch(pages) -> None:
    assert "tile.openstreetmap.org" not in pages["served", "offline"]
    assert Settings().tiles_url in pages["served", "osm"]
    assert "Offline map" in pages["served", "osm"]
    assert '"kind":"border"' in pages["served", "offline"]  # the offline basemap itself


def test_unknown_basemap_is_refused_with_the_value(bundled_events) -> None:
    with pytest.raises(BasemapError, match="'google'"):
        build_map(bundled_events, naming=Naming.EN, basemap="google")
    with pytest.raises(ValueError, match="google"):
        build_map(bundled_events, naming=Naming.EN, basemap="google")


def test_labels_in_the_chosen_naming_and_size(make_events) -> None:
    frame = make_events(*[{"location": "Shusha"}] * 3, {"location": "Stepanakert", "latitude": 39.8177,
                                                        "longitude": 46.7528})
    page = build_map(frame, naming=Naming.AZ, label_size_px=22).get_root().render()
    assert '"Şuşa",3]' in page
    assert "Xankəndi" in page
    assert '"labelSizePx":22' in page
    assert '"labels":[]' in build_map(frame, naming=Naming.AZ, labels=False).get_root().render()


def test_a_map_without_events_has_no_event_layer(bundled_events) -> None:
    page = build_map(bundled_events, naming=Naming.EN, with_events=False).get_root().render()
    assert payloads_from_html(page) == []
    assert "EventMap.setupBase" in page


def test_arabic_map_is_right_to_left(bundled_events) -> None:
    page = build_map(bundled_events, naming=Naming.EN, lang="ar").get_root().render()
    assert '"legend":{"title":"' in page
    assert '"dir":"rtl"' in page
    assert '"legendPosition":"bottomleft"' in page
    assert "المصادر" in page


@pytest.mark.parametrize("mode", ["served", "inline"])
def test_hostile_text_in_every_field_stays_text(make_events, mode) -> None:
    records = []
    for text in HOSTILE_TEXTS:
        records.append({column: text for column in (
            "event_id", "location", "country", "admin1", "side", "actor", "target", "sub_event_type",
            "description", "description_original", "language", "claimed_by", "disputed_by", "notes")}
            | {"sources": f"javascript:alert(1); {text}; https://example.org/ok",
               "matched_name": text})
    frame = make_events(*records)
    page = build_map(frame, naming=Naming.EN, asset_mode=mode).get_root().render()
    for text in HOSTILE_TEXTS:
        assert text not in page
    assert "<img src=x" not in page
    assert "<svg onload" not in page
    assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", page, flags=re.IGNORECASE)
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in page  # carried as raw text in the JSON
    [payload] = payloads_from_html(page)
    assert {place[2] for place in payload["places"]} >= set(HOSTILE_TEXTS)  # for the browser to show as text
    assert "https://example.org/ok" in page


@pytest.mark.parametrize("probe", ["{{ 'TEMPLATE' ~ '-EVALUATED' }}", "{% if true %}TEMPLATE-{% endif %}EVALUATED",
                                   "{% raw %} unterminated", "{# unterminated comment"])
@pytest.mark.parametrize("mode", ["served", "inline"])
def test_template_syntax_in_the_data_is_never_evaluated(make_events, probe, mode) -> None:
    frame = make_events({"description": probe, "location": probe, "side": probe, "sources": probe})
    page = build_map(frame, naming=Naming.EN, asset_mode=mode).get_root().render()
    assert "TEMPLATE-EVALUATED" not in page
    [payload] = payloads_from_html(page)
    assert payload["sides"] == [probe]


@pytest.mark.parametrize(
    ("center", "zoom", "expected"),
    [
        (None, None, "fitBounds"),
        ((39.8, 46.75), 10, "center:[39.8,46.75]"),
        (None, 9, '"zoom":9'),
        ((40.0, 45.0), None, "center:[40.0,45.0]"),
    ],
)
def test_the_view_is_fitted_or_as_asked(make_events, center, zoom, expected) -> None:
    page = build_map(make_events({}), naming=Naming.EN, center=center, zoom=zoom).get_root().render()
    compact = re.sub(r"\s+", "", page)
    assert expected.replace(" ", "") in compact
    if center is not None or zoom is not None:
        assert "fitBounds" not in page
    assert "center:null" not in compact


@pytest.mark.parametrize(("legend", "shown"), [(True, True), (False, False)])
def test_the_legend_can_be_left_out(make_events, legend, shown):
    html = build_map(make_events({}), naming=Naming.EN, legend=legend).get_root().render()
    assert ('"legend":{"title"' in html.split("<body>", 1)[1]) is shown
