"""Which data the dashboard shows: the bundled file, `--data FILE`, `EVENTMAP_DATA`, an upload; bad files
are reported (`FILE:LINE: column: message`) and the app keeps working; secrets reach the settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import geo
from base.settings import Settings
from services.loading import LoadedData, LoadFailure, data_path, data_path_from_argv, load_and_geocode
from tests.app.conftest import APP, PROJECT_ROOT, TIMEOUT_S, app, event_rows, headline, markers
from ui.data import copy_secrets_to_env

LOADER_SAMPLES = PROJECT_ROOT / "tests" / "data"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(200)
BUNDLED = 113


def bundled_count() -> int:
    return sum(1 for _ in (PROJECT_ROOT / "events.csv").open(encoding="utf-8")) - 1


def uploader(at: AppTest):
    return next(f for f in at.file_uploader if f.key.startswith("data_upload_"))


def codes(at: AppTest) -> str:
    return "\n".join(c.value for c in at.code)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], None),
        (["--data", "my.csv"], Path("my.csv")),
        (["--data=acled export.csv"], Path("acled export.csv")),
        (["-q", "tests/app", "--data"], None),
        (["--other", "x"], None),
    ],
)
def test_data_path_from_argv(argv, expected):
    assert data_path_from_argv(argv) == expected


def test_the_command_line_wins_over_the_environment(tmp_path):
    settings = Settings(data_path=tmp_path / "from_env.csv")
    assert data_path(settings, argv=["--data", str(tmp_path / "cli.csv")]) == tmp_path / "cli.csv"
    assert data_path(settings, argv=[]) == tmp_path / "from_env.csv"


def test_eventmap_data_selects_the_file(tmp_path, monkeypatch):
    path = tmp_path / "mine.csv"
    path.write_bytes(event_rows({"location": "Shusha"}, {"location": "Barda", "side": "Armenia"}))
    monkeypatch.setenv("EVENTMAP_DATA", str(path))
    at = app()
    assert headline(at) == (2, 2, 0)
    assert markers(at) == 2
    assert "mine" in " ".join(c.value for c in at.caption)


def test_a_broken_data_file_shows_its_problems_and_no_traceback(tmp_path, monkeypatch):
    path = tmp_path / "broken.csv"
    path.write_bytes(b"just,some,columns\n1,2,3\n")
    monkeypatch.setenv("EVENTMAP_DATA", str(path))
    at = app()
    assert at.error, "the page says the file could not be loaded"
    assert "broken.csv" in codes(at)
    assert not at.exception


def test_a_missing_data_file_is_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTMAP_DATA", str(tmp_path / "nowhere.csv"))
    at = app()
    assert "nowhere.csv" in codes(at)
    assert "cannot read" in codes(at)


def test_rows_with_problems_are_listed_with_file_line_and_column(tmp_path, monkeypatch):
    path = tmp_path / "partly.csv"
    path.write_bytes(event_rows({}, {"date": "2020-13-45"}, {"status": "rumoured"}, {}))
    monkeypatch.setenv("EVENTMAP_DATA", str(path))
    at = app()
    assert headline(at)[:2] == (2, 2)
    listed = codes(at)
    assert "partly.csv:3: date:" in listed
    assert "partly.csv:4: status:" in listed
    assert any("rows set aside: 2" in e.label for e in at.expander)


def test_a_bad_upload_shows_its_errors_and_the_app_keeps_working():
    at = app()
    uploader(at).set_value(("picture.csv", PNG, "text/csv")).run()
    assert not at.exception
    assert any("picture.csv" in e.value.replace("\\", "") for e in at.error)
    assert "picture.csv" in codes(at)
    total = bundled_count()
    assert headline(at) == (total, total, headline(at)[2]), "the bundled data is still shown"
    at.multiselect(key="f_sides").set_value(["Armenia"]).run()  # and the app still works
    assert headline(at)[0] < total


def test_an_upload_replaces_the_data_for_the_session_and_can_be_undone():
    at = app()
    good = event_rows({"location": "Shusha", "side": "Armenia"}, {"location": "Ganja"}, {"date": "not a date"})
    uploader(at).set_value(("mine.csv", good, "text/csv")).run()
    assert not at.exception
    assert headline(at) == (2, 2, 0)
    assert markers(at) == 2
    assert "mine.csv:4: date:" in codes(at)
    assert at.multiselect(key="f_sides").options == ["Armenia", "Azerbaijan"]
    other_session = app()
    assert headline(other_session)[1] == bundled_count(), "only this session sees the upload"
    at.button(key="back_to_data_file").click().run()
    assert headline(at)[1] == bundled_count()


def test_an_upload_with_no_usable_row_is_refused():
    at = app()
    uploader(at).set_value(("bad.csv", event_rows({"date": "yesterday"}), "text/csv")).run()
    assert any("bad.csv" in e.value.replace("\\", "") for e in at.error)
    assert "bad.csv:2: date:" in codes(at)
    assert headline(at)[1] == bundled_count()


@pytest.mark.parametrize(("sample", "detected"), [("acled_current.csv", "acled"), ("ucdp_ged.csv", "ucdp")])
def test_acled_and_ucdp_uploads_are_detected(sample, detected):
    at = app()
    uploader(at).set_value((sample, (LOADER_SAMPLES / sample).read_bytes(), "text/csv")).run()
    assert not at.exception
    assert f"format: {detected}" in " ".join(c.value for c in at.caption)
    assert markers(at) > 0


def test_the_upload_limits_are_shown_and_enforced(tmp_path, monkeypatch):
    small = tmp_path / "small.csv"
    small.write_bytes(event_rows({}))
    monkeypatch.setenv("EVENTMAP_DATA", str(small))
    monkeypatch.setenv("EVENTMAP_MAX_ROWS", "2")
    at = app()
    assert "2 rows per file" in " ".join(c.value for c in at.caption)
    uploader(at).set_value(("three.csv", event_rows({}, {}, {}), "text/csv")).run()
    assert codes(at).startswith("three.csv: ")
    assert "limit is 2 rows" in codes(at)
    assert headline(at) == (1, 1, 0)


def test_load_and_geocode_takes_the_bytes_of_an_upload(tmp_path):
    settings = Settings(state_dir=tmp_path, overrides_path=tmp_path / "overrides.csv")
    geocoder = geo.default_chain(settings)
    loaded = load_and_geocode(event_rows({"location": "Şuşa", "latitude": "", "longitude": ""},
                                         {"location": "Atlantis-on-Sea"}), name="up.csv", settings=settings,
                              geocoder=geocoder)
    assert isinstance(loaded, LoadedData)
    assert loaded.source_path is None
    assert len(loaded.short_hash) == 12
    assert loaded.events.loc[0, "latitude"] == pytest.approx(39.76, abs=0.02)
    assert loaded.without_location.tolist() == [False, True]
    assert loaded.geocode_summary.unresolved[0].name == "Atlantis-on-Sea"

    failed = load_and_geocode(PNG, name="x.csv", settings=settings, geocoder=geocoder)
    assert isinstance(failed, LoadFailure)
    assert str(failed.problems[0]).startswith("x.csv")


def test_secrets_are_copied_into_the_settings_environment(monkeypatch):
    monkeypatch.delenv("EVENTMAP_GEOCODER_USER_AGENT", raising=False)
    monkeypatch.setenv("EVENTMAP_GEOCODER_API_KEY", "from-the-environment")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    at.secrets["geocoder_user_agent"] = "eventmap-test/1.0"
    at.secrets["geocoder_api_key"] = "from-secrets"
    at.run()
    assert not at.exception
    assert os.environ["EVENTMAP_GEOCODER_USER_AGENT"] == "eventmap-test/1.0"
    assert os.environ["EVENTMAP_GEOCODER_API_KEY"] == "from-the-environment", "the environment wins"
    monkeypatch.delenv("EVENTMAP_GEOCODER_USER_AGENT")


def test_no_secrets_file_is_not_an_error():
    environ: dict[str, str] = {}
    assert copy_secrets_to_env(environ) == []
    assert environ == {}


def test_online_geocoding_without_a_user_agent_falls_back_to_offline_and_says_why(tmp_path, monkeypatch):
    path = tmp_path / "online.csv"
    path.write_bytes(event_rows({"location": "Shusha", "latitude": "", "longitude": ""}))
    monkeypatch.setenv("EVENTMAP_DATA", str(path))
    monkeypatch.setenv("EVENTMAP_ONLINE_GEOCODING", "1")
    monkeypatch.delenv("EVENTMAP_GEOCODER_USER_AGENT", raising=False)
    at = app()
    assert headline(at) == (1, 1, 0), "placed offline"
    warning = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "EVENTMAP_GEOCODER_USER_AGENT" in warning


def test_events_without_a_location_are_counted_and_listed_with_the_reason(tmp_path, monkeypatch):
    path = tmp_path / "somewhere.csv"
    path.write_bytes(event_rows({"location": "Shusha"}, {"location": "Atlantis-on-Sea"},
                                {"location": "Martuni", "country": "Georgia"}))
    monkeypatch.setenv("EVENTMAP_DATA", str(path))
    at = app()
    assert headline(at) == (3, 3, 2)
    assert markers(at) == 1
    expander = next(e for e in at.expander if "have no location" in e.label)
    listed = expander.dataframe[0].value
    reasons = dict(zip(listed["place"], listed["reason"], strict=True))
    assert reasons["Atlantis-on-Sea"].startswith("not_found")
    assert reasons["Martuni"].startswith("ambiguous: Martuni (Azerbaijan), Martuni (Armenia)")
    assert listed["line"].tolist() == [3, 4]


def test_a_wrong_setting_stops_the_page_with_its_name(monkeypatch):
    monkeypatch.setenv("EVENTMAP_MAX_ROWS", "lots")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S).run()
    assert not at.exception
    assert "EVENTMAP\\_MAX\\_ROWS must be a number, got 'lots'" in " ".join(e.value for e in at.error)


def test_a_file_with_coordinates_teaches_its_places_to_the_next_file_and_names_bare_points(tmp_path):
    settings = Settings(state_dir=tmp_path, overrides_path=tmp_path / "overrides.csv")
    first = "date,location,lat,lng\n2022-09-13,Khachik-Verin,39.7,45.4\n2022-09-14,,40.39,47.20\n"
    loaded = load_and_geocode(first.encode(), name="with-points.csv", settings=settings,
                              geocoder=geo.default_chain(settings))
    assert isinstance(loaded, LoadedData)
    named = loaded.events.loc[1, "location"]
    assert named.endswith("Barda") or "of Barda" in named  # the nearest known place names the bare point

    second = "date,location\n2022-09-20,Khachik-Verin\n"
    again = load_and_geocode(second.encode(), name="names-only.csv", settings=settings,
                             geocoder=geo.default_chain(settings))
    assert isinstance(again, LoadedData)
    assert again.events.loc[0, ["latitude", "longitude"]].tolist() == pytest.approx([39.7, 45.4])
    assert again.events.loc[0, "geo_source"] == "learned"
