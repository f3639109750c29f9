"""DuckDB over Parquet answers the same rows as the frame filter, for every kind of filter; values from the
user stay values (never SQL)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventmap.engine import count_parquet, filter_parquet
from eventmap.filtering import Filters, SourceFilter, apply_filters
from eventmap.loading import load_events

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory):
    events = load_events(ROOT / "events.csv").events
    path = tmp_path_factory.mktemp("parquet") / "events.parquet"
    events.to_parquet(path, index=False)
    return events, path


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(date_from=date(2020, 10, 8), date_to=date(2020, 10, 9)),
        Filters(sides=("Armenia",)),
        Filters(sides=("Azerbaijan", "Armenia"), statuses=("claimed", "disputed")),
        Filters(event_types=("Battles",), verifications=("multi-source",)),
        Filters(sub_event_types=("Air/drone strike",)),
        Filters(places=("Stepanakert", "Shusha")),
        Filters(text="cathedral"),
        Filters(text="SHUSHA town"),
        Filters(min_fatalities=1),
        Filters(sources=SourceFilter.WITH),
        Filters(sources=SourceFilter.WITHOUT),
        Filters(sides=("'); DROP TABLE events; --",)),
        Filters(text="%_' OR 1=1 --"),
    ],
)
def test_the_same_rows_as_the_frame_filter(bundled, filters: Filters) -> None:
    events, path = bundled
    view = filter_parquet(path, filters, columns=["event_id", "date", "side"])
    assert view.total_rows == len(events)
    assert view.events["event_id"].tolist() == apply_filters(events, filters)["event_id"].tolist()
    assert list(view.events.columns) == ["event_id", "date", "side"]
    assert count_parquet(path, filters, threads=1) == len(view.events)


def test_a_box_keeps_the_points_inside(bundled) -> None:
    events, path = bundled
    box = (39.7, 46.6, 39.9, 46.8)
    inside = events[events["latitude"].between(box[0], box[2]) & events["longitude"].between(box[1], box[3])]
    view = filter_parquet(path, Filters(), bbox=box, columns=["event_id"], threads=1)
    assert 0 < len(view.events) < len(events)
    assert view.events["event_id"].tolist() == inside["event_id"].tolist()


def test_a_column_the_file_lacks_is_named(bundled) -> None:
    _, path = bundled
    with pytest.raises(KeyError, match="no column colour"):
        filter_parquet(path, Filters(), columns=["event_id", "colour"])


def test_values_wanted_of_a_column_the_file_lacks_keep_nothing(tmp_path: Path) -> None:
    path = tmp_path / "no_country.parquet"
    load_events(ROOT / "events.csv").events.drop(columns=["country", "side"]).to_parquet(path, index=False)
    assert count_parquet(path, Filters(), countries=("Armenia",)) == 0
    assert count_parquet(path, Filters(sides=("Armenia",))) == 0
    assert len(filter_parquet(path, Filters(), countries=("Armenia",), columns=["event_id"]).events) == 0
    assert count_parquet(path, Filters()) > 0
