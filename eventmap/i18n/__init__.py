"""The interface's strings, one JSON catalogue per language (`en.json`, `ar.json`, ...).

Another language is one more file with the same keys. `t(key, lang)` falls back to English for a
key a catalogue lacks (a test checks that none lacks any) and to the key itself for an unknown key.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

CATALOGUE_DIR = Path(__file__).resolve().parent
DEFAULT_LANG = "en"
RTL_LANGS = frozenset({"ar", "fa", "he", "ur"})


@cache
def catalogue(lang: str) -> dict[str, str]:
    path = CATALOGUE_DIR / f"{lang}.json"
    if not path.is_file():
        raise KeyError(f"no catalogue for language {lang!r} (looked for {path.name})")
    return json.loads(path.read_text(encoding="utf-8"))


def languages() -> list[str]:
    return sorted(p.stem for p in CATALOGUE_DIR.glob("*.json"))


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The string `key` in `lang`, with `{name}` placeholders filled from `values`."""
    text = catalogue(lang).get(key) if lang in languages() else None
    if text is None:
        text = catalogue(DEFAULT_LANG).get(key, key)
    return text.format(**values) if values else text


def is_rtl(lang: str) -> bool:
    return lang in RTL_LANGS
