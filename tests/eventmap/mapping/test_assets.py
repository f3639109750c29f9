"""The vendored assets: present, listed with their licences, and inlined safely."""

from __future__ import annotations

import hashlib
import re

import pytest

from eventmap.mapping.assets import (
    CSS_ASSETS,
    JS_ASSETS,
    STATIC_DIR,
    MissingAssetError,
    asset_path,
    inline_head_html,
    served_links,
    served_url,
)


def test_every_vendored_file_matches_its_checksum() -> None:
    sums = (STATIC_DIR / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert sums
    for line in sums:
        digest, name = line.split(maxsplit=1)
        assert hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.parametrize("package", ["leaflet", "jquery", "leaflet.markercluster"])
def test_each_package_has_its_licence_listed(package) -> None:
    listing = (STATIC_DIR / "LICENSES.md").read_text(encoding="utf-8")
    assert f"| {package} |" in listing
    assert any(p.name.upper().startswith(("LICENSE", "MIT-LICEN")) for p in (STATIC_DIR / package).iterdir())


def test_served_urls_carry_a_version() -> None:
    js, css = served_links()
    assert [name for name, _ in js] == [a.name for a in JS_ASSETS]
    assert [name for name, _ in css] == [a.name for a in CSS_ASSETS]
    for _, url in js + css:
        assert re.fullmatch(r"/app/static/[\w./-]+\?v=[0-9a-f]{10}", url), url


def test_inline_assets_cannot_end_their_element_early() -> None:
    head = inline_head_html()
    scripts = re.findall(r"<script>(.*?)</script>", head, flags=re.DOTALL)
    assert len(scripts) == len(JS_ASSETS)
    assert all("</script" not in s.lower() for s in scripts)
    assert "sourceMappingURL" not in head
    assert "url(images/" not in head


def test_a_missing_file_says_how_to_fetch_it(tmp_path) -> None:
    with pytest.raises(MissingAssetError, match=r"vendor_assets\.sh"):
        asset_path(JS_ASSETS[0], static_dir=tmp_path)
    with pytest.raises(FileNotFoundError):
        served_url(JS_ASSETS[0], static_dir=tmp_path)
