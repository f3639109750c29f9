"""Days resolved against the publication date; never guessed."""

from __future__ import annotations

import datetime as dt

import pytest

from eventmap.extract.relative_dates import published_in_text, sentence_date

FRIDAY = dt.date(2020, 10, 9)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("دعا الرئيس الروسي فلاديمير بوتين اليوم الجمعة وزيري خارجية أرمينيا", "2020-10-09"),
    ("قصف أمس مدينة بردي", "2020-10-08"),
    ("في 9 أكتوبر/تشرين الأول دُعي وزيرا خارجية", "2020-10-09"),
    ("Stepanakert was shelled yesterday.", "2020-10-08"),
    ("Stepanakert was shelled on Wednesday.", "2020-10-07"),
    ("Stepanakert was shelled on Friday.", "2020-10-09"),
    ("Fighting resumed on 4 October.", "2020-10-04"),
    ("Fighting resumed on October 4, 2020.", "2020-10-04"),
    ("Fighting started on 27 December.", "2019-12-27"),  # after publication: the year before
    ("Накануне обстрелу подвергся Степанакерт.", "2020-10-08"),
    ("Сегодня в Гяндже прогремели взрывы.", "2020-10-09"),
    ("Ночью 8 октября обстреляли Шуши.", "2020-10-08"),
    ("В пятницу обстреляли Барду.", "2020-10-09"),
])
def test_day_resolved(sentence: str, expected: str) -> None:
    found = sentence_date(sentence, FRIDAY)
    assert found.date == dt.date.fromisoformat(expected), found
    assert found.flag == ""


@pytest.mark.parametrize(("sentence", "published", "flag"), [
    ("وفي مدينة شوشة، طال القصف كاتدرائية", FRIDAY, "no day named in the sentence"),
    ("Shelling on 7 October and again yesterday.", FRIDAY, "several days named (2020-10-07, 2020-10-08)"),
    ("Stepanakert was shelled yesterday.", None, "a relative day, but the publication date is not known"),
])
def test_day_left_empty_with_reason(sentence: str, published: dt.date | None, flag: str) -> None:
    found = sentence_date(sentence, published)
    assert found.date is None
    assert found.flag == flag


@pytest.mark.parametrize(("text", "expected"), [
    ("Title\n\n2020-10-09T13:50:00+03:00\nbody", dt.date(2020, 10, 9)),
    ("Title\nPublished 9 October 2020\nbody", dt.date(2020, 10, 9)),
    ("Title\nno date here", None),
])
def test_published_in_text(text: str, expected: dt.date | None) -> None:
    assert published_in_text(text) == expected
