"""Reading an analyst's place string: which part is the place, which the province, which the country.

`split_query("Donetsk Oblast  Mariupol")` → `QueryParts(place="Mariupol", admin1="Donetsk")`; so
do "Donetsk Oblast, Mariupol", "Mariupol (Donetsk)" (with `is_admin1` saying that Donetsk is a
province), "Mariupol, Donetsk Oblast" and "Mariupol, Ukraine" (country="Ukraine"). A part is:

- a country when `geo.countries.country_code` knows it;
- a province when it carries a region word ("Oblast", "Province", "Marz", "Rayon", "Region",
  "область", ...) or when `is_admin1(part)` says so (the caller checks its admin1 names);
- else the place. When several parts could be the place, the last one is (the usual order is
  "province, place"); when no part is left for the place, the province's own name is the place.

A string with one part and no region word is a plain name: `QueryParts(place=text)`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from geo.countries import country_code
from geo.normalize import normalize

# Exact keys (after `normalize`) of words that make a part a province: "Kharkiv Oblast".
ADMIN1_WORDS = frozenset({
    "oblast", "oblasti", "oblasts", "obl", "province", "region", "marz", "marzi", "rayon", "rayonu", "raion",
    "raionu", "district", "governorate", "krai", "kray",
})
_PARTS = re.compile(r"\s*[,;|]\s*|\s{2,}|\s*\(\s*|\s*\)\s*|\s+-\s+|\s*/\s*")


@dataclass(frozen=True, slots=True)
class QueryParts:
    """What a place string says: the place, and the province and country it names (if any)."""

    place: str
    admin1: str = ""
    country: str = ""

    @property
    def has_context(self) -> bool:
        return bool(self.admin1 or self.country)


def _region_split(part: str) -> tuple[str, str] | None:
    """`("Donetsk", "Mariupol")` for "Donetsk Oblast Mariupol": words before a region word, and after."""
    words = part.split()
    for at, word in enumerate(words):
        if normalize(word) in ADMIN1_WORDS and at > 0:
            return " ".join(words[:at]), " ".join(words[at + 1:])
    return None


def split_query(text: str, *, is_admin1: Callable[[str], bool] = lambda _: False) -> QueryParts:
    """The place, province and country named by `text` (see the module docstring)."""
    text = " ".join(text.replace("\u00a0", " ").split(" ")).strip()  # keep double spaces: they separate
    parts = [p.strip() for p in _PARTS.split(text) if p and p.strip()]
    if len(parts) <= 1:
        single = " ".join(text.split())
        region = _region_split(single)
        if region is None or not region[1]:
            return QueryParts(place=single)
        return QueryParts(place=region[1], admin1=region[0])
    place: list[str] = []
    admin1 = country = ""
    for part in parts:
        region = _region_split(part)
        if region is not None:
            admin1 = admin1 or region[0]
            if region[1]:
                place.append(region[1])
        elif not country and country_code(part) is not None and len(parts) > 1:
            country = part
        elif not admin1 and place and is_admin1(part):
            admin1 = part
        else:
            place.append(part)
    if not place and admin1:
        return QueryParts(place=admin1, country=country)
    if not place:
        return QueryParts(place=" ".join(text.split()))
    if len(place) > 1 and not admin1 and is_admin1(place[0]):
        admin1 = place.pop(0)
    return QueryParts(place=place[-1], admin1=admin1, country=country)
