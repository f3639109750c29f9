from datetime import UTC, date, datetime

import pandas as pd
import pytest

from eventmap.timeline import SELECTION_NAME, bin_for, daily_counts, selected_span, timeline_chart

COLOURS = {"Azerbaijan": "#0072B2", "Armenia": "#D55E00", "Artsakh": "#E69F00"}


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.to_datetime(["2020-10-04", "2020-10-04", "2020-10-04", "2020-10-05", "2020-10-09"]),
            "side": ["Azerbaijan", "Azerbaijan", "Armenia", "Artsakh", "Azerbaijan"],
        }
    )


def ms(day: str, hour: int = 0) -> float:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC).timestamp() * 1000


def test_daily_counts_are_per_day_and_side(frame):
    counts = daily_counts(frame)
    assert counts.to_dict("records") == [
        {"day": "2020-10-04", "end": "2020-10-05", "side": "Armenia", "events": 1},
        {"day": "2020-10-04", "end": "2020-10-05", "side": "Azerbaijan", "events": 2},
        {"day": "2020-10-05", "end": "2020-10-06", "side": "Artsakh", "events": 1},
        {"day": "2020-10-09", "end": "2020-10-10", "side": "Azerbaijan", "events": 1},
    ]
    assert counts["events"].sum() == len(frame)


def test_weekly_bins_run_sunday_to_saturday_like_vega_weeks(frame):
    saturday = pd.DataFrame({"date": pd.to_datetime(["2020-10-03"]), "side": ["Armenia"]})
    counts = daily_counts(pd.concat([frame, saturday]), bin_unit="week")
    assert dict(zip(counts["day"], counts["end"], strict=True)) == {
        "2020-09-27": "2020-10-04", "2020-10-04": "2020-10-11"}
    assert counts["events"].sum() == len(frame) + 1


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (date(2020, 9, 27), date(2020, 11, 10), "day"),
        (date(2018, 1, 1), date(2019, 12, 31), "day"),
        (date(2010, 1, 1), date(2019, 12, 31), "week"),
        (date(1989, 1, 1), date(2024, 12, 31), "month"),
    ],
)
def test_long_spans_get_coarser_bins(first, last, expected):
    assert bin_for(first, last) == expected


def test_the_chart_stacks_sides_in_their_colours_with_a_span_selection(frame):
    spec = timeline_chart(frame, colours=COLOURS, lang="en").to_dict()
    bars = spec["layer"][0]
    assert bars["mark"]["type"] == "bar"
    assert bars["encoding"]["y"]["stack"] == "zero"
    scale = bars["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"], strict=True)) == COLOURS
    assert spec["params"][0]["name"] == SELECTION_NAME
    assert spec["params"][0]["select"] == {"type": "interval", "encodings": ["x"]}


def test_days_outside_the_date_filter_are_dimmed(frame):
    chart = timeline_chart(frame, colours=COLOURS, date_range=(date(2020, 10, 5), date(2020, 10, 9)))
    rows = next(rows for rows in chart.to_dict()["datasets"].values() if rows and "inside" in rows[0])
    assert {row["day"]: row["inside"] for row in rows} == {
        "2020-10-04": False, "2020-10-05": True, "2020-10-09": True}


def test_a_side_without_a_colour_still_gets_one(frame):
    spec = timeline_chart(frame, colours={"Azerbaijan": "#0072B2"}).to_dict()
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    assert set(scale["domain"]) == {"Azerbaijan", "Armenia", "Artsakh"}
    assert len(scale["range"]) == 3


def test_the_labels_follow_the_language(frame):
    english = timeline_chart(frame, colours=COLOURS, lang="en").to_dict()["layer"][0]["encoding"]["y"]["title"]
    arabic = timeline_chart(frame, colours=COLOURS, lang="ar").to_dict()["layer"][0]["encoding"]["y"]["title"]
    assert english != arabic


def test_an_empty_frame_gives_an_empty_chart():
    empty = pd.DataFrame({"date": pd.to_datetime([]), "side": pd.Series([], dtype=str)})
    assert timeline_chart(empty, colours=COLOURS).to_dict()["layer"][0]["mark"]["type"] == "bar"


def test_playback_marks_the_current_day(frame):
    spec = timeline_chart(frame, colours=COLOURS, marker_day=date(2020, 10, 5)).to_dict()
    assert spec["layer"][1]["mark"]["type"] == "rule"


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (None, None),
        ({}, None),
        ({"selection": {SELECTION_NAME: {}}}, None),
        ({"selection": {SELECTION_NAME: {"day": [ms("2020-10-04", 10), ms("2020-10-10", 15)]}}},
         (date(2020, 10, 4), date(2020, 10, 10))),
        ({SELECTION_NAME: {"day": [ms("2020-10-10", 15), ms("2020-10-04", 10)]}},
         (date(2020, 10, 4), date(2020, 10, 10))),
        ({"day": [ms("2020-10-04"), ms("2020-10-11")]}, (date(2020, 10, 4), date(2020, 10, 10))),
        ({"day": ["2020-10-04", "2020-10-06T00:00:00"]}, (date(2020, 10, 4), date(2020, 10, 6))),
        ({"day": ["soon", "later"]}, None),
        ({"day": [True, False]}, None),
        ({"day": [1e300, 0]}, None),
        ({"day": [ms("2020-10-04")]}, None),
        ({"selection": {SELECTION_NAME: "garbage"}}, None),
    ],
)
def test_selected_span_reads_the_brushed_days(selection, expected):
    assert selected_span(selection) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", ["Azerbaijan", "Armenia", "Artsakh"]), ("ar", ["أذربيجان", "أرمينيا", "آرتساخ"])],
)
def test_sides_are_shown_in_the_interface_language_with_their_colours(frame, lang, expected):
    spec = timeline_chart(frame, colours=COLOURS, lang=lang).to_dict()
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    assert scale["domain"] == expected
    assert scale["range"] == list(COLOURS.values())
