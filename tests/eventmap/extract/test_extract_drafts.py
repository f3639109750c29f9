"""Draft rows of an article: the bundled Arabic article's events, honest uncertainty, bad input."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from eventmap.extract import ArticleInputError, extract_article
from eventmap.extract.relative_dates import sentence_date
from eventmap.loading import load_events
from eventmap.schema import COLUMN_NAMES

ROOT = Path(__file__).resolve().parents[3]
ARTICLES = ROOT / "tests" / "data" / "articles"
ARABIC = ROOT.parent / "shared" / "article" / "000_acdbde452fa6fc04.txt"
SOURCE = "https://www.aljazeera.net/ (9 October 2020)"


@pytest.fixture(scope="module")
def arabic() -> bytes:
    if not ARABIC.is_file():
        pytest.skip(f"the reference article is not next to the project ({ARABIC.name})")
    return ARABIC.read_bytes()


def truth(name: str) -> list[dict[str, str]]:
    with (ARTICLES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_bundled_article_gives_every_event_and_no_talks(arabic: bytes) -> None:
    found = extract_article(arabic, name="article.txt", source=SOURCE)
    assert (found.language, found.published, found.published_from) == ("ar", dt.date(2020, 10, 9), "text")
    places = [row["location"] for row in found.drafts]
    expected = truth("ar_aljazeera_2020-10-09.truth.csv")
    events = {row["place_id"] for row in expected if row["not_event"] != "yes"}
    ids = {str(row["event_id"]).split("-", 2)[2] for row in found.drafts}
    assert ids == events, places
    assert not ids & {row["place_id"] for row in expected if row["not_event"] == "yes"}
    for row in found.drafts:
        assert row["description_original"] in arabic.decode("utf-8")
        assert (row["sources"], row["verification"], row["language"]) == (SOURCE, "single-source", "ar")
        assert row["date"] == ""
        assert "date left empty" in str(row["notes"])
        assert row["report_date"] == "2020-10-09"


def test_bundled_article_claims_and_denial(arabic: bytes) -> None:
    rows = {str(r["event_id"]).split("-", 2)[2]: r for r in extract_article(arabic, name="a.txt", source=SOURCE).drafts}
    assert rows["jabrayil"]["claimed_by"] == "Armenian Defence Ministry (وزارة الدفاع الأرمينية)"
    assert rows["jabrayil"]["side"] == "Azerbaijan"
    assert rows["stepanakert"]["claimed_by"] == "Armenian military sources (مصادر عسكرية أرمينية)"
    assert rows["goranboy"]["side"] == "Armenia"
    assert rows["goranboy"]["sub_event_type"] == "Shelling/artillery/missile attack"
    assert (rows["shusha"]["status"], rows["shusha"]["disputed_by"]) == ("disputed", "Azerbaijani army (الجيش الأذري)")


def test_today_in_the_bundled_article_is_the_publication_day(arabic: bytes) -> None:
    first = arabic.decode("utf-8").split("دعا الرئيس الروسي", 1)[1].split(".", 1)[0]
    assert sentence_date(first, dt.date(2020, 10, 9)).date == dt.date(2020, 10, 9)


def test_dated_sentence_ambiguous_place_and_validation(tmp_path: Path) -> None:
    text = ("Baku, 9 October 2020.\nArmenian forces shelled Tartar yesterday, the Azerbaijani Defence Ministry "
            "said. Fighting near Martuni continued on Thursday. The sides will hold talks in Moscow.")
    found = extract_article(text, name="paste", source="https://example.org/a")
    rows = {str(r["event_id"]).split("-", 2)[2]: r for r in found.drafts}
    assert set(rows) == {"tartar", "martuni", "martuni_am"}
    assert rows["tartar"]["date"] == "2020-10-08"
    assert rows["tartar"]["side"] == "Armenia"
    assert rows["martuni"]["date"] == "2020-10-08"
    assert "can be Martuni (Azerbaijan), Martuni (Armenia)" in str(rows["martuni_am"]["notes"])
    assert float(rows["martuni"]["draft_confidence"]) < float(rows["tartar"]["draft_confidence"])
    kept = tmp_path / "kept.csv"
    with kept.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMN_NAMES, extrasaction="ignore")
        writer.writeheader()
        writer.writerow(rows["tartar"])
    assert len(load_events(kept).events) == 1  # a dated draft validates like any file


@pytest.mark.parametrize(("data", "message"), [
    (b"", "the article is empty"),
    (b"   \n\t ", "the article is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (b"\xff\xfe\xfa broken", "not UTF-8 text"),
    (b"a" * (5 * 1024 * 1024), "too long for one article"),
])
def test_unreadable_input(data: bytes, message: str) -> None:
    with pytest.raises(ArticleInputError, match=message):
        extract_article(data, name="in.txt")


@pytest.mark.parametrize(("text", "message"), [
    ("The weather in Paris was fine.", "names no known place"),
    ("Foreign ministers will hold talks in Moscow and Geneva on Friday.", "reports no event at them"),
])
def test_no_rows_with_a_reason(text: str, message: str) -> None:
    found = extract_article(text, name="in.txt", published=dt.date(2020, 10, 9))
    assert found.drafts == ()
    assert any(message in str(m) for m in found.messages)


def test_html_is_read_as_text_only() -> None:
    page = ("<html><head><title>t</title><meta property='article:published_time' content='2020-10-04T10:00'>"
            "<link rel='canonical' href='https://example.org/news/1'><script>alert('x Stepanakert shelled')</script>"
            "</head><body><p>Stepanakert was <b>shelled</b> today, the <i>Armenian</i> Defence Ministry said.</p>"
            "<img src=x onerror=alert(1)></body></html>")
    found = extract_article(page.encode(), name="page.html")
    assert "alert" not in found.text
    assert "<" not in found.text
    assert found.published == dt.date(2020, 10, 4)
    assert found.source == "https://example.org/news/1"
    assert [(r["location"], r["date"]) for r in found.drafts] == [("Stepanakert", "2020-10-04")]


@pytest.mark.parametrize(("text", "claimed_by"), [
    ("4 октября 2020 года\nВС Азербайджана вновь нанесли удары по Степанакерту. Об этом заявил официальный "
     "представитель Минобороны Армении.", "Armenian Defence Ministry (представитель Минобороны Армении)"),
    ("STEPANAKERT, Azerbaijan: Armenia accused Azerbaijani forces of shelling Stepanakert on Friday.", "Armenia"),
    ("Barda was hit by a rocket on Friday.", "the article (https://example.org/a)"),
])
def test_who_said_it(text: str, claimed_by: str) -> None:
    found = extract_article(text, name="in.txt", source="https://example.org/a", published=dt.date(2020, 10, 4))
    assert [row["claimed_by"] for row in found.drafts] == [claimed_by]


@pytest.mark.parametrize(("text", "rows"), [
    ("وطال القصف مدينة بردي", 1),
    ("زار وفد من إيطاليا مدينة بردي", 0),  # "طال" inside "إيطاليا" is no event word
    ("وقصفت القوات بالصواريخ مدينة ترتر", 1),
])
def test_arabic_event_words_are_whole_words(text: str, rows: int) -> None:
    assert len(extract_article(text, name="in.txt", published=dt.date(2020, 10, 9)).drafts) == rows


@pytest.mark.parametrize(("text", "rows"), [
    # captured, in the words news use: "took", "retook", "о взятии", "взяты под контроль", "вошли в"
    ("Azerbaijan said its forces took Zangilan on Thursday.", [("zangilan", "2020-10-15")]),
    ("Armenian forces retook Hadrut on Friday, the ministry said.", [("hadrut", "2020-10-16")]),
    ("Азербайджан заявил о взятии Гадрута 9 октября.", [("hadrut", "2020-10-09")]),
    ("Взяты под контроль села Физулинского района.", [("fuzuli", "")]),
    ("Азербайджанские войска вошли в Гадрут 9 октября.", [("hadrut", "2020-10-09")]),
    # the place of who said it is not an event; the place of what happened is
    ("Город Гянджа подвергся обстрелу 11 октября, заявили в Баку.", [("ganja", "2020-10-11")]),
    # a passive "was reported" names nobody: the rows are the article's own, at both places
    ("Heavy fighting was reported near Fuzuli and Jabrayil on Tuesday.",
     [("fuzuli", "2020-10-13"), ("jabrayil", "2020-10-13")]),
])
def test_english_and_russian_phrasings(text: str, rows: list[tuple[str, str]]) -> None:
    found = extract_article(text, name="in.txt", published=dt.date(2020, 10, 17))
    assert [(str(r["event_id"]).split("-", 2)[2], r["date"]) for r in found.drafts] == rows
