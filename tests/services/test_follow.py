"""What the view does when the data changes: fitted filters, the map's view, the selected event, the notice."""

from __future__ import annotations

from datetime import date

import pytest

from eventmap.filter_report import FilterPart
from eventmap.filtering import Filters, SourceFilter
from eventmap.scene import Lang
from services.follow import DatesChange, plan_follow


@pytest.fixture
def new_data(make_events):
    return make_events({"event_id": "kharkiv-1", "date": "2022-09-13", "side": "Ukraine"},
                       {"event_id": "kharkiv-2", "date": "2022-09-15", "side": "Russia"})


@pytest.mark.parametrize(("current", "seen_before", "dates"), [
    (Filters(), False, DatesChange.KEEP),  # a first run with no date filter: nothing to do
    (Filters(), True, DatesChange.CLEAR),  # the whole old data is the whole new data
    (Filters(date_from=date(2020, 10, 1), date_to=date(2020, 10, 9)), False, DatesChange.CLEAR),  # outside
    (Filters(date_from=date(2022, 9, 14), date_to=date(2022, 9, 15)), False, DatesChange.KEEP),  # fits
    (Filters(date_from=date(2022, 9, 14), date_to=date(2022, 9, 15)), True, DatesChange.SET),
])
def test_the_date_range_follows(new_data, current, seen_before, dates) -> None:
    plan = plan_follow(new_data, current=current, seen_before=seen_before, selected=None, lang=Lang.EN)
    assert plan.dates is dates
    assert plan.forget_view is seen_before


def test_filters_the_data_lacks_are_reset_and_said(new_data) -> None:
    current = Filters(sides=("Armenia", "Ukraine"), text="no such words", sources=SourceFilter.WITH)
    plan = plan_follow(new_data, current=current, seen_before=True, selected=None, lang=Lang.EN)
    assert plan.filters.sides == ("Ukraine",)
    assert plan.filters.text == ""
    assert set(plan.changed) >= {FilterPart.SIDES, FilterPart.TEXT}
    assert FilterPart.DATES not in plan.changed
    assert plan.notice


def test_nothing_to_reset_says_nothing(new_data) -> None:
    plan = plan_follow(new_data, current=Filters(sides=("Russia",)), seen_before=False, selected=None,
                       lang=Lang.AR)
    assert (plan.changed, plan.notice, plan.forget_view) == ((), "", False)


@pytest.mark.parametrize(("selected", "seen_before", "drop"), [
    ("kharkiv-2", True, False), ("NK-2020-001", True, True), ("NK-2020-001", False, False), (None, True, False),
])
def test_a_selected_event_the_new_data_lacks_is_let_go(new_data, selected, seen_before, drop) -> None:
    plan = plan_follow(new_data, current=Filters(), seen_before=seen_before, selected=selected, lang=Lang.EN)
    assert plan.drop_selected is drop
