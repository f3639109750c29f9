"""A Parquet data file over `EVENTMAP_VIEW_ROWS` opens as the "view of a large file" step, not loaded whole:
a view loads through the normal loader, the page says it is a view, the URL names it, and a link opens it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from bigfiles import events_parquet_frame, write_events_parquet
from streamlit.testing.v1 import AppTest

from tests.app.conftest import app, headline, markers

ROWS = 3_000
CAP = 500


@pytest.fixture
def big(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> pd.DataFrame:
    path = tmp_path / "big.parquet"
    frame = write_events_parquet(path, ROWS)
    monkeypatch.setenv("EVENTMAP_DATA", str(path))
    monkeypatch.setenv("EVENTMAP_VIEW_ROWS", str(CAP))
    return frame


def texts(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [i.value for i in at.info] + [e.value for e in at.error]
                     + [c.value for c in at.code])


def in_view(frame: pd.DataFrame, start: str, end: str, countries: tuple[str, ...] = ()) -> pd.DataFrame:
    kept = frame[(frame["date"] >= start) & (frame["date"] <= end)]
    return kept[kept["country"].isin(countries)] if countries else kept


def test_a_large_file_shows_the_step_and_a_view_loads_with_its_count(big: pd.DataFrame) -> None:
    at = app()
    assert [t.value for t in at.title] == ["A view of a large file"]
    assert f"big.parquet holds {ROWS:,} events, from 2021-01-01 to 2021-04-30" in texts(at)
    assert not [el for el in at.main if el.type == "component_instance"], "no map before a view is chosen"
    assert at.date_input(key="lv_dates").value[1] == pd.Timestamp("2021-04-30").date()
    at.date_input(key="lv_dates").set_value((pd.Timestamp("2021-04-01").date(), pd.Timestamp("2021-04-30").date()))
    at.multiselect(key="lv_countries").set_value(["Georgia"]).run()
    expected = in_view(big, "2021-04-01", "2021-04-30", ("Georgia",))
    assert f"This view holds {len(expected):,} of the file's {ROWS:,} events" in texts(at)
    at.button(key="lv_load").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert headline(at) == (len(expected), len(expected), 0)
    assert markers(at) == len(expected)
    assert (f"A view of {len(expected):,} of {ROWS:,} events of big.parquet\\: 2021-04-01 – 2021-04-30; "
            "Countries\\: Georgia") in texts(at)
    assert at.query_params["view_from"] in ("2021-04-01", ["2021-04-01"])
    assert at.query_params["view_country"] in ("Georgia", ["Georgia"])
    assert sorted(at.dataframe[-1].value["event_id"]) == sorted(expected["event_id"])


def test_a_link_with_a_view_opens_that_view_and_it_can_be_changed(big: pd.DataFrame) -> None:
    expected = in_view(big, "2021-02-01", "2021-02-10")
    at = app({"view_from": "2021-02-01", "view_to": "2021-02-10"})
    assert headline(at) == (len(expected), len(expected), 0)
    next(b for b in at.button if b.key == "lv_change").click().run()
    assert [t.value for t in at.title] == ["A view of a large file"]
    assert at.date_input(key="lv_dates").value == (pd.Timestamp("2021-02-01").date(),
                                                    pd.Timestamp("2021-02-10").date())


def test_a_view_over_the_cap_is_refused_with_its_count(big: pd.DataFrame) -> None:
    at = app({"view_from": "2021-01-01", "view_to": "2021-04-30"})
    assert [t.value for t in at.title] == ["A view of a large file"]
    assert f"This view holds {ROWS:,} events, more than the {CAP:,} a view may hold" in texts(at)
    assert at.button(key="lv_load").disabled


def test_a_large_file_of_another_layout_is_refused_naming_its_columns(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "other.parquet"
    pq.write_table(pa.table({"event_date": ["2021-01-01"] * 10, "where": ["Kyiv"] * 10}), path)
    monkeypatch.setenv("EVENTMAP_DATA", str(path))
    monkeypatch.setenv("EVENTMAP_VIEW_ROWS", "5")
    at = app()
    assert "no 'date' column" in texts(at)
    assert "event_date, where" in texts(at)


@pytest.mark.parametrize(("lang", "title"), [("ar", "عرض جزء من ملف كبير"), ("ru", "Выборка из большого файла")])
def test_the_step_and_the_view_speak_the_language_of_the_page(big: pd.DataFrame, lang: str, title: str) -> None:
    at = app({"lang": lang})
    assert [t.value for t in at.title] == [title]
    at.button(key="lv_load").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert "big.parquet" in texts(at)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"view_from": "1990-01-01", "view_to": "1990-02-01"}, ("2021-01-01", "2021-01-01")),
        ({"view_side": "Nobody", "view_to": "2030-01-01"}, ("2021-01-01", "2021-04-30")),
    ],
)
def test_a_link_to_days_or_values_the_file_lacks_opens_the_step_within_the_file(big: pd.DataFrame, query,
                                                                                 expected) -> None:
    at = app(query)
    assert [t.value for t in at.title] == ["A view of a large file"]
    assert at.date_input(key="lv_dates").value == tuple(pd.Timestamp(d).date() for d in expected)
    assert not at.exception


def test_a_views_problems_name_the_record_of_the_large_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    frame = events_parquet_frame(ROWS)
    last = frame["date"].idxmax()
    frame.loc[last, "latitude"] = 95.0
    path = tmp_path / "big.parquet"
    frame.to_parquet(path, index=False, row_group_size=1_000)
    monkeypatch.setenv("EVENTMAP_DATA", str(path))
    monkeypatch.setenv("EVENTMAP_VIEW_ROWS", str(CAP))
    at = app()
    at.button(key="lv_load").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert f"big.parquet:{last + 1}: latitude: out of range" in texts(at)
