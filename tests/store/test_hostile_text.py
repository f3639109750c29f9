"""SQL injection attempts and LIKE wildcards in every text field and filter are only text: they are stored as
typed, match only themselves, and the tables stay."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect
from storekit import EDITOR, REVIEWER, event_values

from access.errors import LoginError
from store.api import ViewQuery
from store.postgres.tables import metadata

pytestmark = pytest.mark.postgres

HOSTILE = [
    "'); DROP TABLE events; --",
    "x' OR '1'='1",
    "Robert'); DELETE FROM revisions WHERE ('1'='1",
    "%",
    "_",
    "\\",
    "50% \\_ off",
    '"; SELECT pg_sleep(5); --',
    "$$; DROP TABLE people; $$",
]
TEXT_FIELDS = ("location", "country", "admin1", "side", "actor", "target", "description", "description_original",
               "claimed_by", "disputed_by", "sources", "notes", "event_type_original")


def _publish(store, values, reason="new"):
    revision = store.propose(EDITOR, values=values, base_number=None, reason=reason)
    return store.publish(REVIEWER, revision_id=revision.revision_id, note=reason)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_stored_and_matched_literally(store, text):
    _publish(store, event_values("PLAIN", location="Shusha", side="Armenia", description="Plain event"))
    hostile = event_values(text, **{field: f"{text}" for field in TEXT_FIELDS})
    _publish(store, hostile, reason=text)
    assert set(inspect(store.engine).get_table_names()) >= set(metadata.tables)
    frame = store.published_events().set_index("event_id")
    assert sorted(frame.index) == sorted(["PLAIN", text])
    for field in TEXT_FIELDS:
        assert frame.loc[text, field] == text
    assert store.history(text)[0].reason == text
    assert store.query(ViewQuery(text=text))["event_id"].tolist() == [text]
    assert store.query(ViewQuery(sides=(text,)))["event_id"].tolist() == [text]
    assert store.query(ViewQuery(statuses=(text,))).empty
    assert store.query(ViewQuery(event_types=(text,))).empty
    with pytest.raises(LoginError):
        store.authenticate(text, text)
    assert store.published_version() == 2


@pytest.mark.parametrize(("search", "found"), [
    ("%", ["P-PCT"]),
    ("_", ["P-UND"]),
    ("\\", ["P-BSL"]),
    ("100%", ["P-PCT"]),
    ("a_b", ["P-UND"]),
    ("C:\\temp", ["P-BSL"]),
    ("a%b", []),  # as a pattern it would match "a_b" and "aCb"
    ("plain", ["P-PCT", "P-UND", "P-BSL", "P-ACB"]),  # case-insensitive
])
def test_wildcards_in_the_text_filter_are_literal(store, search, found):
    for event_id, description in [("P-PCT", "Plain 100% sure"), ("P-UND", "plain a_b"), ("P-BSL", "plain C:\\temp"),
                                  ("P-ACB", "plain aCb")]:
        _publish(store, event_values(event_id, description=description))
    assert sorted(store.query(ViewQuery(text=search))["event_id"]) == sorted(found)
