"""The interface's strings, one JSON catalogue per language (`en.json`, `ar.json`, ...).

Another language is one more file with the same keys: `languages()` finds it, `t()` uses it, and
the presentation view and the dashboard offer it. `t(key, lang)` falls back to English for a key a
catalogue lacks (a test checks that none lacks any) and to the key itself for an unknown key; a language
that has no catalogue is an error (`UnknownLanguageError`), never English in silence: the edge that reads a
language from a person (`eventmap.urlstate.from_query`, the command line) chooses the default explicitly.
Placeholders are `{name}` fields filled by `t(key, lang, name=...)`.
"""

from __future__ import annotations

import datetime as dt
import json
import string
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from base.errors import EventMapError

CATALOGUE_DIR = Path(__file__).resolve().parent
DEFAULT_LANG = "en"
RTL_LANGS = frozenset({"ar", "fa", "he", "ur"})


class UnknownLanguageError(EventMapError, KeyError):
    """A language that has no catalogue was asked for."""

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return str(self.args[0]) if self.args else ""


@cache
def catalogue(lang: str) -> dict[str, str]:
    path = CATALOGUE_DIR / f"{lang}.json"
    if not path.is_file():
        raise UnknownLanguageError(f"no catalogue for language {lang!r} (looked for {path.name}; "
                                   f"languages: {', '.join(languages())})")
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def languages() -> tuple[str, ...]:
    """The languages that have a catalogue, e.g. `("ar", "en")`."""
    return tuple(sorted(p.stem for p in CATALOGUE_DIR.glob("*.json")))


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The string `key` in `lang`, with `{name}` placeholders filled from `values`."""
    text = catalogue(lang).get(key)
    if text is None:
        text = catalogue(DEFAULT_LANG).get(key, key)
    return text.format(**values) if values else text


def is_rtl(lang: str) -> bool:
    return lang in RTL_LANGS


def direction(lang: str) -> str:
    """The value of an HTML `dir` attribute for `lang`: `"rtl"` or `"ltr"`."""
    return "rtl" if is_rtl(lang) else "ltr"


def resolve_lang(value: str | None) -> str:
    """A language that has a catalogue: `value` (e.g. from `?lang=`) when it has one, else the default."""
    candidate = (value or "").strip().lower()
    return candidate if candidate in languages() else DEFAULT_LANG


def language_name(lang: str) -> str:
    """The language's own name for itself ("English", "العربية"), for a language switch."""
    return t("language.name", lang)


SIDE_PREFIX = "side."


def side_label(side: str, lang: str = DEFAULT_LANG) -> str:
    """A side as the interface names it (`side.Azerbaijan` in ar: "أذربيجان"), else the data's own text.

    Sides are data (free text): the catalogue names only the sides it knows. Use this wherever a side
    is shown; filter on the data's value, never on this label. Unescaped.
    """
    name = side.strip() if side else ""
    if not name:
        return side
    key = SIDE_PREFIX + name
    text = t(key, lang)
    return side if text == key else text


def placeholders(text: str) -> frozenset[str]:
    """The `{name}` fields of a catalogue string."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def strings(lang: str, prefixes: Iterable[str]) -> dict[str, str]:
    """Every string of `lang` whose key starts with one of `prefixes`, English filling any gap.

    For a page that switches language in the browser: it embeds these for each language.
    """
    wanted = tuple(prefixes)
    keys = [key for key in catalogue(DEFAULT_LANG) if key.startswith(wanted)]
    return {key: t(key, lang) for key in keys}


def format_date(day: dt.date, lang: str = DEFAULT_LANG) -> str:
    """A day written out for people: "8 October 2020", "8 أكتوبر 2020"."""
    return t("date.long", lang, day=day.day, month=t(f"month.{day.month}", lang), year=day.year)
