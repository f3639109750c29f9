import pytest

from geo.result import Candidate, GeoContext, GeoResult


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": "maybe"}, "status must be one of"),
        ({"status": "resolved"}, "a resolved result needs lat and lon"),
        ({"status": "resolved", "lat": 91.0, "lon": 0.0}, "latitude out of range: 91.0"),
        ({"status": "resolved", "lat": 0.0, "lon": -181.0}, "longitude out of range: -181.0"),
        ({"status": "not_found", "confidence": 1.5}, "confidence must be within 0..1"),
        ({"status": "not_found", "precision": "roughly"}, "precision must be one of"),
    ],
)
def test_impossible_results_are_refused(fields: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        GeoResult(query="x", **fields)


def test_status_text() -> None:
    assert GeoResult(query="x", status="resolved", lat=1.0, lon=2.0).status_text() == "resolved"
    assert GeoResult.not_found("x", geo_source="g", reason="not in the gazetteer").status_text() == (
        "not_found: not in the gazetteer")
    both = (Candidate("Martuni", country="Azerbaijan"), Candidate("Martuni", country="Armenia"))
    assert GeoResult.ambiguous("x", geo_source="g", candidates=both).status_text() == (
        "ambiguous: Martuni (Azerbaijan), Martuni (Armenia)")
    assert GeoResult.unavailable("x", geo_source="", reason="waiting: 429").status_text() == "unavailable: waiting: 429"


@pytest.mark.parametrize(
    ("bbox", "message"),
    [((1, 2, 3), "4 finite numbers"), ((40, 46, 39, 47), "south<=north"), ((1, 2, float("nan"), 4), "finite")],
)
def test_a_bad_box_is_refused(bbox: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        GeoContext(bbox=bbox)


def test_context_box_and_cache_key() -> None:
    context = GeoContext(country=" AZ ", bbox=(39.0, 46.0, 40.5, 47.6))
    assert context.contains(39.76, 46.75)
    assert not context.contains(40.14, 45.30)
    assert not context.contains(None, None)
    assert GeoContext().contains(0, 0)
    assert context.cache_key() == "country=az;bbox=39.0000,46.0000,40.5000,47.6000"
