"""The geocoding cache in the team store: `PostgresGeocodeCache` answers like `geo.geocoders.cache.CachedGeocoder`
(same keys, time to live, statuses; `lookup`, `store`, `geocode`, `count`, `forget`), so every replica shares one
cache and one online quota instead of a SQLite file each.

Found, ambiguous and not-found answers are kept; a failure (`unavailable`, or an error of the wrapped geocoder)
never is. Writes are upserts (`INSERT ... ON CONFLICT DO UPDATE`): two replicas caching the same answer is fine.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.dialects.postgresql import insert

from base.settings import Settings
from geo.geocoders.base import Geocoder
from geo.geocoders.cache import DAY, AnswerCache, CachedGeocoder
from geo.geocoders.chain import GeocoderChain
from geo.normalize import normalize
from geo.result import GeoContext, GeoResult
from store.postgres.connection import unavailable_as_store_error
from store.postgres.tables import geocode_cache

_KEY = ("query_key", "provider", "options", "context")


class PostgresGeocodeCache(AnswerCache):
    def __init__(self, inner: Geocoder, engine: Engine, *, ttl_found_s: float = 180 * DAY,
                 ttl_not_found_s: float = 30 * DAY, clock: Callable[[], float] = time.time) -> None:
        super().__init__(inner, ttl_found_s=ttl_found_s, ttl_not_found_s=ttl_not_found_s, clock=clock)
        self.engine = engine

    def _key(self, query: str, context: GeoContext | None) -> dict[str, str]:
        values = (normalize(query), self.inner.name, self.inner.options_key(),
                  (context or GeoContext()).cache_key())
        return dict(zip(_KEY, values, strict=True))

    def lookup(self, query: str, *, context: GeoContext | None = None) -> GeoResult | None:
        """The cached answer for `query`, or None (missing or expired)."""
        key = self._key(query, context)
        with unavailable_as_store_error(self.engine.url), self.engine.connect() as connection:
            row = connection.execute(select(geocode_cache).where(
                *(geocode_cache.c[name] == value for name, value in key.items()))).first()
        return None if row is None else self.given_back(query, dict(row._mapping))

    def store(self, result: GeoResult, *, query: str | None = None, context: GeoContext | None = None) -> bool:
        """Remember the answer to `query` (default: `result.query`); a failure (`unavailable`) is refused."""
        query = result.query if query is None else query
        kept = self.kept(result, query=query)
        if kept is None:
            return False
        values = {**self._key(query, context), **kept}
        statement = insert(geocode_cache).values(**values)
        statement = statement.on_conflict_do_update(
            index_elements=list(_KEY), set_={k: statement.excluded[k] for k in values if k not in _KEY})
        with unavailable_as_store_error(self.engine.url), self.engine.begin() as connection:
            connection.execute(statement)
        return True

    def count(self) -> dict[str, int]:
        """Number of cached answers by status."""
        with unavailable_as_store_error(self.engine.url), self.engine.connect() as connection:
            rows = connection.execute(select(geocode_cache.c.status, func.count()).group_by(geocode_cache.c.status))
            return {status: int(count) for status, count in rows}

    def forget(self, query: str | None = None) -> int:
        """Delete the answers for `query` (every provider and context), or all when None."""
        statement = delete(geocode_cache)
        if query is not None:
            statement = statement.where(geocode_cache.c.query_key == normalize(query))
        with unavailable_as_store_error(self.engine.url), self.engine.begin() as connection:
            return int(connection.execute(statement).rowcount)


def team_chain(engine: Engine, settings: Settings) -> Geocoder:
    """`geo.default_chain(settings)` with the store's shared state: the overrides from the `places` table
    instead of the file, and the online service's answers cached in the store instead of a SQLite file."""
    from geo.chain import default_chain
    from geo.geocoders.override import OverrideGeocoder
    from store.postgres.shared import PlaceOverrides

    geocoders: list[Geocoder] = []
    for geocoder in default_chain(settings).geocoders:
        if isinstance(geocoder, OverrideGeocoder):
            geocoders.append(PlaceOverrides(engine))
        elif isinstance(geocoder, CachedGeocoder):
            geocoders.append(PostgresGeocodeCache(geocoder.inner, engine))
        else:
            geocoders.append(geocoder)
    return GeocoderChain(geocoders)
