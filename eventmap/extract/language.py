"""Which language an article is written in: by its script, then a vote of common words.

Arabic, Russian and Armenian each have a script of their own, so counting letters decides them with
no model at all; Latin-script text is told apart (English, French, German, Spanish, Azerbaijani/Turkish)
by how many of each language's most common words it uses. No package and no model download: the
project reads the languages of this war, and these rules are exact for its three main ones.
"""

from __future__ import annotations

import re
from collections import Counter
from enum import Enum


class Script(Enum):
    ARABIC = "arabic"
    CYRILLIC = "cyrillic"
    ARMENIAN = "armenian"
    LATIN = "latin"


_SCRIPT_RANGES: tuple[tuple[Script, int, int], ...] = (
    (Script.ARABIC, 0x0600, 0x06FF),
    (Script.CYRILLIC, 0x0400, 0x04FF),
    (Script.ARMENIAN, 0x0530, 0x058F),
)
_SCRIPT_LANGUAGE = {Script.ARABIC: "ar", Script.CYRILLIC: "ru", Script.ARMENIAN: "hy"}
# The most common words of each Latin-script language (lower case).
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words("the of and to in a is that for on was with as by said at from it were has have"),
    "fr": _words("le la les de des et en un une du dans est que pour sur par au avec a été"),
    "de": _words("der die das und in den von zu mit sich des auf für ist im dem nicht ein eine"),
    "es": _words("el la los las de y en que a del se por un una con para es al"),
    "az": _words("və bu bir ilə üçün da də ki olan isə onun bildirib tərəfindən"),
}
_WORD = re.compile(r"[^\W\d_]+")


def script_of(char: str) -> Script | None:
    code = ord(char)
    for script, low, high in _SCRIPT_RANGES:
        if low <= code <= high:
            return script
    return Script.LATIN if (char.isascii() and char.isalpha()) or "\u00c0" <= char <= "\u024f" else None


def dominant_script(text: str) -> Script | None:
    """The script of most letters of `text` (None when it has no letters)."""
    counts = Counter(script for char in text if char.isalpha() and (script := script_of(char)) is not None)
    return counts.most_common(1)[0][0] if counts else None


def detect_language(text: str) -> str:
    """ISO 639-1 code of the article's language ("" when it has no letters); Latin script defaults to "en"."""
    script = dominant_script(text)
    if script is None:
        return ""
    if script in _SCRIPT_LANGUAGE:
        return _SCRIPT_LANGUAGE[script]
    words = Counter(word.lower() for word in _WORD.findall(text))
    votes = {lang: sum(words[w] for w in common) for lang, common in STOPWORDS.items()}
    best = max(votes, key=lambda lang: votes[lang])
    return best if votes[best] > 0 else "en"
