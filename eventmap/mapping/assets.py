"""The JavaScript and CSS a map needs, from the project's own `static/` folder: never from a CDN.

Two ways to deliver them (`AssetMode`):

- ``served``: links to ``/app/static/...``, which Streamlit serves from `static/` when
  ``server.enableStaticServing`` is on (it is, in `.streamlit/config.toml`). For the app.
- ``inline``: the files' contents inside the page's ``<head>`` (Leaflet's images as data URIs),
  for a standalone HTML file that opens offline with nothing beside it. Only for saved pages:
  streamlit-folium does not run scripts placed in the header.

The vendored files and their licences are listed in `static/LICENSES.md`; `scripts/vendor_assets.sh`
fetches them again.

The project's own scripts are ES modules in `static/eventmap/js/`; `js_bundle` joins the ones an entry
module needs into one classic script (streamlit-folium's iframe and the saved page load no modules).
The map's script, `static/eventmap/eventmap.js`, is that bundle, kept in the repository because the app
serves it as a file: `python -m eventmap.mapping.assets` writes it again (a test checks it is current).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

import folium
from branca.element import Element, Figure

from base.errors import EventMapError
from base.settings import PROJECT_ROOT

STATIC_DIR = PROJECT_ROOT / "static"
SERVED_PREFIX = "/app/static"


class AssetMode(StrEnum):
    SERVED = "served"
    INLINE = "inline"


class MissingAssetError(EventMapError, FileNotFoundError):
    """A vendored file is missing from `static/`."""


@dataclass(frozen=True, slots=True)
class Asset:
    name: str  # folium's key for the link
    path: str  # relative to static/

    @property
    def is_js(self) -> bool:
        return self.path.endswith(".js")


JS_ASSETS: tuple[Asset, ...] = (
    Asset("leaflet", "leaflet/leaflet.js"),
    Asset("jquery", "jquery/jquery.min.js"),  # folium's popups call $(...)
    Asset("leaflet_markercluster", "leaflet.markercluster/leaflet.markercluster.js"),
    Asset("eventmap", "eventmap/eventmap.js"),
)
CSS_ASSETS: tuple[Asset, ...] = (
    Asset("leaflet_css", "leaflet/leaflet.css"),
    Asset("leaflet_markercluster_css", "leaflet.markercluster/MarkerCluster.css"),
    Asset("eventmap_css", "eventmap/eventmap.css"),
)

JS_MODULES_DIR = STATIC_DIR / "eventmap" / "js"

EXTERNAL_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def asset_path(asset: Asset, *, static_dir: Path = STATIC_DIR) -> Path:
    path = static_dir / asset.path
    if not path.is_file():
        raise MissingAssetError(
            f"{path}: missing; the map needs it to work offline (run `bash scripts/vendor_assets.sh`)"
        )
    return path


@cache
def _version(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10]


def served_url(asset: Asset, *, prefix: str = SERVED_PREFIX, static_dir: Path = STATIC_DIR) -> str:
    """The URL the app serves `asset` at, with a version query so browsers never keep a stale copy."""
    path = asset_path(asset, static_dir=static_dir)
    return f"{prefix}/{asset.path}?v={_version(path)}"


def served_links(*, prefix: str = SERVED_PREFIX) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(default_js, default_css) lists for a folium element, pointing at the app's static files."""
    js = [(a.name, served_url(a, prefix=prefix)) for a in JS_ASSETS]
    css = [(a.name, served_url(a, prefix=prefix)) for a in CSS_ASSETS]
    return js, css


@cache
def inline_head_html(static_dir: Path = STATIC_DIR) -> str:
    """``<style>`` and ``<script>`` elements holding every asset, for a page that stands alone."""
    parts = []
    for asset in CSS_ASSETS:
        path = asset_path(asset, static_dir=static_dir)
        css = _inline_css_urls(path.read_text(encoding="utf-8"), path.parent)
        parts.append(f"<style>/* static/{asset.path} */\n{_safe_in_element(css, 'style')}</style>")
    for asset in JS_ASSETS:
        js = asset_path(asset, static_dir=static_dir).read_text(encoding="utf-8")
        js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)
        parts.append(f"<script>/* static/{asset.path} */\n{_safe_in_element(js, 'script')}</script>")
    return "\n".join(parts)


class JsModuleError(EventMapError, ValueError):
    """A module of `static/eventmap/js/` uses a form `js_bundle` does not join (or imports in a circle)."""


_JS_IMPORT = re.compile(r'^import \{([^}]*)\} from "\./([\w-]+)\.js";\n', re.MULTILINE)
_JS_EXPORT = re.compile(r"^export (?:function|const|let|class) ([A-Za-z_$][\w$]*)", re.MULTILINE)
_JS_OTHER = re.compile(r"^(?:import|export)\b.*$", re.MULTILINE)


def _js_module(name: str, folder: Path) -> str:
    path = folder / f"{name}.js"
    if not path.is_file():
        raise MissingAssetError(f"{path}: missing (imported as ./{name}.js)")
    return path.read_text(encoding="utf-8")


@cache
def js_bundle(entry: str, *, folder: Path = JS_MODULES_DIR) -> str:
    """The module `entry` (a name in `folder`, without ".js") and every module it imports, as one script.

    Deterministic, with no tool beyond this function: the modules in dependency order (depth first, in
    the order of their `import` lines), each in its own function scope; `import { a, b } from "./m.js"`
    reads the names from m's scope and `export function/const/let/class` gives them. Any other form of
    `import`/`export` (renaming, defaults, `*`) is refused, so the bundle always means what the modules say.
    """
    order: list[str] = []

    def visit(name: str, trail: tuple[str, ...]) -> None:
        if name in trail:
            raise JsModuleError(f"{' -> '.join((*trail, name))}: modules import each other in a circle")
        if name in order:
            return
        for match in _JS_IMPORT.finditer(_js_module(name, folder)):
            visit(match.group(2), (*trail, name))
        order.append(name)

    visit(entry, ())
    parts = ['(function () {\n"use strict";\nconst modules = {};']
    for name in order:
        text = _js_module(name, folder)
        imports = []
        for match in _JS_IMPORT.finditer(text):
            names = [n.strip() for n in match.group(1).split(",") if n.strip()]
            if not all(re.fullmatch(r"[A-Za-z_$][\w$]*", n) for n in names):
                raise JsModuleError(f"{name}.js: import {{{match.group(1)}}}: only plain names can be imported")
            imports.append(f"const {{ {', '.join(names)} }} = modules[{json.dumps(match.group(2))}];")
        body = _JS_EXPORT.sub(lambda m: m.group(0).removeprefix("export "), _JS_IMPORT.sub("", text))
        if other := _JS_OTHER.search(body):
            raise JsModuleError(f"{name}.js: {other.group(0)!r}: a form of import/export js_bundle does not join")
        exports = ", ".join(_JS_EXPORT.findall(text))
        head = f"// {name}.js\nmodules[{json.dumps(name)}] = (function () {{\n"
        parts.append(head + "".join(f"{i}\n" for i in imports) + body + f"return {{ {exports} }};\n}})();")
    parts.append("})();\n")
    return "\n".join(parts)


BUNDLES: dict[str, str] = {"eventmap/eventmap.js": "eventmap"}  # file in static/ -> its entry module


def bundle_file_text(entry: str) -> str:
    """What a bundle file of `BUNDLES` holds: a note, then `js_bundle(entry)`."""
    return (f"/* Generated from static/eventmap/js/{entry}.js and the modules it imports by "
            f"eventmap.mapping.assets.js_bundle: edit those, then run `python -m eventmap.mapping.assets`. */\n"
            + js_bundle(entry))


def _inline_css_urls(css: str, folder: Path) -> str:
    """Relative ``url(...)`` references (Leaflet's images) replaced by data URIs."""

    def replace(match: re.Match[str]) -> str:
        target = match.group(2)
        if EXTERNAL_URL.match(target) or target.startswith("data:"):
            return match.group(0)
        path = (folder / target).resolve()
        if not path.is_file() or folder.resolve() not in path.parents:
            return match.group(0)
        mime = {"png": "image/png", "svg": "image/svg+xml", "gif": "image/gif"}.get(path.suffix[1:], "image/png")
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"url({match.group(1)}data:{mime};base64,{data}{match.group(1)})"

    return re.sub(r"url\((['\"]?)([^'\")]+)\1\)", replace, css)


def _safe_in_element(text: str, tag: str) -> str:
    # A literal "</script" (or "</style") would end the element early.
    return re.sub(f"</({tag})", r"<\\/\1", text, flags=re.IGNORECASE)


class RawHtml(Element):
    """HTML put into the page as it is (branca's `Element` would compile it as a Jinja template)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: object) -> str:
        return self.text


def use_assets(m: folium.Map, mode: AssetMode | str) -> None:
    """Make `m` load every asset from the project: links to the app (served) or the contents (inline)."""
    mode = AssetMode(mode)
    if mode is AssetMode.SERVED:
        m.default_js, m.default_css = served_links()
    else:
        m.default_js, m.default_css = [], []
        page_of(m).header.add_child(RawHtml(inline_head_html()), name="eventmap_assets", index=0)


def page_of(m: folium.Map) -> Figure:
    """The page a map is drawn into (folium puts every map in a branca `Figure`)."""
    root = m.get_root()
    if not isinstance(root, Figure):
        raise TypeError(f"a folium map's root is a Figure (got {type(root).__name__})")
    return root


def external_links(m: folium.Map) -> list[str]:
    """Every JS/CSS link of `m` or its children that leaves the project (should be empty)."""
    found: list[str] = []
    stack: list[object] = [m]
    while stack:
        element = stack.pop()
        for _, url in [*getattr(element, "default_js", []), *getattr(element, "default_css", [])]:
            if EXTERNAL_URL.match(url):
                found.append(url)
        stack.extend(getattr(element, "_children", {}).values())
    return found


if __name__ == "__main__":
    for target, entry in BUNDLES.items():
        (STATIC_DIR / target).write_text(bundle_file_text(entry), encoding="utf-8")
