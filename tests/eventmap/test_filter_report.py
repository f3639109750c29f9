"""How many events each filter hides, what loosening one would show, and filters fitted to new data."""

from __future__ import annotations

from datetime import date

import pytest

from eventmap.filter_fit import date_range_text, fit_filters, fit_notice
from eventmap.filter_report import FilterPart, hidden_report, hidden_text, loosen_text
from eventmap.filtering import Filters, SourceFilter, apply_filters
from eventmap.urlstate import ViewState, from_query, to_query
from tests.eventframes import events_frame


@pytest.fixture
def frame():
    return events_frame([
        {"date": "2022-09-13", "side": "Armenia", "location": "Goris"},
        {"date": "2022-09-13", "side": "Azerbaijan", "location": "Shusha", "sources": ""},
        {"date": "2022-09-14", "side": "Azerbaijan", "location": "Jermuk", "sources": " ; "},
        {"date": "2022-09-15", "side": "Azerbaijan", "location": "Vardenis", "fatalities": 3},
        {"date": "2022-09-15", "side": "Artsakh", "location": "Stepanakert"},
    ], event_id=lambda i: f"E{i}")


def test_each_filter_counts_what_it_excludes_on_its_own(frame):
    filters = Filters(date_from=date(2022, 9, 14), sides=("Azerbaijan",))
    report = hidden_report(frame, filters)
    assert (report.total, report.shown, report.hidden) == (5, 2, 3)
    assert report.by_part == ((FilterPart.DATES, 2), (FilterPart.SIDES, 2))
    assert hidden_text(report, lang="en") == "3 of 5 events hidden: 2 by date, 2 by side"
    assert loosen_text(report, lang="en") == ""
    assert report.shown == len(apply_filters(frame, filters))


def test_nothing_hidden_says_nothing(frame):
    assert hidden_text(hidden_report(frame, Filters()), lang="en") == ""


def test_when_nothing_matches_each_filter_says_what_loosening_it_would_show(frame):
    report = hidden_report(frame, Filters(sides=("Armenia",), places=("Shusha", "Jermuk"), min_fatalities=1))
    assert report.shown == 0
    assert dict(report.if_loosened) == {FilterPart.SIDES: 0, FilterPart.PLACES: 0, FilterPart.MIN_FATALITIES: 0}
    report = hidden_report(frame, Filters(sides=("Armenia",), places=("Shusha",)))
    assert loosen_text(report, lang="en") == ("No event matches these filters. Loosen one: Side (1 would show); "
                                              "Place (1 would show).")
    assert loosen_text(report, lang="ar").startswith("لا حدث")


@pytest.mark.parametrize(("choice", "ids"), [
    (SourceFilter.ANY, ["E0", "E1", "E2", "E3", "E4"]),
    (SourceFilter.WITH, ["E0", "E3", "E4"]),
    (SourceFilter.WITHOUT, ["E1", "E2"]),
])
def test_the_sources_filter(frame, choice, ids):
    assert apply_filters(frame, Filters(sources=choice))["event_id"].tolist() == ids


def test_the_sources_filter_is_in_the_link():
    state = ViewState(filters=Filters(sources=SourceFilter.WITHOUT))
    assert to_query(state)["sources"] == "without"
    assert from_query(to_query(state)).filters.sources is SourceFilter.WITHOUT
    assert "sources" not in to_query(ViewState())
    assert from_query({"sources": "maybe"}).ignored == ("sources=maybe",)


def test_filters_that_fit_the_new_data_are_kept_and_the_others_reset(frame):
    old = Filters(date_from=date(2020, 10, 1), date_to=date(2020, 10, 5), sides=("Artsakh", "Gone"),
                  places=("Jabrayil",), text="drone", min_fatalities=50, sources=SourceFilter.WITHOUT)
    fitted = fit_filters(old, frame)
    assert fitted.filters == Filters(sides=("Artsakh",), sources=SourceFilter.WITHOUT)
    assert fitted.reset == (FilterPart.DATES, FilterPart.SIDES, FilterPart.PLACES, FilterPart.TEXT,
                            FilterPart.MIN_FATALITIES)
    assert fit_notice(fitted, lang="en") == ("Filters reset to the new data: 13–15 Sep 2022, Side: Artsakh, "
                                             "all places, no text search, any number of fatalities")


def test_a_date_range_that_overlaps_the_new_data_is_kept(frame):
    kept = Filters(date_from=date(2022, 9, 1), date_to=date(2022, 9, 13))
    assert fit_filters(kept, frame).filters == kept
    assert fit_notice(fit_filters(kept, frame), lang="en") == ""


@pytest.mark.parametrize(("first", "last", "text"), [
    (date(2022, 9, 13), date(2022, 9, 15), "13–15 Sep 2022"),
    (date(2022, 9, 28), date(2022, 10, 2), "28 Sep – 2 Oct 2022"),
    (date(2021, 12, 30), date(2022, 1, 2), "30 Dec 2021 – 2 Jan 2022"),
    (date(2022, 9, 13), date(2022, 9, 13), "13 Sep 2022"),
])
def test_date_ranges_in_words(first, last, text):
    assert date_range_text(first, last, lang="en") == text


@pytest.mark.parametrize(("lang", "mark"), [("en", "no source given"), ("ar", "لم يُذكر مصدر")])
def test_an_event_without_a_source_is_marked_on_its_card_and_popup(frame, lang, mark):
    from eventmap.mapping import event_card_html, event_payload
    from geo.naming import Naming

    rows = frame.to_dict("records")
    assert mark in event_card_html(rows[1], naming=Naming.EN, lang=lang)
    assert mark not in event_card_html(rows[0], naming=Naming.EN, lang=lang)
    payload = event_payload(frame, naming=Naming.EN, lang=lang, colours={})
    assert payload["strings"]["noSource"] == mark
