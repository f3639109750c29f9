"""Classroom mode in chromium at 1920×1080 with no network: playback, keys, markers per day, the story, the type
size, and presentation mode in the running app. Screenshots in both languages go to artifacts/screenshots/.

The standalone document (`asset_mode="inline"`) opens from a file:// URL; every other request is aborted.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from eventmap.i18n import format_date, t
from eventmap.playback import build_playback_document, ready_made_stories
from eventmap.playback.stories import story_from_mapping

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"
FULL_HD = {"width": 1920, "height": 1080}
ARTICLE = "article-2020-10-09"
DATE_SHOWN = "#pb-date"

pytestmark = pytest.mark.browser


@pytest.fixture
def events(bundled_events: pd.DataFrame) -> pd.DataFrame:
    """The bundled war (loaded once per test run, in `tests/conftest.py`)."""
    return bundled_events


@pytest.fixture
def offline_page(file_page) -> Any:
    """A 1920×1080 page that may load file:// URLs only; it records aborted requests and script errors."""
    return file_page(viewport=FULL_HD)


def open_document(page, frame: pd.DataFrame, tmp_path: Path, **options: Any) -> None:
    options.setdefault("naming", "both")
    path = tmp_path / f"classroom-{options.get('lang', 'en')}.html"
    path.write_text(build_playback_document(frame, asset_mode="inline", **options), encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_selector("#pb-root[data-ready='true']", state="attached")


def shown_day(page) -> str:
    return page.locator(DATE_SHOWN).get_attribute("data-date")


def markers(page) -> int:
    return page.locator("path.pb-marker").count()


def on_map(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["latitude"].notna() & frame["longitude"].notna()]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_arrow_keys_step_one_day_in_both_languages(offline_page, events, tmp_path, lang):
    """→ is one day later and ← one day earlier in Arabic too: the timeline runs left to right."""
    page = offline_page
    open_document(page, events, tmp_path, lang=lang, initial_date=date(2020, 10, 8))
    assert page.locator(DATE_SHOWN).inner_text() == format_date(date(2020, 10, 8), lang)
    page.keyboard.press("ArrowRight")
    assert shown_day(page) == "2020-10-09"
    assert page.locator(DATE_SHOWN).inner_text() == format_date(date(2020, 10, 9), lang)
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert shown_day(page) == "2020-10-07"
    assert page.locator("#pb-slider").input_value() == str((date(2020, 10, 7) - date(2020, 9, 27)).days)
    assert page.blocked == []
    assert page.errors == []


def test_play_advances_the_date_and_space_pauses(offline_page, events, tmp_path):
    page = offline_page
    open_document(page, events, tmp_path, speed=4.0)
    assert shown_day(page) == "2020-09-27"
    page.click("#pb-play")
    page.wait_for_function("document.querySelector('#pb-date').dataset.date >= '2020-09-29'")
    page.keyboard.press("Space")
    assert page.locator("#pb-play").get_attribute("aria-pressed") == "false"
    stopped_at = shown_day(page)
    page.wait_for_timeout(800)
    assert shown_day(page) == stopped_at  # paused: the date no longer moves
    page.keyboard.press("Space")
    assert page.locator("#pb-play").get_attribute("aria-pressed") == "true"
    assert page.blocked == []
    assert page.errors == []


def test_only_this_day_shows_each_days_events(offline_page, events, tmp_path):
    page = offline_page
    open_document(page, events, tmp_path, mode="day")
    located = on_map(events)
    expected = located.groupby(located["date"].dt.date).size()
    first, last = events["date"].min().date(), events["date"].max().date()
    for offset in range((last - first).days + 1):
        day = date.fromordinal(first.toordinal() + offset)
        assert shown_day(page) == day.isoformat()
        assert markers(page) == int(expected.get(day, 0)), day
        page.keyboard.press("ArrowRight")
    assert page.errors == []


@pytest.mark.parametrize(("mode", "days"), [("cumulative", 7), ("window", 3)])
def test_cumulative_and_last_days_counts(offline_page, events, tmp_path, mode, days):
    page = offline_page
    day = date(2020, 10, 8)
    open_document(page, events, tmp_path, mode=mode, days=days, initial_date=day)
    located = on_map(events)["date"].dt.date
    low = date.min if mode == "cumulative" else date.fromordinal(day.toordinal() - days + 1)
    assert markers(page) == int(((located >= low) & (located <= day)).sum())
    assert page.locator("#pb-root").get_attribute("data-visible") == str(markers(page))


def test_the_mode_and_speed_controls(offline_page, events, tmp_path):
    page = offline_page
    open_document(page, events, tmp_path, initial_date=date(2020, 10, 8))
    page.select_option("#pb-mode", "day")
    on_the_day = on_map(events)
    assert markers(page) == int((on_the_day["date"] == "2020-10-08").sum())
    page.select_option("#pb-mode", "window")
    page.fill("#pb-window", "2")
    page.dispatch_event("#pb-window", "change")
    assert markers(page) == int(on_the_day["date"].between("2020-10-07", "2020-10-08").sum())
    page.select_option("#pb-speed", "0.5")
    assert page.evaluate("window.eventmapPlayback.state().speed") == 0.5


def test_the_story_steps_fly_to_each_event_and_show_its_card(offline_page, events, tmp_path, screenshot):
    page = offline_page
    story = ready_made_stories()[ARTICLE]
    open_document(page, events, tmp_path, lang="en", story=story)
    by_id = events.set_index("event_id")
    for step in range(4):
        page.keyboard.press("PageDown")
        event_id = story.event_ids[step]
        card = page.locator("#pb-card")
        assert card.get_attribute("data-event-id") == event_id
        assert shown_day(page) == by_id.loc[event_id, "date"].date().isoformat()
        text = card.text_content()  # every page of the card (a long card is read in pages)
        assert f"{step + 1} of {len(story.event_ids)}" in text
        assert by_id.loc[event_id, "description_original"][:30] in text  # the article's own words
        assert "Sources" in text
    page.wait_for_timeout(2500)  # the flight ends
    shusha = by_id.loc[story.event_ids[3]]
    centre = page.evaluate("(() => { const c = JSON.parse(document.getElementById('pb-config').textContent);"
                           " const p = window[c.mapVar].getCenter(); return [p.lat, p.lng]; })()")
    assert centre == pytest.approx([shusha["latitude"], shusha["longitude"]], abs=0.05)
    screenshot(page, "classroom-story-en", full_page=False)
    page.keyboard.press("PageUp")
    assert page.locator("#pb-card").get_attribute("data-event-id") == story.event_ids[2]
    page.keyboard.press("Escape")
    assert page.locator("#pb-card").is_hidden()
    assert page.errors == []


@pytest.mark.parametrize(
    ("lang", "place", "day", "sub_type"),
    [("ar", "شوشا", "8 أكتوبر 2020", "قصف مدفعي أو صاروخي"),
     ("ru", "Шуша", "8 октября 2020", "Обстрел, артиллерийский или ракетный удар")],
)
def test_a_story_card_speaks_the_pages_language(offline_page, events, tmp_path, screenshot, lang, place, day,
                                                sub_type):
    """Place, date, sub-type in the language; in Arabic the article's own sentence is the description, once."""
    page = offline_page
    story = ready_made_stories()[ARTICLE]
    open_document(page, events, tmp_path, lang=lang, naming=lang, story=story)
    for _ in range(4):
        page.keyboard.press("PageDown")
    shusha = events.set_index("event_id").loc[story.event_ids[3]]
    card = page.locator("#pb-card")
    assert card.get_attribute("data-event-id") == "NK-E032-shusha"
    assert page.locator(".pb-card-place").inner_text() == place
    text = card.text_content()  # every page of the card (a long card is read in pages)
    assert day in text
    assert sub_type in text
    arabic = shusha["description_ar"][:40]
    if lang == "ar":
        assert text.count(arabic) == 1
        assert shusha["description"][:30] not in text
    else:
        assert shusha["description"][:30] in text  # no Russian text in the data: the project's English
        assert text.count(arabic) == 1  # and the article's words as the original
    page.wait_for_timeout(2500)
    screenshot(page, f"classroom-story-{lang}", full_page=False)
    assert page.errors == []


def test_a_click_on_a_marker_opens_its_card_and_links_are_only_http(offline_page, events, tmp_path):
    page = offline_page
    open_document(page, events, tmp_path, mode="day", initial_date=date(2020, 10, 8))
    page.locator("path.pb-marker").first.click(force=True)
    card = page.locator("#pb-card")
    assert card.is_visible()
    hrefs = card.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs
    assert all(re.match(r"https?://", href) for href in hrefs)


def test_the_language_switches_in_the_page_and_keeps_the_day(offline_page, events, tmp_path):
    page = offline_page
    open_document(page, events, tmp_path, lang="en", initial_date=date(2020, 10, 8))
    page.click("#pb-langs [data-lang='ar']")
    assert page.locator("#pb-root").get_attribute("dir") == "rtl"
    assert page.locator(DATE_SHOWN).inner_text() == "8 أكتوبر 2020"
    assert page.locator("#pb-play-text").inner_text() == "تشغيل"
    page.click("#pb-langs [data-lang='en']")
    assert page.locator("#pb-root").get_attribute("dir") == "ltr"
    assert shown_day(page) == "2020-10-08"


SMALLEST_TEXT_JS = """() => {
  const sizes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!node.textContent.trim() || !element || element.closest('script, style, [hidden]')) continue;
    const box = element.getBoundingClientRect(), style = getComputedStyle(element);
    // Not on screen: zero-size, clipped away (a skip link until it has the focus), hidden.
    if (box.width <= 2 || box.height <= 2 || style.visibility === 'hidden' || style.display === 'none') continue;
    if (style.clip === 'rect(0px, 0px, 0px, 0px)' || style.clipPath === 'inset(50%)') continue;
    if (box.right < 0 || box.bottom < 0 || box.left > innerWidth || box.top > innerHeight) continue;
    sizes.push([parseFloat(style.fontSize), node.textContent.trim().slice(0, 40)]);
  }
  sizes.sort((a, b) => a[0] - b[0]);
  return sizes.slice(0, 5);
}"""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_text_is_at_least_18px_and_screenshots(offline_page, events, tmp_path, screenshot, lang):
    """The view a class sees on 8 October 2020, with a story card open; saved for people to look at."""
    page = offline_page
    open_document(page, events, tmp_path, lang=lang, story=ready_made_stories()[ARTICLE],
                  initial_date=date(2020, 10, 8))
    screenshot(page, f"classroom-{lang}", full_page=False)
    for _ in range(4):
        page.keyboard.press("PageDown")
    page.wait_for_timeout(2500)
    screenshot(page, f"classroom-{lang}-card", full_page=False)
    smallest = page.evaluate(SMALLEST_TEXT_JS)
    assert smallest
    assert smallest[0][0] >= 18, smallest
    if lang == "ar":
        fonts = page.evaluate("getComputedStyle(document.querySelector('#pb-date')).fontFamily")
        assert "Noto Sans Arabic" in fonts


# --- presentation mode in the running app ------------------------------------------------------------------

def frame_with_document(page):
    page.wait_for_selector("iframe", state="attached", timeout=60_000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('iframe')].some(f => f.contentDocument &&"
        " f.contentDocument.querySelector(\"#pb-root[data-ready='true']\"))", timeout=60_000)
    return next(f for f in page.frames if f.evaluate("!!document.getElementById('pb-root')"))


@pytest.mark.parametrize("lang", ["en", "ar", "ru"])
def test_presentation_mode_in_the_app(app_url, page, screenshot, lang):
    page.set_viewport_size(FULL_HD)
    page.goto(f"{app_url}/?present=1&lang={lang}")
    document = frame_with_document(page)
    assert document.locator("#pb-root").get_attribute("lang") == lang
    assert document.locator("#pb-root").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert page.locator("[data-testid='stSidebar']").is_hidden()
    assert page.locator("[data-testid='stHeader']").is_hidden()
    box = page.locator(".st-key-em-present-frame iframe").bounding_box()
    assert box["width"] >= 1900
    assert box["height"] >= 1060
    for smallest in (page.evaluate(SMALLEST_TEXT_JS), document.evaluate(SMALLEST_TEXT_JS)):
        assert smallest
        assert smallest[0][0] >= 18, smallest
    before = document.locator(DATE_SHOWN).get_attribute("data-date")
    document.locator("#pb-title").click()  # the keys go to the presentation once it has the focus
    page.keyboard.press("ArrowRight")
    assert document.locator(DATE_SHOWN).get_attribute("data-date") > before
    page.wait_for_timeout(1500)
    screenshot(page, f"present-app-{lang}", full_page=False)
    assert page.blocked_requests == []


def test_leaving_presentation_mode_shows_the_dashboard(app_url, page):
    page.set_viewport_size(FULL_HD)
    page.goto(f"{app_url}/?present=1")
    frame_with_document(page)
    page.locator(".st-key-em-present-bar button").first.click()
    page.wait_for_selector("[data-testid='stSidebar']", state="visible", timeout=30_000)
    assert "present" not in page.url


def test_the_day_survives_a_language_switch_in_the_app(app_url, page):
    page.set_viewport_size(FULL_HD)
    page.goto(f"{app_url}/?present=1")
    document = frame_with_document(page)
    document.locator("#pb-title").click()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert document.locator(DATE_SHOWN).get_attribute("data-date") == "2020-09-30"
    page.locator(".st-key-em-present-bar button", has_text="العربية").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('iframe')].some(f => f.contentDocument &&"
        " f.contentDocument.querySelector(\"#pb-root[data-ready='true'][lang='ar']\"))", timeout=60_000)
    document = next(f for f in page.frames if f.evaluate("!!document.querySelector('#pb-root[lang=ar]')"))
    assert document.locator(DATE_SHOWN).get_attribute("data-date") == "2020-09-30"
    assert document.locator(DATE_SHOWN).inner_text() == "30 سبتمبر 2020"
    assert "lang=ar" in page.url


def test_hostile_text_is_shown_as_text_and_never_runs(offline_page, tmp_path):
    """Every card of the hostile file, stepped through as a story: no dialog, no error, no injected element."""
    from eventmap.loading import load_events
    from eventmap.playback import Story

    hostile = load_events(PROJECT_ROOT / "tests" / "data" / "hostile" / "events_hostile.csv").events
    page = offline_page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    ids = tuple(dict.fromkeys(hostile["event_id"]))
    story = Story(key="hostile", titles={"en": "<script>alert(1)</script>"}, event_ids=ids)
    open_document(page, hostile, tmp_path, story=story, mode="cumulative",
                  initial_date=hostile["date"].max().date(), title="<img src=x onerror=alert(1)>")
    for event_id in ids:
        page.keyboard.press("PageDown")
        assert page.locator("#pb-card").get_attribute("data-event-id") == event_id
    injected = page.evaluate("document.querySelectorAll('#pb-root script, #pb-root img, #pb-root iframe,"
                             " #pb-root style, #pb-root base, #pb-root svg[onload]').length")
    assert injected == 0
    hrefs = page.locator("#pb-card a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert all(href.startswith("https://") for href in hrefs)
    assert page.locator("#pb-title-text").inner_text() == "<img src=x onerror=alert(1)>"
    assert dialogs == []
    assert page.errors == []
    assert page.blocked == []


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_story_in_steps_goes_step_by_step(offline_page, events, tmp_path, screenshot, lang):
    """The teacher's own story (the bundled example in steps): each step shows its last day with every event
    from its first, moves the map to its view, rings its events and opens its card, in the page's language."""
    page = offline_page
    story = ready_made_stories()["first-two-weeks"]
    open_document(page, events, tmp_path, lang=lang, story=story)
    total = len(story.steps)
    assert page.locator("#pb-story-pos").inner_text() == t("story.not_started", lang, total=total)
    located = on_map(events)
    by_id = events.set_index("event_id")
    for number, step in enumerate(story.steps, start=1):
        page.keyboard.press("PageDown")
        page.wait_for_selector(f"#pb-root[data-step-shown='{number}']", state="attached")
        assert shown_day(page) == step.date_to.isoformat()
        assert page.evaluate("window.eventmapPlayback.state().rangeFrom") == step.date_from.isoformat()
        days = located["date"].dt.date
        assert markers(page) == int(((days >= step.date_from) & (days <= step.date_to)).sum())
        ringed = [i for i in step.event_ids if pd.notna(by_id.loc[i, "latitude"])]
        assert page.locator("path.pb-focus").count() == len(ringed)
        view = page.evaluate("window.eventmapPlayback.view()")
        if step.view.bbox is not None:
            south, west, north, east = step.view.bbox
            shown = view["bounds"]
            assert shown[0] <= south + 0.01, (shown, step.view.bbox)
            assert shown[1] <= west + 0.01, (shown, step.view.bbox)
            assert shown[2] >= north - 0.01, (shown, step.view.bbox)
            assert shown[3] >= east - 0.01, (shown, step.view.bbox)
        else:
            assert step.view.center is not None
            assert view["center"] == pytest.approx(list(step.view.center), abs=0.01)
            assert view["zoom"] == step.view.zoom
        card = page.locator("#pb-card")
        assert card.is_visible()
        assert card.get_attribute("data-step") == str(number)
        assert page.locator(".pb-step-title").inner_text() == step.title(lang)
        assert page.locator(".pb-step-text").text_content() == step.text(lang)
        assert page.locator(".pb-step-dates").inner_text().startswith(format_date(step.date_from, lang))
        assert t("story.step", lang, n=number, total=total) in page.locator(".pb-card-story").inner_text()
        assert page.locator("#pb-story-pos").inner_text() == t("story.position", lang, n=number, total=total)
        if number == 2:
            screenshot(page, f"classroom-own-story-{lang}", full_page=False)
    page.keyboard.press("PageUp")
    page.wait_for_selector("#pb-root[data-step-shown='2']", state="attached")
    assert shown_day(page) == story.steps[1].date_to.isoformat()
    page.keyboard.press("ArrowRight")  # a day's step by hand ends the step's range
    assert page.evaluate("window.eventmapPlayback.state().rangeFrom") is None
    page.keyboard.press("Escape")
    assert page.locator("#pb-card").is_hidden()
    assert page.locator("path.pb-focus").count() == 0
    assert page.errors == []
    assert page.blocked == []


def test_a_steps_words_are_shown_as_text_and_never_run(offline_page, events, tmp_path):
    """A step's title and text that look like markup are shown as they are written."""
    page = offline_page
    hostile = "<img src=x onerror=alert(1)>"
    first = str(events["event_id"].iloc[0])
    raw = {"title": {"en": hostile}, "steps": [{"from": "2020-09-27", "to": "2020-09-29", "event_ids": [first],
                                                "title": {"en": hostile}, "text": {"en": f"{hostile} words"}}]}
    open_document(page, events, tmp_path, lang="en", story=story_from_mapping(raw, key="hostile"))
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.keyboard.press("PageDown")
    page.wait_for_selector("#pb-root[data-step-shown='1']", state="attached")
    assert page.locator(".pb-step-title").inner_text() == hostile
    assert page.locator(".pb-step-text").inner_text() == f"{hostile} words"
    assert page.locator("#pb-card img").count() == 0
    assert dialogs == []
    assert page.errors == []
