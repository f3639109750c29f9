"""The published set exports as CSV (spreadsheet-safe) and GeoJSON, stamped with its published version."""

from __future__ import annotations

import json

import pytest
from storekit import EDITOR, REVIEWER, event_values

from eventmap.loading import load_events
from store.api import InvalidQueryError

pytestmark = pytest.mark.postgres


def _publish(store, values):
    revision = store.propose(EDITOR, values=values, base_number=None, reason="new")
    store.publish(REVIEWER, revision_id=revision.revision_id)


@pytest.fixture
def two_published(store):
    _publish(store, event_values("T-1"))
    _publish(store, event_values("T-2", description="=HYPERLINK(\"http://evil.example\")", location="Martuni",
                                 latitude="", longitude=""))
    store.propose(EDITOR, values=event_values("T-3"), base_number=None, reason="not yet published")
    return store


def test_the_csv_is_stamped_and_reads_back(two_published, tmp_path):
    export = two_published.export_published(fmt="csv")
    assert (export.version, export.file_name, export.media_type) == (2, "events-published-v2.csv", "text/csv")
    text = export.data.decode("utf-8-sig")
    assert text.splitlines()[0].endswith(",published_version")
    assert "'=HYPERLINK" in text  # a formula is neutralised
    path = tmp_path / export.file_name
    path.write_bytes(export.data)
    loaded = load_events(path)
    assert loaded.events["event_id"].tolist() == ["T-1", "T-2"]
    assert loaded.errors == []
    assert [p.message for p in loaded.warnings if "published_version" in p.message]


def test_the_geojson_is_stamped_and_lists_events_without_a_point(two_published):
    export = two_published.export_published(fmt="geojson")
    document = json.loads(export.data)
    assert export.file_name == "events-published-v2.geojson"
    assert document["metadata"]["published_version"] == 2
    assert [f["id"] for f in document["features"]] == ["T-1"]
    assert document["metadata"]["without_coordinates_ids"] == ["T-2"]  # Martuni is ambiguous: no point


def test_an_unknown_format_is_refused(store):
    with pytest.raises(InvalidQueryError, match="'xml'"):
        store.export_published(fmt="xml")
