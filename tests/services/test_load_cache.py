"""The Parquet cache of loaded files: the second load of the same bytes skips parsing, validation and
geocoding; a stale or damaged cache file is never shown but rebuilt; limits fit where a file comes from."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from base.settings import Settings
from geo.geocoders.base import Geocoder
from geo.result import Candidate, GeoContext, GeoResult
from services.load_cache import CacheState, LoadCache, cache_key, geocoding_stamp
from services.loading import LoadedData, LoadFailure, LoadOptions, load_and_geocode
from tests.app.conftest import event_rows

ROWS = event_rows({"location": "Şuşa", "latitude": "", "longitude": ""},
                  {"location": "Martuni", "latitude": "", "longitude": ""},
                  {"location": "Barda", "latitude": "40.37", "longitude": "47.13", "fatalities": "3"},
                  {"location": "Barda", "latitude": "not a number"})


class CountingGeocoder(Geocoder):
    """Knows Shusha, is ambiguous about Martuni, knows nothing else; counts the names it is asked."""

    name = "counting"

    def __init__(self) -> None:
        self.asked = 0

    def geocode(self, query: str, *, context: GeoContext | None = None) -> GeoResult:
        self.asked += 1
        if query == "Şuşa":
            return GeoResult(query, "resolved", 39.7601, 46.7499, geo_source="gazetteer", matched_name="Shusha",
                             confidence=1.0)
        if query == "Martuni":
            return GeoResult(query, "ambiguous", candidates=(Candidate("Martuni", "1", 39.79, 47.11, "AZ", 0.9),
                                                             Candidate("Martuni", "2", 40.14, 45.31, "AM", 0.9)))
        return GeoResult(query, "not_found", reason="no such place")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(state_dir=tmp_path / "state", overrides_path=tmp_path / "overrides.csv")


def load(settings: Settings, data: bytes | Path = ROWS) -> tuple[LoadedData | LoadFailure, CountingGeocoder]:
    geocoder = CountingGeocoder()
    source_path = data if isinstance(data, Path) else None
    loaded = load_and_geocode(data, name="events.csv", settings=settings, geocoder=geocoder,
                              source_path=source_path, cache=LoadCache.from_settings(settings))
    return loaded, geocoder


def key_of(settings: Settings, data: bytes = ROWS) -> str:
    return cache_key(sha256=hashlib.sha256(data).hexdigest(), options_key=LoadOptions().key(),
                     geocoding=geocoding_stamp(settings))


def assert_same_load(cached: LoadedData, fresh: LoadedData) -> None:
    pd.testing.assert_frame_equal(cached.events, fresh.events)
    assert cached.problems == fresh.problems
    assert (cached.rejected_count, cached.detected_format, cached.sha256, cached.byte_size, cached.filled) == (
        fresh.rejected_count, fresh.detected_format, fresh.sha256, fresh.byte_size, fresh.filled)
    assert cached.geocode_summary is not None
    assert fresh.geocode_summary is not None
    assert cached.geocode_summary.unresolved == fresh.geocode_summary.unresolved
    assert cached.geocode_summary.by_source == fresh.geocode_summary.by_source


def test_the_second_load_reads_the_cache_and_geocodes_nothing(settings: Settings) -> None:
    fresh, first = load(settings)
    assert isinstance(fresh, LoadedData)
    assert first.asked > 0
    assert LoadCache.from_settings(settings).path_for(key_of(settings)).is_file()
    cached, second = load(settings)
    assert isinstance(cached, LoadedData)
    assert second.asked == 0
    assert_same_load(cached, fresh)
    assert [str(p) for p in cached.problems if p.line == 5] == [
        "events.csv:5: latitude: not a number (decimal degrees expected, e.g. 39.7601) (got 'not a number')",
        "events.csv:5: longitude: empty while latitude is given: give both or neither"]
    assert cached.geocode_summary is not None
    assert [u.candidates for u in cached.geocode_summary.unresolved] == [
        (Candidate("Martuni", "1", 39.79, 47.11, "AZ", 0.9), Candidate("Martuni", "2", 40.14, 45.31, "AM", 0.9))]


def test_a_local_file_keeps_its_own_path_and_day_when_read_from_the_cache(settings: Settings,
                                                                           tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_bytes(ROWS)
    fresh, _ = load(settings, path)
    cached, geocoder = load(settings, path)
    assert isinstance(fresh, LoadedData)
    assert isinstance(cached, LoadedData)
    assert geocoder.asked == 0
    assert (cached.source_path, cached.modified) == (path, fresh.modified)


def test_other_bytes_or_other_overrides_make_another_key(settings: Settings) -> None:
    load(settings)
    changed = ROWS.replace(b"A test event.", b"Another event.", 1)
    assert key_of(settings, changed) != key_of(settings)
    loaded, geocoder = load(settings, changed)
    assert isinstance(loaded, LoadedData)
    assert geocoder.asked > 0
    before = key_of(settings)
    settings.overrides_path.write_text("name,latitude,longitude\n", encoding="utf-8")
    assert key_of(settings) != before


def write_damaged(path: Path) -> None:
    path.write_bytes(b"PAR1 not really a parquet file PAR1")


def write_other_key(path: Path) -> None:
    table = pq.read_table(path)
    metadata = {**(table.schema.metadata or {}), b"eventmap.key": b"0" * 32}
    pq.write_table(table.replace_schema_metadata(metadata), path)


def write_missing_column(path: Path) -> None:
    table = pq.read_table(path)
    pq.write_table(table.drop_columns(["latitude"]).replace_schema_metadata(table.schema.metadata), path)


def write_wrong_type(path: Path) -> None:
    table = pq.read_table(path)
    index = table.schema.get_field_index("fatalities")
    table = table.set_column(index, "fatalities", pa.array(["many"] * table.num_rows))
    pq.write_table(table.replace_schema_metadata(table.schema.metadata), path)


@pytest.mark.parametrize(
    ("spoil", "state"),
    [
        (write_damaged, CacheState.DAMAGED),
        (write_other_key, CacheState.STALE),
        (write_missing_column, CacheState.STALE),
        (write_wrong_type, CacheState.STALE),
    ],
)
def test_a_spoilt_cache_file_is_never_shown_and_is_rebuilt(settings: Settings, spoil, state: CacheState) -> None:
    fresh, _ = load(settings)
    assert isinstance(fresh, LoadedData)
    cache = LoadCache.from_settings(settings)
    path = cache.path_for(key_of(settings))
    spoil(path)
    assert cache.read(key_of(settings), source_name="events.csv") == (None, state)
    again, geocoder = load(settings)
    assert isinstance(again, LoadedData)
    assert geocoder.asked > 0
    assert_same_load(again, fresh)
    assert cache.read(key_of(settings), source_name="events.csv")[1] is CacheState.HIT


def test_the_oldest_cache_files_go(settings: Settings) -> None:
    cache = LoadCache(settings.load_cache_dir, max_entries=2)
    fresh, _ = load(settings)
    assert isinstance(fresh, LoadedData)
    for number in range(4):
        cache.write(f"{number:032x}", fresh)
    assert sorted(p.name for p in settings.load_cache_dir.glob("*.parquet")) == [
        f"{2:032x}.parquet", f"{3:032x}.parquet"]


def test_a_state_folder_that_cannot_be_written_costs_only_the_cache(tmp_path: Path) -> None:
    blocked = tmp_path / "state"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    settings = Settings(state_dir=blocked, overrides_path=tmp_path / "overrides.csv")
    loaded, _ = load(settings)
    assert isinstance(loaded, LoadedData)
    assert len(loaded.events) == 3  # the fourth row is set aside (its latitude)
