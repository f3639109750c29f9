"""The one interface every geocoder implements, shaped like geopy's: `geocode(query, *, context)`."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import TypeVar

from geo.countries import country_code
from geo.result import GeoContext, GeoResult

T = TypeVar("T")


class Geocoder(ABC):
    """Turns a place name into a `GeoResult`.

    Implementations answer `resolved`, `ambiguous` or `not_found`; a service that fails raises a
    `geo.errors` service error (never a `not_found`), which `GeocoderChain` reports as
    `unavailable`.
    """

    #: Short name used in `geo_source` and in cache keys.
    name: str = "geocoder"

    @abstractmethod
    def geocode(self, query: str, *, context: GeoContext | None = None) -> GeoResult:
        """Resolve `query`, preferring places inside `context` when given."""

    def options_key(self) -> str:
        """Options that change this geocoder's answers (part of the cache key)."""
        return ""

    def service_name(self) -> str:
        """Who is asked in the end (a cache names the service behind it), for messages."""
        return self.name


def prefer_context(
    items: Sequence[T],
    context: GeoContext | None,
    *,
    country_of: Callable[[T], str],
    point_of: Callable[[T], tuple[float | None, float | None]],
) -> tuple[list[T], bool]:
    """`(items inside the context, True)` when some are; else `(all items, False)`.

    A country the context names but nobody knows (`country_code` is None) is ignored, never used as
    a filter that empties the list.
    """
    if context is None or not items:
        return list(items), False
    code = country_code(context.country)

    def in_country(item: T) -> bool:
        return country_code(country_of(item)) == code

    def in_box(item: T) -> bool:
        return context.contains(*point_of(item))

    tests: list[Callable[[T], bool]] = []
    if code is not None and context.bbox is not None:
        tests.append(lambda item: in_country(item) and in_box(item))
    if code is not None:
        tests.append(in_country)
    if context.bbox is not None:
        tests.append(in_box)
    for test in tests:
        inside = [item for item in items if test(item)]
        if inside:
            return inside, True
    return list(items), False
