"""The "From an article" page: read, review beside the highlighted text, keep, validate, add; bad input said."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.upload import UPLOAD_STATE_KEY

PROJECT_ROOT = Path(__file__).resolve().parents[2]
APP = str(PROJECT_ROOT / "app.py")
PAGE = "pages/3_From_an_article.py"
ARABIC = PROJECT_ROOT.parent / "shared" / "article" / "000_acdbde452fa6fc04.txt"
TIMEOUT_S = 90


def article_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == "From an article to events"
    return at


def read(at: AppTest, text: str, *, source: str = "", published: str = "") -> AppTest:
    at.text_area(key="article_text").input(text)
    at.text_input(key="article_source").input(source)
    at.text_input(key="article_published").input(published)
    next(b for b in at.button if b.label == "Read the article").click()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def page_html(at: AppTest) -> str:
    return "".join(str(getattr(element.proto, "body", "")) for element in at.get("html"))


def test_the_arabic_article_gives_drafts_beside_its_highlighted_text() -> None:
    if not ARABIC.is_file():
        pytest.skip("the reference article is not next to the project")
    at = read(article_page(), ARABIC.read_text(encoding="utf-8"), source="https://www.aljazeera.net/a")
    captions = " ".join(c.value for c in at.caption)
    assert "Language: ar · published: 2020-10-09" in captions
    assert "8 draft rows" in captions
    html = page_html(at)
    assert html.count('<mark class="place"') == 8
    assert 'title="draft-007-shusha">شوشة</mark>' in html
    assert 'class="said"' in html
    assert 'title="draft-008-jabrayil">وزارة الدفاع الأرمينية</mark>' in html


def test_article_markup_is_shown_as_text_never_run() -> None:
    at = read(article_page(), "<p>Stepanakert was shelled today &lt;b&gt;<img src=x onerror=alert(1)></p>"
                              "<script>alert(2)</script>", published="2020-10-09")
    html = page_html(at)
    assert "<img" not in html
    assert "<script" not in html
    assert "alert(2)" not in html  # script content is dropped when the HTML is read
    assert "&lt;b&gt;" in html  # text that looks like markup stays text
    assert "<mark" in html


@pytest.mark.parametrize(("text", "message"), [
    ("", "the article is empty"),
    ("Nothing happened in Paris.", "names no known place"),
])
def test_bad_input_is_said(text: str, message: str) -> None:
    at = read(article_page(), text)
    shown = " ".join([e.value for e in at.error] + [i.value for i in at.info])
    assert message in shown


def test_kept_rows_validate_like_any_file_and_join_the_session_data() -> None:
    at = read(article_page(), "Baku, 9 October 2020\nArmenian forces shelled Tartar and Barda, the Azerbaijani "
                              "Defence Ministry said.", source="https://example.org/news/1")
    assert UPLOAD_STATE_KEY not in at.session_state
    at.checkbox(key="article_keep_all").check().run()
    add = next(b for b in at.button if b.label == "Add the kept rows to the data")
    add.click().run()
    errors = " ".join(e.value for e in at.error)
    assert "problems: nothing was added" in errors  # the dates are empty: the loader's own messages say so
    assert "date: required, but empty" in " ".join(c.value for c in at.code)
    assert UPLOAD_STATE_KEY not in at.session_state
    at.checkbox(key="article_use_day").check().run()
    at.checkbox(key="article_keep_all").check().run()
    next(b for b in at.button if b.label == "Add the kept rows to the data").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert "2 rows added to this session's data." in " ".join(s.value for s in at.success)
    data, name, _ = at.session_state[UPLOAD_STATE_KEY]
    assert name.endswith("+ article drafts.csv")
    text = data.decode("utf-8")
    assert "Armenian forces shelled Tartar and Barda" in text
    assert "https://example.org/news/1" in text
