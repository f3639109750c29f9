"""geo: place names to coordinates, offline first, and place names as the user chooses to see them.

- `default_chain(settings)`: overrides → gazetteer → learned places → GeoNames villages → cache →
  online (when enabled);
- `geocode_frame(frame, *, geocoder, namer=None)`: fill the coordinates of an events frame (with the
  row's country and admin1 as context), name rows that have only a point;
- `geo.learned.learn_places(frame, source=..., store=...)`: remember the places of a file with coordinates;
- `geo.nearest`: `nearest_place`, `describe_point` ("12 km NE of Barda") over `geo.placeindex`;
- `GeoResult`, `GeoContext`, `Candidate`: what a geocoder answers and the context it may use;
- `geo.naming`: `Naming`, `display_name`, `search_names`, `all_variants`;
- `python -m geo lookup NAME` / `python -m geo geocode IN.csv -o OUT.csv`.

Never imports streamlit. `geocode_frame` (pandas) is imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from geo.chain import default_chain
from geo.errors import (
    ConfigurationError,
    GeocoderQueryError,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeoError,
)
from geo.geocoders import Geocoder, GeocoderChain
from geo.naming import Naming, display_name
from geo.result import Candidate, GeoContext, GeoResult

if TYPE_CHECKING:
    from geo.frame import GeocodeSummary, geocode_frame

__all__ = [
    "Candidate",
    "ConfigurationError",
    "GeoContext",
    "GeoError",
    "GeoResult",
    "GeocodeSummary",
    "Geocoder",
    "GeocoderChain",
    "GeocoderQueryError",
    "GeocoderRateLimited",
    "GeocoderServiceError",
    "GeocoderTimedOut",
    "Naming",
    "default_chain",
    "display_name",
    "geocode_frame",
]


def __getattr__(name: str) -> Any:
    if name in ("geocode_frame", "GeocodeSummary"):
        from geo import frame

        return getattr(frame, name)
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
