"""What an event's card says, as raw text: one rule for every page that shows a card.

`CardMaker(naming=..., lang=...).card(row)` gives a `Card`: the place as reported when the naming shows it
otherwise, the catalogue's words for closed sets (sub-type, verification, "that week", a side named as a
whole in actor, target, reported by, disputed by), whole numbers, ISO days, and the sources, each with its
URL only when it is a plain http(s) address. Free text (an actor's own name, notes) is shown as written.

The description is in the card's language where the data has it (`Described`): the language's own column
(`description_ar` for Arabic, marked when it is the project's translation rather than a source's words),
else `description_original` when it is in that language, else the project's English `description`.

Nothing is escaped here: the map's popups and the playback's cards put each field into the page as a text
node (`static/eventmap/js/`); the one HTML card drawn in Python escapes each field once
(`eventmap.mapping.popups.event_card_html`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from eventmap.i18n import side_label, t
from eventmap.schema import split_sources
from geo.naming import Naming, display_name

SIDE_TERM = "side"
_LANG_CODE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True, slots=True)
class Source:
    url: str | None  # a plain http(s) address, else None (the text is shown as text)
    text: str


@dataclass(frozen=True, slots=True)
class Card:
    """One event's details, raw; the field names are those of `eventmap.mapping.popups.DETAIL_FIELDS`."""

    sub_event_type: str
    actor: str
    target: str
    description: str
    description_original: str
    language: str  # a language code ("hy", "az-Latn"), else ""
    fatalities: int | None
    injured: int | None
    claimed_by: str
    disputed_by: str
    verification: str  # in words
    report_date: str  # ISO day, else ""
    date_note: str  # "(that week)" when the day is not known, else ""
    location: str  # the place as reported, when the chosen naming shows another name
    notes: str
    event_id: str
    sources: tuple[Source, ...]


# An interface language → the column holding descriptions in it, and the column saying where each comes from.
DESCRIPTION_COLUMNS: dict[str, tuple[str, str]] = {"ar": ("description_ar", "description_ar_source")}
OWN_TRANSLATION = "project"  # the origin marking the project's own translation (else quoted from a source)


@dataclass(frozen=True, slots=True)
class Described:
    """What an event's card says happened, in one language, and the source's own words when they differ."""

    description: str
    original: str  # "" when the description is the original itself
    original_language: str


def described(row: Mapping[str, Any], lang: str) -> Described:
    """The description of `row` for a card in `lang` (see the module's docstring)."""
    original, language = text(row.get("description_original", "")), text(row.get("language", ""))
    column, origin_column = DESCRIPTION_COLUMNS.get(lang, ("", ""))
    own = text(row.get(column, "")).strip() if column else ""
    if own:
        if text(row.get(origin_column, "")).strip().lower() == OWN_TRANSLATION:
            own = f"{own} {t('card.own_translation', lang)}"
        same = original.strip() == own
        return Described(description=own, original="" if same else original, original_language=language)
    if original.strip() and language.lower() == lang:
        return Described(description=original, original="", original_language=language)
    return Described(description=text(row.get("description", "")), original=original, original_language=language)


def web_url(text: str) -> str | None:
    """`text` when it is an http(s) URL with a host and nothing that could break out of an attribute."""
    candidate = text.strip()
    if not candidate or any(ch.isspace() or ord(ch) < 32 for ch in candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return candidate


def language_code(value: str) -> str:
    """`value` when it is a language code ("hy", "az-Latn"), else "" (it goes into a `lang` attribute)."""
    return value if _LANG_CODE.match(value) else ""


def text(value: object) -> str:
    """A cell as text ("" for missing values)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return str(value)


def whole(value: Any) -> int | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value)


def iso_day(value: Any) -> str:
    if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return pd.Timestamp(value).date().isoformat()


def term(prefix: str, value: str, lang: str) -> str:
    """The catalogue's word for a data value (``status.claimed``), else the value itself."""
    key = f"{prefix}.{value}"
    found = t(key, lang)
    return value if found == key else found


def place_name(row: Mapping[str, Any], naming: Naming) -> str:
    """The place of an event in the chosen naming; the row's country settles shared names."""
    location = text(row.get("location", ""))
    country = text(row.get("country", "")) or None
    return display_name(location, naming, country=country) if location else ""


class CardMaker:
    """Cards for many rows of one page: names, terms and source lists worked out once each."""

    def __init__(self, *, naming: Naming, lang: str) -> None:
        self.naming = naming
        self.lang = lang
        self._places: dict[tuple[str, str], str] = {}
        self._terms: dict[tuple[str, str], str] = {}
        self._sources: dict[str, tuple[Source, ...]] = {}

    def place(self, row: Mapping[str, Any]) -> str:
        key = (text(row.get("location", "")), text(row.get("country", "")))
        if key not in self._places:
            self._places[key] = place_name(row, self.naming)
        return self._places[key]

    def term(self, prefix: str, value: str) -> str:
        if (prefix, value) not in self._terms:
            self._terms[prefix, value] = term(prefix, value, self.lang)
        return self._terms[prefix, value]

    def sources(self, cell: str) -> tuple[Source, ...]:
        if cell not in self._sources:
            self._sources[cell] = tuple(Source(url=web_url(s), text=s.strip()) for s in split_sources(cell))
        return self._sources[cell]

    def named(self, value: str) -> str:
        """A side named as a whole ("Azerbaijan") in the card's language; any other text as written."""
        if (SIDE_TERM, value) not in self._terms:
            self._terms[SIDE_TERM, value] = side_label(value, self.lang)
        return self._terms[SIDE_TERM, value]

    def card(self, row: Mapping[str, Any]) -> Card:
        location = text(row.get("location", ""))
        date_precision = text(row.get("date_precision", "")) or "day"
        story = described(row, self.lang)
        language = story.original_language
        sub_event_type = text(row.get("sub_event_type", ""))
        return Card(
            sub_event_type=self.term("sub_event_type", sub_event_type) if sub_event_type else "",
            actor=self.named(text(row.get("actor", ""))),
            target=self.named(text(row.get("target", ""))), description=story.description,
            description_original=story.original,
            language=language_code(language) if story.original else "",
            fatalities=whole(row.get("fatalities")), injured=whole(row.get("injured")),
            claimed_by=self.named(text(row.get("claimed_by", ""))),
            disputed_by=self.named(text(row.get("disputed_by", ""))),
            verification=self.term("verification", text(row.get("verification", ""))),
            report_date=iso_day(row.get("report_date")),
            date_note=self.term("map.date_precision", date_precision) if date_precision != "day" else "",
            location=location if location and location != self.place(row) else "",
            notes=text(row.get("notes", "")), event_id=text(row.get("event_id", "")),
            sources=self.sources(text(row.get("sources", ""))),
        )
