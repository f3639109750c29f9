"""Fonts and right-to-left text for the pictures.

matplotlib 3.11 lays text out with libraqm (HarfBuzz shaping + the Unicode bidi algorithm), so Arabic
comes out joined and right-to-left without `arabic-reshaper`/`python-bidi` (which, on top of raqm,
would reverse it a second time). One flaw remains: inside right-to-left text, raqm reorders the parts
of a Latin run such as a date (`2020-10-08` shows as `08-10-2020`), so every left-to-right run of an
Arabic text is wrapped in LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE (`isolate_ltr_runs`).

Fonts come from Debian (fonts-noto-core, fonts-dejavu-core; `.ci/run` installs them): Noto Sans for
Latin, Noto Sans Arabic, Noto Sans Armenian, with DejaVu Sans as the last fallback. matplotlib picks,
per character, the first family of the list that has it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from eventmap.i18n import is_rtl, t

FONT_DIRS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/truetype/dejavu"))
FONT_FILES = (
    "NotoSans-Regular.ttf", "NotoSans-Bold.ttf",
    "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf",
    "NotoSansArmenian-Regular.ttf", "NotoSansArmenian-Bold.ttf",
    "DejaVuSans.ttf", "DejaVuSans-Bold.ttf",
)
LATIN_FIRST = ("Noto Sans", "Noto Sans Arabic", "Noto Sans Armenian", "DejaVu Sans")
ARABIC_FIRST = ("Noto Sans Arabic", "Noto Sans", "Noto Sans Armenian", "DejaVu Sans")

LRI, PDI = "\u2066", "\u2069"
# Left-to-right runs: a name (starts with a Latin/Armenian/Greek/Cyrillic letter; may hold spaces and
# the punctuation of names, digits included) or a number/date (digits and - / . : , with no spaces, so
# that "8 أكتوبر 2020 – 9 أكتوبر 2020" keeps its right-to-left order between the numbers).
_LETTERS = r"A-Za-z\u00c0-\u024f\u0370-\u058f\u1e00-\u1eff"
_LTR_RUN = re.compile(
    rf"[{_LETTERS}](?:[{_LETTERS}0-9 \-/.,:'’&+()]*[{_LETTERS}0-9)])?"
    r"|[0-9](?:[0-9\-/.:,]*[0-9])?"
)


@cache
def register_fonts() -> tuple[str, ...]:
    """Add the project's fonts to matplotlib (once); the families found, in no particular order."""
    from matplotlib import font_manager

    families: set[str] = set()
    for folder in FONT_DIRS:
        for name in FONT_FILES:
            path = folder / name
            if path.is_file():
                font_manager.fontManager.addfont(str(path))
                families.add(font_manager.FontProperties(fname=str(path)).get_name())
    return tuple(sorted(families))


def font_families(lang: str) -> list[str]:
    """matplotlib's `family` for text in `lang`: the main script's font first, fallbacks after."""
    available = set(register_fonts())
    wanted = ARABIC_FIRST if is_rtl(lang) else LATIN_FIRST
    families = [f for f in wanted if f in available]
    return families or ["DejaVu Sans"]


def isolate_ltr_runs(text: str) -> str:
    """`text` with each left-to-right run wrapped in LRI … PDI (for right-to-left pictures)."""
    if not text:
        return text
    return _LTR_RUN.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", text)


def shown(text: str, lang: str) -> str:
    """A text ready for a picture in `lang`: LTR runs isolated in right-to-left languages."""
    return isolate_ltr_runs(text) if is_rtl(lang) else text


def label(key: str, lang: str, default: str, **values: object) -> str:
    """`t(key, lang)`, or `default` when no catalogue has the key."""
    text = t(key, lang, **values)
    if text == key:
        return default.format(**values) if values else default
    return text
