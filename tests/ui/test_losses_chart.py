"""The losses chart: each figure with its reporter while a reader can point at them, summed per day above."""

from __future__ import annotations

import pandas as pd
import pytest

from ui.losses import losses_chart


def _frame(n: int) -> pd.DataFrame:
    return pd.DataFrame([{"date": pd.Timestamp("2020-10-01") + pd.Timedelta(days=i % 3), "side": "Armenia",
                          "fatalities": 1 + i, "injured": None, "claimed_by": f"reporter {i}", "location": "Ganja",
                          "event_id": f"e{i}"} for i in range(n)])


@pytest.mark.parametrize(("detail_points", "summed", "rows", "fields"), [
    (100, "", 9, {"claimed_by", "place"}),  # every figure a point, with who reported it
    (8, "day", 3, {"reports"}),  # one point per day: 9 figures over 3 days
    (2, "week", 1, {"reports"}),  # 3 days are still too many points: one per week (1-3 Oct 2020)
])
def test_figures_are_points_with_their_reporter_until_there_are_too_many(detail_points, summed, rows, fields):
    chart, was_summed = losses_chart(_frame(9), colours={"Armenia": "#ff0000"}, lang="en",
                                     detail_points=detail_points)
    assert chart is not None
    assert was_summed == summed
    data = chart.data
    assert len(data) == rows
    assert fields <= set(data.columns)
    tooltips = {tip["field"] for tip in chart.to_dict()["layer"][1]["encoding"]["tooltip"]}
    assert fields <= tooltips
    if summed == "day":
        assert data["count"].tolist() == [1 + 4 + 7, 2 + 5 + 8, 3 + 6 + 9]
        assert data["reports"].tolist() == [3, 3, 3]
    if summed == "week":
        assert (data["count"].tolist(), data["reports"].tolist()) == ([45], [9])


def test_no_figure_no_chart():
    assert losses_chart(_frame(3).assign(fatalities=None), colours={}, lang="en") == (None, "")
