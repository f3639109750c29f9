from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventmap.filtering import Filters
from eventmap.scene import Lang
from eventmap.urlstate import PARAMETERS, ViewState, from_query, query_differs, to_query
from geo.naming import Naming

FULL = ViewState(
    filters=Filters(
        date_from=date(2020, 10, 4),
        date_to=date(2020, 10, 10),
        sides=("Azerbaijan", "Artsakh"),
        event_types=("Battles",),
        sub_event_types=("Armed clash",),
        statuses=("claimed", "disputed"),
        verifications=("multi-source",),
        places=("Jabrayil", "Shusha"),
        text="tank & D-20",
        min_fatalities=2,
    ),
    center=(39.39917, 47.0284),
    zoom=9,
    naming=Naming.BOTH,
    lang=Lang.AR,
    basemap="osm",
    present=True,
    selected_event="NK-2020-10-04-001-jabrayil",
)


def test_the_default_view_has_no_parameters():
    assert to_query(ViewState()) == {}
    assert from_query({}) == ViewState()


def test_every_part_of_the_view_survives_a_round_trip():
    query = to_query(FULL)
    assert set(query) <= set(PARAMETERS)
    assert from_query(query) == FULL


def test_multi_valued_filters_are_repeated_parameters():
    query = to_query(FULL)
    assert query["side"] == ["Azerbaijan", "Artsakh"]
    assert query["from"] == "2020-10-04"
    assert query["lat"] == "39.39917"
    assert query["present"] == "1"


def test_a_single_string_is_read_like_a_one_element_list():
    state = from_query({"side": "Armenia", "status": ["denied"]})
    assert state.filters.sides == ("Armenia",)
    assert state.filters.statuses == ("denied",)


@pytest.mark.parametrize(
    ("params", "expected", "ignored"),
    [
        ({"from": "yesterday"}, ViewState(), ("from",)),
        ({"from": "2020-13-40"}, ViewState(), ("from",)),
        ({"zoom": "99"}, ViewState(), ("zoom",)),
        ({"zoom": "-1"}, ViewState(), ("zoom",)),
        ({"zoom": "nine"}, ViewState(), ("zoom",)),
        ({"zoom": "7.0"}, ViewState(zoom=7), ()),
        ({"lat": "91", "lon": "46"}, ViewState(), ("lat", "lon")),
        ({"lat": "nan", "lon": "inf"}, ViewState(), ("lat", "lon")),
        ({"lat": "39.8"}, ViewState(), ("lat",)),
        ({"min_fatalities": "-3"}, ViewState(), ("min_fatalities",)),
        ({"min_fatalities": "1e400"}, ViewState(), ("min_fatalities",)),
        ({"min_fatalities": "9" * 40}, ViewState(), ("min_fatalities",)),
        ({"naming": "klingon"}, ViewState(), ("naming",)),
        ({"naming": "HY"}, ViewState(naming=Naming.HY), ()),
        ({"lang": "xx"}, ViewState(), ("lang",)),
        ({"basemap": "<script>"}, ViewState(), ("basemap",)),
        ({"present": "maybe"}, ViewState(), ("present",)),
        ({"present": ""}, ViewState(present=True), ()),
        ({"present": "0"}, ViewState(), ()),
        ({"side": ["", "  "]}, ViewState(), ()),
        ({"side": ["Armenia", "Armenia"]}, ViewState(filters=Filters(sides=("Armenia",))), ()),
        ({"utm_source": "mail", "tab": "x"}, ViewState(), ()),
    ],
)
def test_garbage_is_dropped_and_named(params, expected, ignored):
    state = from_query(params)
    assert state == expected
    assert tuple(item.split("=")[0] for item in state.ignored) == ignored


def test_reversed_dates_are_swapped():
    state = from_query({"from": "2020-10-10", "to": "2020-10-04"})
    assert (state.filters.date_from, state.filters.date_to) == (date(2020, 10, 4), date(2020, 10, 10))


def test_the_offered_choices_decide_what_is_accepted():
    assert from_query({"basemap": "satellite"}, basemaps=("offline", "satellite")).basemap == "satellite"
    assert from_query({"lang": "ar"}, langs=("en",)).lang is Lang.EN


@pytest.mark.parametrize(("params", "naming", "lang"), [
    ({}, Naming.EN, Lang.EN),
    ({"naming": "az", "lang": "ar"}, Naming.AZ, Lang.AR),
    ({"lang": "xx"}, Naming.EN, Lang.EN),
])
def test_naming_and_language_leave_as_enums(params, naming, lang):
    """Read once, here: the layers below get `Naming` and `Lang`, never a string to parse again."""
    state = from_query(params)
    assert state.naming is naming
    assert state.lang is lang
    assert from_query(to_query(state)) == state


def test_overlong_text_is_cut():
    state = from_query({"q": "x" * 5000})
    assert len(state.filters.text) == 200
    assert state.ignored


@pytest.mark.parametrize(
    ("current", "wanted", "differs"),
    [
        ({}, {}, False),
        ({"side": ["A"]}, {"side": ["A"]}, False),
        ({"side": "A"}, {"side": ["A"]}, False),
        ({"side": ["A", "B"]}, {"side": ["B", "A"]}, True),
        ({"zoom": "8"}, {"zoom": "9"}, True),
        ({"zoom": "8", "utm": "x"}, {"zoom": "8"}, False),
        ({"zoom": "8"}, {}, True),
    ],
)
def test_query_differs_looks_only_at_our_parameters(current, wanted, differs):
    assert query_differs(current, wanted) is differs


@given(st.dictionaries(st.sampled_from([*PARAMETERS, "other"]), st.lists(st.text(max_size=30), max_size=3)))
def test_any_query_gives_a_view_that_round_trips(params):
    state = from_query(params)
    again = from_query(to_query(state))
    assert again.filters == state.filters
    assert (again.zoom, again.naming, again.lang, again.basemap, again.present) == (
        state.zoom, state.naming, state.lang, state.basemap, state.present)


@pytest.mark.parametrize(
    ("params", "naming", "query_naming"),
    [
        ({"lang": ["ar"]}, "ar", None),  # Arabic shows Arabic names unless the link says otherwise
        ({"lang": ["ru"]}, "ru", None),
        ({"lang": ["ar"], "naming": ["en"]}, "en", ["en"]),  # a naming picked in Arabic is kept in the link
        ({"lang": ["ru"], "naming": ["both"]}, "both", ["both"]),
        ({}, "en", None),
        ({"naming": ["ar"]}, "ar", ["ar"]),
    ],
)
def test_a_language_brings_its_own_place_names_by_default(params, naming, query_naming):
    state = from_query(params)
    assert state.naming == naming
    query = to_query(state)
    assert query.get("naming") == (query_naming[0] if query_naming else None)
    assert from_query({k: v if isinstance(v, list) else [v] for k, v in query.items()}) == state
