"""`geo.lookup`: one name asked on request; its answer as candidates, or why it is still waiting."""

import pytest

from geo import errors
from geo.geocoders.base import Geocoder
from geo.lookup import candidates_of, look_up_name, service_name, unique_points
from geo.result import Candidate, GeoContext, GeoResult

A = Candidate(name="A town", lat=40.0, lon=45.0)
B = Candidate(name="B village", lat=39.5, lon=46.5)
NO_POINT = Candidate(name="Somewhere")


class Scripted(Geocoder):
    """Answers (or raises) what it is given, and records the contexts it was asked with."""

    name = "scripted"

    def __init__(self, answer: GeoResult | Exception) -> None:
        self.answer = answer
        self.contexts: list[GeoContext | None] = []

    def geocode(self, query: str, *, context: GeoContext | None = None) -> GeoResult:
        self.contexts.append(context)
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (GeoResult(query="A", status="resolved", lat=40.0, lon=45.0, matched_name="A town", candidates=(B,)),
         [("A town", 40.0, 45.0), ("B village", 39.5, 46.5)]),
        (GeoResult(query="A", status="resolved", lat=40.0, lon=45.0, candidates=(A,)), [("A", 40.0, 45.0)]),
        (GeoResult.ambiguous("X", geo_source="s", candidates=(A, NO_POINT, B)),
         [("A town", 40.0, 45.0), ("B village", 39.5, 46.5)]),
        (GeoResult.not_found("X", geo_source="s", reason="none"), []),
    ],
)
def test_candidates_of(result, expected):
    assert [(c.name, c.lat, c.lon) for c in candidates_of(result)] == expected


def test_unique_points_leaves_out_points_already_offered():
    near_a = Candidate(name="A again", lat=40.00001, lon=45.00001)
    assert unique_points([near_a, B, B], besides=[A]) == [B]


@pytest.mark.parametrize(
    ("answer", "status", "reason", "count"),
    [
        (GeoResult(query="A", status="resolved", lat=40.0, lon=45.0, reason="first of 1"), "found", "first of 1", 1),
        (GeoResult.not_found("A", geo_source="s", reason="nominatim found no place"), "not_found",
         "nominatim found no place", 0),
        (GeoResult.unavailable("A", geo_source="s", reason="timed out"), "waiting", "timed out", 0),
        (errors.GeocoderRateLimited("rate limited (HTTP 429)"), "waiting", "rate limited (HTTP 429)", 0),
        (errors.GeocoderTimedOut("no answer in time"), "waiting", "no answer in time", 0),
        (errors.ConfigurationError("access refused"), "waiting", "access refused", 0),
    ],
)
def test_look_up_name(answer, status, reason, count):
    geocoder = Scripted(answer)
    context = GeoContext(country="Azerbaijan")
    lookup = look_up_name("A", geocoder=geocoder, context=context)
    assert (lookup.status, lookup.reason, len(lookup.candidates)) == (status, reason, count)
    assert lookup.waiting is (status == "waiting")
    assert geocoder.contexts == [context]


def test_an_error_that_is_not_the_service_s_is_raised():
    with pytest.raises(RuntimeError):
        look_up_name("A", geocoder=Scripted(RuntimeError("a bug")))


@pytest.mark.parametrize(("provider", "shown"), [("nominatim", "Nominatim"), (" ArcGIS ", "ArcGIS"),
                                                 ("photon", "Photon"), ("newone", "Newone")])
def test_service_name(provider, shown):
    assert service_name(provider) == shown
