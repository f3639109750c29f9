"""Strings from the old JSON dictionaries (`en.json`, `ar.json`: key → text) into the gettext catalogues.

Branches written before the catalogues add keys to `eventmap/i18n/<lang>.json`; after merging one,
`python -m eventmap.i18n import-json` puts them into `locale/<lang>/LC_MESSAGES/eventmap.po`:

- a key the catalogue lacks is added (at the end, in the JSON's order);
- a key whose JSON text differs from the catalogue's singular text replaces it (the branch edited it);
- a plural entry is never replaced by a JSON string (a JSON file has no plural forms): it is reported;
- then every catalogue is checked against English, and the keys a language still lacks are listed
  (they show in English until translated).

`--remove` deletes each JSON file once imported. Nothing is written when a JSON file is not a flat object
of strings: the error names the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from eventmap.i18n.catalogs import (
    LOCALE_DIR,
    CatalogError,
    catalog_langs,
    catalog_path,
    entries,
    new_catalog,
    read_catalog,
    set_entry,
    write_catalog,
)

JSON_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True, kw_only=True)
class ImportReport:
    lang: str
    source: Path
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    plural_kept: tuple[str, ...] = ()  # plural entries whose JSON text differed: left as they are


@dataclass(frozen=True, kw_only=True)
class Gaps:
    """Keys of the English catalogue that a language lacks."""

    lang: str
    missing: tuple[str, ...] = field(default=())


def read_json_strings(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CatalogError(f"{path}: cannot be read as JSON: {error}") from error
    if not isinstance(data, dict):
        raise CatalogError(f"{path}: not a JSON object of key → text")
    wrong = [key for key, value in data.items() if not isinstance(value, str)]
    if wrong:
        raise CatalogError(f"{path}: values that are not text, for keys {', '.join(sorted(wrong)[:10])}")
    return data


def import_json(path: Path, *, lang: str | None = None, locale_dir: Path = LOCALE_DIR) -> ImportReport:
    """Merge one JSON dictionary (`<lang>.json` unless `lang` is given) into the language's catalogue."""
    code = lang or path.stem
    strings = read_json_strings(path)
    has_catalog = catalog_path(code, locale_dir=locale_dir).is_file()
    catalog = read_catalog(code, locale_dir=locale_dir) if has_catalog else new_catalog(code)
    current = {entry.key: entry for entry in entries(catalog)}
    added, changed, plural_kept = [], [], []
    for key, text in strings.items():
        entry = current.get(key)
        if entry is None:
            set_entry(catalog, key, (text,))
            added.append(key)
        elif entry.plural:
            if text not in entry.forms:
                plural_kept.append(key)
        elif entry.text != text:
            set_entry(catalog, key, (text,))
            changed.append(key)
    if added or changed or not has_catalog:
        write_catalog(catalog, code, locale_dir=locale_dir)
    return ImportReport(lang=code, source=path, added=tuple(added), changed=tuple(changed),
                        plural_kept=tuple(plural_kept))


def gaps(*, locale_dir: Path = LOCALE_DIR, reference: str = "en") -> list[Gaps]:
    """For every language, the keys of the `reference` catalogue it lacks (or has untranslated)."""
    english = [entry.key for entry in entries(read_catalog(reference, locale_dir=locale_dir))]
    found = []
    for lang in catalog_langs(locale_dir=locale_dir):
        have = {entry.key for entry in entries(read_catalog(lang, locale_dir=locale_dir))}
        found.append(Gaps(lang=lang, missing=tuple(key for key in english if key not in have)))
    return found
