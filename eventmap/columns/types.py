"""Free-text event types ("shelling", "قصف", "обстрел") onto ACLED's types, only where the word says so.

`acled_type(text)` returns the ACLED event type and sub-event type a free-text type names, or None. It is
conservative: a text that is ACLED's own type or sub-event type is taken as it is; otherwise a few words
(English, Arabic, Russian, German, French, Spanish) that each name one ACLED sub-event type; a text whose
words point to two different types, or to none, maps to nothing (the loader keeps the text in
`event_type_original`).
"""

from __future__ import annotations

import re

from eventmap.schema import EVENT_TYPES

SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
AIR_STRIKE = ("Explosions/Remote violence", "Air/drone strike")
LANDMINE = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
CLASH = ("Battles", "Armed clash")
PROTEST = ("Protests", "Peaceful protest")

# Word stems: a word of the text that starts with one of these names the type.
_STEMS: dict[tuple[str, str], tuple[str, ...]] = {
    SHELLING: ("shell", "artiller", "rocket", "missile", "mortar", "قصف", "صاروخ", "صواريخ", "مدفع",
               "обстрел", "артиллер", "ракет", "миномет", "миномёт",
               "beschuss", "granatbeschuss", "rakete", "mörser", "obus", "tir d'artillerie", "cohete", "misil",
               "mortero"),
    AIR_STRIKE: ("drone", "airstrike", "air strike", "air-strike", "bombing", "غارة", "مسيرة",
                 "مسيّرة", "طائرة مسيرة", "авиаудар", "беспилотн", "бпла", "дрон", "бомбардир",
                 "luftangriff", "drohne", "frappe aérienne", "frappe de drone", "ataque aéreo", "dron"),
    LANDMINE: ("landmine", "land mine", "ied", "لغم", "ألغام", "عبوة ناسفة", "мина", "мины", "фугас", "сву"),
    CLASH: ("clash", "fighting", "battle", "firefight", "اشتباك", "معارك", "معركة", "бой", "бои", "столкновен",
            "gefecht", "kämpfe", "affrontement", "combats", "enfrentamiento", "combate"),
    PROTEST: ("protest", "demonstrat", "rally", "مظاهرة", "تظاهر", "احتجاج", "протест", "митинг",
              "демонстрац", "kundgebung", "manifestation", "manifestación"),
}
# ACLED's own sub-event types, except those that are everyday words meaning more than ACLED's sense
# ("attack" is not always an attack on civilians).
_TOO_GENERAL = frozenset({"attack", "other"})
_EXACT: dict[str, tuple[str, str]] = {
    sub.lower(): (etype, sub) for etype, subs in EVENT_TYPES.items() for sub in subs if sub.lower() not in _TOO_GENERAL
}
_EVENT_TYPES: dict[str, str] = {etype.lower(): etype for etype in EVENT_TYPES}
_WORD_START = r"(?:^|(?<=[\s,;/()\-_.'’]))"
# Whole words only for the short stems that begin other words (мина/минус, бой/бойкот, сву, ied).
_WHOLE = re.compile(r"^(?:ied|мина|мины|бой|бои|сву)$", re.IGNORECASE)
# Arabic words take prefixes (و، ب، ال): they match anywhere in a word.
_ARABIC = re.compile("[\u0600-\u06ff]")


def acled_type(text: str) -> tuple[str, str] | None:
    """The (event type, sub-event type) of ACLED that a free-text type names; None when it names none
    or more than one. ACLED's own event type alone (`Battles`) gives an empty sub-event type: which one
    is not said."""
    cleaned = " ".join(text.split())
    if not cleaned:
        return None
    lowered = cleaned.lower()
    if lowered in _EXACT:
        return _EXACT[lowered]
    if lowered in _EVENT_TYPES:
        return _EVENT_TYPES[lowered], ""
    found = {target for target, stems in _STEMS.items() if any(_names(lowered, stem) for stem in stems)}
    return found.pop() if len(found) == 1 else None


def _names(text: str, stem: str) -> bool:
    if _ARABIC.search(stem):
        return stem in text
    if _WHOLE.match(stem):
        return re.search(_WORD_START + re.escape(stem) + r"(?=$|[\s,;/()\-_.])", text) is not None
    return re.search(_WORD_START + re.escape(stem), text) is not None
