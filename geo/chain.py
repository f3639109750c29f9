"""The geocoder the app and the command line use, built from `Settings`.

    overrides (geo/overrides.csv) → gazetteer (exact, then fuzzy) → places learned from earlier
    files → GeoNames villages (offline, 500+ people and Ukraine's smaller villages, country/admin1
    context) → SQLite cache → online service (only when `settings.online_geocoding`)

Everything before the online service works offline. Online geocoding needs a user agent (and, for
some providers, an API key) from the environment or Streamlit secrets, never from the repo: a
missing one raises `ConfigurationError` saying which variable to set.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from base.settings import Settings
from geo.errors import USER_AGENT_MISSING, ConfigurationError
from geo.gazetteer import Gazetteer
from geo.geocoders.base import Geocoder
from geo.geocoders.budget import TimeBudgetGeocoder
from geo.geocoders.cache import CachedGeocoder
from geo.geocoders.chain import GeocoderChain
from geo.geocoders.gazetteer import DEFAULT_FUZZY_THRESHOLD, GazetteerGeocoder
from geo.geocoders.geonames import GeoNamesFallbackGeocoder
from geo.geocoders.learned import LearnedPlacesGeocoder
from geo.geocoders.online import OnlineGeocoder, RateLimiter, make_geopy_geocoder
from geo.geocoders.override import OverrideGeocoder
from geo.geocoders.villages import VillageGeocoder
from geo.learned import LearnedPlaceStore
from geo.nearest import PlaceGrid
from geo.placeindex import PlaceIndex


@cache
def shared_geonames() -> GeoNamesFallbackGeocoder:
    """One GeoNames index per process (building it takes about a second, on first use)."""
    return GeoNamesFallbackGeocoder()


class _SharedIndex:
    """The one village index of the process (the same whatever the state folder: it is made from the
    installed packages), read from or built into the first state folder that asks for it."""

    lock = threading.Lock()
    index: PlaceIndex | None = None
    grid: PlaceGrid | None = None


def shared_place_index(state_dir: Path) -> PlaceIndex:
    """The village index: read from `state_dir` (about 0.4 s) or built there (about 25 s), once per process."""
    with _SharedIndex.lock:
        if _SharedIndex.index is None:
            _SharedIndex.index = PlaceIndex.load_or_build(state_dir)
        return _SharedIndex.index


def shared_place_grid(state_dir: Path) -> PlaceGrid:
    """The village index as a grid for naming points (`geocode_frame(..., namer=...)`), once per process."""
    index = shared_place_index(state_dir)
    with _SharedIndex.lock:
        if _SharedIndex.grid is None or _SharedIndex.grid.index is not index:
            _SharedIndex.grid = PlaceGrid(index)
        return _SharedIndex.grid


@cache
def shared_villages(state_dir: Path) -> VillageGeocoder:
    """One village geocoder per state folder; the index is read on its first question."""
    return VillageGeocoder(lambda: shared_place_index(state_dir))


def online_geocoder(settings: Settings, *, http_geocoder: Any = None,
                    rate_limiter: RateLimiter | None = None) -> OnlineGeocoder:
    """The online geocoder of `settings` (`http_geocoder`: a geopy geocoder to use instead)."""
    if not settings.geocoder_user_agent.strip():
        raise ConfigurationError(USER_AGENT_MISSING)
    if http_geocoder is None:
        http_geocoder = make_geopy_geocoder(
            settings.geocoder_provider, user_agent=settings.geocoder_user_agent,
            api_key=settings.geocoder_api_key, domain=settings.geocoder_domain, scheme=settings.geocoder_scheme,
            timeout=settings.geocoder_timeout_s,
        )
    return OnlineGeocoder(
        http_geocoder, provider=settings.geocoder_provider.strip().lower(), viewbox=settings.region_bbox,
        rate_limiter=rate_limiter, min_delay_s=settings.geocoder_min_delay_s,
        max_retries=settings.geocoder_max_retries,
    )


def default_chain(
    settings: Settings,
    *,
    http_geocoder: Any = None,
    rate_limiter: RateLimiter | None = None,
    gazetteer: Gazetteer | None = None,
    fuzzy_threshold: float = DEFAULT_FUZZY_THRESHOLD,
    use_geonames: bool = True,
    online_budget_s: float | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> GeocoderChain:
    """overrides → gazetteer → learned places → GeoNames villages → cache(online), the last only when
    online geocoding is on.

    `online_budget_s`: ask the service for that long at most from now (`clock`), then answer "waiting"
    (`TimeBudgetGeocoder`; cached answers are still served): for loading a file without holding the app.
    """
    geocoders: list[Geocoder] = [
        OverrideGeocoder(settings.overrides_path),
        GazetteerGeocoder(gazetteer, fuzzy_threshold=fuzzy_threshold),
    ]
    geocoders.append(LearnedPlacesGeocoder(LearnedPlaceStore.in_state_dir(settings.state_dir)))
    if use_geonames:
        geocoders.append(shared_villages(Path(settings.state_dir)))
    if settings.online_geocoding:
        online: Geocoder = online_geocoder(settings, http_geocoder=http_geocoder, rate_limiter=rate_limiter)
        if online_budget_s is not None:
            online = TimeBudgetGeocoder(online, seconds=online_budget_s, clock=clock)
        geocoders.append(CachedGeocoder(online, settings.cache_path))
    return GeocoderChain(geocoders)
