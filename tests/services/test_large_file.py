"""A view of a large Parquet file: the summary's figures are pandas' on the same file, a view's rows are the
frame filter's, hostile values are only values, another layout is refused in words, view files are reused
and pruned."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from bigfiles import SIDES, events_parquet_frame, write_events_parquet

import geo
from base.errors import DataFileError
from base.settings import Settings
from eventmap.engine.view_choice import ViewChoice
from eventmap.filtering import apply_filters
from services.large_file import (
    VIEW_FILES_KEPT,
    count_view,
    default_choice,
    file_sha256,
    needs_view,
    parquet_rows,
    renumbered,
    source_rows,
    summarize,
    views_folder,
    write_view,
)
from services.loaded import LoadedData
from services.loading import load_and_geocode

ROWS = 5_000
HOSTILE = SIDES[-1]


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, Path]:
    path = tmp_path_factory.mktemp("big") / "big.parquet"
    return write_events_parquet(path, ROWS), path


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(state_dir=tmp_path / "state", view_rows=1_000)


def counts_of(frame: pd.DataFrame, column: str) -> tuple[tuple[str, int], ...]:
    counted = frame[column].value_counts()
    return tuple(sorted(((str(k), int(v)) for k, v in counted.items()), key=lambda item: (-item[1], item[0])))


def test_the_summary_is_what_pandas_counts(big) -> None:
    frame, path = big
    summary = summarize(path, threads=1)
    assert (summary.name, summary.rows) == ("big.parquet", ROWS)
    assert (summary.first_day, summary.last_day) == (frame["date"].min().date(), frame["date"].max().date())
    assert summary.countries == counts_of(frame, "country")
    assert summary.sides == counts_of(frame, "side")
    assert summary.event_types == counts_of(frame, "event_type")
    per_day = frame["date"].dt.date.value_counts().sort_index()
    assert summary.days == tuple((d, int(n)) for d, n in per_day.items())


@pytest.mark.parametrize(
    ("view_rows", "memory", "expected"),
    [
        (1_000, None, ROWS),  # more rows than the setting
        (ROWS, None, None),  # as many as the setting: loaded whole
        (10 * ROWS, 1, ROWS),  # fewer rows, but no memory free to load it whole
    ],
)
def test_a_parquet_file_over_the_setting_or_the_memory_needs_a_view(big, view_rows, memory, expected) -> None:
    _, path = big
    assert needs_view(path, settings=Settings(view_rows=view_rows), available_memory=memory or 1 << 40) == expected


def test_a_file_that_is_not_parquet_is_loaded_as_before(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("date,location\n2020-10-01,Shusha\n", encoding="utf-8")
    assert parquet_rows(path) is None
    assert needs_view(path, settings=Settings(view_rows=0)) is None


@pytest.mark.parametrize(
    "choice",
    [
        ViewChoice(),
        ViewChoice(date_from=date(2021, 2, 1), date_to=date(2021, 2, 10)),
        ViewChoice(countries=("Georgia",)),
        ViewChoice(countries=("Armenia", "Azerbaijan"), sides=("Azerbaijan",), event_types=("Battles",)),
        ViewChoice(sides=(HOSTILE,)),
        ViewChoice(countries=("' OR 1=1 --",)),
        ViewChoice(event_types=('Battles"; SELECT 1; --',), date_to=date(2021, 3, 1)),
    ],
)
def test_a_view_holds_the_rows_of_the_frame_filter(big, settings: Settings, choice: ViewChoice) -> None:
    frame, path = big
    expected = apply_filters(frame, choice.filters())
    if choice.countries:
        expected = expected[expected["country"].isin(choice.countries)]
    assert count_view(path, choice, threads=1) == len(expected)
    written = write_view(path, choice, sha256=file_sha256(path), settings=settings, threads=1)
    view = pd.read_parquet(written)
    assert view["event_id"].tolist() == expected["event_id"].tolist()
    assert view["side"].tolist() == expected["side"].tolist()
    assert written.parent == views_folder(settings)


def test_a_hostile_side_is_a_value_that_matches_itself_only(big) -> None:
    frame, path = big
    assert count_view(path, ViewChoice(sides=(HOSTILE,)), threads=1) == int((frame["side"] == HOSTILE).sum()) > 0


def test_the_default_view_is_the_last_days_up_to_the_target(big) -> None:
    _, path = big
    summary = summarize(path, threads=1)
    wide = default_choice(summary, days=30, target=ROWS)
    assert (wide.date_from, wide.date_to) == (date(2021, 4, 1), date(2021, 4, 30))
    narrow = default_choice(summary, days=30, target=200)
    held = count_view(path, narrow, threads=1)
    assert narrow.date_to == summary.last_day
    assert 0 < held <= 200
    one_day_more = dataclasses.replace(narrow, date_from=narrow.date_from - pd.Timedelta(days=1))
    assert count_view(path, one_day_more, threads=1) > 200


def test_a_view_file_is_reused_and_the_oldest_go(big, settings: Settings) -> None:
    _, path = big
    digest = file_sha256(path)
    first = write_view(path, ViewChoice(countries=("Georgia",)), sha256=digest, settings=settings, threads=1)
    again = write_view(path, ViewChoice(countries=("Georgia",)), sha256=digest, settings=settings, threads=1)
    assert first == again
    for day in range(1, VIEW_FILES_KEPT + 2):
        write_view(path, ViewChoice(date_from=date(2021, 1, day)), sha256=digest, settings=settings, threads=1)
    assert len(list(views_folder(settings).glob("*.parquet"))) == VIEW_FILES_KEPT
    assert not first.exists()
    assert not list(views_folder(settings).glob("*.tmp"))


@pytest.mark.parametrize(
    ("table", "words"),
    [
        (pa.table({"event_date": ["2021-01-01"], "where": ["Kyiv"]}), "no 'date' column.*event_date, where"),
        (pa.table({"date": ["2021-01-01"], "place": ["Kyiv"]}), "holds VARCHAR, not dates.*date, place"),
    ],
)
def test_another_layout_is_refused_naming_its_columns(tmp_path: Path, table: pa.Table, words: str) -> None:
    path = tmp_path / "other.parquet"
    pq.write_table(table, path)
    with pytest.raises(DataFileError, match=words):
        summarize(path, threads=1)


def test_a_loaded_view_names_the_large_files_records(tmp_path: Path, settings: Settings) -> None:
    frame = events_parquet_frame(400)
    frame.loc[[7, 250], "latitude"] = 95.0  # two bad rows: records 8 and 251 of the large file
    path = tmp_path / "big.parquet"
    frame.to_parquet(path, index=False, row_group_size=100)
    choice = ViewChoice(countries=tuple(frame.loc[[7, 250], "country"].unique()))
    view_file = write_view(path, choice, sha256=file_sha256(path), settings=settings, threads=1)
    loaded = load_and_geocode(view_file, name="big.parquet · view", settings=settings,
                              geocoder=geo.default_chain(settings), source_path=view_file)
    assert isinstance(loaded, LoadedData)
    rows = source_rows(view_file)
    assert rows is not None
    in_file = renumbered(loaded, rows, name="big.parquet")
    bad = sorted({p.line for p in in_file.problems if p.column == "latitude" and p.line is not None})
    assert bad == [8, 251]
    assert {p.file for p in in_file.problems} == {"big.parquet"}
    kept = frame[frame["country"].isin(choice.countries)].drop(index=[7, 250])
    by_id = dict(zip(in_file.events["event_id"], in_file.events["source_line"], strict=True))
    assert {i: by_id[i] for i in kept["event_id"]} == {i: n + 1 for i, n in zip(kept["event_id"], kept.index,
                                                                                 strict=True)}
