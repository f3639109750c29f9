"""Place overrides and control changes in the store: only editors write them, a stale write is refused, and
control changes read back as the file loader gives them."""

from __future__ import annotations

import pytest
from eventframes import PROJECT_ROOT
from storekit import EDITOR, OTHER_EDITOR, VIEWER, event_values

from access.errors import PermissionDeniedError
from eventmap.control.loading import load_control_changes
from store.api import ConflictError, EditRefusedError
from store.postgres import open_store

pytestmark = pytest.mark.postgres


def test_an_override_is_used_by_the_next_edit(store):
    saved = store.places.set(EDITOR, "  Nowhere-on-earth ", 40.1, 46.2, precision="near", note="from the map")
    assert (saved.query, saved.lat, saved.precision) == ("Nowhere-on-earth", 40.1, "near")
    answer = store.places.geocode("NOWHERE-ON-EARTH")
    assert (answer.status, answer.lat, answer.lon, answer.geo_source) == ("resolved", 40.1, 46.2, "override")
    assert list(store.places.entries()) == ["nowhere on earth"]  # geo.normalize's key


@pytest.mark.parametrize(("query", "lat", "lon", "precision", "column"), [
    ("", 40.0, 46.0, "exact", "query"),
    ("Shusha", 91.0, 46.0, "exact", "lat"),
    ("Shusha", 40.0, float("nan"), "exact", "lon"),
    ("Shusha", 40.0, 46.0, "roughly", "precision"),
])
def test_a_bad_override_is_refused(store, query, lat, lon, precision, column):
    with pytest.raises(EditRefusedError) as caught:
        store.places.set(EDITOR, query, lat, lon, precision=precision)
    assert [p.column for p in caught.value.problems] == [column]
    assert store.places.entries() == {}


def test_a_viewer_cannot_save_or_remove_a_point(store):
    store.places.set(EDITOR, "Shusha", 39.76, 46.75)
    with pytest.raises(PermissionDeniedError):
        store.places.set(VIEWER, "Shusha", 1.0, 1.0)
    with pytest.raises(PermissionDeniedError):
        store.places.remove(VIEWER, "Shusha")
    assert store.places.get("shusha").lat == 39.76


def test_a_point_changed_in_another_session_is_not_overwritten(store):
    shown = store.places.set(EDITOR, "Shusha", 39.76, 46.75)
    store.places.set(OTHER_EDITOR, "Shusha", 39.70, 46.70, expected=shown)
    with pytest.raises(ConflictError, match="changed in another session"):
        store.places.set(EDITOR, "Shusha", 1.0, 1.0, expected=shown)
    with pytest.raises(ConflictError):
        store.places.remove(EDITOR, "Shusha", expected=shown)
    assert store.places.get("Shusha").lat == 39.70
    assert store.places.remove(EDITOR, "Shusha") is True
    assert store.places.remove(EDITOR, "Shusha") is False


def test_control_changes_read_back_as_the_file_gives_them(store):
    path = PROJECT_ROOT / "control_changes.csv"
    assert store.import_control_changes(EDITOR, path) == len(load_control_changes(path).changes)
    stored = store.control_changes()
    expected = load_control_changes(path)
    assert stored.errors == ()
    key = lambda change: (change.date, change.change_id)  # noqa: E731
    assert sorted(stored.changes, key=key) == sorted(expected.changes, key=key)
    stamp = store.control_stamp()
    assert stamp[0] == len(expected.changes)
    assert store.import_control_changes(EDITOR, path) == len(expected.changes)  # again: replaced, not doubled
    assert len(store.control_changes().changes) == len(expected.changes)
    assert store.control_stamp()[0] == stamp[0]
    assert store.control_stamp()[1] > stamp[1], "recorded again: the dashboard reads them again"


def test_an_empty_store_has_no_control_and_an_empty_stamp(store):
    assert (store.control_stamp(), store.control_changes().changes) == ((0, ""), ())


def test_a_control_file_with_a_bad_row_imports_nothing(store, tmp_path):
    text = (PROJECT_ROOT / "control_changes.csv").read_text(encoding="utf-8")
    header, first, *rest = text.splitlines()
    bad = tmp_path / "control.csv"
    bad.write_text("\n".join([header, first.replace("2020-09-27", "someday", 1), *rest]) + "\n", encoding="utf-8")
    with pytest.raises(EditRefusedError, match="nothing was imported") as caught:
        store.import_control_changes(EDITOR, bad)
    assert caught.value.problems[0].line == 2
    assert store.control_changes().changes == ()
    with pytest.raises(PermissionDeniedError):
        store.import_control_changes(VIEWER, PROJECT_ROOT / "control_changes.csv")


def test_overrides_and_edits_meet(store):
    store.places.set(EDITOR, "Nowhere-on-earth", 40.1, 46.2)
    store._geocoder = store.places  # the team chain starts with the store's overrides
    revision = store.propose(EDITOR, values=event_values(location="Nowhere-on-earth", latitude="", longitude=""),
                             base_number=None, reason="new")
    assert (revision.values["latitude"], revision.values["geo_source"]) == ("40.1", "override")


def test_the_default_geocoder_starts_with_the_stores_overrides(store_url, store, tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTMAP_STATE_DIR", str(tmp_path))
    monkeypatch.setenv("EVENTMAP_OVERRIDES", str(tmp_path / "no-overrides.csv"))
    store.places.set(EDITOR, "Nowhere-on-earth", 40.1, 46.2)
    default = open_store(store_url)
    try:
        revision = default.propose(EDITOR, values=event_values(location="Nowhere-on-earth", latitude="",
                                                               longitude=""), base_number=None, reason="new")
    finally:
        default.close()
    assert (revision.values["latitude"], revision.values["geo_source"]) == ("40.1", "override")
