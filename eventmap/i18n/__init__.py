"""The interface's strings: one gettext catalogue per language, read with Babel (see `catalogs`).

`locale/<lang>/LC_MESSAGES/eventmap.po` holds a language; another language is one more catalogue with
the same keys: `languages()` finds it, `t()` uses it, and the presentation view and the dashboard offer it.
`t(key, lang)` falls back to English for a key a catalogue lacks (a test checks that none lacks any) and
to the key itself for an unknown key; a language that has no catalogue is an error (`UnknownLanguageError`),
never English in silence: the edge that reads a language from a person (`eventmap.urlstate.from_query`,
the command line) chooses the default explicitly. Placeholders are `{name}` fields filled by `t(key, lang, name=...)`;
a plural entry ("{count} events") takes its form from the `count` (or `n`) value by the language's rule.
Keys from an old `<lang>.json` dictionary are merged with `python -m eventmap.i18n import-json`.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterable
from functools import cache

from babel.dates import format_date as babel_format_date
from babel.support import Translations

from base.errors import EventMapError
from eventmap.i18n.catalogs import LOCALE_DIR, Entry, catalog_langs, compiled, entries, read_catalog

CATALOGUE_DIR = LOCALE_DIR
DEFAULT_LANG = "en"
RTL_LANGS = frozenset({"ar", "fa", "he", "ur"})
PLURAL_COUNTS = ("count", "n", "total")  # the value that chooses a plural form, first found
DATE_PATTERN = "d MMMM y"  # "8 October 2020", "8 أكتوبر 2020", "8 октября 2020" (CLDR month names)


class UnknownLanguageError(EventMapError, KeyError):
    """A language that has no catalogue was asked for."""

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return str(self.args[0]) if self.args else ""


@cache
def _entries(lang: str) -> dict[str, Entry]:
    return {entry.key: entry for entry in entries(read_catalog(lang))}


@cache
def _translations(lang: str) -> Translations:
    """The language's compiled catalogue, English behind it for any key it lacks."""
    translations = compiled(read_catalog(lang))
    if lang != DEFAULT_LANG:
        translations.add_fallback(_translations(DEFAULT_LANG))
    return translations


def catalogue(lang: str) -> dict[str, str]:
    """Key → text of one language (a plural entry gives its general form)."""
    _check_language(lang)
    return _texts(lang)


@cache
def _texts(lang: str) -> dict[str, str]:
    return {key: entry.text for key, entry in _entries(lang).items()}


@cache
def plural_keys(lang: str = DEFAULT_LANG) -> frozenset[str]:
    """The keys whose entry in `lang` has plural forms."""
    return frozenset(key for key, entry in _entries(lang).items() if entry.plural)


@cache
def languages() -> tuple[str, ...]:
    """The languages that have a catalogue, e.g. `("ar", "en", "ru")`."""
    return catalog_langs()


def _check_language(lang: str) -> None:
    if lang not in languages():
        raise UnknownLanguageError(f"no catalogue for language {lang!r} (looked in {LOCALE_DIR.name}/; "
                                   f"languages: {', '.join(languages())})")


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The string `key` in `lang`, with `{name}` placeholders filled from `values`."""
    _check_language(lang)
    code = lang
    if key in plural_keys(DEFAULT_LANG):
        count = next((values[name] for name in PLURAL_COUNTS if name in values), None)
        if isinstance(count, int | float):
            text = _translations(code).ngettext(key, key, int(count))
        else:  # asked without a count: the general form
            text = (_entries(code).get(key) or _entries(DEFAULT_LANG)[key]).text
    else:
        text = _translations(code).gettext(key)
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
    """A day written out for people, by Babel (CLDR): "8 October 2020", "8 أكتوبر 2020", "8 октября 2020"."""
    return babel_format_date(day, DATE_PATTERN, locale=lang if lang in languages() else DEFAULT_LANG)
