"""Who may do what, straight against the store: an editor cannot publish, a viewer cannot write, nobody
reviews their own change; a refused action writes nothing."""

from __future__ import annotations

import re

import pytest
from storekit import ADMIN, EDITOR, OTHER_EDITOR, OTHER_REVIEWER, PASSWORD, REVIEWER, VIEWER, event_values

from access.errors import LoginError, PermissionDeniedError
from access.roles import Principal, Role
from store.api import EditRefusedError, RevisionState
from store.postgres import open_store

pytestmark = pytest.mark.postgres


def _counts(store):
    return len(store.pending()), store.published_version(), len(store.history("T-1"))


@pytest.mark.parametrize(("who", "words"), [
    (VIEWER, "an anonymous viewer (viewer) may not propose"),
    (Principal(name="vic", role=Role.VIEWER), "vic (viewer) may not propose"),
])
def test_a_viewer_cannot_propose(store, who, words):
    with pytest.raises(PermissionDeniedError, match=re.escape(words)):
        store.propose(who, values=event_values(), base_number=None, reason="new")
    assert _counts(store) == (0, 0, 0)


def test_a_viewer_cannot_retract_or_import(store, tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("event_id\n", encoding="utf-8")
    with pytest.raises(PermissionDeniedError):
        store.retract(VIEWER, event_id="T-1", base_number=1, reason="gone")
    with pytest.raises(PermissionDeniedError):
        store.import_file(VIEWER, path, reason="import")
    assert _counts(store) == (0, 0, 0)


@pytest.mark.parametrize(("who", "allowed"), [
    (EDITOR, False),  # the author
    (OTHER_EDITOR, False),  # an editor, not the author
    (REVIEWER, True),
    (ADMIN, True),
])
def test_who_may_publish(store, who, allowed):
    revision = store.propose(EDITOR, values=event_values(), base_number=None, reason="new")
    if allowed:
        assert store.publish(who, revision_id=revision.revision_id).state is RevisionState.PUBLISHED
        assert store.published_version() == 1
    else:
        with pytest.raises(PermissionDeniedError):
            store.publish(who, revision_id=revision.revision_id)
        assert store.published_version() == 0
        assert store.pending()[0].state is RevisionState.PROPOSED


@pytest.mark.parametrize("action", ["publish", "reject"])
def test_a_reviewer_cannot_review_their_own_change(store, action):
    revision = store.propose(REVIEWER, values=event_values(), base_number=None, reason="new")
    review = getattr(store, action)
    keywords = {"note": "no"} if action == "reject" else {}
    with pytest.raises(PermissionDeniedError, match="second person"):
        review(REVIEWER, revision_id=revision.revision_id, **keywords)
    assert store.pending() == [revision]
    assert store.published_version() == 0
    assert store.publish(OTHER_REVIEWER, revision_id=revision.revision_id).reviewer == OTHER_REVIEWER.name


@pytest.mark.parametrize("who", [EDITOR, REVIEWER, VIEWER])
def test_only_an_admin_adds_people(store, who):
    with pytest.raises(PermissionDeniedError):
        store.add_person(who, name="eve", password=PASSWORD, role=Role.ADMIN)
    assert store.person("eve") is None


def test_login_checks_the_argon2_hash(store):
    assert store.authenticate("rita", PASSWORD) == Principal(name="rita", role=Role.REVIEWER, via="password")
    for name, password in [("rita", "wrong password"), ("nobody", PASSWORD), ("rita", "")]:
        with pytest.raises(LoginError, match="unknown name or wrong password"):
            store.authenticate(name, password)


def test_the_first_admin_only_once(store_url):
    opened = open_store(store_url)
    try:
        first = opened.add_first_admin(name="adam", password=PASSWORD)
        assert (first.name, first.role) == ("adam", Role.ADMIN)
        with pytest.raises(PermissionDeniedError, match="has people already"):
            opened.add_first_admin(name="mallory", password=PASSWORD)
        boss = opened.authenticate("adam", PASSWORD)
        added = opened.add_person(boss, name="eve", password=PASSWORD, role=Role.EDITOR)
        assert opened.person("eve") == added
        with pytest.raises(EditRefusedError, match="exists already"):
            opened.add_person(boss, name="eve", password=PASSWORD, role=Role.EDITOR)
        with pytest.raises(EditRefusedError, match="at least 8 characters"):
            opened.add_person(boss, name="short", password="1234", role=Role.EDITOR)  # noqa: S106
    finally:
        opened.close()
