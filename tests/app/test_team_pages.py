"""The Edit, Review and History pages against a real team store (PostgreSQL): two people edit and review, a
third sees the published value; an editor cannot publish; an author cannot review their own revision; an
invalid edit shows field and reason and writes nothing; a conflict keeps the person's values; injection
strings in the form and the search are text; a URL naming an event changes nothing without the role."""

from __future__ import annotations

import uuid

import pytest
from pg import admin_execute, with_database
from storekit import ADMIN, EDITOR, OTHER_EDITOR, PASSWORD, PEOPLE, REVIEWER, VIEWER, PlacesGeocoder, event_values
from streamlit.testing.v1 import AppTest

from access import Principal
from store import RevisionKind, RevisionState
from store.postgres import PostgresStore, open_store
from tests.app.conftest import APP, PROJECT_ROOT, TIMEOUT_S, headline
from ui.edit_common import CHOSEN_KEY, SEARCH_KEY
from ui.edit_form import field_key
from ui.who import SIGNED_IN_KEY

pytestmark = pytest.mark.postgres

EDIT, REVIEW, HISTORY = "pages/4_Edit.py", "pages/5_Review.py", "pages/6_History.py"
FORM = "team_f|T-1"  # the form's keys for event T-1 (ui.edit_form)
INJECTION = "'; DROP TABLE revisions; --"


@pytest.fixture
def store(team_store: PostgresStore, store_url: str, monkeypatch: pytest.MonkeyPatch) -> PostgresStore:
    """A fresh store with its people (tests/pg.py) and one published event T-1 (added by ana, published by
    rita); the app runs on it."""
    added = team_store.propose(EDITOR, values=event_values("T-1"), base_number=None, reason="first report")
    team_store.publish(REVIEWER, revision_id=added.revision_id, note="checked")
    monkeypatch.setenv("EVENTMAP_DATABASE_URL", store_url)
    return team_store


def page(script: str, who: Principal = VIEWER, *, query: dict[str, str] | None = None) -> AppTest:
    """A page opened through the app's navigation by `who`, after its first run."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    if who.name:  # signed in with a password (ui.who checks the name against the store at every run)
        at.session_state[SIGNED_IN_KEY] = who
    for name, value in (query or {}).items():
        at.query_params[name] = value
    at.switch_page(script)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def edit_t1(who: Principal) -> AppTest:
    at = page(EDIT, who, query={"event": "T-1"})
    assert at.selectbox(key=CHOSEN_KEY).value == "T-1"
    return at


def fill(at: AppTest, **values: str) -> None:
    for column, value in values.items():
        widget = at.text_area(key=field_key(FORM, column)) if column in {"description", "notes", "sources"} \
            else at.text_input(key=field_key(FORM, column))
        widget.set_value(value)


def save(at: AppTest, reason: str) -> AppTest:
    at.text_input(key=f"{FORM}|reason").set_value(reason)
    next(b for b in at.button if b.label == "Propose this change").click()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    return "\n".join(e.value for group in (at.success, at.error, at.info, at.warning, at.caption, at.markdown)
                     for e in group)


def review_buttons(at: AppTest) -> list[str]:
    return [b.label for b in at.button if b.label in {"Publish", "Reject"}]


def test_two_people_edit_and_review_and_a_third_sees_it_published(store):
    at = edit_t1(OTHER_EDITOR)
    assert at.text_area(key=field_key(FORM, "description")).value == "Shelling of the cathedral", "prefilled"
    fill(at, description="Shelling of the cathedral, two strikes")
    at = save(at, "a second source says two strikes")
    assert "revision 2 of T-1 waits for a reviewer" in texts(at)
    assert store.published_events().set_index("event_id").loc["T-1", "description"] == "Shelling of the cathedral"

    dashboard = AppTest.from_file(APP, default_timeout=TIMEOUT_S)  # a reader, open before the review
    dashboard.run()
    assert dashboard.dataframe[-1].value.set_index("event_id").loc["T-1", "description"] == \
        "Shelling of the cathedral", "not published yet"

    queue = page(REVIEW, REVIEWER)
    diff = queue.table[0].value
    assert diff.to_dict("records") == [{"Field": "description", "Published now": "Shelling of the cathedral",
                                        "Proposed": "Shelling of the cathedral, two strikes"}]
    queue.text_input(key=f"review|{store.pending()[0].revision_id}|note").set_value("two sources agree")
    next(b for b in queue.button if b.label == "Publish").click()
    queue.run()
    assert "Published: revision 2 of T-1" in texts(queue)
    assert "Nothing waits for review." in texts(queue)

    dashboard.run()  # the reader's next rerun asks the store's published version and shows the new one
    assert not dashboard.exception
    assert any("the team store, published version 2 (" in c.value for c in dashboard.caption)
    table = dashboard.dataframe[-1].value.set_index("event_id")
    assert table.loc["T-1", "description"] == "Shelling of the cathedral, two strikes"

    history = page(HISTORY, query={"event": "T-1"})
    steps = history.dataframe[0].value
    assert steps[["public", "number", "kind", "state", "author", "reason", "reviewer", "note"]].to_dict(
        "records") == [
        {"public": "", "number": 1, "kind": "addition", "state": "published", "author": "ana",
         "reason": "first report", "reviewer": "rita", "note": "checked"},
        {"public": "✓", "number": 2, "kind": "correction", "state": "published", "author": "ben",
         "reason": "a second source says two strikes", "reviewer": "rita", "note": "two sources agree"},
    ]
    compared = history.table[0].value
    assert compared.to_dict("records") == [{"Field": "description", "In revision 1": "Shelling of the cathedral",
                                            "In revision 2": "Shelling of the cathedral, two strikes"}]


def test_an_editor_cannot_publish(store):
    store.propose(OTHER_EDITOR, values=event_values("T-1", fatalities="2"), base_number=1, reason="new count")
    at = page(REVIEW, EDITOR)
    assert "Only a reviewer publishes or rejects revisions" in texts(at)
    assert review_buttons(at) == []
    assert [r.state for r in store.pending()] == [RevisionState.PROPOSED]


def test_the_author_cannot_review_their_own_revision(store):
    store.propose(REVIEWER, values=event_values("T-1", fatalities="2"), base_number=1, reason="new count")
    at = page(REVIEW, REVIEWER)
    assert "You wrote this revision: another reviewer publishes or rejects it" in texts(at)
    assert review_buttons(at) == []
    other = page(REVIEW, Principal(name="ravi", role=PEOPLE["ravi"], via="password"))
    assert review_buttons(other) == ["Publish", "Reject"]


@pytest.mark.parametrize(("column", "value", "reason_words"), [
    ("date", "2020-13-45", "date"),
    ("latitude", "north", "latitude"),
    ("sources", "", "sources"),
])
def test_an_invalid_edit_shows_the_field_and_reason_and_writes_nothing(store, column, value, reason_words):
    before = store.history("T-1")
    at = edit_t1(EDITOR)
    fill(at, **{column: value})
    at = save(at, "fixing")
    assert any("the store refused the change" in e.value for e in at.error)
    problems = at.dataframe[-1].value
    assert column in problems["Field"].tolist(), problems
    assert problems.loc[problems["Field"] == column, "Reason"].str.len().min() > 0
    assert store.history("T-1") == before
    assert store.pending() == []
    assert (at.text_area(key=field_key(FORM, column)) if column == "sources"
            else at.text_input(key=field_key(FORM, column))).value == value, "the value stays in the form"


def test_a_missing_reason_is_refused_naming_the_reason_field(store):
    at = edit_t1(EDITOR)
    fill(at, fatalities="3")
    at = save(at, "  ")
    assert at.dataframe[-1].value["Field"].tolist() == ["reason"]
    assert store.pending() == []


def test_a_conflict_says_who_saved_first_and_keeps_the_values(store):
    at = edit_t1(EDITOR)
    fill(at, fatalities="7", notes="my careful note")
    store.propose(OTHER_EDITOR, values=event_values("T-1", fatalities="5"), base_number=1, reason="ben first")
    at = save(at, "ana second")
    assert any("Not saved: ben saved revision 2 at" in e.value for e in at.error)
    assert at.text_input(key=field_key(FORM, "fatalities")).value == "7"
    assert at.text_area(key=field_key(FORM, "notes")).value == "my careful note"
    differs = at.table[-1].value.set_index("Field")
    assert differs.loc["fatalities", "Their revision"] == "5"
    assert differs.loc["fatalities", "Your values"] == "7"
    assert [r.author for r in store.pending()] == ["ben"], "nothing of ana's was written"


def test_injection_strings_in_the_search_and_the_form_are_only_text(store):
    at = page(EDIT, EDITOR)
    at.text_input(key=SEARCH_KEY).set_value(INJECTION).run()
    assert not at.exception
    assert "No published event matches this search." in texts(at)
    assert at.selectbox(key=CHOSEN_KEY).options == ["➕ A new event"]
    at = edit_t1(EDITOR)
    fill(at, description=INJECTION, notes="x' OR '1'='1")
    at = save(at, "Robert'); DROP TABLE events;--")
    assert "revision 2 of T-1 waits for a reviewer" in texts(at)
    (waiting,) = store.pending()
    assert waiting.values["description"] == INJECTION
    assert waiting.reason == "Robert'); DROP TABLE events;--"
    assert store.published_version() == 1
    assert len(store.published_events()) == 1


def test_a_url_naming_an_event_changes_nothing_without_the_role(store):
    store.propose(OTHER_EDITOR, values=event_values("T-1", fatalities="2"), base_number=1, reason="new count")
    pending_before = store.pending()
    viewer = page(EDIT, VIEWER, query={"event": "T-1"})
    assert "adding, correcting or retracting an event needs an editor's sign-in" in texts(viewer)
    assert not [b for b in viewer.button if b.label in {"Propose this change", "Propose to retract it"}]
    assert viewer.dataframe[0].value["kind"].tolist()[:1] == ["addition"], "a viewer reads the history"
    editor_review = page(REVIEW, EDITOR, query={"event": "T-1"})
    assert review_buttons(editor_review) == []
    assert store.pending() == pending_before
    assert store.published_version() == 1
    assert [r.kind for r in store.history("T-1")] == [RevisionKind.ADD, RevisionKind.CORRECT]


def test_a_retraction_with_a_reason_waits_for_review(store):
    at = edit_t1(EDITOR)
    at.text_input(key=f"{FORM}|retract_reason").set_value("a duplicate of T-0")
    next(b for b in at.button if b.label == "Propose to retract it").click()
    at.run()
    assert "revision 2 of T-1 waits for a reviewer" in texts(at)
    assert [r.kind for r in store.pending()] == [RevisionKind.RETRACT]


def test_the_pages_say_what_they_need_in_file_mode(monkeypatch):
    monkeypatch.delenv("EVENTMAP_DATABASE_URL", raising=False)
    for script in (EDIT, REVIEW, HISTORY):
        at = page(script)
        assert [i.value for i in at.info] == [
            "Editing needs the team store: start the app with the environment variable "
            "`EVENTMAP_DATABASE_URL=postgresql://USER:PASSWORD@HOST:PORT/DATABASE` naming a PostgreSQL/PostGIS "
            "database."]


def seeded(url: str) -> None:
    """People and one published event T-1 in the (migrated) database at `url`."""
    opened = open_store(url, geocoder=PlacesGeocoder())
    try:
        opened.add_first_admin(name=ADMIN.name, password=PASSWORD)
        opened.add_person(ADMIN, name=EDITOR.name, password=PASSWORD, role=EDITOR.role)
        opened.add_person(ADMIN, name=REVIEWER.name, password=PASSWORD, role=REVIEWER.role)
        added = opened.propose(EDITOR, values=event_values("T-1"), base_number=None, reason="first report")
        opened.publish(REVIEWER, revision_id=added.revision_id)
    finally:
        opened.close()


def test_a_lost_database_shows_a_message_and_the_page_recovers_when_it_returns(postgres_url, store_template,
                                                                               monkeypatch):
    name = f"eventmap_lost_{uuid.uuid4().hex[:12]}"
    url = with_database(postgres_url, name)
    monkeypatch.setenv("EVENTMAP_DATABASE_URL", url)
    create = f'CREATE DATABASE "{name}" TEMPLATE "{store_template}"'
    admin_execute(postgres_url, create)
    try:
        seeded(url)
        at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
        at.run()
        assert not at.exception
        assert headline(at) == (1, 1, 0)
        admin_execute(postgres_url, f'DROP DATABASE "{name}" WITH (FORCE)')  # the connection is lost
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        assert [e.value for e in at.error if "The team store cannot be reached" in e.value], at.error
        admin_execute(postgres_url, create)  # the database is back
        seeded(url)
        next(b for b in at.button if b.label == "Try again").click()
        at.run()
        assert not at.exception
        assert headline(at) == (1, 1, 0)
    finally:
        admin_execute(postgres_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_dashboard_card_links_to_the_event_history_and_the_pages_offer_the_stamped_exports(store):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    at.query_params["event"] = "T-1"
    at.run()
    assert not at.exception
    links = at.get("page_link")
    assert [(link.proto.page, link.proto.label, link.proto.query_string) for link in links] == [
        ("History", "History of this event", "event=T-1")]
    history = page(HISTORY, query={"event": "T-1"})
    downloads = history.get("download_button")
    assert [d.proto.label for d in downloads] == ["Download CSV", "Download GeoJSON"]
    assert "Published version 1 now; each file is made when you press its button" in texts(history)


def test_a_reviewer_rejects_with_a_note_which_the_history_keeps(store):
    store.propose(EDITOR, values=event_values("T-1", fatalities="9"), base_number=1, reason="new count")
    (waiting,) = store.pending()
    at = page(REVIEW, REVIEWER)
    next(b for b in at.button if b.label == "Reject").click()
    at.run()
    assert at.dataframe[-1].value["Field"].tolist() == ["note"], "a rejection says why"
    assert store.pending() == [waiting]
    at.text_input(key=f"review|{waiting.revision_id}|note").set_value("the count is not in the source")
    next(b for b in at.button if b.label == "Reject").click()
    at.run()
    assert "Rejected: revision 2 of T-1, with your note in its history." in texts(at)
    history = page(HISTORY, query={"event": "T-1"}).dataframe[0].value
    assert history[["number", "state", "note"]].values.tolist()[-1] == [2, "rejected",
                                                                        "the count is not in the source"]


def test_an_editor_adds_a_new_event_through_the_empty_form(store):
    at = page(EDIT, EDITOR)
    assert at.selectbox(key=CHOSEN_KEY).value == "", "a new event first"
    new = "team_f|new|0"
    wanted = event_values("T-2", location="Barda", latitude="40.3744", longitude="47.1262")
    for column, value in wanted.items():
        key = field_key(new, column)
        if column in {"date_precision", "geo_precision", "event_type", "sub_event_type", "status", "verification"}:
            at.selectbox(key=key).set_value(value)
        elif column in {"description", "notes", "sources"}:
            at.text_area(key=key).set_value(value)
        else:
            at.text_input(key=key).set_value(value)
    at.text_input(key=f"{new}|reason").set_value("reported by two agencies")
    next(b for b in at.button if b.label == "Propose this change").click()
    at.run()
    assert "revision 1 of T-2 waits for a reviewer" in texts(at)
    (added,) = store.pending()
    assert (added.kind, added.values["location"], added.base_number) == (RevisionKind.ADD, "Barda", None)
    assert at.text_input(key=field_key("team_f|new|1", "event_id")).value == "", "the next addition starts empty"


def test_unreviewed_values_are_shown_to_the_team_only(store):
    store.propose(OTHER_EDITOR, values=event_values("T-1", notes="not checked yet"), base_number=1, reason="draft")
    viewer_queue = page(REVIEW, VIEWER)
    assert "Proposed changes are shown to the team only (editors and reviewers, signed in): 1 wait" in texts(
        viewer_queue)
    assert not viewer_queue.table
    viewer_history = page(HISTORY, VIEWER, query={"event": "T-1"})
    assert viewer_history.dataframe[0].value["state"].tolist() == ["published", "waiting for review"]
    assert not viewer_history.table, "no comparison with the unpublished revision"
    assert "not checked yet" not in str([s.value for s in viewer_history.selectbox])
    editor_history = page(HISTORY, EDITOR, query={"event": "T-1"})
    assert editor_history.table[0].value["In revision 2"].tolist() == ["not checked yet"]


def test_the_dashboard_draws_the_stores_changes_of_control(store):
    at = page("app.py")
    assert not [t for t in at.toggle if t.key == "map_control"], "no changes of control stored: no switch"
    store.import_control_changes(ADMIN, PROJECT_ROOT / "control_changes.csv")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    switch = next(t for t in at.toggle if t.key == "map_control")
    assert (switch.label, switch.value) == ("Territorial control", True)
    assert "team store: changes of control" in switch.help
