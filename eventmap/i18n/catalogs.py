"""The gettext catalogues on disk: one `.po` file per language, read and written with Babel.

`locale/<lang>/LC_MESSAGES/eventmap.po` holds the language's strings. A message id is the string's key
(`legend.title`); its `msgstr` is the text, with `{name}` placeholders. A string that says a count in
words ("1 event", "5 events") is a plural entry: `msgid_plural` is the key again and there is one `msgstr[i]`
per plural form of the language (English 2, Russian 3, Arabic 6), the form chosen by the `Plural-Forms`
rule of the catalogue's header, which Babel writes from CLDR for the language.

The `.po` files are the only thing committed: at run time each one is compiled in memory (`write_mo`) and
loaded as `babel.support.Translations`. No compiled `.mo` is kept in the repository, so there is no build
step to forget and no binary file for two branches to conflict on; reading a catalogue takes milliseconds,
once per process.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.support import Translations

from base.atomic import write_atomic
from base.errors import EventMapError

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "eventmap"
PROJECT = "eventmap"
HEADER = ("# Interface strings of the conflict event map.\n"
          "# A msgid is the string's key; {name} fields are placeholders, kept as they are in every language.\n"
          "# Merge keys from old <lang>.json dictionaries with: python -m eventmap.i18n import-json")


class CatalogError(EventMapError, ValueError):
    """A catalogue that cannot be read: names the file and what is wrong."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One string of a catalogue: singular text, or the plural forms in the order of the language's rule."""

    key: str
    forms: tuple[str, ...]

    @property
    def plural(self) -> bool:
        return len(self.forms) > 1

    @property
    def text(self) -> str:
        """The text, or for a plural entry its last form (the general one: "{n} events")."""
        return self.forms[-1]


def catalog_path(lang: str, *, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def catalog_langs(*, locale_dir: Path = LOCALE_DIR) -> tuple[str, ...]:
    """The languages with a catalogue, sorted."""
    if not locale_dir.is_dir():
        return ()
    return tuple(sorted(p.name for p in locale_dir.iterdir() if catalog_path(p.name, locale_dir=locale_dir).is_file()))


def read_catalog(lang: str, *, locale_dir: Path = LOCALE_DIR) -> Catalog:
    path = catalog_path(lang, locale_dir=locale_dir)
    if not path.is_file():
        raise CatalogError(f"no catalogue for language {lang!r} (looked for {path})")
    try:
        with path.open("rb") as stream:
            return read_po(stream, locale=lang, domain=DOMAIN, abort_invalid=True)
    except Exception as error:  # Babel raises PoFileError and others for a broken file
        raise CatalogError(f"{path}: {error}") from error


def new_catalog(lang: str) -> Catalog:
    """An empty catalogue whose header carries the language and its CLDR plural rule."""
    return Catalog(locale=lang, domain=DOMAIN, project=PROJECT, version="1", fuzzy=False, header_comment=HEADER)


def entries(catalog: Catalog) -> Iterator[Entry]:
    """The catalogue's strings in file order; an untranslated (empty) string is left out."""
    for message in catalog:
        if not message.id:
            continue  # the header
        if isinstance(message.id, tuple):
            forms = tuple(str(form) for form in message.string or ())
            if all(form for form in forms):
                yield Entry(key=str(message.id[0]), forms=forms)
        elif message.string:
            yield Entry(key=str(message.id), forms=(str(message.string),))


def set_entry(catalog: Catalog, key: str, forms: tuple[str, ...]) -> None:
    """Add `key` at the end, or replace its text in place: one form is a singular entry, several a plural one."""
    message = Message((key, key), tuple(forms)) if len(forms) > 1 else Message(key, forms[0])
    existing = catalog.get(key)
    if existing is not None and isinstance(existing.id, tuple) == isinstance(message.id, tuple):
        existing.string = message.string
        return
    if existing is not None:
        del catalog[key]
    catalog[message.id] = message


def compiled(catalog: Catalog) -> Translations:
    """The catalogue as `babel.support.Translations` (compiled to a `.mo` in memory)."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def write_catalog(catalog: Catalog, lang: str, *, locale_dir: Path = LOCALE_DIR) -> Path:
    """Write the catalogue as `.po`, atomically, lines unwrapped (one line per string: readable diffs)."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, omit_header=False, sort_output=False, include_lineno=False)
    path = catalog_path(lang, locale_dir=locale_dir)
    write_atomic(path, buffer.getvalue())
    return path
