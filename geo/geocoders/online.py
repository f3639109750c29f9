"""Online geocoding through geopy (Nominatim by default), polite and fault-tolerant.

- At most one request per `min_delay_s` (Nominatim's usage policy: 1/s) per service, shared by every
  `OnlineGeocoder` of the process (`RateLimiter`; clock and sleep injectable for tests).
- Timeouts, HTTP 5xx, malformed replies and unreachable hosts are retried `max_retries` times
  with exponential back-off; HTTP 429 waits for `Retry-After` (when it is at most `max_wait_s`).
- When the retries are used up, the service is left alone for a cool-down (`Retry-After`, else
  `cooldown_s`): the next names fail at once with the reason ("paused until 12:03:05 UTC (30 s)
  after: rate limited (HTTP 429)") instead of freezing the app for minutes.
- Every failure is raised as a `geo.errors` service error, never answered as "not found".
- A viewbox biases the search to the conflict region without excluding other places
  (`bounded=False`); a country in the context becomes Nominatim's `countrycodes` filter.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from geopy import exc as geopy_exc
from geopy.adapters import BaseSyncAdapter, RequestsAdapter, URLLibAdapter
from geopy.geocoders import ArcGIS, Nominatim, OpenCage, Photon

from geo import errors
from geo.countries import country_code
from geo.geocoders.base import Geocoder
from geo.result import Candidate, GeoContext, GeoResult

Bbox = tuple[float, float, float, float]  # south, west, north, east

PROVIDERS: dict[str, type] = {"nominatim": Nominatim, "photon": Photon, "arcgis": ArcGIS, "opencage": OpenCage}
NEEDS_API_KEY = frozenset({"opencage"})
REGION_TYPES = frozenset({"county", "state", "state_district", "district", "region", "province", "municipality",
                          "country", "administrative", "boundary"})


def make_geopy_geocoder(
    provider: str,
    *,
    user_agent: str,
    api_key: str = "",
    domain: str = "",
    scheme: str = "https",
    timeout: float = 10.0,
) -> Any:
    """A geopy geocoder for a provider name ('nominatim', 'photon', 'arcgis', 'opencage').

    `domain`/`scheme` point it at another server (a self-hosted Nominatim, a test server).
    """
    provider = provider.strip().lower()
    cls = PROVIDERS.get(provider)
    if cls is None:
        raise errors.ConfigurationError(
            f"unknown geocoder {provider!r}: choose one of {', '.join(sorted(PROVIDERS))}")
    if not user_agent.strip():
        raise errors.ConfigurationError(errors.USER_AGENT_MISSING)
    options: dict[str, Any] = {"user_agent": user_agent, "timeout": timeout, "scheme": scheme,
                               "adapter_factory": _adapter_without_retries}
    if domain:
        options["domain"] = domain
    if provider in NEEDS_API_KEY:
        if not api_key.strip():
            raise errors.ConfigurationError(errors.api_key_missing(provider))
        return cls(api_key, **options)
    return cls(**options)


def _adapter_without_retries(*, proxies: Any, ssl_context: Any) -> BaseSyncAdapter:
    """geopy's requests adapter with urllib3's own retries off.

    By default urllib3 retries a 429 and *sleeps* for its Retry-After (an hour, if the server says
    so), hidden from us; `OnlineGeocoder` does the retrying, with its limits and a clock tests control.
    """
    if not RequestsAdapter.is_available:  # pragma: no cover - requests comes with streamlit
        return URLLibAdapter(proxies=proxies, ssl_context=ssl_context)  # never retries by itself
    return RequestsAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0)


_HTTP_STATUS = re.compile(r"status code (\d{3})")


@dataclass(frozen=True, slots=True)
class _Outage:
    until: float  # clock time
    error: errors.GeoError


class RateLimiter:
    """At most one call per `min_delay_s`, across threads; also holds the service's current pause.

    One per service and process (`shared_rate_limiter`), so every session's geocoder keeps the same
    rate and sees the same outage.
    """

    def __init__(self, min_delay_s: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.min_delay_s = min_delay_s
        self.clock = clock
        self.sleep = sleep
        self._lock = threading.Lock()
        self._last: float | None = None
        self.outage: _Outage | None = None  # set by OnlineGeocoder when the service fails

    def wait(self) -> float:
        """Block until the next call is allowed; returns the seconds waited."""
        with self._lock:
            waited = 0.0
            if self._last is not None:
                waited = max(0.0, self._last + self.min_delay_s - self.clock())
                if waited > 0:
                    self.sleep(waited)
            self._last = self.clock()
            return waited


_SHARED_LIMITERS: dict[tuple[str, str], RateLimiter] = {}
_SHARED_LOCK = threading.Lock()


def shared_rate_limiter(provider: str, domain: str, min_delay_s: float) -> RateLimiter:
    """The process-wide limiter of one service (every session's chain uses the same one)."""
    with _SHARED_LOCK:
        key = (provider, domain)
        if key not in _SHARED_LIMITERS:
            _SHARED_LIMITERS[key] = RateLimiter(min_delay_s)
        return _SHARED_LIMITERS[key]


class OnlineGeocoder(Geocoder):
    def __init__(
        self,
        geocoder: Any,
        *,
        provider: str = "nominatim",
        viewbox: Bbox | None = None,
        limit: int = 5,
        rate_limiter: RateLimiter | None = None,
        min_delay_s: float = 1.0,
        max_retries: int = 3,
        backoff_s: float = 1.0,
        max_wait_s: float = 30.0,
        cooldown_s: float = 60.0,
    ) -> None:
        self.geocoder = geocoder
        self.provider = provider
        self.name = f"online:{provider}"
        self.viewbox = viewbox
        self.limit = limit
        domain = str(getattr(geocoder, "domain", ""))
        self.rate_limiter = rate_limiter or shared_rate_limiter(provider, domain, min_delay_s)
        self.max_retries = max_retries
        self.backoff_s = backoff_s
        self.max_wait_s = max_wait_s
        self.cooldown_s = cooldown_s
        self.requests = 0  # HTTP requests made, for tests and reports

    def options_key(self) -> str:
        box = ",".join(f"{v:.3f}" for v in self.viewbox) if self.viewbox else ""
        return f"viewbox={box};limit={self.limit}"

    # --- the call -------------------------------------------------------------------------------

    def _request(self, query: str, context: GeoContext | None) -> Sequence[Any] | None:
        box = context.bbox if context and context.bbox else self.viewbox
        code = country_code(context.country) if context else None
        self.rate_limiter.wait()
        self.requests += 1
        if self.provider == "nominatim":
            return self.geocoder.geocode(
                query, exactly_one=False, limit=self.limit, bounded=False,
                viewbox=[(box[0], box[1]), (box[2], box[3])] if box else None,
                country_codes=[code.lower()] if code else None,
            )
        if self.provider == "photon":
            return self.geocoder.geocode(query, exactly_one=False, limit=self.limit,
                                         location_bias=((box[0] + box[2]) / 2, (box[1] + box[3]) / 2) if box else None)
        if self.provider == "opencage":
            return self.geocoder.geocode(query, exactly_one=False, country=code.lower() if code else None,
                                         bounds=[(box[0], box[1]), (box[2], box[3])] if box else None)
        return self.geocoder.geocode(query, exactly_one=False)

    def geocode(self, query: str, *, context: GeoContext | None = None) -> GeoResult:
        if not query.strip():
            return GeoResult.not_found(query, geo_source=self.name, reason="empty place name")
        self._check_outage()
        attempt = 0
        while True:
            try:
                locations = self._request(query, context)
            except Exception as error:
                ours, wait = self._classify(error, attempt)
                if wait is None or attempt >= self.max_retries:
                    self._start_outage(ours)
                    raise ours from error
                self.rate_limiter.sleep(wait)
                attempt += 1
                continue
            self.rate_limiter.outage = None
            try:
                return self._result(query, list(locations or ()))
            except (ValueError, TypeError, AttributeError) as error:  # e.g. a latitude of 999
                raise errors.GeocoderServiceError(f"malformed reply ({error})") from error

    def _classify(self, error: Exception, attempt: int) -> tuple[errors.GeoError, float | None]:
        """Our error for a geopy error, and how long to wait before a retry (None: do not retry)."""
        backoff = self.backoff_s * (2 ** attempt)
        if isinstance(error, geopy_exc.GeocoderRateLimited):
            retry_after = error.retry_after
            wait = max(float(retry_after), backoff) if retry_after is not None else backoff
            message = "rate limited (HTTP 429)" + (f", retry after {retry_after:g} s" if retry_after else "")
            return errors.GeocoderRateLimited(message, retry_after=retry_after), (
                wait if wait <= self.max_wait_s else None)
        if isinstance(error, geopy_exc.GeocoderTimedOut):
            status = _HTTP_STATUS.search(str(error))
            if status:  # geopy files some HTTP errors (503, 504) under "timed out": say what came back
                return errors.GeocoderServiceError(f"service unavailable (HTTP {status.group(1)})"), backoff
            return errors.GeocoderTimedOut(f"no answer in time ({error})"), backoff
        if isinstance(error, geopy_exc.GeocoderQueryError):
            return errors.GeocoderQueryError(f"query refused ({error})"), None
        if isinstance(error, geopy_exc.GeocoderAuthenticationFailure | geopy_exc.GeocoderInsufficientPrivileges
                      | geopy_exc.ConfigurationError):
            return errors.ConfigurationError(f"access refused, check the API key ({error})"), None
        if isinstance(error, geopy_exc.GeocoderParseError):
            return errors.GeocoderServiceError(f"malformed reply ({error})"), backoff
        if isinstance(error, geopy_exc.GeocoderUnavailable):
            return errors.GeocoderServiceError(f"service unreachable ({error})"), backoff
        if isinstance(error, ValueError | KeyError | TypeError):  # geopy could not read a result
            return errors.GeocoderServiceError(f"malformed reply ({type(error).__name__}: {error})"), backoff
        if isinstance(error, geopy_exc.GeopyError):
            return errors.GeocoderServiceError(f"service error ({error})"), backoff
        return errors.GeocoderServiceError(f"unexpected reply ({type(error).__name__}: {error})"), backoff

    def _start_outage(self, error: errors.GeoError) -> None:
        if isinstance(error, errors.GeocoderQueryError):
            return  # this query was refused, not the service down
        retry_after = getattr(error, "retry_after", None)
        pause = float(retry_after) if retry_after else self.cooldown_s
        self.rate_limiter.outage = _Outage(until=self.rate_limiter.clock() + pause, error=error)

    def _check_outage(self) -> None:
        outage = self.rate_limiter.outage
        if outage is None:
            return
        remaining = outage.until - self.rate_limiter.clock()
        if remaining <= 0:
            self.rate_limiter.outage = None
            return
        resume = (datetime.now(UTC) + timedelta(seconds=remaining)).strftime("%H:%M:%S UTC")
        message = f"paused until {resume} ({remaining:.0f} s) after: {outage.error}"
        error = outage.error
        if isinstance(error, errors.GeocoderRateLimited):
            raise errors.GeocoderRateLimited(message, retry_after=remaining)
        if isinstance(error, errors.GeocoderTimedOut):
            raise errors.GeocoderTimedOut(message)
        if isinstance(error, errors.ConfigurationError):
            raise errors.ConfigurationError(message)
        raise errors.GeocoderServiceError(message)

    def _result(self, query: str, locations: list[Any]) -> GeoResult:
        if not locations:
            return GeoResult.not_found(query, geo_source=self.name, reason=f"{self.provider} found no place")
        first = locations[0]
        raw = first.raw if isinstance(getattr(first, "raw", None), dict) else {}
        kind = str(raw.get("addresstype") or raw.get("type") or "")
        candidates = tuple(
            Candidate(name=str(loc.address), lat=float(loc.latitude), lon=float(loc.longitude), score=0.0)
            for loc in locations[1:]
        )
        return GeoResult(
            query=query, status="resolved", lat=float(first.latitude), lon=float(first.longitude),
            geo_source=self.name, matched_name=str(first.address),
            place_id=f"{self.provider}:{raw.get('osm_type', '')}{raw.get('osm_id', raw.get('place_id', ''))}",
            confidence=0.75, precision="region" if kind in REGION_TYPES else "exact", candidates=candidates,
            reason=f"first of {len(locations)} {self.provider} result(s)" + (f" ({kind})" if kind else ""),
        )
