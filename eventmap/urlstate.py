"""The view in the URL: filters, map centre and zoom, naming, language, basemap, presentation mode, the
selected event, "keep my view" and the area layers shown, to and from a query string, so that a link opens
the same view.

Pure: no streamlit. `to_query` writes only what differs from the defaults (a short link); `from_query`
reads anything a person may paste or edit by hand and never fails: a value it cannot use is dropped
(the view takes the explicit default for that part) and named in `ViewState.ignored`, which the page shows.
The naming, the language and the area layers leave here as enums (`Naming`, `Lang`, `AreaKey`): no layer
below parses them again.
The parameters are documented in `docs/url-parameters.md`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from eventmap.filtering import Filters, SourceFilter, as_tuple
from eventmap.query_params import QueryParams, all_values, first_value, read_date
from eventmap.scene.model import AreaKey, Lang
from geo.naming import Naming, naming_for_language

NAMINGS: tuple[str, ...] = tuple(naming.value for naming in Naming)  # en, hy, az, both, ar
DEFAULT_NAMING = Naming.EN
DEFAULT_LANG = Lang.EN
LANGS: tuple[str, ...] = tuple(lang.value for lang in Lang)  # en, ar
DEFAULT_BASEMAP = "offline"
MIN_ZOOM, MAX_ZOOM = 0, 20
AREA_KEYS: tuple[str, ...] = tuple(key.value for key in AreaKey)  # ?layer=districts
MAX_TEXT_LENGTH = 200
MAX_VALUES_PER_PARAMETER = 200

# Query parameter of each multi-valued filter field (repeat the parameter for several values).
CHOICE_PARAMETERS: dict[str, str] = {
    "sides": "side",
    "event_types": "type",
    "sub_event_types": "subtype",
    "statuses": "status",
    "verifications": "verification",
    "places": "place",
}
# Every parameter this module reads and writes; others in the URL belong to someone else and are left alone.
PARAMETERS: tuple[str, ...] = (
    "from", "to", *CHOICE_PARAMETERS.values(), "q", "min_fatalities", "sources",
    "lat", "lon", "zoom", "naming", "lang", "basemap", "present", "event", "keep", "layer",
)
_TRUE = frozenset({"1", "true", "yes", "on", ""})  # a bare `?present` is on
_FALSE = frozenset({"0", "false", "no", "off"})


@dataclass(frozen=True, kw_only=True)
class ViewState:
    """Everything a shared link restores."""

    filters: Filters = field(default_factory=Filters)
    center: tuple[float, float] | None = None  # (latitude, longitude); None: fit the data
    zoom: int | None = None  # None: fit the data
    naming: Naming = DEFAULT_NAMING
    lang: Lang = DEFAULT_LANG
    basemap: str = DEFAULT_BASEMAP
    present: bool = False
    selected_event: str = ""  # an event_id
    keep_view: bool = False  # the map keeps the view on screen instead of fitting the filtered events
    areas: tuple[AreaKey, ...] = ()  # area layers shown
    # Parameters `from_query` could not use, as "name=value" (not written back by `to_query`).
    ignored: tuple[str, ...] = field(default=(), compare=False)

    def with_filters(self, filters: Filters) -> ViewState:
        return replace(self, filters=filters)




def to_query(state: ViewState) -> dict[str, str | list[str]]:
    """The query parameters of `state`; a default value has no parameter."""
    f = state.filters
    query: dict[str, str | list[str]] = {}
    if f.date_from is not None:
        query["from"] = f.date_from.isoformat()
    if f.date_to is not None:
        query["to"] = f.date_to.isoformat()
    for field_name, parameter in CHOICE_PARAMETERS.items():
        values = list(getattr(f, field_name))
        if values:
            query[parameter] = values
    if f.text.strip():
        query["q"] = f.text.strip()
    if f.min_fatalities > 0:
        query["min_fatalities"] = str(f.min_fatalities)
    if f.sources is not SourceFilter.ANY:
        query["sources"] = f.sources.value
    if state.center is not None:
        query["lat"] = _format_coordinate(state.center[0])
        query["lon"] = _format_coordinate(state.center[1])
    if state.zoom is not None:
        query["zoom"] = str(state.zoom)
    if state.naming is not naming_for_language(state.lang):  # a language's own names are its default
        query["naming"] = state.naming.value
    if state.lang is not DEFAULT_LANG:
        query["lang"] = state.lang.value
    if state.basemap != DEFAULT_BASEMAP:
        query["basemap"] = state.basemap
    if state.present:
        query["present"] = "1"
    if state.selected_event:
        query["event"] = state.selected_event
    if state.keep_view:
        query["keep"] = "1"
    if state.areas:
        query["layer"] = [key.value for key in state.areas]
    return query


def from_query(
    params: QueryParams,
    *,
    langs: Iterable[str] = LANGS,
    basemaps: Iterable[str] = ("offline", "osm"),
    namings: Iterable[str] = NAMINGS,
) -> ViewState:
    """The view described by `params` (e.g. `st.query_params.to_dict()` or a dict of lists).

    Tolerant: unknown parameters are not ours and are skipped; a value that cannot be used is left out
    and listed in `ignored`. `langs` and `basemaps` are the values the app offers.
    """
    ignored: list[str] = []

    def bad(name: str, value: str) -> None:
        ignored.append(f"{name}={value[:50]}")

    date_from = read_date(params, "from", bad)
    date_to = read_date(params, "to", bad)
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    choices = {
        field_name: as_tuple(v.strip() for v in all_values(params, parameter)[:MAX_VALUES_PER_PARAMETER])
        for field_name, parameter in CHOICE_PARAMETERS.items()
    }
    text = first_value(params, "q").strip()
    if len(text) > MAX_TEXT_LENGTH:
        bad("q", text)
        text = text[:MAX_TEXT_LENGTH]
    min_fatalities = _read_int(params, "min_fatalities", bad, low=0, high=10**9) or 0
    sources = SourceFilter(_read_choice(params, "sources", tuple(s.value for s in SourceFilter),
                                        SourceFilter.ANY.value, bad))
    filters = Filters(date_from=date_from, date_to=date_to, text=text, min_fatalities=min_fatalities,
                      sources=sources, **choices)

    lat = _read_float(params, "lat", bad, low=-90.0, high=90.0)
    lon = _read_float(params, "lon", bad, low=-180.0, high=180.0)
    center = (lat, lon) if lat is not None and lon is not None else None
    if (lat is None) != (lon is None):
        bad("lat" if lat is not None else "lon", first_value(params, "lat" if lat is not None else "lon"))
    zoom = _read_int(params, "zoom", bad, low=MIN_ZOOM, high=MAX_ZOOM)
    areas: list[AreaKey] = []
    for value in all_values(params, "layer")[:MAX_VALUES_PER_PARAMETER]:
        if value.strip() in AREA_KEYS:
            areas.append(AreaKey(value.strip()))
        else:
            bad("layer", value)

    lang = Lang(_read_choice(params, "lang", tuple(langs), DEFAULT_LANG.value, bad))
    return ViewState(
        filters=filters,
        center=center,
        zoom=zoom,
        naming=Naming(_read_choice(params, "naming", tuple(namings), naming_for_language(lang).value, bad)),
        lang=lang,
        basemap=_read_choice(params, "basemap", tuple(basemaps), DEFAULT_BASEMAP, bad),
        present=_read_flag(params, "present", bad),
        selected_event=first_value(params, "event").strip()[:MAX_TEXT_LENGTH],
        keep_view=_read_flag(params, "keep", bad),
        areas=tuple(dict.fromkeys(areas)),
        ignored=tuple(ignored),
    )


def query_differs(current: QueryParams, wanted: Mapping[str, str | list[str]]) -> bool:
    """Whether writing `wanted` would change the parameters of ours in `current` (avoids needless URL updates)."""
    for name in PARAMETERS:
        have = all_values(current, name)
        want = wanted.get(name, [])
        want_list = [want] if isinstance(want, str) else list(want)
        if have != want_list:
            return True
    return False


# --- reading one parameter ---------------------------------------------------------------------------------


def _read_int(params: QueryParams, name: str, bad, *, low: int, high: int) -> int | None:
    text = first_value(params, name).strip()
    if not text:
        return None
    try:
        number = int(float(text)) if len(text) < 30 else None
    except (ValueError, OverflowError):
        number = None
    if number is None or not low <= number <= high:
        bad(name, text)
        return None
    return number


def _read_float(params: QueryParams, name: str, bad, *, low: float, high: float) -> float | None:
    text = first_value(params, name).strip()
    if not text:
        return None
    try:
        number = float(text) if len(text) < 30 else math.nan
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or not low <= number <= high:
        bad(name, text)
        return None
    return number


def _read_choice(params: QueryParams, name: str, allowed: tuple[str, ...], default: str, bad) -> str:
    text = first_value(params, name).strip()
    if not text:
        return default
    if text in allowed:
        return text
    folded = {a.casefold(): a for a in allowed}
    if text.casefold() in folded:
        return folded[text.casefold()]
    bad(name, text)
    return default


def _read_flag(params: QueryParams, name: str, bad) -> bool:
    if name not in params:
        return False
    text = first_value(params, name).strip().casefold()
    if text in _TRUE:
        return True
    if text not in _FALSE:
        bad(name, text)
    return False


def _format_coordinate(value: float) -> str:
    """Five decimals (about 1 m), without trailing zeros."""
    return f"{value:.5f}".rstrip("0").rstrip(".")
