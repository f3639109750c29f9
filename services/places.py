"""The Places page's logic, without Streamlit: which place names need a person, their candidates, and the
points a person may save for one (numbered candidates, a point clicked on the map).

A name needs review when geocoding left its events without a point (not found, ambiguous, service
unavailable) or found it with a confidence under `LOW_CONFIDENCE` (a fuzzy match, say). Names whose
points came with the file are not reviewed: the file's author chose them.

The two things the page does to what every session shares check the acting person's role first
(`access.require`), whatever the page showed: `save_override` (writes the overrides file,
`Action.SAVE_PLACES`) and `look_up_online` (spends the online geocoder's quota, `Action.GEOCODE_ONLINE`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from access import Action, Principal, require
from eventmap.i18n import t
from eventmap.scene.model import Lang
from geo.geocoders.base import Geocoder
from geo.geocoders.override import Override, OverrideGeocoder
from geo.lookup import NameLookup, candidates_of, look_up_name, unique_points
from geo.result import Candidate, GeoContext

LOW_CONFIDENCE = 0.9
REVIEW_STATUSES = ("not_found", "ambiguous", "unavailable", "low_confidence")
_FILE_SOURCES = frozenset({"", "data", "file"})  # geo.geocode_frame marks points from the file 'data'
_NUMBER = re.compile(r"^\s*(\d+)\.")  # a candidate marker's tooltip starts with its number


@dataclass(frozen=True, kw_only=True)
class PlaceToReview:
    name: str  # the `location` as written in the data
    country: str  # the most common `country` of its events (context for candidates)
    events: int
    status: str  # one of REVIEW_STATUSES
    reason: str  # the frame's `geo_status` text, or the match for a low-confidence point
    confidence: float | None
    lat: float | None  # the current point, if any
    lon: float | None
    matched_name: str = ""
    geo_source: str = ""


def places_to_review(frame: pd.DataFrame, *, threshold: float = LOW_CONFIDENCE) -> list[PlaceToReview]:
    """The names of `frame` that need a person, the ones with most events first."""
    named = frame.loc[frame["location"].str.strip() != ""]
    review: list[PlaceToReview] = []
    for name, rows in named.groupby("location", sort=True):
        first = rows.iloc[0]
        located = rows["latitude"].notna() & rows["longitude"].notna()
        country = rows["country"].mode().iloc[0] if "country" in rows and len(rows) else ""
        if not located.all():
            status_text = str(rows.loc[~located, "geo_status"].iloc[0] or "not_found")
            status = status_text.split(":", 1)[0].strip()
            review.append(PlaceToReview(
                name=str(name), country=str(country), events=len(rows),
                status=status if status in REVIEW_STATUSES else "not_found", reason=status_text,
                confidence=None, lat=None, lon=None, geo_source=str(first.get("geo_source", "")),
            ))
            continue
        source = str(first.get("geo_source", "") or "")
        confidence = first.get("geo_confidence")
        if source in _FILE_SOURCES or confidence is None or pd.isna(confidence) or float(confidence) >= threshold:
            continue
        matched = str(first.get("matched_name", "") or "")
        review.append(PlaceToReview(
            name=str(name), country=str(country), events=len(rows), status="low_confidence",
            reason=f"{source}: {matched} ({float(confidence):.2f})", confidence=float(confidence),
            lat=float(first["latitude"]), lon=float(first["longitude"]), matched_name=matched, geo_source=source,
        ))
    review.sort(key=lambda p: (-p.events, p.name))
    return review


def context_of(place: PlaceToReview, *, bbox: tuple[float, float, float, float] | None = None) -> GeoContext | None:
    """The context `geo.geocode_frame` used for the name: its events' country (and a box, when given)."""
    return GeoContext(country=place.country or None, bbox=bbox) if place.country or bbox else None


def candidates_for(place: PlaceToReview, *, geocoder: Geocoder,
                   bbox: tuple[float, float, float, float] | None = None) -> list[Candidate]:
    """Places the name may be: the geocoder's candidates, plus the current point for a low-confidence match.
    The context is the one `geo.geocode_frame` used: the events' country."""
    return candidates_of(geocoder.geocode(place.name, context=context_of(place, bbox=bbox)), name=place.name)


def labelled_candidates(offline: list[Candidate], online: list[Candidate], *,
                        online_source: str) -> list[tuple[Candidate, str]]:
    """Each candidate with the text that shows it: the offline ones first, then the online ones not
    already among them, labelled with their source (`Martuni, Azerbaijan (online: Nominatim)`)."""
    labelled = [(c, c.label()) for c in offline]
    labelled += [(c, f"{c.label()} ({online_source})") for c in unique_points(online, besides=offline)]
    return labelled


def view_of_points(points: list[tuple[float, float]]) -> tuple[tuple[float, float] | None, int | None]:
    """A centre and zoom that show every candidate (None, None: no candidate, fit the data)."""
    if not points:
        return None, None
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    spread = max(max(lats) - min(lats), max(lons) - min(lons))
    zoom = next(z for limit, z in ((0.05, 10), (1.0, 8), (3.0, 7), (8.0, 5), (360.0, 3)) if spread <= limit)
    return ((min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2), zoom


@dataclass(frozen=True, kw_only=True)
class PointOption:
    key: str  # "1", "2", ... for candidates, "clicked" for the user's own point
    label: str  # unescaped text: "1. Martuni (Armenia) — 40.1397, 45.3064"
    short: str  # its marker's label: "1. Martuni (Armenia)"
    lat: float
    lon: float


def point_options(candidates: Sequence[tuple[Candidate, str]], clicked: tuple[float, float] | None, *,
                  lang: Lang) -> list[PointOption]:
    """The points the user may save: the numbered candidates that have a point, then the point clicked on
    the map."""
    located = [(c.lat, c.lon, text) for c, text in candidates if c.lat is not None and c.lon is not None]
    options = [PointOption(key=str(number), label=f"{number}. {text} — {lat:.4f}, {lon:.4f}",
                           short=f"{number}. {text}", lat=float(lat), lon=float(lon))
               for number, (lat, lon, text) in enumerate(located, start=1)]
    if clicked:
        options.append(PointOption(key="clicked", lat=float(clicked[0]), lon=float(clicked[1]),
                                   short=t("places.clicked_point", lang),
                                   label=t("places.clicked_option", lang, lat=f"{clicked[0]:.5f}",
                                           lon=f"{clicked[1]:.5f}")))
    return options


def option_of_tooltip(tooltip: object, options: Sequence[PointOption]) -> PointOption | None:
    """The candidate whose marker was clicked: its tooltip starts with its number ("2. Martuni (Armenia)")."""
    found = _NUMBER.match(str(tooltip or ""))
    if not found:
        return None
    return next((o for o in options if o.key == found.group(1)), None)


def point_of_click(value: object) -> tuple[float, float] | None:
    """A map click as streamlit-folium reports it ({"lat": ..., "lng": ...}), rounded to 5 decimals; else None."""
    if isinstance(value, Mapping) and "lat" in value and "lng" in value:
        return (round(float(value["lat"]), 5), round(float(value["lng"]), 5))
    return None


def save_override(principal: Principal, name: str, *, lat: float, lon: float, overrides_path: Path,
                  precision: str = "exact", note: str = "", expected: Override | None) -> Override:
    """Save the point of `name` in the overrides file every session uses (atomically; `WriteConflictError`
    when the file holds another point for it than `expected`, the one shown). `PermissionDeniedError`,
    nothing written, unless `principal` may `SAVE_PLACES`."""
    require(principal, Action.SAVE_PLACES)
    return OverrideGeocoder(overrides_path).set(name, lat, lon, precision=precision, note=note, expected=expected)


def look_up_online(principal: Principal, place: PlaceToReview, *, geocoder: Geocoder) -> NameLookup:
    """Ask the online `geocoder` about one listed name (with its events' country); `PermissionDeniedError`,
    nothing asked, unless `principal` may `GEOCODE_ONLINE`."""
    require(principal, Action.GEOCODE_ONLINE)
    return look_up_name(place.name, geocoder=geocoder, context=context_of(place))
