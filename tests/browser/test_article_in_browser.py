"""From an article, in chromium: paste the Arabic article, keep its drafts, see them on the map with the sentence
and the source on the card; the article's markup stays text."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ARABIC = PROJECT_ROOT.parent / "shared" / "article" / "000_acdbde452fa6fc04.txt"
SOURCE = "https://www.aljazeera.net/news/2020/10/9/putin-talks"

pytestmark = pytest.mark.browser


def read_article(page, app_url: str, text: str, *, source: str = "", published: str = "") -> None:
    page.goto(f"{app_url}/From_an_article")
    page.get_by_label("Article text").fill(text)
    page.get_by_role("textbox", name="Source (the article").fill(source)
    page.get_by_role("textbox", name="Publication day").fill(published)
    page.get_by_role("button", name="Read the article").click()


def test_the_arabic_article_becomes_events_on_the_map(app_url, page, screenshot):
    if not ARABIC.is_file():
        pytest.skip("the reference article is not next to the project")
    read_article(page, app_url, ARABIC.read_text(encoding="utf-8"), source=SOURCE)
    page.get_by_text("8 draft rows").wait_for(timeout=60_000)
    marks = page.locator(".article-text mark.place")
    marks.first.wait_for()
    assert marks.count() == 8
    assert "شوشة" in marks.all_inner_texts()
    page.locator(".article-text mark.place", has_text="شوشة").scroll_into_view_if_needed()
    screenshot(page, "article_highlighted", full_page=False)
    page.get_by_text("Rows without a day").click()
    page.get_by_text("Tick every row").click()
    page.get_by_text("8 of 8 rows ticked to keep.").wait_for()
    screenshot(page, "article_drafts")
    page.get_by_role("button", name="Add the kept rows to the data").click()
    page.get_by_text("8 rows added to this session's data.").wait_for(timeout=90_000)
    page.get_by_role("link", name="See them on the map").click()
    box = page.get_by_placeholder("Words in descriptions")
    box.wait_for(timeout=60_000)
    box.fill("Jabrayil, as the article reports")
    box.press("Enter")
    page.get_by_text("1 of 121 events shown").wait_for(timeout=60_000)
    frame = page.frame_locator("iframe[title='streamlit_folium.st_folium']").first
    frame.locator(".leaflet-marker-icon.em-marker").first.click()
    card = frame.locator(".leaflet-popup-content")
    card.wait_for()
    text = card.inner_text()
    assert "قالت وزارة الدفاع الأرمينية إن الجيش الأذري حاول شن هجوم على مدينة جبرائيل" in text
    assert "aljazeera.net/news/2020/10/9/putin-talks" in text  # a link shows its address without https://www.
    assert card.locator(f'a[href="{SOURCE}"]').count() == 1
    assert "Armenian Defence Ministry" in text
    screenshot(page, "article_event_card", full_page=False)


def test_article_markup_is_text_in_the_page(app_url, page, screenshot):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    read_article(page, app_url, "Stepanakert was shelled today, the Armenian Defence Ministry said. "
                 "<img src=x onerror=alert(1)> &lt;b&gt;", published="2020-10-09")
    page.get_by_text("1 draft rows").wait_for(timeout=60_000)
    article = page.locator(".article-text")
    assert article.locator("img").count() == 0
    assert "<img src=x onerror=alert(1)>" in article.inner_text()
    assert dialogs == []
    screenshot(page, "article_markup_as_text")
