"""Geocoding a frame: only rows without coordinates, each distinct name once, unresolved rows kept."""

import dataclasses

import numpy as np
import pandas as pd
import pytest

from base.settings import Settings
from geo import geocode_frame
from geo.chain import default_chain
from geo.errors import FrameColumnError, GeocoderTimedOut
from geo.geocoders import GazetteerGeocoder, GeocoderChain
from geo.geocoders.base import Geocoder
from geo.result import GeoContext, GeoResult


class Counting(Geocoder):
    """Wraps a geocoder and counts the (name, country) pairs it is asked."""

    name = "counting"

    def __init__(self, inner: Geocoder) -> None:
        self.inner = inner
        self.asked: list[tuple[str, str | None]] = []

    def geocode(self, query: str, *, context: GeoContext | None = None) -> GeoResult:
        self.asked.append((query, context.country if context else None))
        return self.inner.geocode(query, context=context)


def events(**columns: list) -> pd.DataFrame:
    frame = pd.DataFrame(columns)
    for column in ("latitude", "longitude"):
        if column not in frame:
            frame[column] = np.nan
    return frame


def test_fills_rows_without_coordinates_and_keeps_the_others() -> None:
    frame = events(location=["Şuşa", "Baku", "Terter"], country=["Azerbaijan"] * 3,
                   latitude=[np.nan, 40.1, np.nan], longitude=[np.nan, 49.9, np.nan])
    summary = geocode_frame(frame, geocoder=GazetteerGeocoder())
    assert frame["latitude"].tolist() == [39.7601, 40.1, 40.342]
    assert frame["geo_source"].tolist() == ["gazetteer", "data", "gazetteer"]
    assert frame["matched_name"].tolist() == ["Shusha", "", "Tartar"]
    assert frame["geo_status"].tolist() == ["resolved"] * 3
    assert frame["geo_precision"].tolist() == ["exact", "", "exact"]
    assert frame["geo_confidence"].tolist()[0] == 1.0
    assert np.isnan(frame["geo_confidence"].tolist()[1])
    assert (summary.rows, summary.already_located, summary.resolved_rows, summary.unresolved_rows) == (3, 1, 2, 0)
    assert summary.by_source == {"gazetteer": 2, "data": 1}
    assert summary.all_resolved


def test_dtypes_follow_the_contract() -> None:
    frame = events(location=["Shusha", "Qwertyuiop"])
    geocode_frame(frame, geocoder=GazetteerGeocoder())
    for column in ("latitude", "longitude", "geo_confidence"):
        assert frame[column].dtype == "float64"
    for column in ("geo_source", "matched_name", "geo_status", "geo_precision"):
        assert all(isinstance(value, str) for value in frame[column])


def test_each_distinct_name_is_looked_up_once() -> None:
    frame = events(location=["Shusha"] * 500 + ["Ganja"] * 300 + [" Shusha "] * 5, country=["Azerbaijan"] * 805)
    counting = Counting(GazetteerGeocoder())
    calls: list[tuple[int, int]] = []
    summary = geocode_frame(frame, geocoder=counting, progress=lambda done, total: calls.append((done, total)))
    assert sorted(counting.asked) == [("Ganja", "Azerbaijan"), ("Shusha", "Azerbaijan")]
    assert summary.distinct_names == 2
    assert calls == [(1, 2), (2, 2)]
    assert frame["latitude"].notna().all()


def test_the_rows_country_tells_places_apart() -> None:
    frame = events(location=["Martuni", "Martuni", "Martuni"], country=["Azerbaijan", "Armenia", ""])
    summary = geocode_frame(frame, geocoder=GazetteerGeocoder())
    assert frame["latitude"].tolist()[:2] == [39.7953, 40.1403]
    assert np.isnan(frame["latitude"].tolist()[2])
    assert frame["geo_status"].tolist()[2] == "ambiguous: Martuni (Azerbaijan), Martuni (Armenia)"
    assert [u.status for u in summary.unresolved] == ["ambiguous"]
    assert summary.unresolved[0].candidates[0].place_id == "martuni"


@pytest.mark.parametrize(
    ("location", "country"),
    [("Shusha", "Azerbaijan"), ("Վարդենիս", "Armenia"), ("Stepanakert", "Azerbaijan"), ("Vardenis", "Armenia")],
)
def test_an_empty_country_is_filled_from_the_gazetteer(location: str, country: str) -> None:
    frame = events(location=[location, location], country=["", "Kept as written"])
    geocode_frame(frame, geocoder=GazetteerGeocoder())
    assert frame["country"].tolist() == [country, "Kept as written"]


def test_a_context_for_every_row() -> None:
    frame = events(location=["Martuni"])
    geocode_frame(frame, geocoder=GazetteerGeocoder(), context=GeoContext(country="AM"), use_row_country=False)
    assert frame["latitude"].tolist() == [40.1403]


def test_unresolved_rows_stay_with_the_reason(offline_settings: Settings) -> None:
    frame = events(location=["Qwertyuiop", "", "Shusha", "Qwertyuiop"])
    summary = geocode_frame(frame, geocoder=default_chain(offline_settings))
    assert len(frame) == 4
    assert frame["geo_status"].tolist()[0].startswith("not_found: ")
    assert frame["geo_status"].tolist()[1] == "not_found: no place name"
    assert summary.unresolved_rows == 3
    assert [(u.name, u.rows) for u in summary.unresolved] == [("Qwertyuiop", 2), ("", 1)]
    assert "Qwertyuiop" in summary.describe()


def test_a_service_that_fails_leaves_the_names_waiting() -> None:
    class Down(Geocoder):
        name = "online:fake"

        def geocode(self, query: str, *, context: GeoContext | None = None) -> GeoResult:
            raise GeocoderTimedOut("no answer in time")

    frame = events(location=["Tugh", "Shusha"])
    summary = geocode_frame(frame, geocoder=GeocoderChain([GazetteerGeocoder(), Down()]))
    assert frame["geo_status"].tolist()[0] == "unavailable: waiting: online:fake: no answer in time; not found offline"
    assert [u.name for u in summary.waiting] == ["Tugh"]
    bare = events(location=["Tugh"])
    assert geocode_frame(bare, geocoder=Down()).waiting[0].reason == "waiting: online:fake: no answer in time"


def test_coordinates_and_geo_columns_that_came_with_the_file_are_kept() -> None:
    frame = events(location=["Shusha", "Tugh"], latitude=[39.7, np.nan], longitude=[46.7, np.nan],
                   geo_source=["override", "online:nominatim"], geo_status=["resolved", "unavailable: 429"],
                   geo_precision=["near", "exact"])
    geocode_frame(frame, geocoder=GazetteerGeocoder())
    assert frame["geo_source"].tolist() == ["override", ""]
    assert frame["geo_precision"].tolist()[0] == "near"
    assert frame["geo_status"].tolist()[1].startswith("not_found")


def test_any_index_works() -> None:
    frame = events(location=["Shusha", "Ganja", "Qwertyuiop"]).set_axis([7, 7, 3])
    geocode_frame(frame, geocoder=GazetteerGeocoder())
    assert frame["matched_name"].tolist() == ["Shusha", "Ganja", ""]


def test_missing_column_is_a_clear_error() -> None:
    with pytest.raises(FrameColumnError, match="no column 'place'"):
        geocode_frame(events(location=["x"]), geocoder=GazetteerGeocoder(), column="place")


def test_an_empty_frame() -> None:
    summary = geocode_frame(events(location=[]), geocoder=GazetteerGeocoder())
    assert (summary.rows, summary.distinct_names) == (0, 0)


def test_a_frame_from_the_loader_round_trips(offline_settings: Settings) -> None:
    settings = dataclasses.replace(offline_settings)
    frame = events(location=["Konya", "Washington, D.C.", "Qarayusifli"],
                   country=["Turkey", "United States", "Azerbaijan"])
    summary = geocode_frame(frame, geocoder=default_chain(settings))
    assert summary.all_resolved
    assert frame["geo_source"].tolist() == ["geonames", "geonames", "gazetteer"]
    assert frame["geo_precision"].tolist() == ["exact", "exact", "near"]


def test_regeocode_after_an_override(offline_settings: Settings) -> None:
    from geo.geocoders import OverrideGeocoder

    frame = events(location=["Goranbo", "Goranbo", "Baku"], latitude=[np.nan, np.nan, 40.1],
                   longitude=[np.nan, np.nan, 49.9])
    chain = default_chain(offline_settings)
    geocode_frame(frame, geocoder=chain)
    assert frame["geo_source"].tolist() == ["fuzzy", "fuzzy", "data"]
    OverrideGeocoder(offline_settings.overrides_path).set("Goranbo", 40.59, 46.80, note="checked on the map")
    geocode_frame(frame, geocoder=chain, regeocode={"Goranbo", "Baku"})
    assert frame["geo_source"].tolist() == ["override", "override", "data"]
    assert frame["latitude"].tolist() == [40.59, 40.59, 40.1]
