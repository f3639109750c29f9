"""Control computed once per change day: every day's lookup equals the state computed for that day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventmap.control.history import CONTROL_FILE_NAME, ControlHistory, control_file_beside
from eventmap.control.layers import Layers
from eventmap.control.loading import ControlLoadResult
from eventmap.control.state import control_on


@pytest.fixture(scope="module")
def history(bundled_control: ControlLoadResult, layers: Layers) -> ControlHistory:
    return ControlHistory.build(bundled_control.changes, layers=layers, source_name="control_changes.csv")


def test_one_state_per_change_day_plus_the_pre_war_one(history: ControlHistory,
                                                         bundled_control: ControlLoadResult) -> None:
    change_days = sorted({c.date for c in bundled_control.changes})
    assert history.days[1:] == tuple(change_days)
    assert history.days[0] == change_days[0] - dt.timedelta(days=1)
    assert history.first_day == dt.date(2020, 9, 27)
    assert history.last_day == dt.date(2020, 12, 1)


@pytest.mark.parametrize("day", ["2020-09-01", "2020-09-26", "2020-09-27", "2020-10-05", "2020-11-08",
                                 "2020-11-09", "2020-11-19", "2020-11-20", "2020-12-01", "2021-06-01"])
def test_a_lookup_gives_the_state_computed_for_that_day(history: ControlHistory, layers: Layers,
                                                        bundled_control: ControlLoadResult, day: str) -> None:
    date = dt.date.fromisoformat(day)
    expected = control_on(date, changes=bundled_control.changes, layers=layers)
    got = history.on(date)
    assert got.applied == expected.applied
    assert [(a.side, a.status, a.change_ids) for a in got.areas] == \
        [(a.side, a.status, a.change_ids) for a in expected.areas]
    for mine, theirs in zip(got.areas, expected.areas, strict=True):
        assert mine.geometry.equals(theirs.geometry)


def test_a_change_is_found_by_its_id(history: ControlHistory) -> None:
    change = history.change("C17")
    assert change is not None
    assert change.date == dt.date(2020, 11, 20)
    assert history.change("C99") is None


def test_no_change_no_history(layers: Layers) -> None:
    with pytest.raises(ValueError, match="at least one change"):
        ControlHistory.build((), layers=layers)


def test_the_control_file_is_found_beside_the_events_file_only(tmp_path: Path) -> None:
    events = tmp_path / "events.csv"
    events.write_text("date\n", encoding="utf-8")
    assert control_file_beside(events) is None
    assert control_file_beside(None) is None
    (tmp_path / CONTROL_FILE_NAME).write_text("change_id\n", encoding="utf-8")
    assert control_file_beside(events) == tmp_path / CONTROL_FILE_NAME
