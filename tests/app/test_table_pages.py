"""The event table a page at a time: every event reachable by its page, an event picked on the map opens its page."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from eventframes import events_frame

from eventmap.schema import COLUMN_NAMES
from tests.app.conftest import app
from ui.sidebar import SELECTED_EVENT_KEY
from ui.table import PAGE_KEY_PREFIX, PAGE_ROWS

EVENTS = 2 * PAGE_ROWS + 37


@pytest.fixture
def many(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    days = pd.date_range("2021-01-01", periods=EVENTS, freq="h")
    frame = events_frame([{"date": day.normalize(), "latitude": 40.0 + (i % 50) / 100, "longitude": 46.0}
                          for i, day in enumerate(days)], event_id=lambda i: f"T{i:05d}")
    path = tmp_path / "many.csv"
    frame.assign(date=frame["date"].dt.strftime("%Y-%m-%d"))[list(COLUMN_NAMES)].to_csv(path, index=False)
    monkeypatch.setenv("EVENTMAP_DATA", str(path))
    return path


def page_input(at):
    return next(box for box in at.number_input if box.key.startswith(PAGE_KEY_PREFIX))


def table_ids(at) -> list[str]:
    return at.dataframe[-1].value["event_id"].tolist()


def test_the_table_goes_a_page_at_a_time_and_every_page_can_be_opened(many: Path):
    at = app()
    assert page_input(at).max == 3
    assert table_ids(at) == [f"T{i:05d}" for i in range(PAGE_ROWS)]
    assert any(f"Rows 1–{PAGE_ROWS} of {EVENTS:,}" in c.value for c in at.caption)
    page_input(at).set_value(3).run()
    assert not at.exception
    assert table_ids(at) == [f"T{i:05d}" for i in range(2 * PAGE_ROWS, EVENTS)]


def test_an_event_picked_elsewhere_opens_the_page_that_holds_it(many: Path):
    at = app()
    at.session_state[SELECTED_EVENT_KEY] = f"T{PAGE_ROWS + 3:05d}"
    at.run()
    assert not at.exception
    assert page_input(at).value == 2
    assert table_ids(at)[3] == f"T{PAGE_ROWS + 3:05d}"
    page_input(at).set_value(1).run()  # the reader moves on: the page stays where they put it
    assert page_input(at).value == 1


def test_one_page_of_events_has_no_page_control():
    at = app()
    assert not [box for box in at.number_input if box.key.startswith(PAGE_KEY_PREFIX)]
