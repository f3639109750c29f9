"""Control on a day: the pre-war start, the war-time claims, the handovers, peacekeeping, no overlaps, GeoJSON."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Callable

import pytest
import shapely

from eventmap.control.layers import CORRIDOR_UNIT, Layers, area_km2
from eventmap.control.loading import ControlLoadResult
from eventmap.control.state import (
    CAVEAT,
    LAND_HOLDER,
    PREWAR_HOLDER,
    AreaStatus,
    ControlState,
    ControlStateError,
    control_on,
)

StateOn = Callable[[str], ControlState]
DAYS = ["2020-09-26", "2020-09-27", "2020-10-04", "2020-10-20", "2020-11-09", "2020-11-10", "2020-11-25",
        "2020-12-01"]


def _share_held(state: ControlState, side: str, geometry: shapely.Geometry) -> float:
    """The share of `geometry`'s area that `side` holds."""
    return area_km2(state.held_by(side).intersection(geometry)) / area_km2(geometry)


def _area_over(state: ControlState, geometry: shapely.Geometry, side: str):
    """The area of `side` that covers most of `geometry`."""
    return max((a for a in state.areas if a.side == side and a.status is not AreaStatus.PEACEKEEPING),
               key=lambda a: area_km2(a.geometry.intersection(geometry)))


def test_before_the_war_azerbaijan_holds_none_of_the_de_facto_area(state_on: StateOn, layers: Layers) -> None:
    state = state_on("2020-09-26")
    assert state.applied == ()
    assert area_km2(state.held_by(LAND_HOLDER).intersection(layers.prewar_defacto)) < 0.01
    assert _share_held(state, PREWAR_HOLDER, layers.prewar_defacto) == pytest.approx(1, abs=1e-6)
    assert {a.status for a in state.areas} == {AreaStatus.PRE_WAR}


@pytest.mark.parametrize(("day", "unit", "side", "status", "change_id"), [
    ("2020-10-03", "AZ-CAB", PREWAR_HOLDER, AreaStatus.PRE_WAR, None),
    ("2020-10-04", "AZ-CAB", LAND_HOLDER, AreaStatus.DISPUTED, "C06"),
    ("2020-10-25", "AZ-QBI", LAND_HOLDER, AreaStatus.CONFIRMED, "C12"),
    ("2020-11-07", "AZ-SUS", PREWAR_HOLDER, AreaStatus.PRE_WAR, None),
    ("2020-11-09", "AZ-SUS", LAND_HOLDER, AreaStatus.CONFIRMED, "C13"),
    ("2020-11-10", "AZ-SUS", LAND_HOLDER, AreaStatus.CONFIRMED, "C13"),
    ("2020-12-01", "AZ-SUS", LAND_HOLDER, AreaStatus.CONFIRMED, "C13"),
    ("2020-11-19", "AZ-AGM", PREWAR_HOLDER, AreaStatus.PRE_WAR, None),
    ("2020-11-20", "AZ-AGM", LAND_HOLDER, AreaStatus.CONFIRMED, "C17"),
    ("2020-11-24", "AZ-KAL", PREWAR_HOLDER, AreaStatus.PRE_WAR, None),
    ("2020-11-25", "AZ-KAL", LAND_HOLDER, AreaStatus.CONFIRMED, "C18"),
    ("2020-11-30", "AZ-LAC", PREWAR_HOLDER, AreaStatus.PRE_WAR, None),
    ("2020-12-01", "AZ-LAC", LAND_HOLDER, AreaStatus.CONFIRMED, "C19"),
])
def test_a_district_s_holder_and_status_on_a_day(state_on: StateOn, layers: Layers, day: str, unit: str, side: str,
                                                  status: AreaStatus, change_id: str | None) -> None:
    state = state_on(day)
    district = layers.unit(unit).intersection(layers.prewar_defacto)  # its part held by Armenians before the war
    assert _share_held(state, side, district) > 0.95
    area = _area_over(state, district, side)
    assert area.status is status
    assert area.change_ids == ((change_id,) if change_id else ())
    if change_id:  # a moved area carries who claimed it and the sources
        assert area.sources
        assert area.claimed_by


@pytest.mark.parametrize(("day", "guarded"), [("2020-11-09", False), ("2020-11-10", True), ("2020-11-30", True),
                                             ("2020-12-01", True), ("2021-06-01", True)])
def test_the_lachin_corridor_is_a_peacekeeping_area_from_10_november(state_on: StateOn, layers: Layers, day: str,
                                                                    guarded: bool) -> None:
    state = state_on(day)
    pk = [a for a in state.areas if a.status is AreaStatus.PEACEKEEPING]
    assert bool(pk) is guarded
    if guarded:
        assert len(pk) == 1
        assert pk[0].side == "Russian peacekeepers"
        assert pk[0].change_ids[0] == "C15"
        assert area_km2(pk[0].geometry.symmetric_difference(layers.unit(CORRIDOR_UNIT))) < 0.01
        assert "Russian peacekeepers" not in state.sides  # not a side holding ground


def test_the_corridor_stays_out_of_the_lachin_handover(state_on: StateOn, layers: Layers) -> None:
    state = state_on("2020-12-01")
    in_lachin = layers.unit(CORRIDOR_UNIT).intersection(layers.unit("AZ-LAC"))
    assert area_km2(in_lachin) > 10
    assert _share_held(state, PREWAR_HOLDER, in_lachin) > 0.99
    assert next(a for a in state.areas if a.status is AreaStatus.PEACEKEEPING).change_ids == ("C15", "C20")


@pytest.mark.parametrize("day", DAYS)
def test_the_areas_of_the_sides_never_overlap_and_cover_the_land(state_on: StateOn, layers: Layers,
                                                                 day: str) -> None:
    state = state_on(day)
    held = [a for a in state.areas if a.status is not AreaStatus.PEACEKEEPING]
    for one, other in itertools.combinations(held, 2):
        assert area_km2(one.geometry.intersection(other.geometry)) < 0.01, (one.change_ids, other.change_ids)
    assert sum(a.area_km2 for a in held) == pytest.approx(area_km2(layers.land), rel=1e-4)


@pytest.mark.parametrize(("day", "applied", "not_drawn"), [
    ("2020-09-27", ("C01", "C02"), ("C02",)),
    ("2020-10-04", ("C01", "C02", "C03", "C04", "C05", "C06"), ("C02", "C05")),
    ("2020-11-10", None, ("C02", "C05", "C08", "C10", "C14")),
])
def test_applied_and_not_drawn_changes_are_listed(state_on: StateOn, day: str, applied: tuple[str, ...] | None,
                                                 not_drawn: tuple[str, ...]) -> None:
    state = state_on(day)
    if applied is not None:
        assert state.applied == applied
    assert state.not_drawn == not_drawn


def test_claims_shrink_the_prewar_holding_day_by_day(state_on: StateOn) -> None:
    held = [area_km2(state_on(day).held_by(PREWAR_HOLDER)) for day in DAYS]
    assert held == sorted(held, reverse=True)
    assert held[0] > 11_000
    assert 2_000 < held[-1] < 4_000  # what was left to Artsakh after the handovers, at district level


@pytest.mark.parametrize("day", ["2020-10-04", "2020-12-01"])
def test_the_geojson_round_trips(state_on: StateOn, day: str) -> None:
    state = state_on(day)
    document = json.loads(state.to_geojson_text())
    back = ControlState.from_geojson(document)
    assert (back.day, back.applied, back.not_drawn, back.caveat) == (state.day, state.applied, state.not_drawn, CAVEAT)
    assert len(back.areas) == len(state.areas)
    for before, after in zip(state.areas, back.areas, strict=True):
        assert (after.side, after.status, after.change_ids, after.sources, after.claimed_by, after.disputed_by) == (
            before.side, before.status, before.change_ids, before.sources, before.claimed_by, before.disputed_by)
        assert area_km2(before.geometry.symmetric_difference(after.geometry)) < 0.01
    feature = document["features"][0]
    assert set(feature["properties"]) >= {"side", "status", "change_ids", "sources"}
    assert document["metadata"]["caveat"] == CAVEAT
    exterior = shapely.geometry.shape(feature["geometry"])
    first = exterior if exterior.geom_type == "Polygon" else exterior.geoms[0]
    assert first.exterior.is_ccw  # RFC 7946


@pytest.mark.parametrize("document", [{}, {"metadata": {"day": "2020-10-04"}, "features": [{"properties": {}}]},
                                      {"type": "FeatureCollection", "features": []}])
def test_a_document_that_is_not_a_state_is_refused(document: dict) -> None:
    with pytest.raises(ControlStateError, match="not a control-state GeoJSON document"):
        ControlState.from_geojson(document)


def test_only_changes_up_to_the_day_count(bundled_control: ControlLoadResult, layers: Layers) -> None:
    later_first = tuple(reversed(bundled_control.changes))
    a = control_on(dt.date(2020, 10, 20), changes=later_first, layers=layers)
    b = control_on(dt.date(2020, 10, 20), changes=bundled_control.changes, layers=layers)
    assert a.applied == b.applied
    assert all(c <= "C11" for c in a.applied)
    assert area_km2(a.held_by(LAND_HOLDER).symmetric_difference(b.held_by(LAND_HOLDER))) < 0.01
