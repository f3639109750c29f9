"""Finding the gazetteer's places in a sentence, in any script and in inflected or prefixed forms.

Every spelling of every place (`geo.gazetteer`: English, Armenian usage and script, Azerbaijani,
Russian, Arabic, other variants) is looked up by its exact key (`geo.normalize.normalize`), its
spelling-tolerant key (`loose_key`) and, for Latin names, its romanisation key (`geo.romanize.roman_key`).
Word runs of one to four words are tried, longest first; before giving up on a run:

- Arabic: the attached prefixes و ف ب ل ك ال and their combinations (وال، بال، لل، وب ...) are removed
  from its first word ("وترتر" → "ترتر", "بالصواريخ" is no place);
- Russian: case and adjective endings are compared by stem ("в Степанакерте", "Шушу", "Тертерский район"),
  and a district adjective before "район" by the town it is made from ("в Физулинском районе" → Физули);
- Latin: Azerbaijani case suffixes and the English possessive ("Şuşada", "Tərtərə", "Stepanakert's").

A word right after "village", "село/селе", "قرية" or "بلدة" that is not in the gazetteer is looked up in the
GeoNames village index (`geo.placeindex`), in Azerbaijan and Armenia only ("the village of Kornidzor",
"село Корнидзор"); its id is `geonames:<geonameid>`.

Latin and Cyrillic runs must start with a capital letter. A spelling shared by two places (Martuni in
Nagorno-Karabakh and in Armenia) gives both: the caller offers both and never picks one silently.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from geo.countries import country_name
from geo.gazetteer import Gazetteer
from geo.normalize import loose_key, normalize
from geo.placeindex import PlaceIndex
from geo.romanize import roman_key

MAX_WORDS = 4
MIN_KEY = 3
_WORD = re.compile(r"[^\W\d_](?:[\w'’ʼ-]*\w)?")
_AR_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "وب", "ول", "فب", "و", "ب", "ل", "ف", "ك")
_RU_ENDINGS = tuple(sorted((
    "ского", "скому", "ском", "ской", "скую", "ские", "ских", "ским", "скими", "ский", "ая", "ое", "ые",
    "ами", "ями", "ого", "ему", "ому", "ой", "ей", "ом", "ем", "ах", "ях", "ую", "юю", "ый", "ий", "ым", "им",
    "ы", "и", "а", "я", "у", "ю", "е", "о", "ь", "й",
), key=len, reverse=True))
VILLAGE_COUNTRIES = ("AZ", "AM")
# Words after which a name is looked for in the village index too (folded to lower case).
SETTLEMENT_CUES = frozenset({"village", "villages", "settlement", "hamlet", "село", "селе", "села", "селом",
                             "деревня", "деревне", "поселок", "посёлок", "поселке", "посёлке", "قريه", "بلده",
                             "وقريه", "بقريه", "لقريه"})
_LATIN_SUFFIXES = ("’s", "'s", "dakı", "dəki", "dan", "dən", "nın", "nin", "nun", "nün", "da", "də", "ya", "yə",
                   "ın", "in", "un", "ün", "ı", "a", "ə")


@dataclass(frozen=True, slots=True)
class PlaceInfo:
    """What a draft row needs of a place, from the gazetteer or the village index."""

    place_id: str
    name_en: str
    country: str
    admin1: str
    lat: float | None
    lon: float | None
    precision: str
    place_type: str


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    words: str  # as written
    place_ids: tuple[str, ...]  # one, or several when the spelling is shared
    how: str  # "exact", "loose", "prefix", "inflection"


def _is_arabic(word: str) -> bool:
    return "\u0600" <= word[0] <= "\u06ff"


def _is_cyrillic(word: str) -> bool:
    return "\u0400" <= word[0] <= "\u04ff"


def russian_stem(word: str) -> str:
    lower = word.lower().replace("ё", "е")
    for ending in _RU_ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= 3:
            return lower[: -len(ending)]
    return lower


_RU_ADJECTIVE = tuple(sorted((e for e in _RU_ENDINGS if e.startswith("ск")), key=len, reverse=True))


def district_stems(word: str) -> tuple[str, ...]:
    """The stems of the town a Russian district adjective is made from, most likely first: "Тертерского"
    (района) → "тертер"; "Физулинском" → "физулин", then "физул" (Физули + н); () when it is no such adjective."""
    lower = word.lower().replace("ё", "е")
    for ending in _RU_ADJECTIVE:
        if lower.endswith(ending) and len(lower) - len(ending) >= 3:
            base = lower[: -len(ending)]
            stems = [russian_stem(base)]
            if base.endswith("н") and len(base) > 4:
                stems.append(russian_stem(base[:-1]))
            return tuple(dict.fromkeys(stems))
    return ()


class PlaceFinder:
    """The gazetteer's spellings, indexed for finding them inside running text."""

    def __init__(self, gazetteer: Gazetteer, *, villages: PlaceIndex | None = None,
                 countries: tuple[str, ...] = VILLAGE_COUNTRIES) -> None:
        self.gazetteer = gazetteer
        self.villages = villages
        self.countries = frozenset(countries)
        self._village_info: dict[str, PlaceInfo] = {}
        self._stems: dict[str, set[str]] = defaultdict(set)
        self._roman: dict[str, set[str]] = defaultdict(set)
        for place in gazetteer.places.values():
            for name, _ in place.aliases():
                words = _WORD.findall(name)
                if words and all(_is_cyrillic(w) for w in words):
                    self._stems[" ".join(russian_stem(w) for w in words)].add(place.place_id)
                elif name.isascii() or all(not _is_arabic(w) for w in words):
                    key = roman_key(name)
                    if len(key) >= MIN_KEY + 1:
                        self._roman[key].add(place.place_id)

    def _lookup(self, text: str) -> tuple[str, ...]:
        key = normalize(text)
        if len(key.replace(" ", "")) < MIN_KEY:
            return ()
        found = self.gazetteer.exact(key) or self.gazetteer.loose(loose_key(text))
        if found:
            return tuple(sorted({alias.place_id for alias in found}))
        if not _is_arabic(text):
            return tuple(sorted(self._roman.get(roman_key(text), ())))
        return ()

    def _match(self, words: list[str]) -> tuple[tuple[str, ...], str]:
        text = " ".join(words)
        found = self._lookup(text)
        if found:
            return found, "exact"
        first = words[0]
        if _is_arabic(first):
            for prefix in _AR_PREFIXES:
                if first.startswith(prefix) and len(first) - len(prefix) >= MIN_KEY:
                    found = self._lookup(" ".join([first[len(prefix):], *words[1:]]))
                    if found:
                        return found, "prefix"
        elif all(_is_cyrillic(w) for w in words):
            stems = self._stems.get(" ".join(russian_stem(w) for w in words), set())
            if stems:
                return tuple(sorted(stems)), "inflection"
            if (len(words) == 2 and russian_stem(words[1]) == "район"
                    and not self._stems.get(russian_stem(words[0]))):  # else the adjective alone is found
                for stem in district_stems(words[0]):
                    if self._stems.get(stem):
                        return tuple(sorted(self._stems[stem])), "inflection"
        else:
            last = words[-1]
            for suffix in _LATIN_SUFFIXES:
                if last.endswith(suffix) and len(last) - len(suffix) >= 4:
                    found = self._lookup(" ".join([*words[:-1], last[: -len(suffix)]]))
                    if found:
                        return found, "inflection"
        return (), ""

    def describe(self, place_id: str) -> PlaceInfo:
        """The place of an id that `find` returned."""
        if place_id in self._village_info:
            return self._village_info[place_id]
        place = self.gazetteer.places[place_id]
        point = self.gazetteer.point(place_id)
        return PlaceInfo(place_id, place.name_en, place.country, place.admin1, point.lat if point else None,
                         point.lon if point else None, point.precision if point else "near", place.place_type)

    def _village(self, word: str) -> tuple[str, ...]:
        if self.villages is None:
            return ()
        variants = [word]
        if _is_arabic(word):
            variants += [word[len(p):] for p in _AR_PREFIXES if word.startswith(p) and len(word) - len(p) >= MIN_KEY]
        elif _is_cyrillic(word):
            stem = russian_stem(word)
            variants += [stem, stem + "и", stem + "ы", stem + "а"]
        else:
            variants += [word[: -len(s)] for s in _LATIN_SUFFIXES if word.endswith(s) and len(word) - len(s) >= 4]
        found: list[str] = []
        for variant in variants:
            for position, _ in self.villages.lookup(roman_key(variant)):
                place = self.villages.place(position)
                if place.country not in self.countries:
                    continue
                place_id = f"geonames:{place.geonameid}"
                self._village_info[place_id] = PlaceInfo(place_id, place.name, country_name(place.country),
                                                         place.admin1, place.lat, place.lon, "exact", "village")
                if place_id not in found:
                    found.append(place_id)
            if found:
                break
        return tuple(found)

    @staticmethod
    def _after_cue(tokens: list[tuple[int, int, str]], i: int) -> bool:
        """Whether word `i` follows "village", "село", "قرية" (or "village of")."""
        before = [word.lower().replace("ة", "ه") for _, _, word in tokens[max(0, i - 2):i]]
        return bool(before) and (before[-1] in SETTLEMENT_CUES
                                 or (len(before) == 2 and before[-1] == "of" and before[0] in SETTLEMENT_CUES))

    def find(self, sentence: str) -> list[PlaceMention]:
        """Every place named in `sentence`, in order, longest word runs first, none overlapping."""
        tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(sentence)]
        mentions: list[PlaceMention] = []
        i = 0
        while i < len(tokens):
            first = tokens[i][2]
            if not _is_arabic(first) and not first[0].isupper():
                i += 1
                continue
            for size in range(min(MAX_WORDS, len(tokens) - i), 0, -1):
                run = tokens[i:i + size]
                found, how = self._match([word for _, _, word in run])
                if found:
                    start, end = run[0][0], run[-1][1]
                    mentions.append(PlaceMention(start, end, sentence[start:end], found, how))
                    i += size
                    break
            else:
                if self._after_cue(tokens, i):
                    found = self._village(first)
                    if found:
                        start, end = tokens[i][0], tokens[i][1]
                        mentions.append(PlaceMention(start, end, sentence[start:end], found, "village index"))
                i += 1
        return mentions
