"""Words that say what happened, who acted, that something is denied, or that a place is only the venue of
talks; matched on folded lower-case text (`relative_dates.fold`) in English, Arabic and Russian.

Arabic words are matched inside words (so `قصف` finds `القصف`, `بقصف`, `وقصف`); English and Russian
ones at the start of a word (so `shell` finds `shelling`, `обстрел` finds `обстрела`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from eventmap.extract.relative_dates import fold

SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
AIR = ("Explosions/Remote violence", "Air/drone strike")
CLASH = ("Battles", "Armed clash")


class Cue(Enum):
    EVENT = "event"
    TALKS = "talks"
    DENIAL = "denial"


@dataclass(frozen=True, slots=True)
class EventKind:
    label: str  # the kind in English words ("shelling")
    event_type: str
    sub_event_type: str


@dataclass(frozen=True, slots=True)
class WordHit:
    words: str  # as written in the sentence
    start: int
    end: int
    kind: EventKind | None  # for Cue.EVENT
    cue: Cue


# (label, (event type, sub-event type), words): the first table row that matches names the kind.
EVENT_WORDS: tuple[tuple[str, tuple[str, str], tuple[str, ...]], ...] = (
    ("drone or air strike", AIR, ("drone", "air strike", "airstrike", "air raid", "warplane", "مسير", "غاره",
                                  "غارات", "беспилот", "бпла", "дрон", "авиаудар", "авиаци")),
    ("rockets or missiles", SHELLING, ("rocket", "missile", "smerch", "tochka", "صاروخ", "صواريخ", "ракет",
                                       "смерч", "точка-у")),
    ("shelling", SHELLING, ("shell", "artillery", "bombard", "mortar", "قصف", "مدفعي", "قذائف", "قذيفه",
                            "обстрел", "артиллер", "снаряд", "бомбил", "бомбард", "удар")),
    ("captured", CLASH, ("captur", "recaptur", "took", "retook", "seized",
                         "liberat", "سيطر", "حرر", "تحرير", "استعاد",
                         "освобож", "освобод", "взял", "взяли", "взят", "занял", "под контроль", "вошли в",
                         "вошла в")),
    ("attack or clash", CLASH, ("attack", "offensive", "clash", "fighting", "battle", "assault", "raid",
                                "هجوم", "اشتباك", "معارك", "معركه", "قتال عنيف", "наступлен", "атак",
                                "бои ", "боев", "столкновен", "штурм")),
    ("hit", SHELLING, ("hit", "struck", "strike", "طال", "استهدف", "поражен")),
)
TALKS_WORDS: tuple[str, ...] = (
    "talks", "negotiat", "meeting", "meet ", "visit", "summit", "conference", "consultation", "ceasefire",
    "cease-fire", "truce", "mediat",
    "مفاوضات", "محادثات", "مباحثات", "مشاورات", "زياره", "يلتقي", "لقاء", "اجتماع", "قمه", "هدنه",
    "وقف اطلاق النار", "وقف القتال", "وساطه",
    "переговор", "встреч", "визит", "консультац", "саммит", "перемири", "прекращени огня", "посредни",
)
DENIAL_WORDS: tuple[str, ...] = (
    "denied", "denies", "deny", "refuted", "rejected the claim", "misinformation", "disinformation", "false claim",
    "نفى", "نفت", "ينفي", "تنفي", "نفي ", "كذب",
    "опроверг", "отрица", "дезинформац", "не соответствует действительности",
)
# Words naming a side, with the side as `sides.toml` spells it.
SIDE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Azerbaijan", ("azerbaijan", "azeri", "باكو", "اذربيج", "الاذري", "اذري", "азербайджан", "баку")),
    ("Armenia", ("armenia", "yerevan", "ارمين", "يريفان", "армян", "армени", "ереван")),
    ("Artsakh", ("artsakh", "karabakh army", "separatist", "الانفصالي", "арцах", "нкр", "карабахск")),
)


def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    words = tuple(fold(word) for word in words)
    arabic = [re.escape(w) for w in words if not w.isascii() and "\u0600" <= w[0] <= "\u06ff"]
    other = [re.escape(w) for w in words if w not in arabic and re.escape(w) not in arabic]
    parts = [f"(?:{'|'.join(sorted(arabic, key=len, reverse=True))})"] if arabic else []
    if other:
        parts.append(rf"(?<!\w)(?:{'|'.join(sorted(other, key=len, reverse=True))})")
    return re.compile("|".join(parts))


_EVENT_PATTERNS = tuple((EventKind(label, *types), _pattern(words)) for label, types, words in EVENT_WORDS)
_TALKS = _pattern(TALKS_WORDS)
_DENIAL = _pattern(DENIAL_WORDS)
_SIDES = tuple((side, _pattern(words)) for side, words in SIDE_WORDS)


_WORD_CHAR = re.compile(r"\w")


def _whole_words(original: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to the whole words it touches ("shell" in "shelled", "صواريخ" in "بالصواريخ")."""
    while start > 0 and _WORD_CHAR.match(original[start - 1]):
        start -= 1
    while end < len(original) and _WORD_CHAR.match(original[end]):
        end += 1
    while end > start and original[end - 1].isspace():
        end -= 1
    return start, end


# What may come before an Arabic word inside the written word: و ف ب ل ك, the article ال, and their combinations
# (so "طال" is found in "وطال" but not in "إيطاليا").
ARABIC_PREFIXES = frozenset({"", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "لل", "كال", "وب", "ول", "فب",
                             "وبال", "ولل", "ي", "ت", "وي", "وت", "س", "ن"})


def _hit(original: str, match: re.Match[str], kind: EventKind | None, cue: Cue) -> WordHit | None:
    start, end = _whole_words(original, match.start(), match.end())
    if "\u0600" <= original[match.start()] <= "\u06ff" and fold(original[start:match.start()]) not in ARABIC_PREFIXES:
        return None
    return WordHit(original[start:end], start, end, kind, cue)


def word_hits(folded: str, original: str) -> list[WordHit]:
    """Every event, talks and denial word of a sentence, as whole words (`folded` is `fold(original)`)."""
    found: list[WordHit | None] = []
    for kind, pattern in _EVENT_PATTERNS:
        found.extend(_hit(original, m, kind, Cue.EVENT) for m in pattern.finditer(folded))
    found.extend(_hit(original, m, None, Cue.TALKS) for m in _TALKS.finditer(folded))
    found.extend(_hit(original, m, None, Cue.DENIAL) for m in _DENIAL.finditer(folded))
    return sorted((hit for hit in found if hit is not None), key=lambda hit: hit.start)


def event_kind(hits: list[WordHit]) -> EventKind | None:
    """The kind of the first table row any hit belongs to (drone before rockets before shelling ...)."""
    kinds = {hit.kind for hit in hits if hit.kind is not None}
    for kind, _ in _EVENT_PATTERNS:
        if kind in kinds:
            return kind
    return None


def side_words(folded: str, *, skip: tuple[int, int] | None = None) -> list[tuple[str, int]]:
    """(side, offset) of every word naming a side, outside the span `skip` (the attribution)."""
    found: list[tuple[str, int]] = []
    for side, pattern in _SIDES:
        for match in pattern.finditer(folded):
            if skip is None or not skip[0] <= match.start() < skip[1]:
                found.append((side, match.start()))
    return sorted(found, key=lambda item: item[1])
