"""Place names as the user chooses to see them, and search by any variant.

Contested places have one name per side: Shusha (international English, from Azerbaijani Şuşa)
or Shushi (Armenian usage); Stepanakert or Xankəndi. The naming setting chooses which is shown
everywhere (map labels, popups, tables, exports):

- `Naming.EN`: the international English name (`Shusha`, `Stepanakert`, `Lachin`);
- `Naming.HY`: Armenian usage (`Shushi`, `Stepanakert`, `Berdzor`), else English;
- `Naming.AZ`: Azerbaijani usage (`Şuşa`, `Xankəndi`, `Laçın`), else English;
- `Naming.BOTH`: the English name and every usage name that differs from it
  (`Shusha / Shushi`, `Stepanakert / Xankəndi`, `Lachin / Berdzor`); spellings of one name
  (`Şuşa` = `Shusha`) are not repeated;
- `Naming.AR`: the Arabic name, for an Arabic class (`شوشا`, `ستيباناكيرت`, `موسكو`), else English.
  Arabic is a language, not a side's usage: it applies to every place, Moscow included. The
  spelling shown is the gazetteer's first, the one the sources use most (`geo.build_gazetteer`);
  `سوسة` (Sousse) is never Shusha's.
- `Naming.RU`: the Russian name (`Шуша`, `Степанакерт`, `Лачин`), for a Russian class, else English; a
  language too, everywhere.

An interface language with names of its own (Arabic, Russian) shows them by default
(`naming_for_language`); the user can still pick any naming.

Places outside the conflict's countries (Moscow, Geneva) show their English name under every
usage naming. A name the gazetteer does not know is shown as it is. A name shared by several places (`Martuni`)
is shown per the `country` given, else unchanged when the places would show differently.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache

from geo.countries import country_code
from geo.gazetteer import Gazetteer, Place, default_gazetteer
from geo.normalize import loose_key, name_parts, normalize

# Usage names apply to places in the conflict's countries; elsewhere (Moscow, Geneva) every usage naming
# shows the English name: "Moskva" is a spelling, not a side's usage. (`Naming.AR` is a language: everywhere.)
USAGE_COUNTRIES = frozenset({"AZ", "AM"})


class Naming(StrEnum):
    EN = "en"
    HY = "hy"
    AZ = "az"
    BOTH = "both"
    AR = "ar"
    RU = "ru"


LANGUAGE_NAMINGS = {"ar": Naming.AR, "ru": Naming.RU}  # interface language → the naming it shows by default


def naming_for_language(lang: str) -> Naming:
    """The naming shown by default in interface language `lang`: its own names where the gazetteer has them."""
    return LANGUAGE_NAMINGS.get(lang, Naming.EN)


def place_name(place: Place, naming: Naming | str) -> str:
    """The name of `place` under `naming`."""
    naming = Naming(naming)
    english = place.name_en
    if naming is Naming.AR:
        return place.first("name_ar") or english
    if naming is Naming.RU:
        return place.first("name_ru") or english
    if naming is Naming.EN or place.country_code not in USAGE_COUNTRIES:
        return english
    if naming is Naming.HY:
        return place.first("name_hy_usage") or english
    if naming is Naming.AZ:
        return place.first("name_az") or english
    shown = [english]
    keys = {loose_key(english)}
    for usage in (place.first("name_hy_usage"), place.first("name_az")):
        if usage and loose_key(usage) not in keys:
            shown.append(usage)
            keys.add(loose_key(usage))
    return " / ".join(shown)


def _places_named(name: str, gazetteer: Gazetteer) -> list[Place]:
    """Places one of whose spellings is `name` (or, for `A / B`, whose parts all name one place)."""
    aliases = gazetteer.exact(normalize(name)) or gazetteer.loose(loose_key(name))
    if aliases:
        return [gazetteer.places[a.place_id] for a in aliases]
    parts = name_parts(name)
    if parts:
        found = [{p.place_id for p in _places_named(part, gazetteer)} for part in parts]
        common = set.intersection(*found) if all(found) else set()
        return [gazetteer.places[pid] for pid in sorted(common)]
    return []


@lru_cache(maxsize=8192)
def _display(name: str, naming: Naming, country: str | None, gazetteer: Gazetteer) -> str:
    places = _places_named(name, gazetteer)
    code = country_code(country)
    if len(places) > 1 and code is not None:
        places = [p for p in places if p.country_code == code] or places
    shown = {place_name(place, naming) for place in places}
    return shown.pop() if len(shown) == 1 else name


def display_name(name: str, naming: Naming, *, country: str | None = None,
                 gazetteer: Gazetteer | None = None) -> str:
    """`name` as `naming` shows it; unchanged when the gazetteer does not know it (or cannot tell which place)."""
    if not name or not name.strip():
        return name
    return _display(name.strip(), Naming(naming), country or None, gazetteer or default_gazetteer())


def all_variants(place_id: str, *, gazetteer: Gazetteer | None = None) -> list[str]:
    """Every spelling of a place, English first; `KeyError` for an unknown id."""
    place = (gazetteer or default_gazetteer()).places[place_id]
    variants: list[str] = []
    for spelling, _ in place.aliases():
        if spelling not in variants:
            variants.append(spelling)
    return variants


def search_names(query: str, *, gazetteer: Gazetteer | None = None, fuzzy_threshold: float = 80.0) -> list[str]:
    """Place ids whose names match `query` in any script or spelling, best first.

    Exact spellings, then spelling variants, then names starting with the query (for a search box),
    then fuzzy matches.
    """
    gazetteer = gazetteer or default_gazetteer()
    key, loose = normalize(query), loose_key(query)
    if not key:
        return []
    found: list[str] = []

    def add(place_ids: list[str]) -> None:
        found.extend(pid for pid in place_ids if pid not in found)

    add([a.place_id for a in gazetteer.exact(key)])
    add([a.place_id for a in gazetteer.loose(loose)])
    if len(key) >= 2:
        for place in gazetteer.places.values():
            if any(normalize(spelling).startswith(key) for spelling, _ in place.aliases()):
                add([place.place_id])
    if len(loose) >= 3:
        add([alias.place_id for alias, _ in gazetteer.fuzzy(loose, threshold=fuzzy_threshold)])
    return found
