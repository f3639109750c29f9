"""Messy analyst strings: the place, the province and the country in them."""

from __future__ import annotations

import pytest

from geo.querysplit import QueryParts, split_query

PROVINCES = {"Donetsk", "Kharkiv", "Syunik"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Kharkiv Oblast  Kharkiv", QueryParts(place="Kharkiv", admin1="Kharkiv")),
    ("Donetsk Oblast  Mariupol", QueryParts(place="Mariupol", admin1="Donetsk")),
    ("Donetsk Oblast, Mariupol", QueryParts(place="Mariupol", admin1="Donetsk")),
    ("Donetsk Oblast Mariupol", QueryParts(place="Mariupol", admin1="Donetsk")),
    ("Mariupol (Donetsk)", QueryParts(place="Mariupol", admin1="Donetsk")),
    ("Mariupol, Donetsk Oblast", QueryParts(place="Mariupol", admin1="Donetsk")),
    ("Mariupol, Ukraine", QueryParts(place="Mariupol", country="Ukraine")),
    ("Syunik Province, Goris, Armenia", QueryParts(place="Goris", admin1="Syunik", country="Armenia")),
    ("Kharkiv, Chuhuiv", QueryParts(place="Chuhuiv", admin1="Kharkiv")),
    ("Mariupol", QueryParts(place="Mariupol")),
    ("Donetsk Oblast", QueryParts(place="Donetsk Oblast")),
    ("Lachin (Berdzor)", QueryParts(place="Berdzor")),
])
def test_split(text: str, expected: QueryParts) -> None:
    assert split_query(text, is_admin1=PROVINCES.__contains__) == expected
