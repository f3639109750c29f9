"""Normalising place names before they are compared.

Two keys are computed from a name; two names match when a key is equal:

`normalize(text)`, the *exact* key:
  Unicode NFKC; Arabic normalisation (`arabic_normalize`); case folding; Armenian `ու` read as
  `u`; every non-Arabic letter transliterated to ASCII with `anyascii` (Cyrillic, Armenian,
  Georgian, ...; diacritics dropped: `Şuşa` → `susa`, Azerbaijani `ə` → `e`, `ı` → `i`,
  `ğ` → `g`, `ç` → `c`, `ö` → `o`, `ü` → `u`); apostrophes dropped (`Step'anakert`); other
  punctuation and spaces folded to one space. Arabic stays in Arabic script (transliterating it
  loses too much); it is compared after `arabic_normalize`.

`loose_key(text)`, the *spelling-tolerant* key (used for a second exact pass and for fuzzy
matching): Azerbaijani letters are first romanised the English way (in every name, query and gazetteer
alike, so only consistency matters) (`ə` → `a`, `ş` → `sh`,
`ç` → `ch`, `ğ` → `gh`, `x` → `kh`, `c` → `j`, `q` → `g`), then transliterated; then spelling
variants common to English, French, German, Russian and Turkish romanisations are folded
(`dsch` → `j`, `sch` → `sh`, `dzh`/`dj`/`zh` → `j`, `kh` → `h`, `gh` → `g`, `sh` → `s`, `tch` → `ch`,
`ou` → `u`, `y` → `i`), doubled letters
collapsed and spaces removed. So `Agdjabedi`, `Agjabedi` and `Ağcabədi` share `agjabadi`/`agjabedi`
closely enough for the fuzzy pass, and `Xankəndi`/`Khankendi`/`Hankendi` share one key.

`split_place_words(text)` removes words such as "city", "village", "مدينة", "город" (they do not
change the place) and "district", "region", "район", "منطقة" (they do: the answer is then only
the district's main town, flagged precision `region`), provided some other word remains.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

# --- Arabic -------------------------------------------------------------------------------------

_ARABIC_TABLE = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",  # hamza / madda / wasla forms of alef
        "ة": "ه",  # taa marbuta
        "ى": "ي",  # alef maqsura
        "ؤ": "و", "ئ": "ي",  # hamza carriers
        "ک": "ك", "ی": "ي", "ۀ": "ه", "ھ": "ه", "ے": "ي",  # Persian / Urdu letter forms
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Extended Arabic-Indic digits
    }
)
# Tashkeel (harakat, shadda, sukun, tanween), superscript alef, Quranic marks, tatweel.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTER = "\u0621-\u063a\u0641-\u064a\u066e-\u06d3"
_HAS_ARABIC = re.compile(f"[{_ARABIC_LETTER}]")


def arabic_normalize(text: str) -> str:
    """Fold Arabic spelling variants: أ إ آ ٱ → ا, ة → ه, ى → ي, ؤ → و, ئ → ي; drop tashkeel and tatweel."""
    return _ARABIC_MARKS.sub("", text.translate(_ARABIC_TABLE))


def has_arabic(text: str) -> bool:
    return bool(_HAS_ARABIC.search(text))


# --- Latin transliteration ----------------------------------------------------------------------

# Runs of characters that are neither ASCII nor Arabic letters: transliterated with anyascii.
_TRANSLITERATE_RUN = re.compile(f"[^\\x00-\\x7f{_ARABIC_LETTER}]+")
_ARMENIAN_U = re.compile("ու")  # the Armenian digraph for /u/ (anyascii would give "ow")
_APOSTROPHES = re.compile("['`´ʹʻʼʽ’‘ʿʾ]")
_SEPARATORS = re.compile(f"[^0-9a-z{_ARABIC_LETTER}]+")


def _transliterate(text: str) -> str:
    text = _ARMENIAN_U.sub("u", text)
    return _TRANSLITERATE_RUN.sub(lambda m: anyascii(m.group()), text).lower()


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """The exact-match key of a name (see the module docstring)."""
    if text.isascii():  # fast path, same result
        return _SEPARATORS.sub(" ", _APOSTROPHES.sub("", text.lower())).strip()
    text = arabic_normalize(unicodedata.normalize("NFKC", text)).casefold()
    text = _APOSTROPHES.sub("", _transliterate(text))
    return _SEPARATORS.sub(" ", text).strip()


# --- Loose key ----------------------------------------------------------------------------------

_AZERBAIJANI_TO_ENGLISH = (
    ("ə", "a"), ("ş", "sh"), ("ç", "ch"), ("ğ", "gh"), ("ı", "i"), ("ö", "o"), ("ü", "u"),
)
_AZ_X = re.compile("x")
_AZ_C = re.compile("c(?!h)")
_AZ_Q = re.compile("q")
_LOOSE_FOLDS = (
    ("dsch", "j"), ("tsch", "ch"), ("sch", "sh"),  # German: Gandscha, Tschetschenien, Schuscha
    ("dzh", "j"), ("dj", "j"), ("zh", "j"), ("tch", "ch"), ("kh", "h"), ("gh", "g"), ("sh", "s"),
    ("ou", "u"), ("y", "i"),
)
_DOUBLED = re.compile(r"([a-z])\1+")
_NOT_KEY = re.compile(f"[^0-9a-z{_ARABIC_LETTER}]+")


@lru_cache(maxsize=65536)
def loose_key(text: str) -> str:
    """The spelling-tolerant key of a name (see the module docstring)."""
    if text.isascii():  # fast path, same result
        text = _AZ_Q.sub("g", _AZ_C.sub("j", _AZ_X.sub("kh", text.lower())))
    else:
        text = arabic_normalize(unicodedata.normalize("NFKC", text)).casefold()
        for letter, latin in _AZERBAIJANI_TO_ENGLISH:
            text = text.replace(letter, latin)
        text = _transliterate(_AZ_Q.sub("g", _AZ_C.sub("j", _AZ_X.sub("kh", text))))
    text = _APOSTROPHES.sub("", text)
    for spelling, folded in _LOOSE_FOLDS:
        text = text.replace(spelling, folded)
    return _NOT_KEY.sub("", _DOUBLED.sub(r"\1", text))


# --- Words that are not part of the name --------------------------------------------------------

# Exact keys (after `normalize`) of words naming the kind of settlement: dropped.
SETTLEMENT_WORDS = frozenset(
    {
        "city", "town", "village", "settlement", "ville", "stadt",
        "gorod", "g", "selo", "poselok", "pgt", "derevnia",  # город, г., село, посёлок (anyascii forms)
        "seher", "kend", "qesebe",  # şəhər, kənd, qəsəbə
        "kaghak", "giugh", "gyugh",  # քաղաք, գյուղ
        "مدينه", "بلده", "قريه", "بلدة",
    }
)
# Exact keys of words naming an administrative area: dropped, and the answer is flagged `region`.
REGION_WORDS = frozenset(
    {
        "district", "region", "province", "county", "rayon", "raion", "rayonu", "oblast", "marz",
        "район", "raiona", "rajon",
        "منطقه", "اقليم", "محافظه", "ناحيه", "قضاء",
    }
)


def split_place_words(text: str) -> tuple[str, bool]:
    """`(name without settlement/region words, whether a region word was removed)`.

    The words are removed only when another word remains: "Town" alone stays "Town".
    """
    tokens = [t for t in re.split(r"[\s,.;:()\[\]/\\_-]+", unicodedata.normalize("NFKC", text)) if t]
    keep: list[str] = []
    region = False
    for token in tokens:
        key = normalize(token)
        if key in SETTLEMENT_WORDS:
            continue
        if key in REGION_WORDS:
            region = True
            continue
        keep.append(token)
    if not keep:
        return text.strip(), False
    return " ".join(keep), region


_BRACKETS = re.compile(r"^(?P<outer>[^()]*)\((?P<inner>[^()]*)\)(?P<rest>[^()]*)$")
_ALTERNATIVES = re.compile(r"\s+/\s+|\s*;\s*|\s+\|\s+")


def name_parts(text: str) -> list[str]:
    """The names inside a combined label: `Shusha / Shushi`, `Lachin (Berdzor)` → both names.

    Returns `[]` when the text is a single name.
    """
    match = _BRACKETS.match(text)
    if match:
        outer = (match["outer"] + " " + match["rest"]).strip()
        parts = [p.strip() for p in (outer, match["inner"]) if p.strip()]
        return parts if len(parts) > 1 else []
    parts = [p.strip() for p in _ALTERNATIVES.split(text) if p.strip()]
    return parts if len(parts) > 1 else []
