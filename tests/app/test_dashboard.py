"""The dashboard in AppTest: filters change the counter, the table and the map's markers; the URL
restores the view and follows it; reset; the timeline and table hand their selections to the filters."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import geo
from base.settings import Settings
from eventmap.filtering import Filters, apply_filters
from eventmap.loading import load_events
from services import loading as loading_service
from tests.app.conftest import APP, PROJECT_ROOT, TIMEOUT_S, app, headline, map_args, markers, table_ids
from ui import data as data_module
from ui.map_view import SELECTED_ZOOM
from ui.sidebar import SELECTED_EVENT_KEY
from ui.table import CENTER_PENDING_KEY
from ui.url import MAP_CENTER_KEY, MAP_ZOOM_KEY


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    """The bundled events, geocoded offline the way the app does it (expected values come from here)."""
    state = tmp_path_factory.mktemp("expected")
    settings = replace(Settings(), state_dir=state, overrides_path=state / "overrides.csv")
    events = load_events(PROJECT_ROOT / "events.csv", limits=None).events
    geo.geocode_frame(events, geocoder=geo.default_chain(settings))
    return events


def param(at: AppTest, name: str) -> list[str]:
    """All values of one URL parameter (AppTest gives a string for one value, a list for several)."""
    value = at.query_params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def located(frame: pd.DataFrame) -> int:
    return int((frame["latitude"].notna() & frame["longitude"].notna()).sum())


def test_the_dashboard_shows_every_event(bundled):
    at = app()
    total = len(bundled)
    assert headline(at) == (total, total, total - located(bundled))
    assert markers(at) == located(bundled)
    assert sorted(table_ids(at)) == sorted(bundled["event_id"])
    args = map_args(at)
    assert all(link.startswith("/app/static/") for link in args["js_links"] + args["css_links"])


@pytest.mark.parametrize(
    ("key", "value", "filters"),
    [
        ("f_sides", ["Armenia"], Filters(sides=("Armenia",))),
        ("f_sides", ["Armenia", "Artsakh"], Filters(sides=("Armenia", "Artsakh"))),
        ("f_event_types", ["Battles"], Filters(event_types=("Battles",))),
        ("f_statuses", ["disputed", "denied"], Filters(statuses=("disputed", "denied"))),
        ("f_verifications", ["party-claim-only"], Filters(verifications=("party-claim-only",))),
        ("f_places", ["Stepanakert", "Shusha"], Filters(places=("Stepanakert", "Shusha"))),
        ("f_text", "drone", Filters(text="drone")),
        ("f_min_fatalities", 2, Filters(min_fatalities=2)),
        ("f_dates", (date(2020, 10, 4), date(2020, 10, 10)),
         Filters(date_from=date(2020, 10, 4), date_to=date(2020, 10, 10))),
    ],
)
def test_a_filter_changes_the_counter_the_table_and_the_markers(bundled, key, value, filters):
    expected = apply_filters(bundled, filters)
    assert 0 < len(expected) < len(bundled), "the case must filter something"
    at = app()
    _widget(at, key).set_value(value).run()
    assert not at.exception
    assert headline(at) == (len(expected), len(bundled), len(expected) - located(expected))
    assert sorted(table_ids(at)) == sorted(expected["event_id"])
    assert markers(at) == located(expected)


def _widget(at, key):
    for kind in (at.multiselect, at.text_input, at.number_input, at.slider):
        for widget in kind:
            if widget.key == key:
                return widget
    raise KeyError(key)


def test_filters_combine_and_reset_brings_everything_back(bundled):
    at = app()
    _widget(at, "f_sides").set_value(["Azerbaijan"]).run()
    _widget(at, "f_event_types").set_value(["Explosions/Remote violence"]).run()
    expected = apply_filters(bundled, Filters(sides=("Azerbaijan",), event_types=("Explosions/Remote violence",)))
    assert headline(at)[0] == len(expected)
    assert markers(at) == located(expected)
    at.button(key="reset_filters").click().run()
    assert headline(at)[0] == len(bundled)
    assert _widget(at, "f_sides").value == []
    assert markers(at) == located(bundled)


def test_sub_types_offered_follow_the_event_types(bundled):
    at = app()
    _widget(at, "f_event_types").set_value(["Battles"]).run()
    offered = set(_widget(at, "f_sub_event_types").options)
    assert offered == set(bundled.loc[bundled["event_type"] == "Battles", "sub_event_type"])


def test_the_url_restores_the_view(bundled):
    query = {"side": ["Azerbaijan", "Armenia"], "from": "2020-10-04", "to": "2020-10-20", "status": "claimed",
             "naming": "hy", "lang": "ar", "basemap": "osm", "lat": "39.76", "lon": "46.75", "zoom": "10",
             "q": "", "other": "kept"}
    at = app(query)
    expected = apply_filters(bundled, Filters(sides=("Azerbaijan", "Armenia"), statuses=("claimed",),
                                              date_from=date(2020, 10, 4), date_to=date(2020, 10, 20)))
    assert _widget(at, "f_sides").value == ["Azerbaijan", "Armenia"]
    assert at.slider(key="f_dates").value == (date(2020, 10, 4), date(2020, 10, 20))
    assert at.radio(key="naming").value == "hy"
    assert at.radio(key="basemap").value == "osm"
    assert at.selectbox(key="lang").value == "ar"
    assert at.title[0].value == "خريطة أحداث النزاع"
    assert at.session_state[MAP_CENTER_KEY] == (39.76, 46.75)
    assert at.session_state[MAP_ZOOM_KEY] == 10
    assert markers(at) == located(expected)
    assert len(table_ids(at)) == len(expected)
    assert "[39.76, 46.75]" in map_args(at)["script"], "the map opens on the linked view"
    # The URL keeps the view (and parameters that are not the dashboard's).
    assert param(at, "side") == ["Azerbaijan", "Armenia"]
    assert param(at, "naming") == ["hy"]
    assert param(at, "other") == ["kept"]


def test_changing_a_filter_updates_the_url():
    at = app()
    assert "side" not in at.query_params
    _widget(at, "f_sides").set_value(["Turkey"]).run()
    _widget(at, "f_text").set_value("F-16").run()
    assert param(at, "side") == ["Turkey"]
    assert param(at, "q") == ["F-16"]
    at.button(key="reset_filters").click().run()
    assert "side" not in at.query_params
    assert "q" not in at.query_params


def test_garbage_in_the_url_is_ignored_and_said(bundled):
    at = app({"zoom": "99", "from": "soon", "side": "Atlantis", "lang": "xx"})
    assert headline(at)[0] == len(bundled)
    warnings = " ".join(w.value for w in at.warning)
    assert "zoom=99" in warnings
    assert "from=soon" in warnings
    assert _widget(at, "f_sides").value == []


def test_place_search_labels_hold_every_name_variant():
    at = app()
    labels = list(_widget(at, "f_places").proto.options)  # the labels the browser shows and searches
    shusha = next(text for text in labels if text.startswith("Shusha"))
    for variant in ("Shushi", "Şuşa", "Шуша", "شوشة"):
        assert variant in shusha
    stepanakert = next(text for text in labels if text.startswith("Stepanakert"))
    assert "Xankəndi" in stepanakert


def test_naming_changes_the_names_in_the_table():
    at = app()
    at.radio(key="naming").set_value("az").run()
    places = set(at.dataframe[-1].value["place"])
    assert "Şuşa" in places
    assert "Shusha" not in places
    labels = list(_widget(at, "f_places").proto.options)
    assert any(text.startswith("Şuşa") for text in labels)


def test_a_selected_event_is_shown_on_the_map_and_in_a_card(bundled):
    event = bundled.loc[bundled["location"] == "Ordubad"].iloc[0]
    at = app({"event": event["event_id"]})
    assert at.session_state["selected_event"] == event["event_id"]
    script = map_args(at)["feature_group"]
    assert f"[{event['latitude']}, {event['longitude']}]" in script, "a ring around the selected event"
    cards = [h for h in at.main if h.type == "html"]
    assert any(event["event_id"] in c.proto.body for c in cards)


def test_an_event_picked_in_the_table_centres_the_map(bundled):
    event = bundled.loc[bundled["location"] == "Ordubad"].iloc[0]
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    # What the table's selection callback leaves behind (tests/ui/test_table.py covers the callback).
    at.session_state[SELECTED_EVENT_KEY] = event["event_id"]
    at.session_state[CENTER_PENDING_KEY] = True
    at.run()
    assert not at.exception
    lat, lon = at.session_state[MAP_CENTER_KEY]
    assert (round(lat, 4), round(lon, 4)) == (round(event["latitude"], 4), round(event["longitude"], 4))
    assert at.session_state[MAP_ZOOM_KEY] >= SELECTED_ZOOM
    args = map_args(at)
    assert args["center"][0] == pytest.approx(event["latitude"], abs=1e-5)
    assert args["zoom"] >= SELECTED_ZOOM
    assert param(at, "event") == [event["event_id"]]
    # Once centred, the map is left where the user pans it.
    at.run()
    assert map_args(at)["center"] is None


def test_the_data_is_loaded_once_for_every_session(monkeypatch):
    calls: list[str] = []
    real = loading_service.load_events

    def counting(source, **options):
        calls.append(str(options.get("name")))
        return real(source, **options)

    monkeypatch.setattr(loading_service, "load_events", counting)
    data_module.clear_geocoding_caches()
    first = app()
    _widget(first, "f_sides").set_value(["Armenia"]).run()
    _widget(first, "f_text").set_value("shelling").run()
    second = app()  # another session
    _widget(second, "f_statuses").set_value(["denied"]).run()
    assert calls == ["events.csv"]


def test_the_view_survives_a_visit_to_another_page(bundled):
    at = app()
    _widget(at, "f_text").set_value("drone").run()
    at.radio(key="naming").set_value("az").run()
    at.selectbox(key="lang").set_value("ar").run()
    shown = headline_ar(at)
    for page in ("pages/2_About.py", "pages/1_Places.py", "app.py"):
        at.switch_page(page)
        at.run()
        assert not at.exception
        assert at.session_state["lang"] == "ar"
        assert at.session_state["naming"] == "az"
    assert _widget(at, "f_text").value == "drone"
    assert headline_ar(at) == shown


def headline_ar(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("####"))


def test_a_filter_change_swaps_the_events_layer_without_remounting_the_map():
    at = app()
    before = map_args(at)
    _widget(at, "f_sides").set_value(["Russia"]).run()
    after = map_args(at)
    assert after["key"] == before["key"], "same component: the browser keeps the map"
    assert after["script"] == before["script"]
    assert after["feature_group"] != before["feature_group"]
    # bounds: the exports draw the view on screen; the click: a WebGL point's card is shown from Python
    assert after["returned_objects"] == ["center", "zoom", "bounds", "last_object_clicked_tooltip",
                                         "last_object_clicked_count"]


@pytest.mark.parametrize(
    ("query", "switch_to", "naming"),
    [
        ({"lang": "ar"}, None, "ar"),  # Arabic shows Arabic names
        ({"lang": "ru"}, None, "ru"),
        ({"lang": "ar", "naming": "hy"}, None, "hy"),  # a naming given in the link is kept
        ({}, "ru", "ru"),  # switching language brings its names...
        ({"naming": "az"}, "ar", "az"),  # ...unless another naming was picked
    ],
)
def test_a_language_shows_its_own_place_names_by_default(bundled, query, switch_to, naming):
    at = app(query)
    if switch_to:
        at.selectbox(key="lang").set_value(switch_to).run()
        assert not at.exception
    assert at.radio(key="naming").value == naming
