from datetime import date

import pandas as pd
import pytest

from eventmap.filtering import Filters, apply_filters, date_bounds, describe_filters


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": ["a", "b", "c", "d"],
            "date": pd.to_datetime(["2020-10-01", "2020-10-08", "2020-10-08", "2020-10-20"]),
            "side": ["Azerbaijan", "Armenia", "Artsakh", "Azerbaijan"],
            "event_type": ["Battles", "Explosions/Remote violence", "Explosions/Remote violence", "Battles"],
            "sub_event_type": ["Armed clash", "Air/drone strike", "Shelling/artillery/missile attack", "Armed clash"],
            "status": ["confirmed", "claimed", "disputed", "denied"],
            "verification": ["multi-source", "single-source", "multi-source", "unverified"],
            "location": ["Jabrayil", "Barda", "Shusha", "Jabrayil"],
            "description": ["Clash near town", "Rocket on a restaurant", "Cathedral hit", "Capture announced"],
            "description_original": ["", "", "كاتدرائية", ""],
            "description_ar": ["", "صاروخ على مطعم", "", ""],
            "actor": ["Azerbaijani Armed Forces", "Armenian forces", "Artsakh Defence Army", "Azerbaijani president"],
            "fatalities": pd.array([None, 0, 3, 20], dtype="Int64"),
        }
    )


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), ["a", "b", "c", "d"]),
        (Filters(date_from=date(2020, 10, 8)), ["b", "c", "d"]),
        (Filters(date_to=date(2020, 10, 8)), ["a", "b", "c"]),
        (Filters(date_from=date(2020, 10, 8), date_to=date(2020, 10, 8)), ["b", "c"]),
        (Filters(sides=("Azerbaijan",)), ["a", "d"]),
        (Filters(sides=("Armenia", "Artsakh")), ["b", "c"]),
        (Filters(event_types=("Battles",)), ["a", "d"]),
        (Filters(sub_event_types=("Air/drone strike",)), ["b"]),
        (Filters(statuses=("disputed", "denied")), ["c", "d"]),
        (Filters(verifications=("multi-source",)), ["a", "c"]),
        (Filters(places=("Jabrayil",)), ["a", "d"]),
        (Filters(text="ROCKET"), ["b"]),
        (Filters(text="كاتدرائية"), ["c"]),
        (Filters(text="مطعم"), ["b"]),  # the Arabic description is searched too
        (Filters(text="azerbaijani capture"), ["d"]),
        (Filters(min_fatalities=3), ["c", "d"]),
        (Filters(sides=("Azerbaijan",), date_from=date(2020, 10, 2)), ["d"]),
        (Filters(sides=("Russia",)), []),
    ],
)
def test_apply_filters_keeps_the_matching_rows(frame, filters, expected):
    assert apply_filters(frame, filters)["event_id"].tolist() == expected


def test_date_bounds(frame):
    assert date_bounds(frame) == (date(2020, 10, 1), date(2020, 10, 20))
    assert date_bounds(frame.iloc[0:0]) is None


@pytest.mark.parametrize(
    ("filters", "lang", "expected"),
    [
        (Filters(), "en", "No filters: all events"),
        (Filters(sides=("Armenia",), statuses=("disputed",)), "en", "Side: Armenia; Status: disputed"),
        (Filters(date_from=date(2020, 10, 8), date_to=date(2020, 10, 9)), "en", "Dates: 2020-10-08 – 2020-10-09"),
        (Filters(min_fatalities=5), "ar", "عدد القتلى على الأقل: 5"),
    ],
)
def test_describe_filters_in_words(filters, lang, expected):
    assert describe_filters(filters, lang) == expected


def test_text_search_answers_for_each_frame_not_for_a_cached_one(frame):
    assert apply_filters(frame, Filters(text="rocket"))["event_id"].tolist() == ["b"]
    for _ in range(3):  # new frames, possibly at a reused address: each is searched itself
        other = frame.assign(description=["Rocket", "Clash", "Clash", "Clash"])
        assert apply_filters(other, Filters(text="rocket"))["event_id"].tolist() == ["a"]
        del other
    assert apply_filters(frame, Filters(text="rocket"))["event_id"].tolist() == ["b"]
