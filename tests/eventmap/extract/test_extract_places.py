"""Places found in running text through every spelling, prefixed and inflected forms included."""

from __future__ import annotations

import pytest

from eventmap.extract.places import PlaceFinder
from geo.gazetteer import default_gazetteer


@pytest.fixture(scope="module")
def finder() -> PlaceFinder:
    return PlaceFinder(default_gazetteer())


@pytest.mark.parametrize(("sentence", "expected"), [
    ("قصف محافظات غوران بوي، وترتر، وآغدام، وأغجه بدي، وبردي بالصواريخ",
     [("غوران بوي", ("goranboy",)), ("وترتر", ("tartar",)), ("وآغدام", ("aghdam",)), ("وأغجه بدي", ("aghjabadi",)),
      ("وبردي", ("barda",))]),
    ("وفي مدينة شوشة، طال القصف", [("شوشة", ("shusha",))]),
    ("Обстрелу подверглись Степанакерт и Шушу", [("Степанакерт", ("stepanakert",)), ("Шушу", ("shusha",))]),
    ("в Степанакерте и в Тертерском районе", [("Степанакерте", ("stepanakert",)), ("Тертерском", ("tartar",))]),
    ("Şuşada və Tərtərdə atəş açılıb", [("Şuşada", ("shusha",)), ("Tərtərdə", ("tartar",))]),
    ("Shells fell on Shushi and Khankendi", [("Shushi", ("shusha",)), ("Khankendi", ("stepanakert",))]),
    ("Fighting near Martuni", [("Martuni", ("martuni", "martuni_am"))]),  # two places: both offered
    ("the shelling was heavy in the town", []),  # lower case: never a place
])
def test_find(finder: PlaceFinder, sentence: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    found = finder.find(sentence)
    assert [(m.words, m.place_ids) for m in found] == expected
    assert all(sentence[m.start:m.end] == m.words for m in found)
