"""A map view's events computed in SQL equal the same filters applied to the whole published frame."""

from __future__ import annotations

from datetime import date

import pytest
from eventframes import PROJECT_ROOT
from storekit import ADMIN

from store.api import InvalidQueryError, ViewQuery

pytestmark = pytest.mark.postgres


def _naive(frame, view: ViewQuery):
    keep = frame["event_id"].notna()
    if view.date_from:
        keep &= frame["date"] >= str(view.date_from)
    if view.date_to:
        keep &= frame["date"] <= str(view.date_to)
    if view.sides:
        keep &= frame["side"].isin(view.sides)
    if view.event_types:
        keep &= frame["event_type"].isin(view.event_types)
    if view.statuses:
        keep &= frame["status"].isin(view.statuses)
    if view.bbox:
        south, west, north, east = view.bbox
        keep &= frame["latitude"].between(south, north) & frame["longitude"].between(west, east)
    if view.text:
        columns = ("description", "location", "actor", "target", "notes")
        keep &= frame[list(columns)].apply(lambda c: c.str.lower().str.contains(view.text.lower(), regex=False)).any(
            axis=1)
    return sorted(frame.loc[keep, "event_id"])


VIEWS = [
    ViewQuery(),
    ViewQuery(date_from=date(2020, 10, 1), date_to=date(2020, 10, 15)),
    ViewQuery(sides=("Azerbaijan",)),
    ViewQuery(sides=("Armenia", "Artsakh")),
    ViewQuery(event_types=("Battles",), statuses=("claimed", "confirmed")),
    ViewQuery(bbox=(39.5, 46.5, 40.0, 47.0)),
    ViewQuery(bbox=(39.5, 46.5, 40.0, 47.0), date_from=date(2020, 10, 1), sides=("Azerbaijan",)),
    ViewQuery(text="shusha"),
    ViewQuery(text="cathedral", statuses=("confirmed",)),
]


@pytest.fixture
def seeded(store):
    store.seed(ADMIN, PROJECT_ROOT / "events.csv")
    return store


def test_each_view_equals_the_naive_filter(seeded):
    frame = seeded.published_events()
    for view in VIEWS:
        assert sorted(seeded.query(view)["event_id"]) == _naive(frame, view), view
    assert len({len(seeded.query(view)) for view in VIEWS}) > 3  # the views differ


def test_a_limit_keeps_the_first_events_by_date(seeded):
    frame = seeded.published_events()
    assert seeded.query(ViewQuery(limit=5))["event_id"].tolist() == frame["event_id"].head(5).tolist()
    assert seeded.query(ViewQuery(limit=0)).empty


@pytest.mark.parametrize(("view", "words"), [
    (ViewQuery(bbox=(41.0, 46.0, 40.0, 47.0)), "south <= north"),
    (ViewQuery(bbox=(40.0, 46.0, float("nan"), 47.0)), "finite"),
    (ViewQuery(limit=-1), "0 or more"),
])
def test_an_impossible_view_is_refused(seeded, view, words):
    with pytest.raises(InvalidQueryError, match=words):
        seeded.query(view)
