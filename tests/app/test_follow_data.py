"""After a load the view follows the new data: filters that no longer fit are reset (and the page says
so), the map fits the new events, and the page counts the events each filter hides."""

from __future__ import annotations

import json
from datetime import date

from streamlit.testing.v1 import AppTest

from tests.app.conftest import app, event_rows, headline, map_args

SEPTEMBER_2022 = [
    {"date": "2022-09-13", "location": "Stepanakert", "side": "Artsakh", "country": "Azerbaijan"},
    {"date": "2022-09-13", "location": "Shusha", "side": "Azerbaijan", "country": "Azerbaijan"},
    {"date": "2022-09-14", "location": "Goris", "side": "Azerbaijan", "country": "Armenia"},
    {"date": "2022-09-14", "location": "Sotk", "side": "Azerbaijan", "country": "Armenia"},
    {"date": "2022-09-15", "location": "Vardenis", "side": "Armenia", "country": "Armenia"},
]


def uploader(at: AppTest):
    return next(f for f in at.file_uploader if f.key.startswith("data_upload_"))


def upload(at: AppTest, rows: list[dict[str, str]], name: str = "sep2022.csv") -> AppTest:
    uploader(at).set_value((name, event_rows(*rows), "text/csv")).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def infos(at: AppTest) -> str:
    return "\n".join(i.value.replace("\\", "") for i in at.info)


def captions(at: AppTest) -> str:
    return "\n".join(c.value.replace("\\", "") for c in at.caption)


def fitted_bounds(at: AppTest) -> list[list[float]]:
    script = map_args(at)["script"]
    start = script.index("fitBounds(") + len("fitBounds(")
    return json.loads(script[start:script.index("]]", start) + 2])


def test_an_upload_with_no_filter_shows_every_new_event():
    at = app()
    upload(at, SEPTEMBER_2022)
    assert headline(at)[:2] == (5, 5), "the date filter is not clamped to the new data's first day"
    assert at.slider(key="f_dates").value[0].isoformat() == "2022-09-13"
    assert at.slider(key="f_dates").value[1].isoformat() == "2022-09-15"


def test_filters_that_do_not_fit_the_new_data_are_reset_and_the_page_says_so():
    at = app({"from": "2020-10-01", "to": "2020-10-05", "side": "Artsakh", "place": "Jabrayil"})
    assert headline(at)[0] < headline(at)[1]
    upload(at, SEPTEMBER_2022)
    assert headline(at)[:2] == (1, 5), "the side the new data has is kept; dates and place are reset"
    notice = infos(at)
    assert "Filters reset to the new data: 13–15 Sep 2022" in notice
    assert "all places" in notice
    assert "Side" not in notice, "a filter the new data fits is kept, not reset"
    assert at.multiselect(key="f_sides").value == ["Artsakh"]
    assert at.multiselect(key="f_places").value == []
    assert "4 of 5 events hidden: 4 by side" in captions(at)
    at.button(key="reset_filters").click().run()
    assert "Filters reset" not in infos(at), "the line goes once the user resets the filters"
    assert headline(at)[:2] == (5, 5)


def test_the_map_fits_the_new_events_not_the_old_view():
    at = app({"lat": "39.8", "lon": "46.7", "zoom": "9"})
    upload(at, SEPTEMBER_2022)
    (south, west), (north, east) = fitted_bounds(at)
    assert south >= 39.4
    assert west >= 45.3
    assert north <= 40.3
    assert east <= 46.9
    assert "lat" not in at.query_params
    assert "zoom" not in at.query_params


def test_hidden_events_are_counted_by_filter():
    at = app()
    upload(at, SEPTEMBER_2022)
    at.multiselect(key="f_sides").set_value(["Azerbaijan"]).run()
    at.slider(key="f_dates").set_value((date(2022, 9, 14), date(2022, 9, 15))).run()
    assert headline(at)[:2] == (2, 5)
    assert "3 of 5 events hidden: 2 by date, 2 by side" in captions(at)


def test_when_nothing_matches_the_page_says_which_filter_to_loosen():
    at = app()
    upload(at, SEPTEMBER_2022)
    at.multiselect(key="f_sides").set_value(["Armenia"]).run()
    at.multiselect(key="f_places").set_value(["Goris"]).run()
    assert headline(at)[:2] == (0, 5)
    warning = "\n".join(w.value.replace("\\", "") for w in at.warning)
    assert "5 of 5 events hidden" in warning
    assert "Loosen one: Side (1 would show); Place (1 would show)" in warning



def test_the_hidden_count_is_in_the_interface_language():
    at = app({"lang": "ar"})
    upload(at, SEPTEMBER_2022)
    at.multiselect(key="f_sides").set_value(["Armenia"]).run()
    assert "4 من 5 حدثًا مخفية: 4 بسبب الطرف" in captions(at)
