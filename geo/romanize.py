"""The romanisation key: one spelling for the many ways a Caucasus or Ukrainian place name is written in Latin.

`roman_key(text)` is compared between a query and every name of the village index (main and
alternate names alike), and is what rapidfuzz compares when a name is matched fuzzily. It reads
Armenian, Azerbaijani, Ukrainian and Russian names in their own script or in any of the usual
romanisations and folds the differences between them:

- Azerbaijani letters, read the English way first: `ə` → `a`, `ş` → `sh`, `ç` → `ch`, `ğ` → `g`,
  `ı` → `i`, `ö` → `o`, `ü` → `u`, `x` → `kh`, `c` → `j`, `q` → `k`;
- other scripts transliterated with `anyascii` (Armenian `ու` read as `u`);
- German `dsch` → `j`, `tsch` → `c`, `sch` → `s` (Gandscha, Schuscha);
- `kh`/`x`/`h` → `h`, `gh` → `g`, `dzh`/`dj`/`zh`/`j` → `j`, `shch`/`sh` → `s`, `ts`/`tz`/`ch`
  → `c`, `q` → `k`, `w` → `v`, `ou` → `u`, `y` → `i`; a word's leading `ye`/`ie` → `e`;
- apostrophes (`'`, `ʼ`, `’`) and everything but letters and digits dropped, doubled letters
  collapsed (`-iy`, `-yi`, `-yy` endings all end in `i`).

Arabic is kept in Arabic script (after `arabic_normalize`), as in `geo.normalize`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from geo.normalize import arabic_normalize

_ARABIC_LETTER = "\u0621-\u063a\u0641-\u064a\u066e-\u06d3"
_AZERBAIJANI = str.maketrans({"ə": "a", "ş": "sh", "ç": "ch", "ğ": "g", "ı": "i", "ö": "o", "ü": "u",
                              "x": "kh", "q": "k"})
_AZ_C = re.compile("c(?!h)")
_ARMENIAN_U = re.compile("ու")
_NOT_ASCII_OR_ARABIC = re.compile(f"[^\\x00-\\x7f{_ARABIC_LETTER}]+")
_APOSTROPHES = re.compile("['`´ʹʻʼʽ’‘ʿʾ]")
_FOLDS = (
    ("dsch", "j"), ("tsch", "c"), ("sch", "s"),  # German: Gandscha, Tschetschenien, Schuscha
    ("shch", "s"), ("dzh", "j"), ("dj", "j"), ("zh", "j"), ("tch", "c"), ("tz", "c"), ("ts", "c"),
    ("ch", "c"), ("kh", "h"), ("gh", "g"), ("sh", "s"), ("ou", "u"), ("w", "v"), ("y", "i"),
)
_WORD_START_YE = re.compile(r"\b[iy]e")
_DOUBLED = re.compile(r"([a-z])\1+")
_NOT_KEY = re.compile(f"[^0-9a-z{_ARABIC_LETTER}]+")


@lru_cache(maxsize=131072)
def roman_key(text: str) -> str:
    """The romanisation-folded key of a place name (see the module docstring); "" for no letters."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    text = text.casefold().translate(_AZERBAIJANI)
    if "c" in text:
        text = _AZ_C.sub("j", text)
    if not text.isascii():
        text = arabic_normalize(_ARMENIAN_U.sub("u", text))
        text = _NOT_ASCII_OR_ARABIC.sub(lambda m: anyascii(m.group()), text).lower()
    text = _APOSTROPHES.sub("", text)
    if "e" in text:
        text = _WORD_START_YE.sub("e", text)
    for spelling, folded in _FOLDS:
        if spelling in text:
            text = text.replace(spelling, folded)
    return _DOUBLED.sub(_first_letter, _NOT_KEY.sub("", text))


def _first_letter(match: re.Match[str]) -> str:
    return match[1]
