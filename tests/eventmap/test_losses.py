"""Reported losses: each figure with its day, side, kind and reporter; running totals; nothing guessed."""

from __future__ import annotations

import pandas as pd
import pytest

from eventmap.losses import COLUMNS, LossKind, by_day, reported_losses


def _frame(rows: list[tuple[str, str, object, object, str]]) -> pd.DataFrame:
    return pd.DataFrame([{"date": pd.Timestamp(d), "side": s, "fatalities": f, "injured": i, "claimed_by": c,
                          "location": "Ganja", "event_id": f"e{n}"} for n, (d, s, f, i, c) in enumerate(rows)])


def test_running_totals_per_side_and_kind_in_day_order() -> None:
    frame = _frame([
        ("2020-10-17", "Armenia", 13, 40, "Azerbaijani Prosecutor General"),
        ("2020-10-04", "Armenia", 1, 4, "Azerbaijani MFA"),
        ("2020-10-05", "Azerbaijan", 2, None, "Artsakh ombudsman"),
        ("2020-10-28", "Armenia", 21, 70, "HRW"),
    ])
    rows = reported_losses(frame).rows
    assert list(rows.columns) == list(COLUMNS)
    killed = rows[(rows["side"] == "Armenia") & (rows["kind"] == LossKind.FATALITIES.value)]
    assert killed["count"].tolist() == [1, 13, 21]
    assert killed["cumulative"].tolist() == [1, 14, 35]
    assert killed["claimed_by"].tolist() == ["Azerbaijani MFA", "Azerbaijani Prosecutor General", "HRW"]
    injured = rows[(rows["side"] == "Armenia") & (rows["kind"] == LossKind.INJURED.value)]
    assert injured["cumulative"].tolist() == [4, 44, 114]
    other = rows[rows["side"] == "Azerbaijan"]
    assert other[["kind", "count", "cumulative"]].values.tolist() == [["fatalities", 2, 2]]


@pytest.mark.parametrize(("fatalities", "injured", "kept", "unreadable"), [
    (None, None, 0, 0),
    (0, 0, 0, 0),
    ("", "", 0, 0),
    ("3", "", 1, 0),
    ("about 12", "5", 1, 1),
    ("2.5", "-1", 0, 2),
    (pd.NA, 7, 1, 0),
])
def test_only_whole_positive_figures_count_and_the_rest_is_counted(fatalities: object, injured: object, kept: int,
                                                                   unreadable: int) -> None:
    table = reported_losses(_frame([("2020-10-01", "Armenia", fatalities, injured, "x")]))
    assert len(table.rows) == kept
    assert table.unreadable == unreadable


def test_a_table_without_the_columns_has_no_losses() -> None:
    table = reported_losses(pd.DataFrame({"date": [pd.Timestamp("2020-10-01")], "side": ["A"]}))
    assert table.rows.empty
    assert table.unreadable == 0


def test_figures_of_one_day_side_and_kind_are_summed_with_their_running_total_and_report_count() -> None:
    frame = _frame([
        ("2020-10-01", "A", 2, None, "x"),
        ("2020-10-01", "A", 3, None, "y"),
        ("2020-10-01", "B", 1, None, "x"),
        ("2020-10-02", "A", 4, 7, "z"),
    ])
    days = by_day(reported_losses(frame).rows)
    assert days.assign(date=days["date"].dt.strftime("%m-%d")).values.tolist() == [
        ["10-01", "A", "fatalities", 5, 5, 2],
        ["10-01", "B", "fatalities", 1, 1, 1],
        ["10-02", "A", "fatalities", 4, 9, 1],
        ["10-02", "A", "injured", 7, 7, 1],
    ]
    assert by_day(reported_losses(_frame([("2020-10-01", "A", None, None, "x")])).rows).empty
