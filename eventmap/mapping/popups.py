"""An event's details for the map's popups (raw text) and as one escaped HTML card (the dashboard's side panel).

What a card says is the scene's rule (`eventmap.scene.cards`, raw text). The map sends `detail_values` (raw
text, a list in the order of `DETAIL_FIELDS`) to the browser, where `static/eventmap/js/popups.js` builds the
popup with text nodes: nothing is escaped for it here. `event_card_html` lays out the same card as HTML for a
Streamlit page, and is the one place that escapes it (`esc`: `html.escape`, quotes included). Either way a
source becomes a link only when it is an ``http``/``https`` URL with a host; anything else (``javascript:``,
``data:``, a citation in words) is shown as text. `folium_text` escapes a text for folium's own tooltips.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from eventmap.i18n import direction, side_label, t
from eventmap.scene.cards import CardMaker, Source, iso_day, place_name, term, web_url
from eventmap.schema import split_sources
from eventmap.styling import PRECISION_RADIUS_M
from geo.naming import Naming

DETAIL_FIELDS: tuple[str, ...] = (
    "sub_event_type", "actor", "target", "description", "description_original", "language", "fatalities",
    "injured", "claimed_by", "disputed_by", "verification", "report_date", "date_note", "location", "notes",
    "event_id", "sources",
)
"""The fields of an event's details, in the order `detail_values` returns them."""

LABEL_KEYS: dict[str, str] = {
    "date": "map.popup.date", "place": "map.popup.place", "side": "map.popup.side", "actor": "map.popup.actor",
    "target": "map.popup.target", "status": "map.popup.status", "verification": "map.popup.verification",
    "claimed_by": "map.popup.claimed_by", "disputed_by": "map.popup.disputed_by",
    "fatalities": "map.popup.fatalities", "injured": "map.popup.injured", "report_date": "map.popup.report_date",
    "original": "map.popup.original", "sources": "map.popup.sources", "notes": "map.popup.notes",
    "type": "map.popup.type", "description": "map.popup.description",
}

def esc(value: object) -> str:
    """`value` as text that HTML shows literally (``""`` for missing values)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return html.escape(str(value), quote=True)


# folium writes tooltip and popup text raw into a JavaScript template literal (`...`), and branca
# renders the page through Jinja: these characters must not reach it as themselves.
_TEMPLATE_ACTIVE = str.maketrans({"`": "&#96;", "\\": "&#92;", "$": "&#36;", "{": "&#123;", "}": "&#125;"})


def folium_text(value: object) -> str:
    """`value` escaped for a folium `tooltip=`/`popup=` string: HTML-escaped, and inert inside a JS
    template literal and a Jinja template."""
    return esc(value).translate(_TEMPLATE_ACTIVE)


def source_item(source: str) -> tuple[str, str]:
    """(escaped href or ``""``, escaped text) for one source."""
    url = web_url(source)
    return (esc(url) if url else "", esc(source.strip()))


def _raw_source(source: Source) -> list[str]:
    return [source.url or "", source.text]


def source_links_html(sources: str) -> str:
    """The sources of a `sources` cell as an HTML list: links for web URLs, text for the rest."""
    items = []
    for href, text in (source_item(s) for s in split_sources(sources)):
        if href:
            items.append(f'<li><a href="{href}" target="_blank" rel="noopener noreferrer">{text}</a></li>')
        else:
            items.append(f'<li><span dir="auto">{text}</span></li>')
    return f"<ul>{''.join(items)}</ul>" if items else ""


def labels(lang: str) -> dict[str, str]:
    """The popup's field labels in `lang` (raw text)."""
    return {name: t(key, lang) for name, key in LABEL_KEYS.items()}


def _day(value: Any) -> str:
    return esc(iso_day(value))


_TEXT_FIELDS = tuple(name for name in DETAIL_FIELDS if name not in ("fatalities", "injured", "sources"))


class DetailRenderer:
    """`detail_values` for many rows of one map: the scene's cards (`eventmap.scene.cards`) as raw text."""

    def __init__(self, *, naming: Naming, lang: str) -> None:
        self.cards = CardMaker(naming=naming, lang=lang)

    def values(self, row: Mapping[str, Any]) -> list[Any]:
        """The details of one event (a frame row as a mapping), raw, in the order of `DETAIL_FIELDS`.

        ``sources`` is a list of (http(s) URL or "", text) pairs; ``location`` is the place as reported when
        it differs from the name shown; ``date_note`` says when the date is only known to the week or month;
        fatalities and injured are numbers or "".
        """
        card = self.cards.card(row)
        values: dict[str, Any] = {name: getattr(card, name) for name in _TEXT_FIELDS}
        values["fatalities"] = "" if card.fatalities is None else card.fatalities
        values["injured"] = "" if card.injured is None else card.injured
        values["sources"] = [_raw_source(source) for source in card.sources]
        return [values[name] for name in DETAIL_FIELDS]


def detail_values(row: Mapping[str, Any], *, naming: Naming, lang: str) -> list[Any]:
    """The details of one event, raw, in the order of `DETAIL_FIELDS` (see `DetailRenderer.values`)."""
    return DetailRenderer(naming=naming, lang=lang).values(row)


def event_card_html(row: Mapping[str, Any], *, naming: Naming, lang: str, side_colour: str = "#999999") -> str:
    """One event's details as a self-contained, escaped HTML fragment (the same content as its popup)."""
    d = {name: esc(value) for name, value in zip(DETAIL_FIELDS, detail_values(row, naming=naming, lang=lang),
                                                  strict=True) if name != "sources"}
    lab = {name: esc(text) for name, text in labels(lang).items()}
    event_type = esc(term("event_type", str(row.get("event_type", "") or ""), lang))
    kind = event_type + (f" — {d['sub_event_type']}" if d["sub_event_type"] else "")
    precision = str(row.get("geo_precision", "") or "exact")
    place = esc(place_name(row, naming))
    if d["location"]:
        place += f' <span class="em-muted">({d["location"]})</span>'
    if PRECISION_RADIUS_M.get(precision):
        place += f' <span class="em-muted">{esc(term("map.precision", precision, lang))}</span>'
    status = str(row.get("status", "") or "")
    side = esc(side_label(str(row.get("side", "") or ""), lang))
    rows = [
        ("date", _day(row.get("date")) + (f" {d['date_note']}" if d["date_note"] else "")),
        ("place", place),
        ("side", f'<span class="em-swatch" style="background:{esc(side_colour)}"></span>{side}'),
        ("actor", d["actor"]), ("target", d["target"]),
        ("status", esc(term("status", status, lang))),
        ("verification", d["verification"]), ("claimed_by", d["claimed_by"]), ("disputed_by", d["disputed_by"]),
        ("fatalities", d["fatalities"]), ("injured", d["injured"]), ("report_date", d["report_date"]),
    ]
    table = "".join(f"<tr><th>{lab[name]}</th><td>{value}</td></tr>" for name, value in rows if value)
    body = [f'<div class="em-popup" dir="{direction(lang)}"><div class="em-popup-head"><span>{kind}</span></div>',
            f"<table>{table}</table>"]
    if d["description"]:
        body.append(f'<p class="em-desc" dir="auto">{d["description"]}</p>')
    if d["description_original"]:
        lang_attr = f' lang="{d["language"]}"' if d["language"] else ""
        body.append(f'<p class="em-original" dir="auto"{lang_attr}><b>{lab["original"]}:</b> '
                    f'{d["description_original"]}</p>')
    sources = source_links_html(str(row.get("sources", "") or ""))
    if sources:
        body.append(f'<div class="em-sources"><b>{lab["sources"]}:</b>{sources}</div>')
    else:
        body.append(f'<p class="em-no-source"><b>{lab["sources"]}:</b> {esc(t("map.popup.no_source", lang))}</p>')
    if d["notes"]:
        body.append(f'<p class="em-notes" dir="auto"><b>{lab["notes"]}:</b> {d["notes"]}</p>')
    body.append(f'<div class="em-muted em-id">{d["event_id"]}</div></div>')
    return "".join(body)
