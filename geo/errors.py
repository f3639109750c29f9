"""Errors of the `geo` package: one root, each subclass also inherits the built-in it behaves like.

Service errors (timeouts, rate limits, 5xx, malformed replies, DNS failures) are never cached and
never turned into "not found": the chain reports the name as *unavailable* with the reason.
"""

from __future__ import annotations

from base.errors import EventMapError


class GeoError(EventMapError):
    """Root of every error raised by `geo`."""


class GeocoderServiceError(GeoError, ConnectionError):
    """The geocoding service failed: unreachable, 5xx, a malformed reply, a refused key."""


class GeocoderTimedOut(GeoError, TimeoutError):
    """The geocoding service did not answer within the timeout."""


class GeocoderRateLimited(GeoError, ConnectionError):
    """The service answered HTTP 429 (or we are holding back to respect its rate limit)."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class OnlineBudgetSpent(GeoError, TimeoutError):
    """The time allowed for online lookups while loading a file is used up: the name was not asked."""

    def __init__(self, message: str, *, seconds: float) -> None:
        super().__init__(message)
        self.seconds = seconds


class GeocoderQueryError(GeoError, ValueError):
    """The service rejected the query itself (HTTP 400), or the query is unusable."""


class ConfigurationError(GeoError, ValueError):
    """A setting is missing or wrong (no user agent, no API key, unknown provider, bad file)."""


class FrameColumnError(GeoError, ValueError):
    """The events frame lacks the column to geocode."""


USER_AGENT_MISSING = (
    "online geocoding needs a user agent: set EVENTMAP_GEOCODER_USER_AGENT "
    "or Streamlit secret geocoder_user_agent (e.g. 'eventmap/0.1 (you@example.org)')"
)


def api_key_missing(provider: str) -> str:
    return (
        f"geocoder {provider!r} needs an API key: set EVENTMAP_GEOCODER_API_KEY "
        "or Streamlit secret geocoder_api_key"
    )
