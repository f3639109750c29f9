"""`TimeBudgetGeocoder`: ask a service only for so long, then answer "waiting" at once.

Loading a file asks the online service about every name that nothing offline knows, at most one a
second: an upload with 300 unknown names would hold the dashboard for five minutes. Wrapped in a time
budget, the service is asked until the budget is spent; every later name fails at once with
`OnlineBudgetSpent`, which the chain reports as *unavailable* (waiting, with the reason) and the cache
never stores. The names left waiting are listed with the data, and the Places page looks them up on
request, with a progress bar.

    CachedGeocoder(TimeBudgetGeocoder(online, seconds=20))   # cached answers are served after the budget

The clock starts when the geocoder is made: make one per load.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from geo.errors import OnlineBudgetSpent
from geo.geocoders.base import Geocoder
from geo.result import GeoContext, GeoResult


class TimeBudgetGeocoder(Geocoder):
    """`inner` until `seconds` have passed since this geocoder was made; then `OnlineBudgetSpent`."""

    def __init__(self, inner: Geocoder, *, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        if seconds < 0:
            raise ValueError(f"a time budget cannot be negative: {seconds!r} s")
        self.inner = inner
        self.seconds = seconds
        self.name = inner.name  # the cache keys the answers by the service, not by this wrapper
        self._clock = clock
        self._started = clock()
        self.asked = 0  # names passed on to `inner`
        self.refused = 0  # names answered "waiting" because the budget was spent

    def options_key(self) -> str:
        return self.inner.options_key()

    def service_name(self) -> str:
        return self.inner.service_name()

    @property
    def elapsed_s(self) -> float:
        return self._clock() - self._started

    @property
    def spent(self) -> bool:
        return self.elapsed_s >= self.seconds

    def geocode(self, query: str, *, context: GeoContext | None = None) -> GeoResult:
        if self.spent:
            self.refused += 1
            raise OnlineBudgetSpent(
                f"not asked: this load's {self.seconds:g} s for online lookups were used up "
                f"(setting EVENTMAP_ONLINE_BUDGET_S); look {query!r} up on the Places page",
                seconds=self.seconds,
            )
        self.asked += 1
        return self.inner.geocode(query, context=context)
