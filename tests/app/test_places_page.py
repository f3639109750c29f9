"""The Places page: unresolved, ambiguous and low-confidence names are listed with candidates; a picked
candidate or a clicked point is saved to the overrides file and used at once by the dashboard."""

from __future__ import annotations

import csv

import pytest
from streamlit.testing.v1 import AppTest

from base.settings import Settings
from geo.geocoders import online as online_module
from geo.geocoders.cache import CachedGeocoder
from geo.geocoders.online import RateLimiter
from geo.geocoders.override import OverrideGeocoder
from geo.lookup import look_up_name
from services.places import places_to_review, view_of_points
from tests.app.conftest import APP, TIMEOUT_S, app, event_rows, headline, markers, sign_in
from tests.geo.fake_nominatim import FakeClock, FakeNominatim, Reply, place_json

PAGE = "pages/1_Places.py"


@pytest.fixture
def data_file(clean_env, monkeypatch):
    path = clean_env / "places.csv"
    path.write_bytes(event_rows(
        {"location": "Shusha"},
        {"location": "Martuni", "country": "Georgia"},  # two Martunis, neither in Georgia: ambiguous
        {"location": "Martuni", "country": "Georgia", "date": "2020-10-05"},
        {"location": "Atlantis-on-Sea"},
        {"location": "Konya", "country": "Turkey"},  # a GeoNames match: confidence 0.85
    ))
    monkeypatch.setenv("EVENTMAP_DATA", str(path))
    return path


def places_page(state: dict | None = None, *, as_editor: str = "") -> AppTest:
    """The Places page, opened through the app's navigation (as a browser does at /Places); signed in as
    `as_editor` through the sidebar's form when given (an AppTest session is not from loopback: a viewer)."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    if as_editor:
        sign_in(at)
    assert at.title[0].value == "Places to check"
    return at


def listed(at: AppTest) -> dict[str, str]:
    table = at.dataframe[0].value
    return dict(zip(table["as_written"], table["status"], strict=True))


def point_buttons(at: AppTest, name: str) -> dict[str, str]:
    """The one-click buttons of a name's points: {label as shown (Markdown-escaped): key}."""
    return {b.label: b.key for b in at.button if b.key.startswith(f"places_use_{name}_")}


def overrides(clean_env) -> list[dict[str, str]]:
    with (clean_env / "overrides.csv").open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


def test_the_names_that_need_a_person_are_listed(data_file):
    at = places_page()
    assert listed(at) == {"Martuni": "ambiguous", "Atlantis-on-Sea": "not found", "Konya": "low confidence"}
    assert at.selectbox(key="places_pick").value == "Martuni", "most events first"
    options = point_buttons(at, "Martuni")
    assert any("Martuni (Armenia)" in o for o in options)
    assert any("Martuni (Azerbaijan)" in o for o in options)


def test_saving_a_candidate_writes_the_override_and_the_dashboard_uses_it(data_file, clean_env, editor):
    before = headline(app())
    assert before[2] == 3  # Martuni twice and Atlantis-on-Sea
    at = places_page(as_editor=editor)
    at.radio(key="places_precision_Martuni").set_value("near").run()
    at.text_input(key="places_note_Martuni").set_value("Karabakh town, per the report").run()
    assert not (clean_env / "overrides.csv").exists(), "choosing how exact saves nothing yet"
    key = next(k for label, k in point_buttons(at, "Martuni").items() if "Martuni (Azerbaijan)" in label)
    at.button(key=key).click().run()
    assert not at.exception
    saved = overrides(clean_env)
    assert [(r["query"], r["precision"], r["note"]) for r in saved] == [
        ("Martuni", "near", "Karabakh town, per the report")]
    assert float(saved[0]["lat"]) == pytest.approx(39.79, abs=0.05)
    assert "Martuni" not in listed(at), "resolved now"
    assert any("Martuni" in s.value for s in at.success)
    after = app()
    assert headline(after) == (5, 5, 1)
    assert markers(after) == 4


def test_each_name_is_listed_with_its_candidates(data_file):
    at = places_page()
    table = at.dataframe[0].value
    candidates = dict(zip(table["as_written"], table["candidates"], strict=True))
    assert "Martuni (Armenia)" in candidates["Martuni"]
    assert "Martuni (Azerbaijan)" in candidates["Martuni"]
    assert candidates["Atlantis-on-Sea"] == ""


def test_a_click_on_a_candidate_s_marker_picks_that_candidate():
    from geo.result import Candidate
    from services.places import option_of_tooltip, point_options

    found = [(Candidate(name="A", lat=1.0, lon=2.0), "A"), (Candidate(name="B", lat=3.0, lon=4.0), "B")]
    options = point_options(found, (5.0, 6.0), lang="en")
    assert [o.key for o in options] == ["1", "2", "clicked"]
    assert option_of_tooltip("2. B — 3.0000, 4.0000", options) == options[1]
    assert option_of_tooltip("Your point", options) is None
    assert option_of_tooltip(None, options) is None


def test_a_clicked_point_is_offered_and_saved(data_file, clean_env, editor):
    at = places_page({"places_pick": "Atlantis-on-Sea"}, as_editor=editor)
    assert any("click" in i.value.lower() for i in at.info), "no candidate: the page asks for a click"
    at.session_state["_clicked_Atlantis-on-Sea"] = (40.12345, 46.54321)  # what a click on the map leaves
    at.run()
    assert list(point_buttons(at, "Atlantis-on-Sea")) == ["The point you clicked\\: 40.12345, 46.54321"]
    at.button(key="places_use_Atlantis-on-Sea_clicked").click().run()
    saved = overrides(clean_env)
    assert [(r["query"], float(r["lat"]), float(r["lon"])) for r in saved] == [("Atlantis-on-Sea", 40.12345, 46.54321)]
    assert "Atlantis-on-Sea" not in listed(at)


def test_no_names_to_check_says_so(clean_env, monkeypatch):
    path = clean_env / "fine.csv"
    path.write_bytes(event_rows({"location": "Shusha"}, {"location": "Ganja"}))
    monkeypatch.setenv("EVENTMAP_DATA", str(path))
    at = places_page()
    assert at.success
    assert not at.dataframe


def test_places_to_review_skips_points_that_came_with_the_file(data_file):
    import pandas as pd

    frame = pd.DataFrame({
        "location": ["A", "B", "C", ""],
        "country": ["X", "X", "X", "X"],
        "latitude": [1.0, float("nan"), 2.0, float("nan")],
        "longitude": [1.0, float("nan"), 2.0, float("nan")],
        "geo_source": ["data", "", "fuzzy", ""],
        "geo_confidence": [float("nan"), float("nan"), 0.8, float("nan")],
        "geo_status": ["resolved", "ambiguous: B (X), B (Y)", "resolved", "not_found: no place"],
        "matched_name": ["", "", "Cee", ""],
    })
    review = places_to_review(frame)
    assert [(p.name, p.status) for p in review] == [("B", "ambiguous"), ("C", "low_confidence")]


def test_the_about_page_names_the_data_in_use_and_the_licences():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    at.switch_page("pages/2_About.py")
    at.run()
    assert not at.exception
    facts = " ".join(m.value for m in at.markdown)
    assert "events.csv" in facts.replace("\\", "")
    assert "OpenStreetMap" in facts
    assert "Natural Earth" in facts
    assert "GeoNames" in facts


def test_the_navigation_is_in_the_interface_language():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    at.query_params["lang"] = "ar"
    at.run()
    at.switch_page("pages/2_About.py")
    at.run()
    assert at.title[0].value == "حول هذه الخريطة"


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ([], (None, None)),
        ([(40.0, 45.0)], ((40.0, 45.0), 10)),
        ([(39.79, 47.11), (40.14, 45.30)], ((39.965, 46.205), 7)),
        ([(37.87, 32.48), (38.9, -77.0)], ((38.385, -22.26), 3)),
    ],
)
def test_the_candidates_map_shows_every_candidate(points, expected):
    center, zoom = view_of_points(points)
    assert zoom == expected[1]
    assert center == (None if expected[0] is None else pytest.approx(expected[0]))


def test_a_saved_point_reaches_the_map_of_an_open_session(data_file):
    at = app()
    before = markers(at)
    # Another session saves a point (the Places page does it through the same overrides geocoder).
    OverrideGeocoder(Settings.from_env().overrides_path).set("Atlantis-on-Sea", 40.1, 46.2)
    at.run()  # the open session's next rerun, with no filter change
    assert markers(at) == before + 1
    assert headline(at)[2] == 2


# --- "Look up online": the listed names asked of a fake Nominatim on 127.0.0.1 -----------------------------


@pytest.fixture
def fake_service(monkeypatch):
    """A fake Nominatim the app is pointed at, with a user agent; its rate limiter sleeps on a fake clock."""
    fake = FakeNominatim()
    fake.thread.start()
    clock = FakeClock()
    monkeypatch.setenv("EVENTMAP_GEOCODER_DOMAIN", fake.domain)
    monkeypatch.setenv("EVENTMAP_GEOCODER_SCHEME", "http")
    monkeypatch.setenv("EVENTMAP_GEOCODER_USER_AGENT", "eventmap-tests/1 (tests@example.org)")
    monkeypatch.delenv("EVENTMAP_GEOCODER", raising=False)
    # The app's online geocoder takes the process-wide limiter of (provider, domain): this one.
    monkeypatch.setitem(online_module._SHARED_LIMITERS, ("nominatim", fake.domain),
                        RateLimiter(1.0, clock=clock.clock, sleep=clock.sleep))
    try:
        yield fake, clock
    finally:
        fake.server.shutdown()
        fake.server.server_close()


def online_column(at: AppTest) -> dict[str, str]:
    table = at.dataframe[0].value
    return dict(zip(table["as_written"], table["online"], strict=True))


def test_nothing_is_asked_online_until_the_button_is_clicked(data_file, fake_service, editor):
    fake, _ = fake_service
    at = places_page(as_editor=editor)
    assert at.button(key="places_online_lookup").label == "Look up these names online (3)"
    assert not at.button(key="places_online_lookup").disabled
    assert fake.searches() == []
    assert set(online_column(at).values()) == {""}


def test_looking_up_online_adds_labelled_candidates_that_can_be_saved(data_file, fake_service, clean_env, editor):
    fake, clock = fake_service
    fake.script = [Reply(body=[place_json("Martuni, Khojavend District, Azerbaijan", 39.7915, 47.1133),
                               place_json("Martuni, Gegharkunik, Armenia", 40.1397, 45.3064)]),
                   Reply(body=[]),  # Atlantis-on-Sea
                   Reply(body=[place_json("Konya, Turkey", 37.8716, 32.4846)])]
    at = places_page(as_editor=editor)
    at.button(key="places_online_lookup").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert [r["params"]["q"][0] for r in fake.searches()] == ["Martuni", "Atlantis-on-Sea", "Konya"]
    assert clock.sleeps == [1.0, 1.0], "one request a second"
    assert online_column(at) == {"Martuni": "2 found", "Atlantis-on-Sea": "not found", "Konya": "1 found"}
    options = list(point_buttons(at, "Martuni"))  # as shown: Markdown-escaped
    assert options[2:] == [
        "3. Martuni, Khojavend District, Azerbaijan (online\\: Nominatim) — 39.7915, 47.1133",
        "4. Martuni, Gegharkunik, Armenia (online\\: Nominatim) — 40.1397, 45.3064",
    ], "after the offline candidates, labelled with their source"
    at.button(key="places_use_Martuni_3").click().run()
    assert not at.exception
    saved = overrides(clean_env)
    assert [(r["query"], float(r["lat"]), float(r["lon"])) for r in saved] == [("Martuni", 39.7915, 47.1133)]
    # The answers are in the persistent cache: the next lookup asks the service nothing more.
    asked = len(fake.searches())
    at.button(key="places_online_lookup").click().run()
    assert len(fake.searches()) == asked
    assert online_column(at) == {"Atlantis-on-Sea": "not found", "Konya": "1 found"}


def test_without_a_user_agent_the_message_names_the_setting(data_file, fake_service, monkeypatch):
    fake, _ = fake_service
    monkeypatch.delenv("EVENTMAP_GEOCODER_USER_AGENT")
    at = places_page()
    assert at.button(key="places_online_lookup").disabled
    message = " ".join(i.value for i in at.info)
    assert "EVENTMAP_GEOCODER_USER_AGENT" in message
    assert "geocoder_user_agent" in message
    assert fake.searches() == []
    assert listed(at), "the page keeps working"


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (Reply(status=500, body=b"down"), "service error (Non-successful status code 500)"),
        (Reply(status=429, body=b"slow down"), "rate limited (HTTP 429)"),
    ],
)
def test_a_failing_service_leaves_the_names_waiting_with_the_reason(data_file, fake_service, clean_env, editor,
                                                                   reply, reason):
    fake, _ = fake_service
    fake.default = reply
    at = places_page(as_editor=editor)
    at.button(key="places_online_lookup").click().run()
    assert not at.exception, [e.message for e in at.exception]
    column = online_column(at)
    assert all(v.startswith("waiting: ") and reason in v for v in column.values()), column
    warning = " ".join(w.value for w in at.warning)
    assert "Still waiting for Nominatim (3)" in warning
    for name in ("Martuni", "Atlantis-on-Sea", "Konya"):
        assert f"**{name}**" in warning
    assert len(fake.searches()) == 4, "the retries, then a pause: the other names are not asked"
    cache = CachedGeocoder(online_module.OnlineGeocoder(None), Settings.from_env().cache_path)
    assert cache.count() == {}, "a failure is never cached"
    assert not any("online" in o for o in point_buttons(at, "Martuni"))


def test_look_up_name_answers_a_failure_as_waiting(fake_service):
    fake, _ = fake_service
    fake.default = Reply(status=503)
    from ui.places_online import lookup_geocoder

    result = look_up_name("Shusha", geocoder=lookup_geocoder(Settings.from_env()))
    assert result.status == "waiting"
    assert result.waiting
    assert result.candidates == ()


# --- online geocoding while loading: a time budget, then the Places page ------------------------------------


def no_location_reasons(at: AppTest) -> dict[str, str]:
    expander = next(e for e in at.expander if "have no location" in e.label)
    table = expander.dataframe[0].value
    return dict(zip(table["place"], table["reason"], strict=True))


def test_loading_asks_the_service_about_the_names_nothing_offline_knows(data_file, fake_service, monkeypatch):
    fake, _ = fake_service
    monkeypatch.setenv("EVENTMAP_ONLINE_GEOCODING", "1")
    fake.default = Reply(body=[place_json("Atlantis-on-Sea, Nowhere", 40.2, 46.3, addresstype="village")])
    at = app()
    assert [r["params"]["q"][0] for r in fake.searches()] == ["Atlantis-on-Sea"], "the others are known offline"
    assert headline(at) == (5, 5, 2), "only the ambiguous Martuni is left"


def test_loading_stops_asking_at_the_budget_and_the_places_page_looks_up_the_rest(data_file, fake_service,
                                                                                  monkeypatch, editor):
    fake, _ = fake_service
    monkeypatch.setenv("EVENTMAP_ONLINE_GEOCODING", "1")
    monkeypatch.setenv("EVENTMAP_ONLINE_BUDGET_S", "0")  # spent at once: the load asks nothing
    at = app()
    assert fake.searches() == []
    assert headline(at) == (5, 5, 3)
    assert ("Place names waiting for the online geocoder: 1; events not on the map yet: 1"
            in " ".join(i.value for i in at.info))
    reason = no_location_reasons(at)["Atlantis-on-Sea"]
    assert reason.startswith("unavailable: waiting: ")
    assert "EVENTMAP_ONLINE_BUDGET_S" in reason

    fake.script = [Reply(body=[]),  # Martuni: the offline candidates stay
                   Reply(body=[place_json("Atlantis-on-Sea, Nowhere", 40.2, 46.3, addresstype="village")]),
                   Reply(body=[])]  # Konya
    page = places_page(as_editor=editor)
    assert listed(page)["Atlantis-on-Sea"] == "waiting for the online service"
    page.button(key="places_online_lookup").click().run()
    assert not page.exception, [e.message for e in page.exception]
    notice = " ".join(i.value for i in page.info)
    assert "Online lookup done: 1 with candidates, 2 not found, 0 waiting" in notice
    assert "the map now uses the places Nominatim found" in notice
    assert listed(page)["Atlantis-on-Sea"] == "low confidence", "loaded again: placed by the online answer"
    page.run()
    assert "the map now uses" not in " ".join(i.value for i in page.info), "said once"
    asked = len(fake.searches())

    after = app()  # the next load takes the answer from the cache, although the budget is still 0
    assert headline(after) == (5, 5, 2)
    assert "waiting for the online geocoder" not in " ".join(i.value for i in after.info)
    assert "Atlantis-on-Sea" not in no_location_reasons(after)
    assert len(fake.searches()) == asked, "nothing asked twice"


def test_a_name_without_candidates_asks_for_a_click_and_still_shows_its_events(data_file):
    at = places_page({"places_pick": "Atlantis-on-Sea"})
    at.selectbox(key="places_pick").set_value("Atlantis-on-Sea").run()
    assert "click the map where the place is" in " ".join(i.value for i in at.info)
    events_here = at.dataframe[-1].value
    assert len(events_here) == 1, "the events at the place help to find it"
    assert point_buttons(at, "Atlantis-on-Sea") == {}, "nothing to save before a click"
