"""Presentation that fits the projector: at 1280×720, 1440×900 and 1920×1080, in English (left to right) and Arabic
(right to left), measured in chromium with no network.

- every control of the page (buttons, lists, the timeline, the zoom buttons, the legend's fold) lies inside the
  window, and nothing can be scrolled sideways;
- the legends, folded as they open, cover at most 15% of the map together (the events legend and the
  territorial-control legend box, in both directions); unfolded each stays inside the window, the control
  legend's caveat one click away; no place name lies under the control legend;
- the story counter says how many steps there are before the first one;
- every card of the article's story, page by page, is read without scrolling at 1920×1080, and inside the
  window at every size.

Screenshots of each size and direction (with a story card open) go to artifacts/screenshots/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from eventmap.control.history import ControlHistory
from eventmap.control.layers import load_layers
from eventmap.control.loading import load_control_changes
from eventmap.i18n import t
from eventmap.playback import build_playback_document, ready_made_stories

PROJECT_ROOT = Path(__file__).resolve().parents[2]

SIZES = [(1280, 720), (1440, 900), (1920, 1080)]
ARTICLE = "article-2020-10-09"
MAX_LEGEND_SHARE = 0.15
# The parts of a card a page shows or hides: paragraphs, headings, quotes, list items, terms and definitions.
PARTS = ", ".join(f"#pb-card-body {tag}" for tag in ("p", "h2", "h3", "blockquote", "li", "dt", "dd"))

pytestmark = pytest.mark.browser

CONTROLS_OUTSIDE_JS = """() => {
  const outside = [];
  const controls = document.querySelectorAll(
    '#pb-root button, #pb-root select, #pb-root input, #pb-story-pos, .leaflet-control-zoom a,'
    + ' .em-control-legend summary');
  for (const element of controls) {
    if (element.closest('[hidden]') || element.closest('.pb-card')) continue;
    const box = element.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    if (box.left < 0 || box.top < 0 || box.right > innerWidth + 0.5 || box.bottom > innerHeight + 0.5)
      outside.push([element.id || element.className, Math.round(box.left), Math.round(box.top),
                    Math.round(box.right), Math.round(box.bottom)]);
  }
  return outside;
}"""

SHARE_OF_MAP_JS = """(selector) => {
  const map = document.querySelector('.folium-map').getBoundingClientRect();
  const box = document.querySelector(selector).getBoundingClientRect();
  return (box.width * box.height) / (map.width * map.height);
}"""

# The share of the map both legend boxes cover: the events legend and the territorial-control legend.
LEGENDS_SHARE_JS = """() => {
  const map = document.querySelector('.folium-map').getBoundingClientRect();
  let covered = 0;
  for (const selector of ['#pb-legend', '.em-control-box']) {
    const element = document.querySelector(selector);
    if (!element) continue;
    const box = element.getBoundingClientRect();
    covered += box.width * box.height;
  }
  return covered / (map.width * map.height);
}"""

# The visible place names whose box meets the control legend's box.
NAMES_UNDER_CONTROL_LEGEND_JS = """() => {
  const legend = document.querySelector('.em-control-box').getBoundingClientRect();
  const names = [...document.querySelectorAll('.em-place-name')];
  return names.filter((e) => e.checkVisibility({ visibilityProperty: true })).filter((e) => {
    const r = e.getBoundingClientRect();
    return r.width && r.left < legend.right && r.right > legend.left && r.top < legend.bottom && r.bottom > legend.top;
  }).map((e) => e.textContent);
}"""

INSIDE_WINDOW_JS = """(selector) => {
  const box = document.querySelector(selector).getBoundingClientRect();
  return box.left >= 0 && box.top >= 0 && box.right <= innerWidth + 0.5 && box.bottom <= innerHeight + 0.5;
}"""

# Every page of the open card: [scrollHeight, clientHeight] of the card and of its body.
CARD_PAGES_JS = """async () => {
  const card = document.getElementById('pb-card'), body = document.getElementById('pb-card-body');
  const pager = document.getElementById('pb-card-pager');
  const pages = pager.hidden ? 1 : +pager.dataset.pages;
  const measured = [];
  for (let i = 0; i < pages; i++) {
    measured.push([card.scrollHeight, card.clientHeight, body.scrollHeight, body.clientHeight]);
    document.getElementById('pb-card-next').click();
    await new Promise(requestAnimationFrame);
  }
  return measured;
}"""


@pytest.fixture(scope="module")
def documents(bundled_events: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bundled war with the article's story, one standalone page per language."""
    folder = tmp_path_factory.mktemp("presentation")
    story = ready_made_stories()[ARTICLE]
    changes = load_control_changes(PROJECT_ROOT / "control_changes.csv").changes
    control = ControlHistory.build(changes, layers=load_layers(), source_name="control_changes.csv")
    paths = {}
    for lang in ("en", "ar"):
        path = folder / f"presentation-{lang}.html"
        path.write_text(build_playback_document(bundled_events, naming="both", lang=lang, asset_mode="inline",
                                                story=story, control=control), encoding="utf-8")
        paths[lang] = path
    return paths


def open_page(file_page, path: Path, width: int, height: int) -> Any:
    page = file_page(viewport={"width": width, "height": height})
    page.goto(path.as_uri())
    page.wait_for_selector("#pb-root[data-ready='true']", state="attached")
    return page


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_control_is_on_screen_and_the_legend_is_small(file_page, documents, screenshot, lang, width, height):
    page = open_page(file_page, documents[lang], width, height)
    assert page.evaluate(CONTROLS_OUTSIDE_JS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.locator(".em-control-box").count() == 1
    share = page.evaluate(LEGENDS_SHARE_JS)
    events_share = page.evaluate(SHARE_OF_MAP_JS, "#pb-legend")
    print(f"legend share {lang} {width}x{height}: {share:.4f} (events legend alone {events_share:.4f})")
    assert share <= MAX_LEGEND_SHARE
    assert page.evaluate(INSIDE_WINDOW_JS, ".em-control-box")
    assert page.evaluate(NAMES_UNDER_CONTROL_LEGEND_JS) == []
    total = len(ready_made_stories()[ARTICLE].event_ids)
    assert page.locator("#pb-story-pos").inner_text() == t("story.not_started", lang, total=total)
    screenshot(page, f"present-fits-{lang}-{width}x{height}", full_page=False)
    toggle = page.locator(".pb-legend-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator(".pb-legend-more").first.is_visible()
    assert page.evaluate(INSIDE_WINDOW_JS, "#pb-legend")
    toggle.click()
    assert page.locator(".pb-legend-more").first.is_hidden()
    control = page.locator(".em-control-legend")
    assert control.get_attribute("open") is None  # folded to its title
    assert page.locator(".em-control-caveat").is_hidden()
    control.locator("summary").click()
    assert page.locator(".em-control-caveat").is_visible()
    assert page.evaluate(INSIDE_WINDOW_JS, ".em-control-box")
    # the names make room for the unfolded box (once the details' toggle event has run)
    page.wait_for_function(f"() => ({NAMES_UNDER_CONTROL_LEGEND_JS})().length === 0", timeout=3000)
    assert page.evaluate(CONTROLS_OUTSIDE_JS) == []
    page.keyboard.press("ArrowRight")  # the next day keeps the reader's fold
    assert page.locator(".em-control-caveat").is_visible()
    assert page.errors == []
    assert page.blocked == []


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_story_card_is_read_page_by_page(file_page, documents, screenshot, lang, width, height):
    """Each card of the story stays inside the window; at 1920×1080 no page of any card scrolls."""
    page = open_page(file_page, documents[lang], width, height)
    story = ready_made_stories()[ARTICLE]
    for step, event_id in enumerate(story.event_ids):
        page.keyboard.press("PageDown")
        assert page.locator("#pb-card").get_attribute("data-event-id") == event_id
        assert page.locator("#pb-story-pos").inner_text() == t("story.position", lang, n=step + 1,
                                                               total=len(story.event_ids))
        assert page.evaluate(INSIDE_WINDOW_JS, "#pb-card")
        assert page.evaluate(CONTROLS_OUTSIDE_JS) == []
        pages = page.evaluate(CARD_PAGES_JS)
        if (width, height) == (1920, 1080):
            for card_scroll, card_box, body_scroll, body_box in pages:
                assert card_scroll <= card_box, (event_id, pages)
                assert body_scroll <= body_box, (event_id, pages)
        if step == 3:
            page.keyboard.press("ArrowUp")  # back to the card's first page (the pager stops at the last)
            for _ in pages:
                page.keyboard.press("ArrowUp")
            page.wait_for_timeout(1500)  # the flight to the place ends
            screenshot(page, f"present-fits-{lang}-{width}x{height}-card", full_page=False)
    assert page.errors == []


def test_the_pages_of_a_card_hold_all_of_it(file_page, documents, bundled_events):
    """Paging loses nothing: the pages together show the card's every part, each once, in order."""
    page = open_page(file_page, documents["en"], 1280, 720)
    page.keyboard.press("PageDown")
    pager = page.locator("#pb-card-pager")
    assert pager.is_visible()
    pages = int(pager.get_attribute("data-pages"))
    assert pages >= 2
    seen: list[str] = []
    for number in range(1, pages + 1):
        assert page.locator("#pb-card-page").inner_text() == t("card.page", "en", n=number, total=pages)
        seen += page.evaluate(f"[...document.querySelectorAll('{PARTS}')].filter(e => e.checkVisibility())"
                              ".map(e => e.textContent)")
        page.keyboard.press("ArrowDown")
    every = page.evaluate(f"[...document.querySelectorAll('{PARTS}')].map(e => e.textContent)")
    assert seen == every
    first = ready_made_stories()[ARTICLE].event_ids[0]
    original = bundled_events.set_index("event_id").loc[first, "description_original"]
    assert any(original[:30] in text for text in seen)
    assert page.errors == []


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_presentation_mode_in_the_app_fits_1280x720(app_url, page, screenshot, lang):
    """The app's own bar (exit, language) and every control of the presentation are on screen at 1280×720."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_url}/?present=1&lang={lang}")
    page.wait_for_function(
        "() => [...document.querySelectorAll('iframe')].some(f => f.contentDocument &&"
        " f.contentDocument.querySelector(\"#pb-root[data-ready='true']\"))", timeout=60_000)
    document = next(f for f in page.frames if f.evaluate("!!document.getElementById('pb-root')"))
    assert document.evaluate(CONTROLS_OUTSIDE_JS) == []
    assert document.evaluate(LEGENDS_SHARE_JS) <= MAX_LEGEND_SHARE  # both legends, the control one folded
    for box in page.locator(".st-key-em-present-bar button").evaluate_all(
            "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"):
        assert min(box[0], box[1]) >= 0, box
        assert box[2] <= 1280, box
        assert box[3] <= 720, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    screenshot(page, f"present-app-{lang}-1280x720", full_page=False)
    assert page.blocked_requests == []
