"""Geocoders, one per source, behind one interface (`Geocoder.geocode(query, *, context)`)."""

from geo.geocoders.base import Geocoder
from geo.geocoders.budget import TimeBudgetGeocoder
from geo.geocoders.cache import CachedGeocoder
from geo.geocoders.chain import GeocoderChain
from geo.geocoders.gazetteer import GazetteerGeocoder
from geo.geocoders.geonames import GeoNamesFallbackGeocoder
from geo.geocoders.online import OnlineGeocoder, RateLimiter, make_geopy_geocoder
from geo.geocoders.override import Override, OverrideGeocoder

__all__ = [
    "CachedGeocoder",
    "GazetteerGeocoder",
    "GeoNamesFallbackGeocoder",
    "Geocoder",
    "GeocoderChain",
    "OnlineGeocoder",
    "Override",
    "OverrideGeocoder",
    "RateLimiter",
    "TimeBudgetGeocoder",
    "make_geopy_geocoder",
]
