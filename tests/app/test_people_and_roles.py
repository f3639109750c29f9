"""People and roles through the UI: a viewer sees the Places page read-only and writes nothing; the person at
the machine (loopback) and a signed-in editor save; a wrong password says so and changes nothing."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from streamlit.runtime import context as st_context
from streamlit.testing.v1 import AppTest

from access import Principal, Role
from access.people_file import PeopleFile
from tests.app.conftest import APP, EDITOR, PASSWORD, TIMEOUT_S, event_rows, sign_in, signed_in_line

PAGE = "pages/1_Places.py"
READ_ONLY = "You are viewing: only an editor may save points or look names up online"


@pytest.fixture
def data_file(clean_env, monkeypatch):
    path = clean_env / "places.csv"
    path.write_bytes(event_rows({"location": "Martuni", "country": "Georgia"},  # ambiguous, listed first
                                {"location": "Martuni", "country": "Georgia", "date": "2020-10-05"},
                                {"location": "Atlantis-on-Sea"}))
    monkeypatch.setenv("EVENTMAP_DATA", str(path))
    return path


@pytest.fixture
def connection(monkeypatch):
    """Make Streamlit report a connection (AppTest has none): `connection("127.0.0.1", {...headers})`."""

    def connect(ip: str, headers: dict[str, str]) -> None:
        client = SimpleNamespace(remote_ip=ip, headers=list(headers.items()), cookies={})
        monkeypatch.setattr(st_context, "_get_client_context", lambda: client)

    return connect


def places(state: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def save_buttons(at: AppTest, name: str):
    return [b for b in at.button if b.key.startswith(f"places_use_{name}_")]


def infos(at: AppTest) -> str:
    return " ".join(i.value for i in at.info)


def test_a_viewer_sees_the_page_read_only_and_cannot_save(data_file, clean_env):
    at = places()
    assert READ_ONLY in infos(at)
    buttons = save_buttons(at, "Martuni")
    assert buttons, "the points are listed"
    assert all(b.disabled for b in buttons), "their buttons are off"
    assert at.radio(key="places_precision_Martuni").disabled
    assert at.button(key="places_online_lookup").disabled
    with pytest.raises(Exception, match="disabled"):  # AppTest, like a browser, cannot press a disabled button
        buttons[0].click().run()
    at.session_state["_clicked_Atlantis-on-Sea"] = (40.1, 46.2)  # a click on the map is only offered
    at.selectbox(key="places_pick").set_value("Atlantis-on-Sea").run()
    assert [b.disabled for b in save_buttons(at, "Atlantis-on-Sea")] == [True]
    assert not (clean_env / "overrides.csv").exists()
    assert "You are viewing. Sign in to save changes." in " ".join(c.value for c in at.sidebar.caption)


def test_a_signed_in_editor_saves_and_signs_out(data_file, clean_env, editor):
    at = sign_in(places())
    assert signed_in_line(at) == "Signed in as **Ana Editor** (editor)"
    assert READ_ONLY not in infos(at)
    assert not at.radio(key="places_precision_Martuni").disabled
    first = save_buttons(at, "Martuni")[0]
    assert not first.disabled
    first.click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Martuni" in (clean_env / "overrides.csv").read_text(encoding="utf-8")
    at.button(key="who_sign_out").click().run()
    assert signed_in_line(at) == ""
    assert READ_ONLY in infos(at)


@pytest.mark.parametrize(("name", "password"), [(EDITOR, "not the password"), ("Nobody", PASSWORD)])
def test_a_wrong_name_or_password_is_refused_with_one_message(data_file, clean_env, editor, name, password):
    at = sign_in(places(), name, password)
    assert [e.value for e in at.sidebar.error] == ["That name and password do not match anyone here."]
    assert signed_in_line(at) == ""
    assert READ_ONLY in infos(at)
    assert all(b.disabled for b in save_buttons(at, "Martuni"))


def test_a_person_removed_from_the_directory_is_signed_out_at_the_next_rerun(data_file, clean_env, editor):
    at = sign_in(places())
    assert signed_in_line(at)
    PeopleFile(clean_env / "state" / "people.json").remove(Principal(role=Role.ADMIN), name=EDITOR)
    at.run()
    assert signed_in_line(at) == ""
    assert READ_ONLY in infos(at)


def test_the_person_at_the_machine_saves_without_signing_in(data_file, clean_env, connection):
    connection("127.0.0.1", {"Host": "localhost:8501"})
    at = places()
    assert READ_ONLY not in infos(at)
    assert "You are at the machine running the app, so you may edit (editor)." in " ".join(
        c.value for c in at.sidebar.caption)
    save_buttons(at, "Martuni")[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Martuni" in (clean_env / "overrides.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("ip", "headers"),
    [
        ("127.0.0.1", {"Host": "example.org", "X-Forwarded-For": "203.0.113.9"}),  # through a reverse proxy
        ("192.168.1.23", {"Host": "192.168.1.10:8501"}),  # a student on the classroom network
    ],
)
def test_a_session_from_elsewhere_is_a_viewer(data_file, clean_env, connection, ip, headers):
    connection(ip, headers)
    at = places()
    assert READ_ONLY in infos(at)
    assert all(b.disabled for b in save_buttons(at, "Martuni"))


def test_the_trusted_header_names_a_person_of_the_directory(data_file, clean_env, editor, connection,
                                                            monkeypatch):
    monkeypatch.setenv("EVENTMAP_TRUSTED_USER_HEADER", "X-Remote-User")
    connection("127.0.0.1", {"Host": "example.org", "X-Forwarded-For": "203.0.113.9", "X-Remote-User": EDITOR})
    at = places()
    assert signed_in_line(at) == "Signed in as **Ana Editor** (editor) through this site's sign-in"
    assert not save_buttons(at, "Martuni")[0].disabled
    connection("127.0.0.1", {"Host": "example.org", "X-Forwarded-For": "203.0.113.9", "X-Remote-User": "mallory"})
    at = places()
    assert READ_ONLY in infos(at)
    assert "names someone who is not in the people directory" in " ".join(w.value for w in at.sidebar.warning)


def test_a_damaged_people_file_is_named_and_the_page_stays_read_only(data_file, clean_env):
    people = clean_env / "state" / "people.json"
    people.parent.mkdir(parents=True, exist_ok=True)
    people.write_text('{"format": "eventmap-people", "version": 1, "people": [\n', encoding="utf-8")
    at = sign_in(places())  # the file is read when someone signs in
    errors = " ".join(e.value for e in at.sidebar.error)
    assert "people.json:2:1: not valid JSON" in errors.replace("\\", "")
    assert READ_ONLY in infos(at)
    assert people.read_text(encoding="utf-8").endswith("[\n"), "left as it is"


def test_guessing_a_password_is_slowed_down(data_file, clean_env, editor):
    at = places()
    for _ in range(5):
        sign_in(at, "Somebody Else", "a guess, wrong")
        assert [e.value for e in at.sidebar.error] == ["That name and password do not match anyone here."]
    sign_in(at, "Somebody Else", "a guess, wrong")
    assert "Too many failed sign-ins for this name. Try again in" in " ".join(e.value for e in at.sidebar.error)
