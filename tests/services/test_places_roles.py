"""The Places page's writes check the acting person's role themselves: a crafted rerun (a click on a button
the page showed off, a marker clicked by a viewer) saves nothing and asks the online service nothing."""

from __future__ import annotations

import pytest

from access import PermissionDeniedError, Principal, Role
from geo.geocoders.base import Geocoder
from geo.geocoders.override import OverrideGeocoder
from geo.result import GeoContext, GeoResult
from services.places import PlaceToReview, look_up_online, save_override

PLACE = PlaceToReview(name="Martuni", country="Azerbaijan", events=2, status="ambiguous", reason="ambiguous",
                      confidence=None, lat=None, lon=None)


class CountingGeocoder(Geocoder):
    """Counts the questions it is asked (it stands for the online service's quota)."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def geocode(self, query: str, *, context: GeoContext | None = None) -> GeoResult:
        self.asked.append(query)
        return GeoResult.not_found(query, geo_source="counting", reason="no such place")


@pytest.mark.parametrize(
    ("principal", "may"),
    [
        (Principal.anonymous(), False),
        (Principal(name="Ana", role=Role.VIEWER, via="password"), False),
        (Principal(role=Role.EDITOR, via="loopback"), True),
        (Principal(name="Ana", role=Role.EDITOR, via="password"), True),
        (Principal(name="Adi", role=Role.ADMIN, via="proxy header"), True),
    ],
)
def test_saving_an_override_needs_an_editor(tmp_path, principal, may):
    path = tmp_path / "overrides.csv"
    if may:
        save_override(principal, "Martuni", lat=39.79, lon=47.11, overrides_path=path, expected=None)
        assert OverrideGeocoder(path).get("Martuni") is not None
    else:
        with pytest.raises(PermissionDeniedError, match="may not save places: it needs the editor role"):
            save_override(principal, "Martuni", lat=39.79, lon=47.11, overrides_path=path, expected=None)
        assert not path.exists(), "nothing written"


@pytest.mark.parametrize(("role", "asked"), [(Role.VIEWER, []), (Role.EDITOR, ["Martuni"])])
def test_an_online_lookup_needs_an_editor(role, asked):
    geocoder = CountingGeocoder()
    principal = Principal(name="Ana", role=role, via="password")
    if asked:
        assert look_up_online(principal, PLACE, geocoder=geocoder).status == "not_found"
    else:
        with pytest.raises(PermissionDeniedError, match="may not geocode online"):
            look_up_online(principal, PLACE, geocoder=geocoder)
    assert geocoder.asked == asked
